"""Accuracy floors on the vignettes. Raise a floor when the finder improves; never lower it
without saying why in docs/finder.md."""

from __future__ import annotations

import pytest
import yaml

from knotwork.core.kb import KnowledgeBase
from tests.eval.evaluate import Report, evaluate, load_vignettes

# 0.80 until 2026-12-04; 33 more muscles and 41 blind vignettes (half held out) for
# them brought it to 74% overall (dev 77%), a real finding recorded in docs/finder.md
TOP1_FLOOR = 0.72
TOP3_FLOOR = 0.95


@pytest.fixture(scope="module")
def report(kb: KnowledgeBase) -> Report:
    return evaluate(kb, load_vignettes())


def test_there_are_enough_vignettes(report: Report) -> None:
    muscle_cases = [o for o in report.outcomes if o.vignette.expect.muscles]
    spot_cases = [o for o in report.outcomes if o.vignette.id.startswith("spot_")]
    assert len(muscle_cases) >= 30 + 14
    assert len(spot_cases) == 14
    assert report.flagged >= 12


def test_every_phrase_resolves(report: Report) -> None:
    unresolved = {o.vignette.id: o.unresolved for o in report.outcomes if o.unresolved}
    assert unresolved == {}


def test_every_expected_muscle_exists(kb: KnowledgeBase, report: Report) -> None:
    for o in report.outcomes:
        for muscle in o.vignette.expect.muscles:
            assert muscle in kb.muscles, (o.vignette.id, muscle)


def test_red_flag_recall_is_complete(report: Report) -> None:
    assert report.missed_flags == []
    assert report.red_flag_recall == 1.0


def test_no_control_is_over_triaged(report: Report) -> None:
    assert report.over_triaged == []


def test_top1_floor(report: Report) -> None:
    assert report.overall.rate(report.overall.top1) >= TOP1_FLOOR


def test_top3_floor(report: Report) -> None:
    assert report.overall.rate(report.overall.top3) >= TOP3_FLOOR


# issue 10: no body area below 80% top-3 (abdomen, the last below it, is at 88% on eight
# stories since 2026-12-04)
AREA_TOP3_FLOOR = 0.80


def test_every_body_area_has_a_top3_floor(report: Report) -> None:
    low = {
        area: t.rate(t.top3)
        for area, t in report.by_area.items()
        if t.rate(t.top3) < AREA_TOP3_FLOOR
    }
    assert low == {}


def test_outside_the_low_back_is_covered(report: Report) -> None:
    areas = set(report.by_area)
    for area in (
        "head",
        "face_jaw",
        "neck",
        "shoulder",
        "elbow_forearm",
        "wrist_hand",
        "knee",
        "leg",
        "ankle_foot",
    ):
        assert area in areas, area
    body = [
        o
        for o in report.outcomes
        if o.vignette.id.startswith("body_") and o.vignette.expect.muscles
    ]
    assert len(body) >= 30


def test_by_set_scores_every_development_file_and_no_heldout_phrase(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.eval.lay import LAY_DIR
    from tests.eval.report import by_set

    by_set()
    lines = capsys.readouterr().out.splitlines()
    files = sorted(LAY_DIR.glob("phrases*.yaml")) + sorted((LAY_DIR / "incoming").glob("*.yaml"))
    assert len(lines) == len(files)
    # the split file counts only its development half
    split = next(line for line in lines if line.startswith("phrases.yaml:"))
    total = split.split("/")[1].split(" ")[0]
    assert int(total) < len(yaml.safe_load((LAY_DIR / "phrases.yaml").read_text())["phrases"])
