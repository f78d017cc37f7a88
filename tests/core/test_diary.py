"""What seems to help: the honesty contract, shown on simulated diaries."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from knotwork.core import diary
from knotwork.core.diary import DayPain, TreatedDay, naive_change, what_helps
from tests.core.diary_sim import simulate

QL = "quadratus_lumborum/deep_upper"


def _claims(findings: list[diary.SpotFinding], spot: str = QL) -> bool:
    return any(f.spot == spot and f.tier == "seems_associated" for f in findings)


def test_a_world_with_no_effect_fools_the_naive_comparison_but_not_ours() -> None:
    # sessions only on flare days, no effect at all: 300 diaries of 90 days
    naive, claims, judged = [], 0, 0
    for seed in range(300):
        ratings, sessions = simulate(90, planned=0.0, seed=seed)
        change = naive_change(ratings, sessions)
        if change is not None:
            naive.append(change)
        found = what_helps(ratings, sessions, resamples=299)
        judged += found[0].tier != "not_enough_data"
        claims += _claims(found)
    # the trap is real: next day after a session looks almost a point better
    assert sum(naive) / len(naive) < -0.5
    assert sum(c < 0 for c in naive) / len(naive) > 0.8
    assert judged > 200, "most diaries had enough days to be judged"
    assert claims / 300 <= 0.05


def test_planned_and_flare_sessions_with_no_effect_rarely_claim_anything() -> None:
    claims = sum(
        _claims(what_helps(*simulate(90, seed=1000 + seed), resamples=299)) for seed in range(400)
    )
    assert claims / 400 <= 0.05


def test_a_true_two_point_effect_is_found_in_eight_weeks() -> None:
    found = 0
    for seed in range(200):
        f = what_helps(*simulate(56, effect=-2.0, seed=5000 + seed), resamples=299)[0]
        found += f.tier == "seems_associated" and f.estimate is not None and f.estimate < 0
    assert found / 200 >= 0.8


def test_many_spots_are_pulled_toward_no_difference() -> None:
    spots = ("a/x", "b/x", "c/x", "d/x", "e/x")
    ratings, sessions = simulate(120, planned=0.5, spots=spots, seed=7)
    found = {f.spot: f for f in what_helps(ratings, sessions, resamples=299)}
    assert len(found) == 5
    for f in found.values():
        assert f.tier != "not_enough_data"
        assert f.unpooled is not None
        assert f.estimate is not None
        assert abs(f.estimate) <= abs(f.unpooled) + 1e-9
        assert any("pulled toward no difference" in n for n in f.notes)


def test_one_effective_spot_among_five_still_stands_out() -> None:
    spots = ("a/x", "b/x", "c/x", "d/x", "e/x")
    hits = 0
    for seed in range(40):
        ratings, sessions = simulate(
            90, effect=-2.0, planned=0.5, spots=spots, effective="c/x", seed=300 + seed
        )
        hits += _claims(what_helps(ratings, sessions, resamples=299), "c/x")
    assert hits / 40 >= 0.8


def test_fewer_than_fourteen_days_either_way_is_not_enough_data() -> None:
    start = date(2026, 3, 2)
    ratings = [DayPain(start + timedelta(days=i), 5 + i % 3) for i in range(60)]
    # 13 days with the spot, 46 without: one day short
    sessions = [TreatedDay(start + timedelta(days=2 * i), frozenset({QL})) for i in range(13)]
    f = what_helps(ratings, sessions)[0]
    assert f.tier == "not_enough_data"
    assert f.estimate is None
    assert "1 more days with this spot" in f.summary
    # 14 with, but all within three weeks of diary
    short = ratings[:21]
    many = [TreatedDay(start + timedelta(days=i), frozenset({QL})) for i in range(0, 20, 1)]
    g = what_helps(short, many)[0]
    assert g.tier == "not_enough_data"
    assert "more days of diary" in g.summary


def test_the_same_diary_gives_the_same_answer() -> None:
    ratings, sessions = simulate(90, seed=3)
    assert what_helps(ratings, sessions) == what_helps(list(ratings), list(sessions))


def test_immediate_relief_is_shown_apart_with_its_caveat() -> None:
    ratings, sessions = simulate(90, seed=4)
    f = what_helps(ratings, sessions)[0]
    assert f.relief is not None
    assert f.relief.sessions == len(sessions)
    assert f.relief.mean_drop > 0
    assert "not evidence" in f.relief.caveat


def test_flare_heavy_spots_say_the_estimate_leans_on_the_adjustment() -> None:
    ratings, sessions = simulate(200, planned=0.0, mean=6.5, seed=11)
    f = what_helps(ratings, sessions, resamples=299)[0]
    assert f.flare_share == 1.0
    assert any("flare days" in n for n in f.notes)


def test_a_rating_outside_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="0-10"):
        what_helps([DayPain(date(2026, 1, 1), 11)], [])


def test_the_word_works_never_appears_in_what_we_say() -> None:
    # every sentence the analysis can produce, and the module's own strings
    texts = []
    for seed, effect in ((1, 0.0), (2, -2.0), (3, 0.0)):
        for f in what_helps(*simulate(90, effect=effect, seed=seed), resamples=99):
            texts += [f.summary, *f.notes, f.relief.caveat if f.relief else ""]
    texts.append(Path(diary.__file__).read_text(encoding="utf-8"))
    assert not [t for t in texts if re.search(r"\bworks?\b", t, re.IGNORECASE)]


def test_relief_gives_before_after_and_the_next_morning_over_its_own_sessions() -> None:
    from knotwork.core.diary import _relief

    d = date(2026, 1, 5)
    spots = frozenset({"a/b"})
    sessions = [
        TreatedDay(d, spots, "planned", 6, 3, 5),
        TreatedDay(d + timedelta(days=2), spots, "planned", 8, 4, None),
        TreatedDay(d + timedelta(days=4), spots, "planned", None, 2, 1),  # no before: left out
    ]
    r = _relief(sessions)
    assert r is not None
    assert (r.sessions, r.mean_before, r.mean_after, r.mean_drop) == (2, 7.0, 3.5, 3.5)
    assert (r.morning_sessions, r.mean_next_morning) == (1, 5.0)
    assert _relief([TreatedDay(d, spots)]) is None


def test_a_signed_figure_never_reads_minus_zero() -> None:
    assert [diary.signed(v) for v in (-0.04, 0.0, 0.04, -0.05, 1.26, -2.0)] == [
        "0.0",
        "0.0",
        "0.0",
        "-0.1",
        "+1.3",
        "-2.0",
    ]
