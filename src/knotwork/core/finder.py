"""The finder: which trigger points could explain this person's pain, best first.

The model is described in docs/finder.md. In short, for each trigger point on
each side of the body we measure how much of the marked pain its referral zone
explains (``coverage``: essential zone counts fully, the trigger point's own site
a little less, spillover half), how much of its essential zone was marked
(``precision``), and adjust by how common it is and by how well the pain's
quality and aggravators fit. Several marked regions are explained *together*: a
trigger point that explains all of them beats one that explains one.

Results are deterministic and independent of the order of the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from knotwork.core.i18n import _
from knotwork.core.kb import KnowledgeBase, Region, TriggerPointRecord
from knotwork.core.resolve import Field as ReadField
from knotwork.core.resolve import Reading, check_limits, resolver_for
from knotwork.core.schema import Commonness
from knotwork.core.triage import Level, Triage, triage

CandidateSide = Literal["left", "right", "both"]

ESSENTIAL = 1.0
LOCAL = 0.9
SPILLOVER = 0.5
COARSE = 0.6  # a marked region that contains part of the zone
NEAR = 0.5  # a marked region next to the zone
BOTH_SIDES_FACTOR = 0.95  # one trigger point on each side is less likely than one
COMMONNESS_PRIOR = {
    Commonness.very_common: 1.0,
    Commonness.common: 0.7,
    Commonness.occasional: 0.4,
    Commonness.uncommon: 0.2,
}
PREVALENCE_FULL_AT = 40.0  # percent of people with low back pain at which the prior is full

DISCLAIMER = (
    "These are hypotheses to explore, not a diagnosis. Referral maps are expert "
    "descriptions with modest evidence behind them, and self-treatment helps some "
    "people for a while. See a clinician if pain is severe, getting worse, or not improving."
)


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, order=True)
class Mark:
    """A marked region, optionally with an intensity from 0 to 10."""

    region: str
    intensity: int | None = None

    @property
    def weight(self) -> float:
        return 1.0 if self.intensity is None else 0.5 + self.intensity / 20


@dataclass(frozen=True)
class PainReport:
    """What the person told us, in ids. Build it with :meth:`build` to canonicalise.

    ``flags`` are the safety questions answered yes, ``flags_no`` those answered no, and
    ``none_apply`` says "none of the other safety questions apply to me". ``ask_first``
    holds questions the person's words point to; ``unclear`` says some words that look
    like a warning sign were not understood, so the safety check cannot be closed.
    """

    marks: tuple[Mark, ...]
    qualities: tuple[str, ...] = ()
    aggravators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    age: int | None = None
    flags_no: tuple[str, ...] = ()
    none_apply: bool = False
    ask_first: tuple[str, ...] = ()
    unclear: bool = False

    @classmethod
    def build(
        cls,
        marks: Iterable[Mark | str],
        qualities: Iterable[str] = (),
        aggravators: Iterable[str] = (),
        flags: Iterable[str] = (),
        age: int | None = None,
        flags_no: Iterable[str] = (),
        none_apply: bool = False,
        ask_first: Iterable[str] = (),
        unclear: bool = False,
    ) -> PainReport:
        """Sort and de-duplicate, keeping the heaviest mark given for a region.

        A mark without an intensity weighs as much as one at 10: "it hurts here". A
        question answered both yes and no counts as yes.
        """
        best: dict[str, Mark] = {}
        for raw in marks:
            mark = Mark(raw) if isinstance(raw, str) else raw
            old = best.get(mark.region)
            if old is None or (mark.weight, mark.intensity is None) > (
                old.weight,
                old.intensity is None,
            ):
                best[mark.region] = mark
        yes = set(flags)
        return cls(
            marks=tuple(best[r] for r in sorted(best)),
            qualities=tuple(sorted(set(qualities))),
            aggravators=tuple(sorted(set(aggravators))),
            flags=tuple(sorted(yes)),
            age=age,
            flags_no=tuple(sorted(set(flags_no) - yes)),
            none_apply=none_apply,
            ask_first=tuple(dict.fromkeys(f for f in ask_first if f not in yes)),
            unclear=unclear,
        )


@dataclass(frozen=True)
class Interpretation:
    """A pain report built from people's words, with how each phrase was read."""

    report: PainReport
    readings: tuple[Reading, ...]

    @property
    def understood(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.understood)

    @property
    def not_understood(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if not r.understood)


@dataclass(frozen=True)
class Chosen:
    """What a face's own lists gave (ticked boxes, map clicks): ids it has already checked,
    used as they are, never read again as words."""

    regions: tuple[str, ...] = ()
    qualities: tuple[str, ...] = ()
    aggravators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def check(self, kb: KnowledgeBase) -> None:
        """Refuse an id the knowledge base does not have: a face's bug, not a person's words."""
        for kind, ids, known in (
            ("region", self.regions, kb.regions),
            ("quality", self.qualities, kb.qualities),
            ("aggravator", self.aggravators, kb.aggravators),
            ("red flag", self.flags, kb.flags),
        ):
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise ValueError(f"unknown {kind} id(s): {', '.join(unknown)}")


