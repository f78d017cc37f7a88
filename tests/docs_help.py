"""The real ``--help`` of every CLI command, for cog to paste into docs/cli.md."""

from __future__ import annotations

import click
from click.testing import CliRunner

from knotwork.cli import main


def _paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            out += _paths(cmd, (*prefix, name))
        else:
            out.append((*prefix, name))
    return out


def all_help() -> str:
    """Markdown: one fenced block per command, its help at a fixed width."""
    runner = CliRunner()
    blocks = []
    for path in _paths(main):
        result = runner.invoke(main, [*path, "--help"], terminal_width=88, prog_name="knotwork")
        title = " ".join(("knotwork", *path))
        blocks.append(f"\n### `{title} --help`\n\n```\n{result.output.rstrip()}\n```\n")
    return "".join(blocks) + "\n"
