"""The session planner lays out a session the way a therapist would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from knotwork.core.kb import KnowledgeBase
from knotwork.core.routine import Choice, PlanError, parse_choices, plan, posture_of
from knotwork.core.schema import SelfTreatment


def test_therapist_example_sixty_minutes(kb: KnowledgeBase) -> None:
    """QL 20 minutes each side lying on the side, then gluteus medius 20 minutes face down."""
    routine = plan(
        kb,
        [Choice("quadratus_lumborum/deep_upper"), Choice("gluteus_medius/tp1_posterior")],
        60,
        helper=True,
    )
    laid_out = [(s.muscle, s.side, s.posture, s.minutes) for s in routine.steps]
    assert laid_out == [
        ("Quadratus lumborum", "right", "side_lying", 20),
        ("Quadratus lumborum", "left", "side_lying", 20),
        ("Gluteus medius", "both", "prone", 20),
    ]
    assert routine.total_minutes == 60


def test_without_a_budget_each_step_gets_its_dose(kb: KnowledgeBase) -> None:
    routine = plan(kb, [Choice("gluteus_maximus/tp1_upper", "right")])
    (step,) = routine.steps
    assert step.minutes == round(step.treatment.dose.minutes_per_side)
    assert step.side == "right"


def test_postures_are_grouped_and_sides_switch_once(kb: KnowledgeBase) -> None:
    choices = [
        Choice(r)
        for r in (
            "quadratus_lumborum/deep_upper",
            "gluteus_medius/tp1_posterior",
            "quadratus_lumborum/superficial_lower",
        )
    ]
    routine = plan(kb, choices, 45, helper=True)
    postures = [s.posture for s in routine.steps]
    assert postures == sorted(
        postures, key=["standing", "seated", "side_lying", "prone", "supine"].index
    )
    side_lying = [s.side for s in routine.steps if s.posture == "side_lying"]
    assert side_lying == sorted(side_lying, key=["right", "left"].index)
    assert routine.total_minutes == 45


@settings(max_examples=40, deadline=None)
@given(budget=st.integers(10, 180), n=st.integers(1, 5), helper=st.booleans())
def test_budget_is_spent_exactly(kb: KnowledgeBase, budget: int, n: int, helper: bool) -> None:
    refs = sorted(kb.trigger_points)[:n]
    routine = plan(kb, [Choice(r) for r in refs], budget, helper=helper)
    assert routine.total_minutes == budget
    assert all(s.minutes >= 1 for s in routine.steps)
    assert [s.number for s in routine.steps] == list(range(1, len(routine.steps) + 1))


def test_bad_requests_say_what_is_accepted(kb: KnowledgeBase) -> None:
    with pytest.raises(PlanError, match="at least one"):
        plan(kb, [])
    with pytest.raises(PlanError, match="unknown trigger point"):
        plan(kb, [Choice("nope/none")])
    with pytest.raises(PlanError, match="1 to 180"):
        plan(kb, [Choice("gluteus_maximus/tp1_upper")], 500)
    with pytest.raises(PlanError, match="too short"):
        plan(kb, [Choice(r) for r in sorted(kb.trigger_points)[:6]], 3)
    with pytest.raises(PlanError, match="left, right or both"):
        parse_choices(["gluteus_maximus/tp1_upper:middle"])


def test_parse_choices_keeps_order_and_drops_repeats() -> None:
    parsed = parse_choices(["a/b:left,c/d", "a/b:left"])
    assert [str(c) for c in parsed] == ["a/b:left", "c/d:both"]


TREATMENT = {
    "technique": "test",
    "tools": ["thumb"],
    "position": "Standing with your back to a wall",
    "pressure": "gentle",
    "angle": "straight",
    "dose": {"summary": "a minute", "minutes_per_side": 1.0},
    "steps": ["press"],
    "stop_if": ["it hurts more"],
    "evidence": "expert_opinion",
}
"""A self-treatment without its posture."""


@pytest.mark.parametrize("posture", ["side_lying", "prone", "supine", "standing", "seated"])
def test_posture_comes_from_the_knowledge_base_never_from_the_words(posture: str) -> None:
    # the words say standing; only the posture field decides
    t = SelfTreatment.model_validate({**TREATMENT, "posture": posture})
    assert posture_of(t) == posture


def test_a_self_treatment_without_a_posture_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        SelfTreatment.model_validate(TREATMENT)
    assert "posture" in str(caught.value)
