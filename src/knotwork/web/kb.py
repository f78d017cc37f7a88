"""The knowledge base as the web app sees it: loaded once per process."""

from __future__ import annotations

import os

from knotwork.core.kb import KnowledgeBase, default_kb, load_kb

__all__ = ["get_kb"]


def get_kb() -> KnowledgeBase:
    """The shipped knowledge base, or the one in KNOTWORK_KB_DIR."""
    root = os.environ.get("KNOTWORK_KB_DIR")
    if root:
        cached = _other.get(root)
        if cached is None:
            cached = _other[root] = load_kb(root)
        return cached
    return default_kb()


_other: dict[str, KnowledgeBase] = {}
