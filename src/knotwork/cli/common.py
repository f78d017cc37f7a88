"""What every command shares: the consoles, loading the knowledge base, JSON out."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from knotwork.core.kb import KBError, KnowledgeBase
from knotwork.core.kbcache import load_compiled


class _LazyConsole:
    """A Rich console made on first use: a command that only prints JSON never imports Rich
    (a tenth of its start-up)."""

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr, highlight=False)
        return getattr(self._console, name)


console = _LazyConsole()
err_console = _LazyConsole(stderr=True)


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
