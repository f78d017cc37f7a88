"""The finder: which trigger points could explain this person's pain, best first.

The model is described in docs/finder.md. In short, for each trigger point on
each side of the body we measure how much of the marked pain its referral zone
explains (``coverage``: essential zone counts fully, the trigger point's own site
a little less, spillover half), how much of its essential zone was marked
(``precision``), and adjust by how common it is and by how well the pain's
quality and aggravators fit. Several marked regions are explained *together*: a
trigger point that explains all of them beats one that explains one.

Results are deterministic and independent of the order of the input. What the person
said is read by :mod:`knotwork.core.report`, the per-knowledge-base credits are worked out
by :mod:`knotwork.core.finderindex`, and the answer's JSON shape is
:mod:`knotwork.core.answer`; this module scores and explains.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from knotwork.core.finderindex import (
    BOTH_SIDES_FACTOR,
    CandidateSide,
    Credit,
    FinderIndex,
    finder_index,
    referrers,
    zone_regions,
)
from knotwork.core.i18n import _
from knotwork.core.kb import KnowledgeBase, TriggerPointRecord
from knotwork.core.report import Chosen, Interpretation, Mark, PainReport, interpret
from knotwork.core.triage import Level, Triage, triage

DISCLAIMER = (
    "These are hypotheses to explore, not a diagnosis. Referral maps are expert "
    "descriptions with modest evidence behind them, and self-treatment helps some "
    "people for a while. See a clinician if pain is severe, getting worse, or not improving."
)


@dataclass(frozen=True)
class Reason:
    # essential | local | spillover | coarse | near | unexplained | prior | aggravator | quality
    kind: str
    text: str
    region: str | None = None


@dataclass(frozen=True)
class Candidate:
    rank: int
    record: TriggerPointRecord
    side: CandidateSide
    score: float
    coverage: float
    confidence: Literal["high", "medium", "low"]
    reasons: tuple[Reason, ...]
    companions: tuple[str, ...]


@dataclass(frozen=True)
class FinderResult:
    report: PainReport
    triage: Triage
    candidates: tuple[Candidate, ...]
    withheld: bool
    """True when candidates were held back because of an emergency."""


class _Scored(NamedTuple):  # a tuple: the finder makes a few dozen per answer
    score: float
    coverage: float
    direct: float
    side: CandidateSide
    credits: tuple[tuple[Mark, Credit | None], ...]


_DIRECT = frozenset({"essential", "local"})


def _choose_side(scored: dict[CandidateSide, _Scored]) -> _Scored:
    left, right, both = scored["left"], scored["right"], scored.get("both")
    single = max(left.score, right.score)
    if both is not None and both.score * BOTH_SIDES_FACTOR > single + 1e-9:
        score = both.score * BOTH_SIDES_FACTOR
        return _Scored(score, both.coverage, both.direct, "both", both.credits)
    if abs(left.score - right.score) <= 1e-9:
        # nothing tells the sides apart (midline pain): point at both
        return _Scored(left.score, left.coverage, left.direct, "both", left.credits)
    return left if left.score > right.score else right


def _confidence(s: _Scored) -> Literal["high", "medium", "low"]:
    if s.coverage >= 0.85 and s.direct >= 0.5:
        return "high"
    if s.coverage >= 0.5:
        return "medium"
    return "low"


def _fraction(given: Sequence[str], given_set: set[str], have: Iterable[str]) -> float | None:
    """The share of ``given`` (``given_set`` its set, made once per answer) in ``have``."""
    if not given:
        return None
    return len(given_set.intersection(have)) / len(given)


DEFAULT_LIMIT = 5
"""How many candidates the faces show unless asked for more."""


def find(kb: KnowledgeBase, report: PainReport, limit: int = DEFAULT_LIMIT) -> FinderResult:
    """Triage ``report`` and rank the trigger points that could explain it."""
    result_triage = triage(
        kb,
        report.flags,
        report.age,
        flags_no=report.flags_no,
        none_apply=report.none_apply,
        marks=[m.region for m in report.marks],
        ask_first=report.ask_first,
        unclear=report.unclear,
        qualities=report.qualities,
    )
    if result_triage.withhold_candidates or not report.marks:
        return FinderResult(report, result_triage, (), result_triage.withhold_candidates)
    index = finder_index(kb)
    weighted = [(mark, mark.weight) for mark in report.marks]
    total = sum(weight for _mark, weight in weighted)
    marked_sides = {kb.regions[m.region].side.value for m in report.marks}
    marked_areas = {kb.regions[m.region].area for m in report.marks}
    # with every mark on one side, one knot on each side can never fit better than one
    sides: tuple[CandidateSide, ...] = (
        ("left", "right")
        if len(marked_sides) == 1 and "midline" not in marked_sides
        else ("left", "right", "both")
    )
    # walk the inverted index once per mark: explained weight, directly explained
    # weight and touched essential regions, per trigger point and side
    acc: dict[str, dict[CandidateSide, list[Any]]] = {}
    for mark, weight in weighted:
        for ref, side, credit in index.credits_by_region.get(mark.region, ()):
            if side not in sides:
                continue
            per_side = acc.setdefault(ref, {})
            sums = per_side.get(side)
            if sums is None:
                sums = per_side[side] = [0.0, 0.0, set()]
            sums[0] += weight * credit.value
            if credit.kind in _DIRECT:
                sums[1] += weight
            if credit.touched:
                sums[2] |= credit.touched
    ranked: list[tuple[float, str, _Scored, float | None, float | None]] = []
    said_worse, said_feel = set(report.aggravators), set(report.qualities)
    for ref, per_side in acc.items():
        record = kb.trigger_points[ref]
        agg = _fraction(report.aggravators, said_worse, record.point.aggravators)
        qual = _fraction(report.qualities, said_feel, record.point.qualities)
        modifier = 0.7 + 0.3 * index.prior(ref, marked_areas)
        modifier *= 1.0 if agg is None else 0.85 + 0.15 * agg
        modifier *= 1.0 if qual is None else 0.92 + 0.08 * qual
        scored: dict[CandidateSide, _Scored] = {}
        for side in sides:
            sums = per_side.get(side)
            if sums is None:
                scored[side] = _Scored(0.0, 0.0, 0.0, side, ())
                continue
            coverage = sums[0] / total
            precision = len(sums[2]) / len(index.instances[ref][side].essential)
            score = 100 * coverage * (0.75 + 0.25 * precision) * modifier
            scored[side] = _Scored(score, coverage, sums[1] / total, side, ())
        best = _choose_side(scored)
        if best.coverage <= 0:
            continue
        ranked.append((round(best.score, 6), ref, best, agg, qual))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    candidates = []
    for i, (key, ref, best, agg, qual) in enumerate(ranked[:limit]):
        record = kb.trigger_points[ref]
        # the explanation, mark by mark, only for the candidates that are shown
        instance = index.instances[ref][best.side if best.side in sides else "left"]
        credits = tuple((m, instance.credit.get(m.region)) for m in report.marks)
        explained = _Scored(best.score, best.coverage, best.direct, best.side, credits)
        candidates.append(
            Candidate(
                rank=i + 1,
                record=record,
                side=best.side,
                # from the ranking key itself: two scores tied there show the same
                score=round(key, 1),
                coverage=round(best.coverage, 3),
                confidence=_confidence(best),
                reasons=_reasons(kb, record, explained, report, agg, qual),
                companions=tuple(record.point.companions),
            )
        )
    return FinderResult(report, result_triage, tuple(candidates), False)


def _reasons(
    kb: KnowledgeBase,
    record: TriggerPointRecord,
    scored: _Scored,
    report: PainReport,
    agg: float | None,
    qual: float | None,
) -> tuple[Reason, ...]:
    out: list[Reason] = []
    for mark, credit in scored.credits:
        label = kb.regions[mark.region].label
        if credit is None:
            text = _("{label} is not in this trigger point's referral zone.")
            out.append(Reason("unexplained", _cap(text.format(label=label)), mark.region))
            continue
        zone = kb.regions[credit.zone].label
        text = _zone_reason(credit.kind).format(label=label, zone=zone)
        out.append(Reason(credit.kind, text, mark.region))
    prevalence = record.muscle.prevalence_lbp
    marked_areas = {kb.regions[m.region].area for m in report.marks}
    if prevalence is not None and not marked_areas.isdisjoint(prevalence.areas):
        low, high = prevalence.active_percent_low, prevalence.active_percent_high
        span = f"{low:g}%" if low == high else f"{low:g}-{high:g}%"
        text = _("Active trigger points in {muscle} were found in {span} of {population}.")
        out.append(
            Reason(
                "prior",
                text.format(
                    muscle=record.muscle.name.lower(), span=span, population=prevalence.population
                ),
            )
        )
    else:
        words = _commonness_word(record.point.commonness.value)
        text = _("Clinicians describe this trigger point as {commonness}.")
        out.append(Reason("prior", text.format(commonness=words)))
    if agg is not None:
        fits = [
            kb.aggravators[a].label for a in report.aggravators if a in record.point.aggravators
        ]
        text = (
            _("What makes your pain worse fits: {items}.").format(items="; ".join(fits))
            if fits
            else _("What makes your pain worse is not typical for this one.")
        )
        out.append(Reason("aggravator", text))
    if qual is not None:
        fits = [kb.qualities[q].label for q in report.qualities if q in record.point.qualities]
        text = (
            _("How it feels fits: {items}.").format(items="; ".join(fits))
            if fits
            else _("How it feels is not typical for this one.")
        )
        out.append(Reason("quality", text))
    return tuple(out)


def _zone_reason(kind: str) -> str:
    """Why a mark counts, by how the zone holds it (only the sentence needed is
    translated: a page asks for dozens)."""
    if kind == "essential":
        return _(
            "You marked {label}: that is in this trigger point's main (essential) referral zone."
        )
    if kind == "local":
        return _("You marked {label}: that is where this trigger point itself sits.")
    if kind == "spillover":
        return _(
            "You marked {label}: that is in this trigger point's wider (spillover) zone, "
            "where some people feel it."
        )
    if kind == "coarse":
        return _("You marked {label}, which includes part of this trigger point's zone ({zone}).")
    if kind == "near":
        return _("You marked {label}, next to this trigger point's zone ({zone}).")
    raise ValueError(f"no reason sentence for a credit of kind {kind!r}")


def _commonness_word(value: str) -> str:
    if value == "very_common":
        return _("very common")
    if value == "common":
        return _("common")
    if value == "occasional":
        return _("occasional")
    if value == "uncommon":
        return _("uncommon")
    raise ValueError(f"no word for commonness {value!r}")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = [
    "DEFAULT_LIMIT",
    "DISCLAIMER",
    "Candidate",
    "Chosen",
    "FinderIndex",
    "FinderResult",
    "Interpretation",
    "Level",
    "Mark",
    "PainReport",
    "Reason",
    "find",
    "finder_index",
    "interpret",
    "referrers",
    "zone_regions",
]
