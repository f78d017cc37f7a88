"""The core of Knotwork, pure Python: the knowledge base, the reader of people's words,
the safety triage and the finder. The faces (``knotwork.cli``, ``knotwork.web``) are thin
layers over these names::

    from knotwork.core import default_kb, find, interpret

    kb = default_kb()
    words = interpret(kb, pain=["right back dimple", "top of my right buttock"], none_apply=True)
    answer = find(kb, words.report)
    answer.triage.checked, [c.record.muscle.name for c in answer.candidates]

Names are imported on first use, so ``import knotwork.core`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "KnowledgeBase": "knotwork.core.kb",
    "KBError": "knotwork.core.kb",
    "KBProblem": "knotwork.core.kb",
    "load_kb": "knotwork.core.kb",
    "default_kb": "knotwork.core.kb",
    "PainReport": "knotwork.core.finder",
    "Interpretation": "knotwork.core.finder",
    "FinderResult": "knotwork.core.finder",
    "interpret": "knotwork.core.finder",
    "find": "knotwork.core.finder",
    "Triage": "knotwork.core.triage",
    "Level": "knotwork.core.triage",
    "triage": "knotwork.core.triage",
    "Reading": "knotwork.core.resolve",
    "InputLimitError": "knotwork.core.resolve",
}

__all__ = [
    "FinderResult",
    "InputLimitError",
    "Interpretation",
    "KBError",
    "KBProblem",
    "KnowledgeBase",
    "Level",
    "PainReport",
    "Reading",
    "Triage",
    "default_kb",
    "find",
    "interpret",
    "load_kb",
    "triage",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'knotwork.core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
