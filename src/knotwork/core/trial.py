"""A planned test for one person ("test it properly"): days assigned at random, fixed first.

Within each block of two days one is A (the routine with the spot) and one is B (without
it), drawn at random when the test is planned, before any result is seen. The outcome is
the next day's average pain, decided in advance with the smallest difference that would
matter (2 points by default). The analysis is a randomisation test: the difference seen is
compared with the differences every other assignment the plan could have drawn would give,
so its p-value rests on the random draw itself, not on a model of pain.

One person's test can show whether, for them, over these weeks, days with the spot were
followed by lower pain than days without it. It cannot show why, whether it lasts, or that
it would hold for anyone else, and a test of many weeks can still be upset by a flare.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from knotwork.core.diary import signed, t975

Arm = Literal["A", "B"]
BLOCK = 2
MIN_BLOCKS = 7
PERMUTATIONS = 5000


@dataclass(frozen=True)
class Plan:
    start: date
    arms: tuple[Arm, ...]  # arms[i] is the arm of start + i days
    smallest_that_matters: float = 2.0

    def arm_on(self, day: date) -> Arm | None:
        i = (day - self.start).days
        return self.arms[i] if 0 <= i < len(self.arms) else None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.arms) - 1)


@dataclass(frozen=True)
class TrialResult:
    blocks_used: int
    days_missing: int
    difference: float | None  # mean next-day pain, A minus B (negative: lower with A)
    low: float | None
    high: float | None
    p_value: float | None
    summary: str


def plan(start: date, blocks: int, *, seed: int, smallest_that_matters: float = 2.0) -> Plan:
    """Pairs of days, one A and one B in each, in a random order fixed now."""
    if blocks < MIN_BLOCKS:
        raise ValueError(f"a test needs at least {MIN_BLOCKS} pairs of days (two weeks)")
    rng = random.Random(seed)
    arms: list[Arm] = []
    for _ in range(blocks):
        pair: list[Arm] = ["A", "B"]
        rng.shuffle(pair)
        arms += pair
    return Plan(start, tuple(arms), smallest_that_matters)


def analyse(
    p: Plan, pain: Mapping[date, int], *, permutations: int = PERMUTATIONS, seed: int = 0
) -> TrialResult:
    """Mean next-day pain on A days minus B days, its interval and randomisation p-value."""
    diffs: list[float] = []  # per complete block: outcome after A minus outcome after B
    missing = 0
    for b in range(len(p.arms) // BLOCK):
        days = [p.start + timedelta(days=BLOCK * b + k) for k in range(BLOCK)]
        outcome = {
            p.arms[BLOCK * b + k]: pain.get(d + timedelta(days=1)) for k, d in enumerate(days)
        }
        if outcome.get("A") is None or outcome.get("B") is None:
            missing += sum(v is None for v in outcome.values())
            continue
        diffs.append(float(outcome["A"]) - float(outcome["B"]))  # type: ignore[arg-type]
    n = len(diffs)
    if n < MIN_BLOCKS:
        return TrialResult(
            n,
            missing,
            None,
            None,
            None,
            None,
            f"Not enough complete pairs of days yet: {n} of the "
            f"{MIN_BLOCKS} needed have a rating on the day after each.",
        )
    mean = sum(diffs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in diffs) / (n - 1)) if n > 1 else 0.0
    half = t975(n - 1) * sd / math.sqrt(n)
    # under no effect, which day of a pair was A is a coin toss: flip the signs
    rng = random.Random(seed)
    seen = abs(mean)
    more = ties = 0
    for _ in range(permutations):
        flipped = abs(sum(x if rng.random() < 0.5 else -x for x in diffs) / n)
        if flipped > seen + 1e-9:
            more += 1
        elif flipped >= seen - 1e-9:
            ties += 1
    # whole-number ratings give many ties: a tie is counted as above or below at random
    # (the seen difference among its equals), so that under no effect every p-value from
    # 0 to 1 is equally likely rather than bunched at a few values
    p_value = (more + rng.random() * (ties + 1)) / (permutations + 1)
    low, high = mean - half, mean + half
    if p_value < 0.05:
        direction = "lower" if mean < 0 else "higher"
        matters = (
            "at least the difference you said would matter"
            if abs(mean) >= p.smallest_that_matters
            else "less than the difference you said would matter"
        )
        summary = (
            f"In your test, next-day pain was {direction} after days with the spot: "
            f"{abs(mean):.1f} points on average ({signed(low)} to {signed(high)}), {matters} "
            f"({p.smallest_that_matters:g}); a difference this large would come from the "
            f"coin tosses alone {p_value:.1%} of the time."
        )
    else:
        summary = (
            f"Your test found no clear difference: {signed(mean)} points ({signed(low)} to "
            f"{signed(high)}); differences this large come from the coin tosses alone "
            f"{p_value:.0%} of the time."
        )
    return TrialResult(
        n, missing, round(mean, 2), round(low, 2), round(high, 2), round(p_value, 4), summary
    )
