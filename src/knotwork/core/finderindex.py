"""What the finder works out once per knowledge base: for each trigger point and side, the
credit every region earns (:class:`FinderIndex`), and who refers pain where
(:func:`referrers`). The credits are the scoring constants of docs/finder.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from knotwork.core.kb import KnowledgeBase, Region, TriggerPointRecord
from knotwork.core.schema import Commonness

CandidateSide = Literal["left", "right", "both"]

ESSENTIAL = 1.0
LOCAL = 0.9
SPILLOVER = 0.5
COARSE = 0.6  # a marked region that contains part of the zone
WITHIN = 0.9  # a marked region inside a wider zone: a zone that names it fits better
NEAR = 0.5  # a marked region next to the zone
BOTH_SIDES_FACTOR = 0.95  # one trigger point on each side is less likely than one
COMMONNESS_PRIOR = {
    Commonness.very_common: 1.0,
    Commonness.common: 0.7,
    Commonness.occasional: 0.4,
    Commonness.uncommon: 0.2,
}
PREVALENCE_FULL_AT = 40.0  # percent of people with low back pain at which the prior is full


@dataclass(frozen=True)
class Credit:
    """How well one region is explained by one trigger point on one side."""

    value: float
    kind: str  # essential | local | spillover | coarse | near
    zone: str  # the zone region that gave the credit
    touched: frozenset[int]  # indices of essential-zone regions this mark covers


@dataclass
class _Instance:
    record: TriggerPointRecord
    side: CandidateSide
    essential: tuple[str, ...]
    credit: dict[str, Credit]


@dataclass
class FinderIndex:
    """Everything the finder precomputes from a knowledge base."""

    kb: KnowledgeBase
    instances: dict[str, dict[CandidateSide, _Instance]] = field(default_factory=dict)
    credits_by_region: dict[str, list[tuple[str, CandidateSide, Credit]]] = field(
        default_factory=dict
    )
    priors: dict[str, float] = field(default_factory=dict)
    """How common each trigger point is, from its commonness alone."""
    area_priors: dict[str, tuple[frozenset[str], float]] = field(default_factory=dict)
    """Where a prevalence study covers it: the body areas of the studied complaint, and
    the prior once that study weighs in."""

    def prior(self, ref: str, areas: Iterable[str]) -> float:
        """The prior of ``ref`` for a complaint in ``areas``: a study's figure counts only
        for the body areas it studied."""
        studied = self.area_priors.get(ref)
        if studied is not None and not studied[0].isdisjoint(areas):
            return studied[1]
        return self.priors[ref]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> FinderIndex:
        index = cls(kb)
        ancestors = {rid: _ancestors(kb.regions, rid) for rid in kb.regions}
        for ref, record in kb.trigger_points.items():
            sides: dict[CandidateSide, _Instance] = {}
            for side in ("left", "right"):
                sides[side] = _instance(kb, record, side, ancestors)
            sides["both"] = _instance(kb, record, "both", ancestors)
            index.instances[ref] = sides
            for side_name, inst in sides.items():
                for rid, credit in inst.credit.items():
                    index.credits_by_region.setdefault(rid, []).append((ref, side_name, credit))
            index.priors[ref] = COMMONNESS_PRIOR[record.point.commonness]
            prevalence = record.muscle.prevalence_lbp
            if prevalence is not None:
                index.area_priors[ref] = (frozenset(prevalence.areas), _prior(record))
        return index


def _ancestors(regions: dict[str, Region], rid: str) -> frozenset[str]:
    """The regions ``rid`` lies within: its parents, and what a midline region is
    ``within`` (with their parents): a coarse mark there covers it."""
    out: set[str] = set()
    todo = [p for p in (regions[rid].parent, *regions[rid].within) if p is not None]
    while todo:
        outer = todo.pop()
        if outer in out or outer not in regions:
            continue
        out.add(outer)
        todo.extend(p for p in (regions[outer].parent, *regions[outer].within) if p is not None)
    return frozenset(out)


def _instance(
    kb: KnowledgeBase,
    record: TriggerPointRecord,
    side: CandidateSide,
    ancestors: dict[str, frozenset[str]],
) -> _Instance:
    tp = record.point
    essential = tuple(
        dict.fromkeys(rid for ref in tp.referral.essential for rid in kb.zone_regions(ref, side))
    )
    spillover = tuple(
        dict.fromkeys(rid for ref in tp.referral.spillover for rid in kb.zone_regions(ref, side))
    )
    local = tuple(kb.zone_regions(tp.location_region, side))
    credit: dict[str, Credit] = {}
    for rid, region in kb.regions.items():
        best: Credit | None = None
        touched: set[int] = set()
        for weight, kind, zone in (
            (ESSENTIAL, "essential", essential),
            (LOCAL, "local", local),
            (SPILLOVER, "spillover", spillover),
        ):
            for i, z in enumerate(zone):
                if z == rid:
                    sim, how = 1.0, kind
                elif z in ancestors[rid]:
                    # "big toe" inside a "top of the foot" zone: it fits, but a zone that
                    # names the big toe itself fits better
                    sim, how = WITHIN, kind
                elif rid in ancestors[z]:
                    sim, how = COARSE, "coarse"
                elif z in region.near or rid in kb.regions[z].near:
                    sim, how = NEAR, "near"
                else:
                    continue
                if kind == "essential" and sim >= COARSE:
                    touched.add(i)
                value = sim * weight
                if best is None or value > best.value:
                    best = Credit(value, how, z, frozenset())
        if best is not None:
            credit[rid] = Credit(best.value, best.kind, best.zone, frozenset(touched))
    return _Instance(record, side, essential, credit)


def zone_regions(
    kb: KnowledgeBase, record: TriggerPointRecord, side: CandidateSide
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Concrete (essential, spillover, site) region ids of a trigger point on a side."""
    tp = record.point

    def expand(refs: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rid for ref in refs for rid in kb.zone_regions(ref, side)))

    return (
        expand(tp.referral.essential),
        expand(tp.referral.spillover),
        expand([tp.location_region]),
    )


