"""Content-quality tooling: lint, stats, sources index and the JSON export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from knotwork.cli import main
from knotwork.core.kb import KnowledgeBase, load_kb
from knotwork.core.kbtools import explained_region_keys, export, lint, sources_index, stats
from knotwork.core.schema import KBExport
from tests.fixture_kb import fixture_files, write_kb


def _lint_of(tmp_path: Path, edit) -> list[str]:  # type: ignore[no-untyped-def]
    files = fixture_files()
    edit(files)
    return [str(f) for f in lint(load_kb(write_kb(tmp_path, files)))]


def test_placeholder_is_an_error(tmp_path: Path) -> None:
    def edit(files):  # type: ignore[no-untyped-def]
        files["muscles/beta.yaml"]["muscle"]["trigger_points"][0]["cautions"] = ["TODO"]

    found = _lint_of(tmp_path, edit)
    assert any(f.startswith("error: beta/low cautions[0]: placeholder") for f in found), found


def test_long_sentence_and_repeated_text_are_warnings(tmp_path: Path) -> None:
    long = " ".join(["word"] * 45) + "."
    shared = "Press slowly into the muscle and wait for the ache to fade away."

    def edit(files):  # type: ignore[no-untyped-def]
        files["muscles/alpha.yaml"]["muscle"]["trigger_points"][0]["location"] = long
        for mid in ("alpha", "beta"):
            files[f"muscles/{mid}.yaml"]["muscle"]["trigger_points"][0]["evidence_note"] = shared

    found = _lint_of(tmp_path, edit)
    assert any("alpha/upper location: sentence of 45 words" in f for f in found), found
    assert any(f.startswith("warning: alpha/upper, beta/low: same sentence") for f in found)


def test_unused_vocabulary_and_unexplained_regions(tiny_kb: KnowledgeBase) -> None:
    found = [str(f) for f in lint(tiny_kb)]
    assert "warning: vocabulary.yaml quality burning: not used by any trigger point" in found
    # the lower spine is only near a zone, never in one
    assert any("regions.yaml region back.low_back.spine" in f for f in found)


def test_one_way_companion_is_flagged(tmp_path: Path) -> None:
    def edit(files):  # type: ignore[no-untyped-def]
        files["muscles/beta.yaml"]["muscle"]["trigger_points"][0]["companions"] = []

    found = _lint_of(tmp_path, edit)
    assert any("beta/low: alpha/upper lists it as a companion" in f for f in found), found


def test_explained_regions_cover_children_and_parents(tiny_kb: KnowledgeBase) -> None:
    explained = explained_region_keys(tiny_kb)
    assert "back.buttock.lower" in explained  # child of beta's back.buttock
    assert "back.low_back" in explained  # parent of explained children
    assert "back.low_back.spine" not in explained


def test_stats(tiny_kb: KnowledgeBase) -> None:
    data = stats(tiny_kb)
    assert data["muscles"] == 4
    assert data["trigger_points"] == 4
    assert data["by_area"]["low_back"] == {"muscles": 3, "trigger_points": 3}
    assert data["citations_by_source"]["ts_vol2"] >= 4


def test_sources_index(tiny_kb: KnowledgeBase) -> None:
    index = sources_index(tiny_kb)
    assert "alpha/upper (test chapter)" in index["ts_vol2"]


def test_export_round_trips_through_the_published_model(tiny_kb: KnowledgeBase) -> None:
    doc = export(tiny_kb)
    parsed = KBExport.model_validate(json.loads(json.dumps(doc)))
    assert len(parsed.muscles) == 4
    assert doc["licence"] == "CC-BY-SA-4.0"


def test_cli_kb_tools(tiny_kb_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    lint_result = runner.invoke(main, ["--kb-dir", str(tiny_kb_dir), "kb", "lint"])
    assert lint_result.exit_code == 0  # warnings only
    strict = runner.invoke(main, ["--kb-dir", str(tiny_kb_dir), "kb", "lint", "--strict"])
    assert strict.exit_code == 1
    stats_result = runner.invoke(main, ["--kb-dir", str(tiny_kb_dir), "kb", "stats", "--json"])
    assert json.loads(stats_result.output)["muscles"] == 4
    out = tmp_path / "kb.json"
    exported = runner.invoke(
        main, ["--kb-dir", str(tiny_kb_dir), "kb", "export", "--format", "json", "-o", str(out)]
    )
    assert exported.exit_code == 0
    assert json.loads(out.read_text())["format"] == "knotwork-kb"
    sources = runner.invoke(main, ["--kb-dir", str(tiny_kb_dir), "kb", "sources"])
    assert "ts_vol2" in sources.output