def interpret(
    kb: KnowledgeBase,
    pain: Iterable[str] = (),
    quality: Iterable[str] = (),
    worse: Iterable[str] = (),
    flags: Iterable[str] = (),
    age: int | None = None,
    *,
    flags_no: Iterable[str] = (),
    none_apply: bool = False,
    chosen: Chosen | None = None,
) -> Interpretation:
    """Read phrases or ids (lists split at commas) into a :class:`PainReport`.

    Every field is read for every kind of thing: a region typed in the safety box, an
    aggravator in the pain box and, above all, a warning sign anywhere. Ids a face has
    already checked go in ``chosen`` and are used as they are. Raises
    :class:`~knotwork.core.resolve.InputLimitError` for more input than a person types.
    """
    chosen = chosen or Chosen()
    chosen.check(kb)
    resolver = resolver_for(kb)
    fields: list[tuple[ReadField, list[str]]] = [
        ("pain", check_limits("pain", list(pain))),
        ("quality", check_limits("quality", list(quality))),
        ("worse", check_limits("worse", list(worse))),
        ("flags", check_limits("flags", list(flags))),
    ]
    no_phrases = check_limits("flags_no", list(flags_no))
    readings: list[Reading] = []
    marks: list[Mark] = [Mark(rid) for rid in chosen.regions]
    got: dict[str, list[str]] = {
        "quality": list(chosen.qualities),
        "aggravator": list(chosen.aggravators),
        "flag": list(chosen.flags),
        "flag_no": [],
        "ask": [],
    }
    unclear = False
    for field_name, phrases in fields:
        for reading in resolver.read_field(field_name, phrases):
            readings.append(reading)
            marks += [Mark(rid, reading.intensity) for rid in reading.regions]
            got["quality"] += reading.qualities
            got["aggravator"] += reading.aggravators
            got["flag"] += reading.flags
            got["flag_no"] += reading.flags_no
            got["ask"] += reading.asked
            if not reading.understood or reading.warning_like:
                # words we could not read are never a "no": not understood at all, or
                # understood but with words of a warning sign left over
                unclear = True
            if field_name == "flags" and reading.asked:
                # "bladder problems" in the safety box: about a question, but not its answer
                unclear = True
    if age is None:
        # "I'm 72" in the words is the age, when the age box was left empty
        said = [r.age_said for r in readings if r.age_said is not None]
        age = max(said) if said else None
    onsets = [r.onset_age for r in readings if r.onset_age is not None]
    if onsets and age is not None and age - min(onsets) >= 1:
        got["flag"].append("back_pain_over_3_months")  # "started when I was 25", now 34
    together = resolver.hints_together(readings, age)
    # a sign said in parts over the fields: "left calf" (pain), "swollen and hot" (flags)
    answered = set(got["flag"]) | set(got["flag_no"]) | set(together)
    together += resolver.signs_across([phrases for _f, phrases in fields], answered)
    if together:
        got["flag"] += together
        readings.append(resolver.taken_together(together))
    # an id or a question's words answered "no", e.g. from a yes/no form or --no-flag
    for phrase in no_phrases:
        if phrase in kb.flags:
            got["flag_no"].append(phrase)
            continue
        reading = resolver.read("flags", phrase)
        readings.append(reading)
        if reading.flags:
            got["flag_no"] += reading.flags
        else:
            unclear = unclear or not reading.understood
    got["flag"] = [f for f in got["flag"] if f in kb.flags]
    report = PainReport.build(
        marks,
        got["quality"],
        got["aggravator"],
        got["flag"],
        age,
        flags_no=got["flag_no"],
        none_apply=none_apply,
        ask_first=got["ask"],
        unclear=unclear,
    )
    return Interpretation(report, tuple(readings))


# --------------------------------------------------------------------------- index


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
    out: set[str] = set()
    parent = regions[rid].parent
    while parent is not None and parent not in out:
        out.add(parent)
        parent = regions[parent].parent
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
                if z == rid or z in ancestors[rid]:
                    sim, how = 1.0, kind
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


# --------------------------------------------------------------------------- output


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


@dataclass(frozen=True)
class _Scored:
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


def _fraction(given: Sequence[str], have: Iterable[str]) -> float | None:
    if not given:
        return None
    return len(set(given) & set(have)) / len(given)


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
    for ref, per_side in acc.items():
        record = kb.trigger_points[ref]
        agg = _fraction(report.aggravators, record.point.aggravators)
        qual = _fraction(report.qualities, record.point.qualities)
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
    for i, (_score, ref, best, agg, qual) in enumerate(ranked[:limit]):
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
                score=round(best.score, 1),
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
    templates = {
        "essential": _(
            "You marked {label}: that is in this trigger point's main (essential) referral zone."
        ),
        "local": _("You marked {label}: that is where this trigger point itself sits."),
        "spillover": _(
            "You marked {label}: that is in this trigger point's wider (spillover) zone, "
            "where some people feel it."
        ),
        "coarse": _(
            "You marked {label}, which includes part of this trigger point's zone ({zone})."
        ),
        "near": _("You marked {label}, next to this trigger point's zone ({zone})."),
    }
    for mark, credit in scored.credits:
        label = kb.regions[mark.region].label
        if credit is None:
            text = _("{label} is not in this trigger point's referral zone.")
            out.append(Reason("unexplained", _cap(text.format(label=label)), mark.region))
            continue
        zone = kb.regions[credit.zone].label
        template = templates[credit.kind]
        text = template.format(label=label, zone=zone)
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
        words = {
            "very_common": _("very common"),
            "common": _("common"),
            "occasional": _("occasional"),
            "uncommon": _("uncommon"),
        }[record.point.commonness.value]
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
