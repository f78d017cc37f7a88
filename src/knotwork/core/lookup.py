"""Finding a trigger point by what a person types in a search box: a muscle's name (or its
Latin name or a synonym, typing slips allowed), a trigger point's name, an id, or a
Perfect Spot's number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knotwork.core.kb import KnowledgeBase

MAX_QUERY_CHARS = 100
"""Longer search text is refused: every name is scored against it."""
GOOD_ENOUGH = 80
"""The lowest score (0-100, rapidfuzz's weighted ratio) that counts as a match."""
NEAR_THE_BEST = 5
"""Matches more than this far below the best are left out ("gluteus medius" is not the
gluteus maximus, though the names share a word)."""

_SPOT = re.compile(r"^(?:perfect\s+)?(?:spot\s*(?:no\.?\s*)?)?#?(\d{1,2})$")


@dataclass(frozen=True)
class PointMatch:
    ref: str
    muscle: str
    name: str
    score: float


class SearchError(ValueError):
    """Search text that cannot be looked up; the message says what is accepted."""


def find_points(kb: KnowledgeBase, text: str, limit: int = 8) -> list[PointMatch]:
    """The trigger points ``text`` names, best first (at most ``limit``)."""
    query = " ".join(text.lower().split())
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"search for at most {MAX_QUERY_CHARS} characters")
    if not query:
        return []
    if query in kb.trigger_points:
        return [_match(kb, query, 100.0)]
    spot = _SPOT.match(query)
    if spot:
        number = int(spot.group(1))
        if number in kb.spots:
            return [_match(kb, ref, 100.0) for ref in kb.spots[number].trigger_points][:limit]
        return []
    from rapidfuzz import fuzz, utils  # imported on the first search

    scored: list[PointMatch] = []
    for ref, record in kb.trigger_points.items():
        muscle = record.muscle
        names = [
            muscle.name,
            muscle.latin,
            *muscle.synonyms,
            record.point.name,
            f"{muscle.name} {record.point.name}",
        ]
        score = max(fuzz.WRatio(query, n, processor=utils.default_process) for n in names)
        if score >= GOOD_ENOUGH:
            scored.append(_match(kb, ref, score))
    scored.sort(key=lambda m: -m.score)  # stable: equals keep the knowledge base's order
    return [m for m in scored if m.score >= scored[0].score - NEAR_THE_BEST][:limit]


def _match(kb: KnowledgeBase, ref: str, score: float) -> PointMatch:
    record = kb.trigger_points[ref]
    return PointMatch(ref, record.muscle.name, record.point.name, score)
