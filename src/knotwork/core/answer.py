"""The finder's answer as data: the one definition of its JSON shape.

The CLI's ``--json``, the API's ``POST /api/v1/find`` and its OpenAPI schema all come from
the typed dictionaries below: mypy holds the builder to them, pydantic reads them for the
API's schema (and the tests validate real answers against them). Building plain dictionaries
keeps the answer cheap: about a tenth of a millisecond, where constructing and dumping
pydantic models took ten times that.
"""

from __future__ import annotations

from typing import (
    Annotated,
    NotRequired,  # pydantic reads these on 3.11
)

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

from knotwork.core.finder import DISCLAIMER, Candidate, FinderResult, Interpretation
from knotwork.core.i18n import _
from knotwork.core.kb import KnowledgeBase
from knotwork.core.resolve import Reading

_EXACT = ConfigDict(extra="forbid")  # the schema names every field there is


@with_config(_EXACT)
class Named(TypedDict):
    id: str
    name: str


@with_config(_EXACT)
class TriageReasonOut(TypedDict):
    id: str
    kind: str
    level: str
    text: str


@with_config(_EXACT)
class QuestionOut(TypedDict):
    id: str
    question: str
    level: str
    group: NotRequired[str]
    because: NotRequired[str]


@with_config(_EXACT)
class TriageOut(TypedDict):
    level: str
    checked: Annotated[
        bool, Field(description="True only when every safety question has an answer.")
    ]
    ask: Annotated[list[str], Field(description="Red-flag ids to ask now, most important first.")]
    questions: list[QuestionOut]
    headline: str
    action: str
    self_treatment_allowed: bool
    reasons: list[TriageReasonOut]


@with_config(_EXACT)
class ReasonOut(TypedDict):
    kind: str
    text: str
    region: NotRequired[str]


@with_config(_EXACT)
class CompanionOut(TypedDict):
    id: str
    name: str
    spots: list[int]


@with_config(_EXACT)
class CandidateOut(TypedDict):
    rank: int
    muscle: Named
    trigger_point: Named
    side: str
    score: float
    coverage: float
    confidence: str
    spots: list[int]
    reasons: list[ReasonOut]
    companions: list[CompanionOut]
    differentials: list[Named]
    evidence: str


@with_config(_EXACT)
class UnderstoodOut(TypedDict):
    """One understood phrase; a list that would be empty is left out."""

    field: str
    phrase: str
    read_as: Annotated[str, Field(description="How the phrase was read, in words.")]
    regions: NotRequired[list[str]]
    qualities: NotRequired[list[str]]
    aggravators: NotRequired[list[str]]
    flags: NotRequired[list[str]]
    flags_no: NotRequired[list[str]]
    asked: NotRequired[list[str]]
    negated: NotRequired[list[str]]
    conditions: NotRequired[list[str]]
    unused: NotRequired[list[str]]
    notes: NotRequired[list[str]]
    duration_days: NotRequired[int]
    intensity: NotRequired[int]


@with_config(_EXACT)
class NotUnderstoodOut(TypedDict):
    field: str
    phrase: str
    suggestions: Annotated[list[str], Field(description="Nearby things we know, in words.")]
    looks_like_warning: bool
    ask: list[str]


@with_config(_EXACT)
class FindAnswer(TypedDict):
    """What the finder answers: the safety step first, how each phrase was read, then the
    candidates (none while ``withheld``)."""

    triage: TriageOut
    understood: list[UnderstoodOut]
    not_understood: list[NotUnderstoodOut]
    withheld: bool
    candidates: list[CandidateOut]
    disclaimer: str


def result_json(
    kb: KnowledgeBase, result: FinderResult, interpretation: Interpretation | None = None
) -> FindAnswer:
    """The finder's answer as plain JSON data, the same for the CLI and the API."""
    t = result.triage
    readings = interpretation.readings if interpretation else ()
    questions: list[QuestionOut] = []
    for q in t.questions:
        question: QuestionOut = {"id": q.id, "question": q.question, "level": q.level.name}
        if q.group:
            question["group"] = q.group
        if q.because:
            question["because"] = q.because
        questions.append(question)
    return {
        "triage": {
            "level": t.level.name,
            "checked": t.checked,
            "ask": list(t.ask),
            "questions": questions,
            "headline": t.headline,
            "action": t.action,
            "self_treatment_allowed": t.self_treatment_allowed,
            "reasons": [
                {"id": r.id, "kind": r.kind, "level": r.level.name, "text": r.text}
                for r in t.reasons
            ],
        },
        "understood": [reading_json(r) for r in readings if r.understood],
        "not_understood": [
            {
                "field": r.field,
                "phrase": r.phrase,
                "suggestions": list(r.suggestions),
                "looks_like_warning": r.warning_like,
                "ask": list(r.asked),
            }
            for r in readings
            if not r.understood
        ],
        "withheld": result.withheld,
        "candidates": [_candidate(kb, c) for c in result.candidates],
        "disclaimer": _(DISCLAIMER),
    }


def reading_json(r: Reading) -> UnderstoodOut:
    """One understood phrase: what it was read as, in words and in ids."""
    out: UnderstoodOut = {"field": r.field, "phrase": r.phrase, "read_as": r.read_as}
    if r.regions:
        out["regions"] = list(r.regions)
    if r.qualities:
        out["qualities"] = list(r.qualities)
    if r.aggravators:
        out["aggravators"] = list(r.aggravators)
    if r.flags:
        out["flags"] = list(r.flags)
    if r.flags_no:
        out["flags_no"] = list(r.flags_no)
    if r.asked:
        out["asked"] = list(r.asked)
    if r.negated:
        out["negated"] = list(r.negated)
    if r.conditions:
        out["conditions"] = list(r.conditions)
    if r.unused:
        out["unused"] = list(r.unused)
    if r.notes:
        out["notes"] = list(r.notes)
    if r.duration_days is not None:
        out["duration_days"] = r.duration_days
    if r.intensity is not None:
        out["intensity"] = r.intensity
    return out


def _candidate(kb: KnowledgeBase, c: Candidate) -> CandidateOut:
    tp = c.record.point
    reasons: list[ReasonOut] = []
    for r in c.reasons:
        reason: ReasonOut = {"kind": r.kind, "text": r.text}
        if r.region:
            reason["region"] = r.region
        reasons.append(reason)
    return {
        "rank": c.rank,
        "muscle": {"id": c.record.muscle.id, "name": c.record.muscle.name},
        "trigger_point": {"id": c.record.ref, "name": tp.name},
        "side": c.side,
        "score": c.score,
        "coverage": c.coverage,
        "confidence": c.confidence,
        "spots": list(c.record.spots),
        "reasons": reasons,
        "companions": [
            {
                "id": ref,
                "name": kb.trigger_points[ref].point.name,
                "spots": list(kb.trigger_points[ref].spots),
            }
            for ref in c.companions
        ],
        "differentials": [{"id": d, "name": kb.differentials[d].label} for d in tp.differentials],
        "evidence": tp.evidence.value,
    }


__all__ = [
    "CandidateOut",
    "FindAnswer",
    "NotUnderstoodOut",
    "QuestionOut",
    "TriageOut",
    "UnderstoodOut",
    "reading_json",
    "result_json",
]
