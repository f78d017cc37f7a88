"""Red-flag triage runs first and errs on the side of safety."""

from __future__ import annotations

import pytest

from knotwork.core.finder import PainReport, find, interpret
from knotwork.core.kb import KnowledgeBase
from knotwork.core.schema import Tier
from knotwork.core.triage import Level, triage


def test_no_flags_no_triage(tiny_kb: KnowledgeBase) -> None:
    t = triage(tiny_kb, [], age=40)
    assert t.level is Level.none
    assert t.reasons == ()
    assert t.self_treatment_allowed


def test_one_emergency_answer_is_enough(tiny_kb: KnowledgeBase) -> None:
    t = triage(tiny_kb, ["saddle_numbness"])
    assert t.level is Level.emergency
    assert [r.id for r in t.reasons] == ["saddle_numbness"]
    assert t.headline == "emergency headline"
    assert not t.self_treatment_allowed
    assert t.withhold_candidates


def test_most_serious_tier_wins_and_leads_the_reasons(tiny_kb: KnowledgeBase) -> None:
    t = triage(tiny_kb, ["stable_sciatica", "cancer_history", "saddle_numbness"])
    assert t.level is Level.emergency
    assert [r.level for r in t.reasons] == [Level.emergency, Level.urgent, Level.see_doctor]


def test_context_flag_alone_does_nothing(tiny_kb: KnowledgeBase) -> None:
    assert triage(tiny_kb, ["first_episode"], age=30).level is Level.none


@pytest.mark.parametrize(
    ("age", "level"), [(None, Level.none), (50, Level.none), (51, Level.urgent), (80, Level.urgent)]
)
def test_age_rule(tiny_kb: KnowledgeBase, age: int | None, level: Level) -> None:
    t = triage(tiny_kb, ["first_episode"], age=age)
    assert t.level is level
    if level is Level.urgent:
        assert t.reasons[0].kind == "rule"


def test_emergency_withholds_candidates(tiny_kb: KnowledgeBase) -> None:
    report = PainReport.build(["back.sacroiliac.right"], flags=["saddle_numbness"])
    result = find(tiny_kb, report)
    assert result.withheld
    assert result.candidates == ()


def test_urgent_keeps_candidates_but_holds_self_treatment(tiny_kb: KnowledgeBase) -> None:
    report = PainReport.build(["back.sacroiliac.right"], flags=["cancer_history"])
    result = find(tiny_kb, report)
    assert result.candidates
    assert not result.triage.self_treatment_allowed


# ------------------------------------------------------------------ shipped red flags


def test_numb_saddle_area_is_an_emergency(kb: KnowledgeBase) -> None:
    interp = interpret(kb, pain=["right back dimple"], flags=["numb saddle area"])
    assert find(kb, interp.report).triage.level is Level.emergency


def test_every_shipped_flag_triages_at_its_tier(kb: KnowledgeBase) -> None:
    for flag in kb.flags.values():
        expected = Level.of(flag.tier)
        assert triage(kb, [flag.id], age=35).level is expected, flag.id


@pytest.mark.parametrize("tier", [Tier.emergency, Tier.urgent])
def test_every_serious_flag_resolves_from_each_of_its_lay_phrases(
    kb: KnowledgeBase, tier: Tier
) -> None:
    for flag in kb.flags.values():
        if flag.tier is not tier:
            continue
        assert flag.synonyms, f"{flag.id} has no lay phrases"
        for phrase in flag.synonyms:
            interp = interpret(kb, flags=[phrase])
            # its own question, or a narrower one it gives way to (yields_to)
            said = set(interp.report.flags)
            assert flag.id in said or said & set(flag.yields_to), (flag.id, phrase)


def test_inflammatory_pattern_needs_four_of_five(kb: KnowledgeBase) -> None:
    features = [
        "onset_before_40",
        "gradual_onset",
        "better_with_exercise",
        "not_better_with_rest",
        "night_pain_eases_on_rising",
    ]
    base = ["back_pain_over_3_months"]
    assert triage(kb, base + features[:3]).level is Level.none
    assert triage(kb, base + features[:4]).level is Level.see_doctor
    assert triage(kb, features).level is Level.none  # not for over three months


def test_words_not_understood_are_never_no_red_flags(kb: KnowledgeBase) -> None:
    from knotwork.core.finder import find, interpret

    unread = interpret(kb, ["low back", "my zorbly blorf"], none_apply=True)
    t = find(kb, unread.report).triage
    assert t.checked is False
    assert t.headline == "Some of your words were not understood"
    # read, but with words of a warning sign left over ("bladder")
    left = interpret(kb, ["low back and my bladder is doing something"], none_apply=True)
    assert find(kb, left.report).triage.checked is False
    clean = interpret(kb, ["low back"], none_apply=True)
    assert find(kb, clean.report).triage.checked is True


def test_first_episode_is_a_safety_question_when_the_age_makes_it_one(kb: KnowledgeBase) -> None:
    screening_no = [f.id for f in kb.flags.values() if f.tier.value != "context"]
    at_55 = triage(kb, [], 55, flags_no=screening_no)
    assert at_55.checked is False
    assert at_55.ask == ("first_episode",)
    at_35 = triage(kb, [], 35, flags_no=screening_no)
    assert at_35.checked is True
    assert triage(kb, [], 55, flags_no=[*screening_no, "first_episode"]).checked is True


def test_tingling_in_a_marked_leg_asks_the_nerve_questions_first(kb: KnowledgeBase) -> None:
    # ticking "tingling" and marking the foot (or saying so) puts the leg questions first
    t = triage(kb, [], marks=["front.foot.left"], qualities=["tingling"])
    first = [q.id for q in t.questions if q.because]
    assert {"one_leg_numb_or_weak", "stable_sciatica"} <= set(first)
    # the same mark without the feeling, or the feeling in the hand, does not
    assert "one_leg_numb_or_weak" not in [
        q.id for q in triage(kb, [], marks=["front.foot.left"]).questions if q.because
    ]
    hand = triage(kb, [], marks=["front.hand.left"], qualities=["tingling"])
    assert "one_leg_numb_or_weak" not in [q.id for q in hand.questions if q.because]
    # and the whole finder passes what was felt
    report = interpret(kb, ["pins and needles into the toes of my left foot"]).report
    result = find(kb, report)
    assert "one_leg_numb_or_weak" in [q.id for q in result.triage.questions if q.because]
