"""The clinician summary's arithmetic: weeks, the first two weeks against the last two."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knotwork.core.diary import DayPain, TreatedDay
from knotwork.core.summary import MAX_PERIOD_DAYS, pain_summary

START = date(2026, 9, 1)
QL = frozenset({"quadratus_lumborum/deep_upper"})


def _days(first: int, values: list[int]) -> list[DayPain]:
    return [DayPain(START + timedelta(days=first + i), v) for i, v in enumerate(values)]


def test_weeks_are_cut_from_the_start_and_the_last_may_be_short() -> None:
    end = START + timedelta(days=15)  # 16 days: 7 + 7 + 2
    ratings = _days(0, [4, 6, 5]) + _days(14, [3])
    sessions = [
        TreatedDay(START + timedelta(days=1), QL),
        TreatedDay(START + timedelta(days=1), QL),
    ]
    s = pain_summary(ratings, sessions, START, end)
    assert [(w.start, w.end) for w in s.weeks] == [
        (START, START + timedelta(days=6)),
        (START + timedelta(days=7), START + timedelta(days=13)),
        (START + timedelta(days=14), end),
    ]
    first, empty, last = s.weeks
    assert (first.days_rated, first.mean, first.lowest, first.highest) == (3, 5.0, 4, 6)
    assert first.sessions == 2
    assert (empty.days_rated, empty.mean, empty.lowest, empty.sessions) == (0, None, None, 0)
    assert (last.days_rated, last.mean) == (1, 3.0)
    assert (s.days, s.days_rated, s.sessions, s.session_days) == (16, 4, 2, 1)


def test_ratings_and_sessions_outside_the_period_are_left_out() -> None:
    end = START + timedelta(days=6)
    ratings = _days(-3, [9, 9, 9]) + _days(0, [2]) + _days(7, [9])
    sessions = [TreatedDay(START - timedelta(days=1), QL), TreatedDay(end + timedelta(days=1), QL)]
    s = pain_summary(ratings, sessions, START, end)
    assert s.days_rated == 1
    assert s.weeks[0].mean == 2.0
    assert s.sessions == 0


def test_a_drop_of_two_points_is_put_against_the_change_that_matters() -> None:
    end = START + timedelta(days=27)
    s = pain_summary(_days(0, [7] * 14) + _days(14, [4] * 14), [], START, end)
    assert (s.first_mean, s.last_mean) == (7.0, 4.0)
    assert "down 3.0 points, at least the change that matters" in s.change
    assert "not its cause" in s.change
    assert "works" not in s.change


def test_a_small_rise_is_called_smaller_than_the_change_that_matters() -> None:
    end = START + timedelta(days=27)
    s = pain_summary(_days(0, [4] * 14) + _days(14, [5, 4] * 7), [], START, end)
    assert "up 0.5 points, smaller than the change that matters" in s.change


def test_no_change_is_said_plainly() -> None:
    end = START + timedelta(days=27)
    s = pain_summary(_days(0, [5] * 28), [], START, end)
    assert s.change.endswith(": unchanged.")


def test_too_few_ratings_at_either_end_are_not_compared() -> None:
    end = START + timedelta(days=27)
    s = pain_summary(_days(0, [7] * 14) + _days(24, [2, 2, 2]), [], START, end)
    assert s.first_mean is None
    assert s.last_mean is None
    assert "Too few ratings" in s.change
    assert "there were 14 and 3" in s.change


def test_a_short_period_is_not_compared() -> None:
    end = START + timedelta(days=26)  # 27 days: the two windows would overlap
    s = pain_summary(_days(0, [7] * 27), [], START, end)
    assert s.first_mean is None
    assert "shorter than 28 days" in s.change


def test_a_period_must_run_forwards_and_be_bounded() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        pain_summary([], [], START, START - timedelta(days=1))
    with pytest.raises(ValueError, match="at most"):
        pain_summary([], [], START, START + timedelta(days=MAX_PERIOD_DAYS))


@given(
    st.lists(st.tuples(st.integers(0, 120), st.integers(0, 10)), max_size=150),
    st.integers(0, 120),
)
def test_every_day_rated_in_the_period_lands_in_exactly_one_week(
    marks: list[tuple[int, int]], length: int
) -> None:
    ratings = {START + timedelta(days=d): v for d, v in marks}
    end = START + timedelta(days=length)
    s = pain_summary([DayPain(d, v) for d, v in ratings.items()], [], START, end)
    inside = [v for d, v in ratings.items() if d <= end]
    assert sum(w.days_rated for w in s.weeks) == s.days_rated == len(inside)
    assert sum((w.end - w.start).days + 1 for w in s.weeks) == s.days
    for w in s.weeks:
        if w.mean is not None:
            assert w.lowest is not None
            assert w.highest is not None
            assert w.lowest <= w.mean <= w.highest
