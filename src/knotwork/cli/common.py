"""What every command shares: the consoles, loading the knowledge base, JSON out."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console

from knotwork.core.kb import KBError, KnowledgeBase
from knotwork.core.kbcache import load_compiled

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _kb(ctx: click.Context) -> KnowledgeBase:
    """Load the knowledge base once per command (a compiled copy when one is cached),
    turning data problems into a clean exit."""
    root = ctx.find_root().params.get("kb_dir")
    try:
        return load_compiled(root)
    except KBError as exc:
        err_console.print(f"[bold red]The knowledge base has {len(exc.problems)} problem(s):[/]")
        for problem in exc.problems:
            err_console.print(f"  {problem}", markup=False, soft_wrap=True)
        ctx.exit(2)
        raise  # unreachable: ctx.exit raises


def _text(value: str) -> str:
    """An argument as text: bytes that were not UTF-8 become U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
