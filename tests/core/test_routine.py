"""The session planner lays out a session the way a therapist would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from knotwork.core.kb import KnowledgeBase
from knotwork.core.routine import (
    Choice,
    PlanError,
    StepSpec,
    build,
    by_position,
    from_template,
    options,
    parse_choices,
    plan,
    posture_of,
)
from knotwork.core.schema import SelfTreatment


def test_the_seed_session_is_a_template_built_as_written(kb: KnowledgeBase) -> None:
    """QL 20 minutes each side lying on the side, then gluteus medius 20 minutes face down."""
    template = kb.routines["therapist_ql_gluteus_medius_60"]
    routine = build(kb, from_template(template), helper=template.helper)
    laid_out = [(s.muscle, s.side, s.posture, s.minutes) for s in routine.steps]
    assert laid_out == [
        ("Quadratus lumborum", "right", "side_lying", 20),
        ("Quadratus lumborum", "left", "side_lying", 20),
        ("Gluteus medius", "both", "prone", 20),
    ]
    assert routine.total_minutes == 60
    assert routine.steps[2].treatment.posture == "prone"


def test_perfect_spots_12_and_13_template(kb: KnowledgeBase) -> None:
    template = kb.routines["perfect_spots_12_13"]
    routine = build(kb, from_template(template))
    refs = [s.ref for s in routine.steps]
    spots = {n for ref in refs for n in kb.trigger_points[ref].spots}
    assert spots == {12, 13}
    assert {s.posture for s in routine.steps} == {"standing"}
    # both sides at the home dose: twice the dose per side
    for step in routine.steps:
        assert step.minutes == round(step.treatment.dose.minutes_per_side * 2)


def test_a_long_budget_is_not_poured_into_one_step(kb: KnowledgeBase) -> None:
    """The planner gives each step at most the top of its dose range and says what is left."""
    routine = plan(
        kb,
        [Choice("quadratus_lumborum/deep_upper"), Choice("gluteus_medius/tp1_posterior")],
        60,
        helper=True,
    )
    for step in routine.steps:
        dose = step.treatment.dose
        per = 2 if step.side == "both" else 1
        assert step.minutes <= round((dose.most_minutes_per_side or dose.minutes_per_side) * per)
    gluteus = routine.steps[-1]
    assert (gluteus.muscle, gluteus.posture, gluteus.minutes) == ("Gluteus medius", "prone", 20)
    assert routine.spare_minutes == 60 - routine.total_minutes > 0


def test_a_budget_inside_the_dose_ranges_is_spent_by_their_room(kb: KnowledgeBase) -> None:
    choices = [Choice("quadratus_lumborum/deep_upper"), Choice("gluteus_medius/tp1_posterior")]
    planned = plan(kb, choices, helper=True)
    routine = plan(kb, choices, planned.total_minutes + 2, helper=True)
    assert routine.spare_minutes == 0
    # only the gluteus medius (5 to 10 minutes a side) has room to grow; QL's dose is fixed
    assert [s.minutes for s in routine.steps][:2] == [s.minutes for s in planned.steps][:2]
    assert routine.steps[-1].minutes == planned.steps[-1].minutes + 2


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
    assert routine.total_minutes + routine.spare_minutes == 45


@settings(max_examples=60, deadline=None)
@given(budget=st.integers(1, 180), n=st.integers(1, 5), helper=st.booleans())
def test_a_budget_is_spent_or_said_spare(
    kb: KnowledgeBase, budget: int, n: int, helper: bool
) -> None:
    refs = sorted(kb.trigger_points)[:n]
    free = plan(kb, [Choice(r) for r in refs], helper=helper)
    if budget < len(free.steps):
        with pytest.raises(PlanError, match="too short"):
            plan(kb, [Choice(r) for r in refs], budget, helper=helper)
        return
    routine = plan(kb, [Choice(r) for r in refs], budget, helper=helper)
    assert routine.total_minutes + routine.spare_minutes == budget
    assert all(s.minutes >= 1 for s in routine.steps)
    assert [s.number for s in routine.steps] == list(range(1, len(routine.steps) + 1))
    for step, planned in zip(routine.steps, free.steps, strict=True):
        dose = step.treatment.dose
        per = 2 if step.side == "both" else 1
        most = max(
            planned.minutes, round((dose.most_minutes_per_side or dose.minutes_per_side) * per)
        )
        assert step.minutes <= most
        if routine.spare_minutes:
            assert step.minutes == most  # spare only once every step is at its top
        if budget >= free.total_minutes:
            assert step.minutes >= planned.minutes  # a longer budget never shortens a step


@settings(max_examples=60, deadline=None)
@given(
    side=st.sampled_from(["left", "right", "both"]),
    minutes=st.none() | st.integers(1, 60),
    posture=st.none() | st.sampled_from(["standing", "seated", "side_lying", "prone", "supine"]),
    tool=st.none() | st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True),
)
def test_a_step_written_in_a_url_reads_back_the_same(
    side: str, minutes: int | None, posture: str | None, tool: str | None
) -> None:
    spec = StepSpec("quadratus_lumborum/deep_upper", side, minutes, posture, tool)  # type: ignore[arg-type]
    assert StepSpec.parse(str(spec)) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a/b:middle", "left, right or both"),
        ("a/b:left:0", "1 to 60"),
        ("a/b:left:61", "1 to 60"),
        ("a/b:left:ten", "1 to 60"),
        ("a/b:left:5:upside_down", "position must be one of"),
        ("a/b:left:5:prone:ball:extra", "a step is"),
    ],
)
def test_a_bad_step_says_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        StepSpec.parse(text)


def test_build_keeps_the_order_position_and_tool_it_is_given(kb: KnowledgeBase) -> None:
    specs = [
        StepSpec("gluteus_medius/tp1_posterior", "both", 12, "prone", "thumb"),
        StepSpec("quadratus_lumborum/deep_upper", "left", None, "standing", "ball_wall"),
    ]
    routine = build(kb, specs)
    assert [s.ref for s in routine.steps] == [s.ref for s in specs]
    first, second = routine.steps
    assert (first.minutes, first.posture, first.tool) == (12, "prone", "thumb")
    assert second.treatment.posture == "standing"
    assert "ball_wall" in second.treatment.tools
    assert second.minutes == round(second.treatment.dose.minutes_per_side)
    assert next(s.spec for s in routine.steps) == specs[0]
    # grouped by position: standing before face down
    assert [s.ref for s in by_position(routine)] == [specs[1].ref, specs[0].ref]


def test_build_refuses_a_position_or_tool_the_spot_has_no_technique_for(
    kb: KnowledgeBase,
) -> None:
    postures, tools = options(kb.trigger_points["multifidus/lumbar"])
    assert "side_lying" not in postures
    assert "cane" not in tools
    with pytest.raises(PlanError, match="not worked lying on your side here; try: standing"):
        build(kb, [StepSpec("multifidus/lumbar", "both", None, "side_lying")])
    with pytest.raises(PlanError, match="no technique with 'cane'"):
        build(kb, [StepSpec("multifidus/lumbar", "both", None, None, "cane")])
    with pytest.raises(PlanError, match="unknown trigger point"):
        build(kb, [StepSpec("nope/none")])
    with pytest.raises(PlanError, match="at most 30 steps"):
        build(kb, [StepSpec("multifidus/lumbar")] * 31)


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
