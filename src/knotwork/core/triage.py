"""Red-flag triage: the first thing the finder does, before any muscle is named.

The level is the most serious tier among the answered flags and the rules they
(with age) set off. One emergency answer is enough for an emergency.

Unknown is not no. ``checked`` is true only when every safety question has an
answer (yes, no, or "none of these apply") and no words that look like a warning
sign went un-understood. Until then ``ask`` lists the open questions, those that
the marked regions or the person's words point to first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from knotwork.core.i18n import _
from knotwork.core.kb import KnowledgeBase, Region, parse_zone_ref
from knotwork.core.schema import FlagRule, RedFlag, Tier


class Level(IntEnum):
    """Triage levels in order of seriousness; ``name`` is what the faces show."""

    none = 0
    see_doctor = 1
    urgent = 2
    same_day = 3
    emergency = 4

    @classmethod
    def of(cls, tier: Tier) -> Level:
        return _LEVEL_OF_TIER[tier]


_LEVEL_OF_TIER = {
    Tier.context: Level.none,
    Tier.see_doctor: Level.see_doctor,
    Tier.urgent: Level.urgent,
    Tier.same_day: Level.same_day,
    Tier.emergency: Level.emergency,
}


@dataclass(frozen=True)
class TriageReason:
    id: str
    kind: str  # "flag" or "rule"
    level: Level
    text: str


@dataclass(frozen=True)
class Question:
    """A safety question still to answer, and why it comes first (if it does)."""

    id: str
    question: str
    level: Level
    group: str | None
    because: str | None = None


@dataclass(frozen=True)
class Triage:
    level: Level
    reasons: tuple[TriageReason, ...]
    headline: str
    action: str
    checked: bool = True
    """Every safety question has an answer and no warning-like words were left unread."""
    questions: tuple[Question, ...] = ()
    """The open questions, most important first (empty once ``checked``)."""

    @property
    def ask(self) -> tuple[str, ...]:
        """Ids of the open questions, most important first."""
        return tuple(q.id for q in self.questions)

    @property
    def self_treatment_allowed(self) -> bool:
        """Self-treatment waits for a clinician at the urgent and emergency levels."""
        return self.level < Level.urgent

    @property
    def withhold_candidates(self) -> bool:
        """At the emergency level no muscle is suggested at all."""
        return self.level is Level.emergency


def _rule_fires(rule: FlagRule, answered: set[str], age: int | None) -> bool:
    if not set(rule.all_of) <= answered:
        return False
    if rule.at_least is not None and len(answered & set(rule.at_least.of)) < rule.at_least.count:
        return False
    unknown_fires = rule.if_age_unknown == "fire"
    if rule.age_over is not None:
        if age is None and not unknown_fires:
            return False
        if age is not None and age <= rule.age_over:
            return False
    if rule.age_under is not None:
        if age is None and not unknown_fires:
            return False
        if age is not None and age >= rule.age_under:
            return False
    return True


def screening_flags(kb: KnowledgeBase) -> list[RedFlag]:
    """The safety questions everyone is asked: every flag that is more than context."""
    return [f for f in kb.flags.values() if f.tier is not Tier.context]


@dataclass(frozen=True)
class _Order:
    """What triage needs of the flags on every call, worked out once per knowledge base."""

    screening: tuple[RedFlag, ...]
    rank: dict[str, tuple[int, int]]  # flag id -> (minus its level, its place in the file)
    by_key: dict[str, tuple[str, ...]]  # region key -> flags its marking asks first
    plain: dict[str, Question]  # each flag's question with no reason to come first


def _order(kb: KnowledgeBase) -> _Order:
    cached = kb.cache.get("triage_order")
    if isinstance(cached, _Order):
        return cached
    by_key: dict[str, list[str]] = {}
    for flag in kb.flags.values():
        for ref in flag.asked_when_marked:
            by_key.setdefault(parse_zone_ref(ref)[0], []).append(flag.id)
    order = _Order(
        tuple(screening_flags(kb)),
        {f.id: (-Level.of(f.tier), i) for i, f in enumerate(kb.flags.values())},
        {k: tuple(v) for k, v in by_key.items()},
        {f.id: Question(f.id, f.question, Level.of(f.tier), f.group) for f in kb.flags.values()},
    )
    kb.cache["triage_order"] = order
    return order


def _marked_keys(kb: KnowledgeBase, marks: Iterable[str]) -> dict[str, set[str]]:
    """Side-neutral key -> sides marked in it, counting a region inside a key as in it."""
    out: dict[str, set[str]] = {}
    for rid in marks:
        region: Region | None = kb.regions.get(rid)
        while region is not None:
            out.setdefault(region.key, set()).add(region.side.value)
            region = kb.regions.get(region.parent) if region.parent else None
    return out


def _set_off_by_marks(flag: RedFlag, marked: dict[str, set[str]], kb: KnowledgeBase) -> str | None:
    for ref in flag.asked_when_marked:
        key, both = parse_zone_ref(ref)
        sides = marked.get(key)
        if not sides:
            continue
        if both and not {"left", "right"} <= sides:
            continue
        name = kb.region_entries[key].name
        if both:
            return _("you marked the {name} on both sides").format(name=name)
        return _("you marked the {name}").format(name=name)
    return None


def _age_matters(rule: FlagRule, age: int | None) -> bool:
    """A rule with an age limit that this age meets (unknown ages never do here)."""
    if age is None or (rule.age_over is None and rule.age_under is None):
        return False
    over = rule.age_over is None or age > rule.age_over
    under = rule.age_under is None or age < rule.age_under
    return over and under


def triage(
    kb: KnowledgeBase,
    flag_ids: Iterable[str],
    age: int | None = None,
    *,
    flags_no: Iterable[str] = (),
    none_apply: bool = False,
    marks: Sequence[str] = (),
    ask_first: Iterable[str] = (),
    unclear: bool = False,
    qualities: Iterable[str] = (),
) -> Triage:
    """Triage the answered red flags (and age) against ``kb``.

    ``flag_ids`` are the questions answered yes, ``flags_no`` those answered no;
    ``none_apply`` answers no to every other question. ``marks`` (region ids) and
    ``ask_first`` (flag ids the person's words point to) put their questions first;
    ``unclear`` (warning-like words not understood) keeps the check open; ``qualities``
    said in a marked place can put a question first (tingling in a leg: the nerves).
    """
    answered = set(flag_ids)
    ask_first = tuple(ask_first)
    reasons: list[TriageReason] = []
    for fid in sorted(answered):
        flag = kb.flags[fid]
        level = Level.of(flag.tier)
        if level is not Level.none:
            reasons.append(TriageReason(fid, "flag", level, flag.why))
    for rule in sorted(kb.rules.values(), key=lambda r: r.id):
        if _rule_fires(rule, answered, age):
            reasons.append(TriageReason(rule.id, "rule", Level.of(rule.tier), rule.label))
    reasons.sort(key=lambda r: (-r.level, r.kind, r.id))
    level = max((r.level for r in reasons), default=Level.none)
    said_no = set(flags_no)
    # a rule whose age condition holds needs its other answers too: at 55, "is this the
    # first time?" is a safety question
    needed = [
        kb.flags[fid]
        for rule in kb.rules.values()
        if _age_matters(rule, age) and Level.of(rule.tier) >= Level.urgent
        for fid in rule.all_of
        if fid in kb.flags
    ]
    # "none of the others apply" answers every question but a serious one the person's
    # own words point to ("my bladder is doing something"): that one stays open
    pointed = [
        kb.flags[fid]
        for fid in dict.fromkeys(ask_first)
        if fid in kb.flags and Level.of(kb.flags[fid].tier) >= Level.same_day
    ]
    open_flags = (
        [f for f in pointed if f.id not in answered and f.id not in said_no]
        if none_apply
        else [
            f
            for f in {f.id: f for f in (*_order(kb).screening, *needed)}.values()
            if f.id not in answered and f.id not in said_no
        ]
    )
    checked = not open_flags and not unclear
    questions: tuple[Question, ...] = ()
    if not checked:
        questions = _questions(
            kb, open_flags, answered | said_no, marks, ask_first, none_apply, tuple(qualities)
        )
    if level is Level.none:
        if checked:
            headline = _("No red flags in your answers")
            action = _(
                "Nothing you told us points to a medical emergency. The suggestions below are "
                "ideas to explore, not a diagnosis. See a clinician if the pain is severe, "
                "getting worse, or not improving."
            )
        elif open_flags:
            headline = _("The safety questions are not answered yet")
            action = _(
                "Before you try any self-treatment, answer the safety questions: some pain "
                "needs a doctor, not a massage ball. Until then nothing here has been checked."
            )
        else:
            headline = _("Some of your words were not understood")
            action = _(
                "We could not read all of what you wrote, and it could be about a warning "
                "sign. Say it another way, or tick the questions that apply, before you try "
                "any self-treatment."
            )
    else:
        advice = kb.tiers[Tier(level.name)]
        headline, action = advice.headline, advice.action
    return Triage(level, tuple(reasons), headline, action, checked, questions)


def _questions(
    kb: KnowledgeBase,
    open_flags: list[RedFlag],
    answered: set[str],
    marks: Sequence[str],
    ask_first: Iterable[str],
    none_apply: bool,
    qualities: Sequence[str] = (),
) -> tuple[Question, ...]:
    """The open questions: those the marks or words point to first, then by seriousness."""
    order = _order(kb)
    marked = _marked_keys(kb, marks)
    because: dict[str, str] = {}
    for fid in ask_first:
        if fid in kb.flags and fid not in answered:
            because.setdefault(fid, _("of the words you used"))
    candidates = {f.id: f for f in open_flags}
    for fid in because:
        candidates.setdefault(fid, kb.flags[fid])
    pointed = {fid for key in marked for fid in order.by_key.get(key, ())}
    for fid in sorted(pointed & candidates.keys() - because.keys(), key=order.rank.__getitem__):
        why = _set_off_by_marks(kb.flags[fid], marked, kb)
        if why is not None:
            because[fid] = why
    felt = set(qualities)
    for f in candidates.values():
        ask = f.asked_when_felt
        if f.id in because or ask is None or felt.isdisjoint(ask.qualities):
            continue
        if any(parse_zone_ref(ref)[0] in marked for ref in ask.regions):
            because[f.id] = _("of how you said it feels there")
    if none_apply:
        # the person said no to the rest: only what their words point to stays open
        candidates = {fid: f for fid, f in candidates.items() if fid in because}
    ranked = sorted(candidates.values(), key=lambda f: (f.id not in because, order.rank[f.id]))
    return tuple(
        Question(f.id, f.question, Level.of(f.tier), f.group, because[f.id])
        if f.id in because
        else order.plain[f.id]
        for f in ranked
    )
