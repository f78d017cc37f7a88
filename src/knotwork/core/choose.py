"""Helping a person choose between the finder's candidates: what sets the first apart from
the next, which of their answers would tell the two apart, and what every candidate shares
(said once, not on every card). Pure: it reads a :class:`FinderResult` and the knowledge
base; the faces put it into words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from knotwork.core.finder import Candidate, FinderResult, Reason
from knotwork.core.kb import KnowledgeBase

_DIRECT = frozenset({"essential", "local"})
_EXPLAINED = frozenset({"essential", "local", "spillover", "coarse", "near"})
MAX_QUESTIONS = 3


@dataclass(frozen=True)
class Telling:
    """An answer not given yet that fits one of two candidates and not the other."""

    kind: Literal["aggravator", "quality"]
    id: str
    label: str
    fits: Candidate
    not_fits: Candidate


@dataclass(frozen=True)
class Contrast:
    """The first candidate against the second."""

    first: Candidate
    second: Candidate
    only_first: tuple[str, ...]
    """Marked regions the first explains and the second does not."""
    only_second: tuple[str, ...]
    more_direct: bool
    """The first explains more of the marks by its main zone (or its own site)."""
    same_muscle: bool
    tellings: tuple[Telling, ...]


def contrast(kb: KnowledgeBase, result: FinderResult) -> Contrast | None:
    """How the first two candidates differ; None with fewer than two."""
    if len(result.candidates) < 2:
        return None
    first, second = result.candidates[0], result.candidates[1]
    report = result.report
    said_worse, said_feel = set(report.aggravators), set(report.qualities)
    tellings: list[Telling] = []
    pairs: list[
        tuple[Literal["aggravator", "quality"], dict[str, str], set[str], set[str], set[str]]
    ] = [
        (
            "aggravator",
            {k: t.label for k, t in kb.aggravators.items()},
            said_worse,
            set(first.record.point.aggravators),
            set(second.record.point.aggravators),
        ),
        (
            "quality",
            {k: t.label for k, t in kb.qualities.items()},
            said_feel,
            set(first.record.point.qualities),
            set(second.record.point.qualities),
        ),
    ]
    for kind, labels, said, a, b in pairs:
        for term_id, label in labels.items():  # in the vocabulary's order
            if term_id in said or (term_id in a) == (term_id in b):
                continue
            fits, not_fits = (first, second) if term_id in a else (second, first)
            tellings.append(Telling(kind, term_id, label, fits, not_fits))
    return Contrast(
        first,
        second,
        tuple(r for r in _explained(first) if r not in _explained(second)),
        tuple(r for r in _explained(second) if r not in _explained(first)),
        _direct(first) > _direct(second),
        first.record.muscle.id == second.record.muscle.id,
        tuple(tellings[:MAX_QUESTIONS]),
    )


def _explained(c: Candidate) -> list[str]:
    return [r.region for r in c.reasons if r.kind in _EXPLAINED and r.region]


def _direct(c: Candidate) -> int:
    return sum(1 for r in c.reasons if r.kind in _DIRECT)


def shared_reasons(candidates: Sequence[Candidate]) -> tuple[str, ...]:
    """Reason sentences (not about a marked place) that every candidate gives, word for
    word: with two or more candidates, said once for the list instead of on each card."""
    if len(candidates) < 2:
        return ()
    texts = [[r.text for r in c.reasons if r.region is None] for c in candidates]
    common = set(texts[0]).intersection(*texts[1:])
    return tuple(t for t in texts[0] if t in common)


def same_muscle_groups(candidates: Sequence[Candidate]) -> dict[str, tuple[int, ...]]:
    """Muscle id -> the ranks of its trigger points, for muscles with more than one."""
    ranks: dict[str, list[int]] = {}
    for c in candidates:
        ranks.setdefault(c.record.muscle.id, []).append(c.rank)
    return {m: tuple(r) for m, r in ranks.items() if len(r) > 1}


def without(reasons: Sequence[Reason], texts: Sequence[str]) -> tuple[Reason, ...]:
    """``reasons`` less the ones whose sentence is in ``texts``."""
    drop = set(texts)
    return tuple(r for r in reasons if r.text not in drop)
