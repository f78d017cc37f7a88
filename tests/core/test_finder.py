"""Ranking trigger points for a pain report (engine behaviour on the tiny fixture KB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knotwork.core.answer import result_json
from knotwork.core.finder import Mark, PainReport, find, interpret
from knotwork.core.kb import KnowledgeBase, load_kb
from tests.fixture_kb import _region, fixture_files, write_kb


def ranked(kb: KnowledgeBase, *regions: str, **kw: object) -> list[tuple[str, str, float]]:
    result = find(kb, PainReport.build(regions, **kw))  # type: ignore[arg-type]
    return [(c.record.ref, c.side, c.score) for c in result.candidates]


def test_explaining_all_marks_beats_explaining_one(tiny_kb: KnowledgeBase) -> None:
    out = ranked(tiny_kb, "back.sacroiliac.right", "back.buttock.upper.right")
    assert out[0][:2] == ("alpha/upper", "right")
    # beta explains the buttock mark only
    beta = next(score for ref, _, score in out if ref == "beta/low")
    assert beta < out[0][2] * 0.6


def test_one_sided_pain_points_to_the_same_side(tiny_kb: KnowledgeBase) -> None:
    out = ranked(tiny_kb, "back.hip.lateral.left")
    assert out[0][:2] == ("gamma/side", "left")


def test_midline_pain_points_to_both_sides(tiny_kb: KnowledgeBase) -> None:
    out = ranked(tiny_kb, "back.low_back.spine.midline")
    assert out, "the lower spine is next to beta's zone"
    assert out[0][:2] == ("beta/low", "both")


def test_pain_on_both_sides_suggests_a_point_on_each(tiny_kb: KnowledgeBase) -> None:
    out = ranked(tiny_kb, "back.hip.lateral.left", "back.hip.lateral.right")
    assert out[0][:2] == ("gamma/side", "both")


def test_bilateral_zone_explains_both_dimples(tiny_kb: KnowledgeBase) -> None:
    result = find(tiny_kb, PainReport.build(["back.sacroiliac.left", "back.sacroiliac.right"]))
    delta = next(c for c in result.candidates if c.record.ref == "delta/band")
    assert delta.coverage == 1.0


def test_essential_counts_more_than_spillover(tiny_kb: KnowledgeBase) -> None:
    # back of the thigh is spillover for alpha and gamma; the outer hip is gamma's essential
    essential = {r: s for r, _, s in ranked(tiny_kb, "back.hip.lateral.right")}
    spill = {r: s for r, _, s in ranked(tiny_kb, "back.thigh.right")}
    assert essential["gamma/side"] > spill["gamma/side"]


def test_a_coarse_mark_gets_coarse_credit(tiny_kb: KnowledgeBase) -> None:
    result = find(tiny_kb, PainReport.build(["back.buttock.right"]))
    alpha = next(c for c in result.candidates if c.record.ref == "alpha/upper")
    assert 0 < alpha.coverage < 1
    assert alpha.reasons[0].kind == "coarse"


def test_a_zone_that_names_the_mark_beats_one_that_only_contains_it(
    kb: KnowledgeBase,
) -> None:
    # the big toe lies inside the top of the foot: both zones explain it, but extensor
    # hallucis longus names the big toe itself and the short extensor only the foot
    result = find(kb, PainReport.build(["front.foot.big_toe.left"]))
    score = {c.record.ref: c.score for c in result.candidates if c.side == "left"}
    assert score["extensor_hallucis_longus/main"] > score["extensor_hallucis_brevis/main"]
    both = next(c for c in result.candidates if c.record.ref == "extensor_hallucis_brevis/main")
    assert both.coverage > 0, "a wider zone still explains the mark"


def test_local_pain_counts(tiny_kb: KnowledgeBase) -> None:
    result = find(tiny_kb, PainReport.build(["back.low_back.flank.right"]))
    gamma = next(c for c in result.candidates if c.record.ref == "gamma/side")
    assert gamma.reasons[0].kind == "local"


def test_aggravators_break_ties_between_similar_fits(tiny_kb: KnowledgeBase) -> None:
    plain = {r: s for r, _, s in ranked(tiny_kb, "back.thigh.right")}
    assert plain["alpha/upper"] > plain["gamma/side"]  # alpha is more common (very common)
    aggs = ["turning_in_bed", "leaning_over_sink"]
    worse = {r: s for r, _, s in ranked(tiny_kb, "back.thigh.right", aggravators=aggs)}
    assert worse["gamma/side"] > worse["alpha/upper"]


def test_intensity_weights_the_marks(tiny_kb: KnowledgeBase) -> None:
    hip_hurts_most = find(
        tiny_kb,
        PainReport.build([Mark("back.hip.lateral.right", 10), Mark("back.sacroiliac.right", 1)]),
    )
    dimple_hurts_most = find(
        tiny_kb,
        PainReport.build([Mark("back.hip.lateral.right", 1), Mark("back.sacroiliac.right", 10)]),
    )
    assert hip_hurts_most.candidates[0].record.ref == "gamma/side"
    assert dimple_hurts_most.candidates[0].record.ref == "alpha/upper"


def test_reasons_name_what_is_and_is_not_explained(tiny_kb: KnowledgeBase) -> None:
    result = find(tiny_kb, PainReport.build(["back.sacroiliac.right", "back.hip.lateral.right"]))
    alpha = next(c for c in result.candidates if c.record.ref == "alpha/upper")
    kinds = {r.region: r.kind for r in alpha.reasons if r.region}
    assert kinds == {"back.sacroiliac.right": "essential", "back.hip.lateral.right": "unexplained"}
    texts = " ".join(r.text for r in alpha.reasons).lower()
    assert "your right back dimple" in texts
    assert "your right outer hip" in texts


def test_companions_and_spots_are_listed(tiny_kb: KnowledgeBase) -> None:
    result = find(tiny_kb, PainReport.build(["back.sacroiliac.right"]))
    alpha = result.candidates[0]
    assert alpha.record.spots == (12,)
    assert alpha.companions == ("beta/low",)


def test_no_marks_no_candidates(tiny_kb: KnowledgeBase) -> None:
    assert find(tiny_kb, PainReport.build([])).candidates == ()


def test_unrelated_region_gives_no_candidates(tmp_path: Path) -> None:
    """A region no trigger point refers pain to: no candidate at all, not a weak one."""
    files = fixture_files()
    files["regions.yaml"]["regions"].append(_region("back.calf", "calf", "low_back"))
    kb = load_kb(write_kb(tmp_path, files))
    assert find(kb, PainReport.build(["back.calf.left"])).candidates == ()


def test_the_groin_is_explained_only_by_the_trigger_point_that_refers_there(
    tiny_kb: KnowledgeBase,
) -> None:
    assert [(tp, side) for tp, side, _score in ranked(tiny_kb, "front.groin.left")] == [
        ("gamma/side", "left")
    ]


def test_limit(tiny_kb: KnowledgeBase) -> None:
    result = find(tiny_kb, PainReport.build(["back.sacroiliac.right", "back.thigh.right"]), limit=2)
    assert [c.rank for c in result.candidates] == [1, 2]


def test_json_shape(tiny_kb: KnowledgeBase) -> None:
    interp = interpret(tiny_kb, pain=["right back dimple", "elbow"], worse=["sitting"])
    data = result_json(tiny_kb, find(tiny_kb, interp.report), interp)
    assert set(data) >= {"triage", "understood", "not_understood", "candidates"}
    assert set(data["triage"]) >= {"level", "checked", "ask", "questions", "reasons"}
    assert data["triage"]["checked"] is False  # nothing was answered
    assert data["triage"]["ask"][0] == "saddle_numbness"  # the most serious first
    assert [u["phrase"] for u in data["not_understood"]] == ["elbow"]
    assert all("." not in s for s in data["not_understood"][0]["suggestions"])
    assert data["understood"][0]["read_as"] == "back dimple (right side)"
    assert data["understood"][1]["aggravators"] == ["prolonged_sitting"]
    first = data["candidates"][0]
    assert set(first) >= {
        "rank",
        "muscle",
        "trigger_point",
        "side",
        "score",
        "confidence",
        "spots",
        "reasons",
    }
    assert first["muscle"] == {"id": "alpha", "name": "Alpha"}
    assert first["trigger_point"]["id"] == "alpha/upper"
    assert first["confidence"] in {"high", "medium", "low"}


def test_a_low_back_study_weighs_in_only_for_the_areas_it_studied(kb: KnowledgeBase) -> None:
    """Prevalence figures from people with low back pain say nothing of a thigh complaint."""
    from knotwork.core.finder import finder_index

    index = finder_index(kb)
    ref = next(r for r in kb.trigger_points if r.startswith("psoas_major"))
    assert index.prior(ref, {"low_back"}) != index.prior(ref, {"thigh"})
    assert index.prior(ref, {"thigh"}) == index.priors[ref]

    def prior_reason(regions: list[str]) -> str:
        result = find(kb, PainReport.build(regions, none_apply=True), limit=200)
        candidate = next(c for c in result.candidates if c.record.ref == ref)
        return next(r.text for r in candidate.reasons if r.kind == "prior")

    assert "were found in" in prior_reason(["back.low_back.paraspinal_lower.left"])
    assert "were found in" not in prior_reason(["front.thigh.anterior.left"])


def test_ids_a_face_has_checked_are_used_as_they_are(kb: KnowledgeBase) -> None:
    """Ticked boxes are never read again as words: nothing to show back, same report."""
    from knotwork.core.finder import Chosen

    chosen = Chosen(regions=("back.sacroiliac.right",), aggravators=("prolonged_sitting",))
    words = interpret(kb, ["top of my right buttock"], none_apply=True, chosen=chosen)
    assert [r.phrase for r in words.readings] == ["top of my right buttock"]
    assert {m.region for m in words.report.marks} >= {"back.sacroiliac.right"}
    assert "prolonged_sitting" in words.report.aggravators
    with pytest.raises(ValueError, match="unknown region"):
        interpret(kb, chosen=Chosen(regions=("back.nowhere.left",)))


def test_one_numb_cheek_asks_the_saddle_question_first_and_stays_unchecked(
    kb: KnowledgeBase,
) -> None:
    words = interpret(kb, ["right cheek of my bum goes numb after 3 hours in the cab"])
    result = find(kb, words.report)
    assert result.triage.level.name != "emergency"
    assert result.triage.ask[0] == "saddle_numbness"
    assert result.triage.checked is False
    both = interpret(kb, ["numb bum"])
    assert find(kb, both.report).triage.level.name == "emergency"
