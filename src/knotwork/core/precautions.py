"""Precautions: health matters that are not red flags but change how to press.

Each is asked once, in plain words, and is optional. A technique names the precautions
that change it (``SelfTreatment.precautions``); those marked ``everywhere`` change every
technique by their own default. What a face shows for one technique comes from
:func:`precautions_for`, so the finder, the routine and every printout say the same.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from knotwork.core.kb import KnowledgeBase
from knotwork.core.schema import (
    Change,
    Precaution,
    PrecautionScope,
    SelfTreatment,
    TriggerPoint,
)

__all__ = [
    "AppliedPrecaution",
    "danger_applies",
    "precautions_for",
    "read_precautions",
]


@dataclass(frozen=True)
class AppliedPrecaution:
    """One precaution as it changes one technique."""

    id: str
    label: str
    change: Change
    say: str
    specific: bool
    """True when the technique itself names it (its danger area or tool), False when it is
    an ``everywhere`` precaution's default: the faces show the specific ones on every card
    and the general ones once per page."""
    chosen: bool
    """The person said this applies to them."""


def read_precautions(kb: KnowledgeBase, ids: Collection[str]) -> tuple[str, ...]:
    """Known precaution ids from a form or an address, in the order they are asked; the
    rest (typos, old links) are dropped here and counted by the caller if it needs to."""
    wanted = set(ids)
    return tuple(pid for pid in kb.precautions if pid in wanted)


def _inside(kb: KnowledgeBase, key: str, areas: Collection[str]) -> bool:
    seen: set[str] = set()
    current: str | None = key
    while current is not None and current not in seen:
        if current in areas:
            return True
        seen.add(current)
        entry = kb.region_entries.get(current)
        current = entry.parent if entry is not None else None
    return False


def _scope_applies(
    kb: KnowledgeBase, scope: PrecautionScope, point: TriggerPoint, technique: SelfTreatment
) -> bool:
    if scope.regions and not _inside(kb, point.location_region, scope.regions):
        return False
    if scope.tools and not set(scope.tools) & set(technique.tools):
        return False
    if scope.postures and technique.posture not in scope.postures:
        return False
    return bool(scope.regions or scope.tools or scope.postures)


def danger_applies(
    kb: KnowledgeBase, precaution: Precaution, point: TriggerPoint, technique: SelfTreatment
) -> bool:
    """Whether this technique on this trigger point is over one of the precaution's danger
    areas (so it must name the precaution)."""
    return any(_scope_applies(kb, s, point, technique) for s in precaution.danger)


def _default_here(
    kb: KnowledgeBase, precaution: Precaution, point: TriggerPoint, technique: SelfTreatment
) -> str:
    for scope in precaution.danger:
        if scope.default is not None and _scope_applies(kb, scope, point, technique):
            return scope.default.say
    return precaution.default.say


def precautions_for(
    kb: KnowledgeBase,
    point: TriggerPoint,
    technique: SelfTreatment,
    chosen: Collection[str] = (),
) -> list[AppliedPrecaution]:
    """The precautions that change ``technique`` on ``point``, in the order they are asked:
    those it names, in its own words or else the words for its danger area, and every
    ``everywhere`` one."""
    named = {p.precaution: p for p in technique.precautions}
    out: list[AppliedPrecaution] = []
    for pid, precaution in kb.precautions.items():
        own = named.get(pid)
        if own is not None:
            out.append(
                AppliedPrecaution(
                    pid,
                    precaution.label,
                    own.change,
                    own.say or _default_here(kb, precaution, point, technique),
                    True,
                    pid in chosen,
                )
            )
        elif precaution.everywhere:
            out.append(
                AppliedPrecaution(
                    pid,
                    precaution.label,
                    precaution.default.change,
                    precaution.default.say,
                    False,
                    pid in chosen,
                )
            )
    return out