@dataclass(frozen=True)
class Referrer:
    """A trigger point that can send pain to a region."""

    record: TriggerPointRecord
    side: CandidateSide
    kind: str  # essential | spillover | local


def referrers(kb: KnowledgeBase, region_id: str) -> list[Referrer]:
    """Trigger points whose zone (or site) covers ``region_id``, main zones first."""
    index = finder_index(kb)
    order = {"essential": 0, "local": 1, "spillover": 2}
    found: list[Referrer] = []
    side: CandidateSide
    for ref in sorted({ref for ref, _side, _credit in index.credits_by_region.get(region_id, ())}):
        for side in ("left", "right"):
            credit = index.instances[ref][side].credit.get(region_id)
            if credit is not None and credit.kind in order and credit.value >= SPILLOVER:
                found.append(Referrer(kb.trigger_points[ref], side, credit.kind))
                break
    area = (kb.regions[region_id].area,) if region_id in kb.regions else ()
    found.sort(key=lambda r: (order[r.kind], -index.prior(r.record.ref, area), r.record.ref))
    return found


def _prior(record: TriggerPointRecord) -> float:
    prior = COMMONNESS_PRIOR[record.point.commonness]
    prevalence = record.muscle.prevalence_lbp
    if prevalence is not None:
        middle = (prevalence.active_percent_low + prevalence.active_percent_high) / 2
        prior = 0.5 * prior + 0.5 * min(1.0, middle / PREVALENCE_FULL_AT)
    return prior


def finder_index(kb: KnowledgeBase) -> FinderIndex:
    """The finder index of ``kb``, built on first use and kept with it."""
    cached = kb.cache.get("finder_index")
    if isinstance(cached, FinderIndex):
        return cached
    index = FinderIndex.build(kb)
    kb.cache["finder_index"] = index
    return index
