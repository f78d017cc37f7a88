"""The planned single-person test: the plan is fixed first, and the analysis is honest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from knotwork.core.trial import MIN_BLOCKS, analyse, plan
from tests.core.trial_sim import ks_uniform, simulate_outcomes

START = date(2026, 1, 5)


def test_each_pair_of_days_has_one_a_and_one_b_drawn_at_random() -> None:
    p = plan(START, 14, seed=1)
    assert len(p.arms) == 28
    assert all(sorted(p.arms[i : i + 2]) == ["A", "B"] for i in range(0, 28, 2))
    assert p.arms != plan(START, 14, seed=2).arms
    assert p.arms == plan(START, 14, seed=1).arms  # the same plan, every time it is read
    assert p.arm_on(START) == p.arms[0]
    assert p.arm_on(START - timedelta(days=1)) is None
    assert p.end == START + timedelta(days=27)
    with pytest.raises(ValueError, match="at least 7 pairs"):
        plan(START, MIN_BLOCKS - 1, seed=1)


def test_under_no_effect_the_p_values_are_uniform() -> None:
    values = []
    for k in range(1000):
        p = plan(START, 14, seed=k)
        values.append(
            analyse(p, simulate_outcomes(p, 0.0, seed=10_000 + k), permutations=499, seed=k).p_value
        )
    assert all(v is not None for v in values)
    # Kolmogorov-Smirnov: 1.36 / sqrt(1000) is the 5% critical distance
    assert ks_uniform([v for v in values if v is not None]) < 1.36 / 1000**0.5


def test_a_true_two_point_effect_is_found_in_four_weeks() -> None:
    found = 0
    for k in range(200):
        p = plan(START, 14, seed=k)
        r = analyse(p, simulate_outcomes(p, -2.0, seed=20_000 + k), permutations=499, seed=k)
        assert r.p_value is not None
        found += r.p_value < 0.05 and r.difference is not None and r.difference < 0
    assert found / 200 >= 0.8


def test_missing_days_are_counted_and_too_few_pairs_say_so() -> None:
    p = plan(START, 7, seed=3)
    pain = simulate_outcomes(p, 0.0, seed=3)
    del pain[START + timedelta(days=1)]
    r = analyse(p, pain)
    assert r.blocks_used == 6
    assert r.days_missing == 1
    assert r.difference is None
    assert "Not enough complete pairs of days yet: 6 of the 7" in r.summary


def test_the_result_says_what_it_found_in_words() -> None:
    p = plan(START, 14, seed=4)
    big = analyse(p, simulate_outcomes(p, -3.0, noise=0.5, seed=4))
    assert big.summary.startswith("In your test, next-day pain was lower after days with the spot")
    assert "at least the difference you said would matter (2)" in big.summary
    none = analyse(p, dict.fromkeys((START + timedelta(days=i) for i in range(29)), 5))
    assert none.summary.startswith("Your test found no clear difference")
