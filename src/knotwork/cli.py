"""The command-line face of Knotwork: a thin Click + Rich layer over ``knotwork.core``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from knotwork.core.kb import KBError, KnowledgeBase, default_kb, load_kb

console = Console()
err_console = Console(stderr=True)


def _kb(ctx: click.Context) -> KnowledgeBase:
    """Load the knowledge base once per command, turning data problems into a clean exit."""
    root = ctx.find_root().params.get("kb_dir")
    try:
        return load_kb(root) if root else default_kb()
    except KBError as exc:
        err_console.print(f"[bold red]The knowledge base has {len(exc.problems)} problem(s):[/]")
        for problem in exc.problems:
            err_console.print(f"  {problem}", markup=False, highlight=False, soft_wrap=True)
        ctx.exit(2)
        raise  # unreachable: ctx.exit raises


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@main.group()
def kb() -> None:
    """Check and inspect the knowledge base."""


@kb.command("check")
@click.pass_context
def kb_check(ctx: click.Context) -> None:
    """Validate every file and cross-check every reference."""
    base = _kb(ctx)
    console.print(
        f"[green]Knowledge base OK[/]: {len(base.muscles)} muscles, "
        f"{len(base.trigger_points)} trigger points, {len(base.regions)} regions, "
        f"{len(base.spots)} spots, {len(base.flags)} red flags, {len(base.sources)} sources."
    )


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    main()
