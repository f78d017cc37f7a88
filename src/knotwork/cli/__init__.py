"""The command-line face of Knotwork: a thin Click + Rich layer over ``knotwork.core``.

One module per command group; each is imported only when its command runs, so
``knotwork --version`` starts without loading the core.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

_COMMANDS = {
    "find": ("knotwork.cli.find", "find_command"),
    "spots": ("knotwork.cli.browse", "spots_command"),
    "regions": ("knotwork.cli.browse", "regions_command"),
    "show": ("knotwork.cli.browse", "show_command"),
    "ask": ("knotwork.cli.ask", "ask_command"),
    "serve": ("knotwork.cli.serve", "serve_command"),
    "kb": ("knotwork.cli.kb", "kb"),
    "diary": ("knotwork.cli.diary", "diary"),
}


class _LazyGroup(click.Group):
    """Commands imported on first use (``--help`` imports them all to list them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = _COMMANDS.get(cmd_name)
        if where is None:
            return None
        command = getattr(importlib.import_module(where[0]), where[1])
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--kb-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KNOTWORK_KB_DIR",
    help="Use the knowledge base in this folder instead of the shipped one.",
)
@click.version_option(package_name="knotwork")
def main(kb_dir: Path | None) -> None:
    """Knotwork: find the muscle knots behind your pain, and how to treat them yourself.

    Suggestions are hypotheses to explore, not diagnoses. Red-flag questions are
    checked first.
    """


if __name__ == "__main__":  # pragma: no cover
    main()
