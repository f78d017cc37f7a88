"""The shipped knowledge base meets the foundation's content requirements."""

from __future__ import annotations

from click.testing import CliRunner

from knotwork.cli import main
from knotwork.core.finder import find, interpret
from knotwork.core.kb import KnowledgeBase

LOW_BACK_MUSCLES = {
    "quadratus_lumborum",
    "iliocostalis_thoracis",
    "iliocostalis_lumborum",
    "longissimus_thoracis",
    "multifidus",
    "gluteus_maximus",
    "gluteus_medius",
    "gluteus_minimus",
    "piriformis",
    "psoas_major",
    "iliacus",
    "rectus_abdominis",
    "serratus_posterior_inferior",
    "tensor_fasciae_latae",
    "semitendinosus",
    "semimembranosus",
    "biceps_femoris",
    "soleus",
}


def test_kb_check_passes_on_the_shipped_kb() -> None:
    result = CliRunner().invoke(main, ["kb", "check"])
    assert result.exit_code == 0, result.output


def test_size_and_coverage(kb: KnowledgeBase) -> None:
    assert sorted(kb.spots) == list(range(1, 15))
    assert len(kb.muscles) >= 25
    assert len(kb.trigger_points) >= 45
    assert set(kb.muscles) >= LOW_BACK_MUSCLES
    assert len(kb.regions) >= 80


def test_every_trigger_point_cites_a_source_and_has_a_dose(kb: KnowledgeBase) -> None:
    for ref, record in kb.trigger_points.items():
        tp = record.point
        assert tp.sources, ref
        for t in tp.self_treatment:
            assert t.dose.minutes_per_side > 0, ref
            assert t.stop_if, ref


def test_every_spot_points_at_its_muscles(kb: KnowledgeBase) -> None:
    spot12 = {kb.trigger_points[r].muscle.id for r in kb.spots[12].trigger_points}
    spot13 = {kb.trigger_points[r].muscle.id for r in kb.spots[13].trigger_points}
    assert spot12 == {"gluteus_maximus"}
    assert "longissimus_thoracis" in spot13


def test_regions_are_tied_to_choir(kb: KnowledgeBase) -> None:
    for region in kb.regions.values():
        assert all(101 <= c <= 136 or 201 <= c <= 238 for c in region.choir), region.id
        front = all(c < 200 for c in region.choir)
        assert front == (region.view.value == "front"), region.id


def test_back_dimple_and_top_of_buttock(kb: KnowledgeBase) -> None:
    """The foundation's acceptance case: spots 12 and 13 near the top, on the right."""
    interp = interpret(kb, pain=["right back dimple", "top of right buttock"])
    result = find(kb, interp.report)
    top = [(c.record.ref, c.side) for c in result.candidates[:3]]
    assert ("gluteus_maximus/tp1_upper", "right") in top
    assert ("longissimus_thoracis/lumbosacral", "right") in top
    first = result.candidates[0]
    assert first.companions, "spots 12 and 13 are suggested together"


def test_numb_saddle_area_makes_triage_emergency(kb: KnowledgeBase) -> None:
    interp = interpret(kb, pain=["right back dimple"], flags=["numb saddle area"])
    result = find(kb, interp.report)
    assert result.triage.level.name == "emergency"
    assert result.candidates == ()


def test_kb_lint_is_clean(kb: KnowledgeBase) -> None:
    from knotwork.core.kbtools import lint

    assert [str(f) for f in lint(kb)] == []


def test_every_region_is_explained_by_some_trigger_point(kb: KnowledgeBase) -> None:
    from knotwork.core.kbtools import explained_region_keys

    unexplained = sorted(set(kb.region_entries) - explained_region_keys(kb))
    assert unexplained == []


def test_whole_body_coverage(kb: KnowledgeBase) -> None:
    from knotwork.core.kbtools import stats

    data = stats(kb)
    assert data["muscles"] >= 60
    assert data["trigger_points"] >= 110
    for area, counts in data["by_area"].items():
        assert counts["trigger_points"] > 0, f"no trigger point in {area}"
    assert data["optional_fields_filled"]["dose with hold time, strokes or passes"] == 1.0


def test_every_trigger_point_and_technique_has_an_evidence_grade(kb: KnowledgeBase) -> None:
    for ref, record in kb.trigger_points.items():
        assert record.point.evidence, ref
        assert len(record.point.evidence_note.split()) >= 5, ref
        for t in record.point.self_treatment:
            assert t.evidence, ref
