"""Precautions: asked once, named by each technique over a danger area (a `kb lint`
rule), and applied the same way for every face (core's ``precautions_for``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from knotwork.core.kb import KnowledgeBase, load_kb
from knotwork.core.kbproblems import KBError
from knotwork.core.kbtools import lint
from knotwork.core.precautions import danger_applies, precautions_for, read_precautions
from knotwork.core.schema import Change
from tests.fixture_kb import CITE, fixture_files, write_kb

SHIPPED = {
    "blood_thinners",
    "pregnancy",
    "osteoporosis",
    "varicose_clot",
    "recent_surgery",
    "diabetes_numb_feet",
    "pacemaker",
}


def _with_precautions(files: dict[str, Any]) -> dict[str, Any]:
    files["vocabulary.yaml"]["precautions"] = [
        {
            "id": "thin_bones",
            "label": "thin bones",
            "question": "I have thin bones",
            "why": "A hard ball can crack a thin rib.",
            "danger": [{"regions": ["back.low_back"], "tools": ["ball_wall"]}],
            "default": {"change": "no_tool", "say": "Use your hand, not a ball, here."},
            "sources": CITE,
        },
        {
            "id": "thinners",
            "label": "blood thinners",
            "question": "I take blood thinners",
            "why": "Bruising.",
            "everywhere": True,
            "default": {"change": "lighter_pressure", "say": "Press gently everywhere."},
            "sources": CITE,
        },
    ]
    return files


def test_the_shipped_precautions_are_the_seven_asked_for(kb: KnowledgeBase) -> None:
    assert set(kb.precautions) == SHIPPED
    for p in kb.precautions.values():
        assert p.question
        assert p.default.say
        assert p.sources
    assert kb.precautions["blood_thinners"].everywhere
    assert kb.precautions["recent_surgery"].everywhere


def test_a_technique_over_a_danger_area_must_name_it(tmp_path: Path) -> None:
    files = _with_precautions(fixture_files())
    # beta/low sits in back.low_back.paraspinal_lower and is treated with a ball on a wall
    found = [str(f) for f in lint(load_kb(write_kb(tmp_path / "a", files)))]
    assert any(
        f.startswith("error: beta/low self_treatment[0].precautions") and "'thin_bones'" in f
        for f in found
    ), found
    # alpha/upper (the buttock) is not in the danger area: nothing asked of it
    assert not any(f.startswith("error: alpha/upper") for f in found)
    treatment = files["muscles/beta.yaml"]["muscle"]["trigger_points"][0]["self_treatment"][0]
    treatment["precautions"] = [{"precaution": "thin_bones", "change": "no_tool"}]
    found = [str(f) for f in lint(load_kb(write_kb(tmp_path / "b", files)))]
    assert not any(f.startswith("error: beta/low") for f in found), found


def test_a_hand_in_the_danger_area_is_no_danger(tmp_path: Path) -> None:
    files = _with_precautions(fixture_files())
    treatment = files["muscles/beta.yaml"]["muscle"]["trigger_points"][0]["self_treatment"][0]
    treatment["tools"] = ["thumb"]
    kb = load_kb(write_kb(tmp_path, files))
    point = kb.trigger_points["beta/low"].point
    assert not danger_applies(kb, kb.precautions["thin_bones"], point, point.self_treatment[0])


def test_an_unknown_precaution_is_named_with_its_file_and_field(tmp_path: Path) -> None:
    files = _with_precautions(fixture_files())
    treatment = files["muscles/beta.yaml"]["muscle"]["trigger_points"][0]["self_treatment"][0]
    treatment["precautions"] = [{"precaution": "thin_bone", "change": "no_tool"}]
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    problems = [str(p) for p in caught.value.problems]
    assert any(
        "muscles/beta.yaml" in p
        and "self_treatment[0].precautions[0]" in p
        and "unknown precaution 'thin_bone'" in p
        for p in problems
    ), problems


def test_precautions_for_a_technique(tmp_path: Path) -> None:
    files = _with_precautions(fixture_files())
    treatment = files["muscles/beta.yaml"]["muscle"]["trigger_points"][0]["self_treatment"][0]
    treatment["precautions"] = [{"precaution": "thin_bones", "change": "avoid_spot"}]
    kb = load_kb(write_kb(tmp_path, files))
    point = kb.trigger_points["beta/low"].point
    applied = precautions_for(kb, point, point.self_treatment[0], chosen=("thinners",))
    assert [(a.id, a.change, a.specific, a.chosen) for a in applied] == [
        ("thin_bones", Change.avoid_spot, True, False),
        ("thinners", Change.lighter_pressure, False, True),
    ]
    # the technique's change, the precaution's words where it has none of its own
    assert applied[0].say == "Use your hand, not a ball, here."
    # alpha names nothing, so only the everywhere precaution applies to it
    alpha = kb.trigger_points["alpha/upper"].point
    assert [a.id for a in precautions_for(kb, alpha, alpha.self_treatment[0])] == ["thinners"]


def test_read_precautions_keeps_known_ids_in_asked_order(kb: KnowledgeBase) -> None:
    assert read_precautions(kb, ["pacemaker", "nonsense", "blood_thinners", "pacemaker"]) == (
        "blood_thinners",
        "pacemaker",
    )


def test_shipped_ball_on_the_ribs_names_osteoporosis(kb: KnowledgeBase) -> None:
    # the audit finding: longissimus thoracis' ball technique over the ribs
    record = kb.trigger_points["longissimus_thoracis/thoracolumbar"]
    balls = [t for t in record.point.self_treatment if {"ball_wall", "ball_floor"} & set(t.tools)]
    assert balls
    for t in balls:
        assert "osteoporosis" in {p.precaution for p in t.precautions}


def test_every_shipped_foot_and_calf_technique_names_its_precaution(kb: KnowledgeBase) -> None:
    for ref, record in kb.trigger_points.items():
        region = record.point.location_region
        for t in record.point.self_treatment:
            named = {p.precaution for p in t.precautions}
            if region.startswith(("back.sole", "back.heel", "front.foot")):
                assert "diabetes_numb_feet" in named, ref
            if region.startswith(("back.calf", "back.knee")):
                assert "varicose_clot" in named, ref
            if "vibration" in t.tools:
                assert "pacemaker" in named, ref
