"""Helping a person choose: what sets the first candidate apart, which answer would tell
two apart, and what every card would otherwise repeat."""

from __future__ import annotations

from knotwork.core.choose import contrast, same_muscle_groups, shared_reasons, without
from knotwork.core.finder import find, interpret
from knotwork.core.kb import KnowledgeBase


def _result(kb: KnowledgeBase, pain: list[str], worse: list[str] = ()):  # type: ignore[no-untyped-def,assignment]
    it = interpret(kb, pain, [], list(worse), [], 45, none_apply=True)
    return find(kb, it.report)


def test_the_first_two_are_contrasted_and_an_unasked_answer_tells_them_apart(
    kb: KnowledgeBase,
) -> None:
    result = _result(kb, ["back.sacroiliac.right", "back.buttock.upper.right"])
    found = contrast(kb, result)
    assert found is not None
    assert (found.first.rank, found.second.rank) == (1, 2)
    assert found.tellings
    for t in found.tellings:
        ours = set(t.fits.record.point.aggravators) | set(t.fits.record.point.qualities)
        theirs = set(t.not_fits.record.point.aggravators) | set(t.not_fits.record.point.qualities)
        assert t.id in ours
        assert t.id not in theirs


def test_an_answer_already_given_is_never_asked(kb: KnowledgeBase) -> None:
    first = contrast(kb, _result(kb, ["back.sacroiliac.right", "back.buttock.upper.right"]))
    assert first is not None
    asked = first.tellings[0]
    again = contrast(
        kb,
        _result(
            kb,
            ["back.sacroiliac.right", "back.buttock.upper.right"],
            [kb.aggravators[asked.id].label] if asked.kind == "aggravator" else [],
        ),
    )
    assert again is not None
    assert asked.id not in {t.id for t in again.tellings}


def test_a_place_only_one_explains_is_named(kb: KnowledgeBase) -> None:
    result = _result(kb, ["back.sacroiliac.right", "back.thigh.posterior.right"])
    found = contrast(kb, result)
    assert found is not None
    explained = {
        c.rank: {r.region for r in c.reasons if r.region and r.kind != "unexplained"}
        for c in (found.first, found.second)
    }
    assert set(found.only_first) == explained[1] - explained[2]
    assert set(found.only_second) == explained[2] - explained[1]


def test_a_sentence_every_card_says_is_said_once(kb: KnowledgeBase) -> None:
    # deep breathing makes none of the dimple's referrers worse: every card would say so
    result = _result(kb, ["back.sacroiliac.right"], [kb.aggravators["deep_breathing"].label])
    texts = shared_reasons(result.candidates)
    assert texts == ("What makes your pain worse is not typical for this one.",)
    for c in result.candidates:
        kept = without(c.reasons, texts)
        assert len(kept) == len(c.reasons) - 1
        assert all(r.region for r in c.reasons if r.text not in {k.text for k in kept}) is False
    # never a sentence about a marked place, and never for one card alone
    assert shared_reasons(result.candidates[:1]) == ()


def test_trigger_points_of_one_muscle_are_grouped(kb: KnowledgeBase) -> None:
    result = _result(kb, ["back.sacroiliac.right", "back.buttock.upper.right"])
    groups = same_muscle_groups(result.candidates)
    for muscle, ranks in groups.items():
        assert len(ranks) > 1
        assert all(result.candidates[r - 1].record.muscle.id == muscle for r in ranks)
    assert contrast(kb, find(kb, interpret(kb, [], [], [], [], None).report)) is None
