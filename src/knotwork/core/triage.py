"""Red-flag triage: the first thing the finder does, before any muscle is named.

The level is the most serious tier among the answered flags and the rules they
(with age) set off. One emergency answer is enough for an emergency.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from knotwork.core.i18n import _
from knotwork.core.kb import KnowledgeBase
from knotwork.core.schema import FlagRule, Tier


class Level(IntEnum):
    """Triage levels in order of seriousness; ``name`` is what the faces show."""

    none = 0
    see_doctor = 1
    urgent = 2
    emergency = 3

    @classmethod
    def of(cls, tier: Tier) -> Level:
        return {
            Tier.context: cls.none,
            Tier.see_doctor: cls.see_doctor,
            Tier.urgent: cls.urgent,
            Tier.emergency: cls.emergency,
        }[tier]


@dataclass(frozen=True)
class TriageReason:
    id: str
    kind: str  # "flag" or "rule"
    level: Level
    text: str


@dataclass(frozen=True)
class Triage:
    level: Level
    reasons: tuple[TriageReason, ...]
    headline: str
    action: str

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
    if rule.age_over is not None and (age is None or age <= rule.age_over):
        return False
    return not (rule.age_under is not None and (age is None or age >= rule.age_under))


def triage(kb: KnowledgeBase, flag_ids: Iterable[str], age: int | None = None) -> Triage:
    """Triage a set of answered red-flag ids (and age) against ``kb``."""
    answered = set(flag_ids)
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
    if level is Level.none:
        headline = _("No red flags in your answers")
        action = _(
            "Nothing you told us points to a medical emergency. The suggestions below are "
            "ideas to explore, not a diagnosis. See a clinician if the pain is severe, "
            "getting worse, or not improving."
        )
    else:
        advice = kb.tiers[Tier(level.name)]
        headline, action = advice.headline, advice.action
    return Triage(level, tuple(reasons), headline, action)
