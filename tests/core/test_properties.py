"""Properties of the finder that must hold for any report (hypothesis)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knotwork.core.answer import result_json
from knotwork.core.finder import Mark, PainReport, find, finder_index
from knotwork.core.kb import KnowledgeBase, default_kb, load_kb
from tests.fixture_kb import write_kb

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@functools.cache
def _tiny() -> KnowledgeBase:
    with tempfile.TemporaryDirectory(prefix="knotwork-props-") as tmp:
        return load_kb(write_kb(Path(tmp)))


class _KBs:
    """Knowledge bases by name, loaded on first use (not at import)."""

    names = ("shipped", "tiny")

    def __getitem__(self, name: str) -> KnowledgeBase:
        return default_kb() if name == "shipped" else _tiny()


KBS = _KBs()


@st.composite
def reports(draw: st.DrawFn, kb: KnowledgeBase) -> PainReport:
    regions = sorted(kb.regions)
    marks = draw(
        st.lists(
            st.builds(Mark, st.sampled_from(regions), st.none() | st.integers(0, 10)),
            min_size=1,
            max_size=6,
        )
    )
    return PainReport.build(
        marks,
        qualities=draw(st.lists(st.sampled_from(sorted(kb.qualities)), max_size=3)),
        aggravators=draw(st.lists(st.sampled_from(sorted(kb.aggravators)), max_size=3)),
        age=draw(st.none() | st.integers(18, 90)),
    )


def _scores(kb: KnowledgeBase, report: PainReport) -> dict[str, float]:
    return {c.record.ref: c.score for c in find(kb, report, limit=10_000).candidates}


@pytest.mark.parametrize("name", KBS.names)
def test_deterministic_and_bounded(name: str) -> None:
    kb = KBS[name]

    @SETTINGS
    @given(reports(kb))
    def check(report: PainReport) -> None:
        first = result_json(kb, find(kb, report, limit=10_000))
        assert first == result_json(kb, find(kb, report, limit=10_000))
        for c in first["candidates"]:
            assert 0 < c["score"] <= 100
            assert 0 < c["coverage"] <= 1

    check()


@pytest.mark.parametrize("name", KBS.names)
def test_order_of_input_does_not_matter(name: str) -> None:
    kb = KBS[name]

    @SETTINGS
    @given(reports(kb), st.randoms(use_true_random=False))
    def check(report: PainReport, rnd: object) -> None:
        marks = list(report.marks)
        rnd.shuffle(marks)  # type: ignore[attr-defined]
        aggs = list(report.aggravators)[::-1]
        shuffled = PainReport.build(marks, report.qualities[::-1], aggs, report.flags, report.age)
        assert result_json(kb, find(kb, shuffled)) == result_json(kb, find(kb, report))

    check()


@pytest.mark.parametrize("name", KBS.names)
def test_adding_a_region_inside_the_essential_zone_never_lowers_the_score(name: str) -> None:
    kb = KBS[name]
    index = finder_index(kb)

    @SETTINGS
    @given(reports(kb), st.data())
    def check(report: PainReport, data: st.DataObject) -> None:
        result = find(kb, report, limit=10_000)
        if not result.candidates:
            return
        cand = data.draw(st.sampled_from(result.candidates))
        essential = index.instances[cand.record.ref][cand.side].essential
        extra = data.draw(st.sampled_from(sorted(essential)))
        intensity = data.draw(st.none() | st.integers(0, 10))
        grown = PainReport.build(
            [*report.marks, Mark(extra, intensity)],
            report.qualities,
            report.aggravators,
            report.flags,
            report.age,
        )
        assert _scores(kb, grown)[cand.record.ref] >= cand.score

    check()


def test_candidates_are_sorted_and_ranked() -> None:
    kb = KBS["shipped"]

    @SETTINGS
    @given(reports(kb))
    def check(report: PainReport) -> None:
        cands = find(kb, report, limit=50).candidates
        assert [c.rank for c in cands] == list(range(1, len(cands) + 1))
        assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)

    check()
