"""Simulated diaries: one person's daily pain as an AR(1) series, with sessions.

Pain drifts around its own mean, a bad day is followed by a somewhat bad day (rho), and
the person presses a spot on flare days (pain at or above ``flare``) and, on other days,
with chance ``planned``. A session lowers the next day's pain by ``effect`` points
(0: no effect at all).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from knotwork.core.diary import DayPain, TreatedDay

START = date(2026, 1, 5)


def simulate(
    days: int,
    *,
    effect: float = 0.0,
    rho: float = 0.6,
    mean: float = 5.5,
    noise: float = 1.2,
    flare: int = 7,
    planned: float = 0.4,
    spots: tuple[str, ...] = ("quadratus_lumborum/deep_upper",),
    effective: str | None = None,
    seed: int = 0,
) -> tuple[list[DayPain], list[TreatedDay]]:
    rng = random.Random(seed)
    latent, carry = mean, 0.0
    ratings: list[DayPain] = []
    sessions: list[TreatedDay] = []
    for i in range(days):
        latent = mean + rho * (latent - mean) + rng.gauss(0, noise) + carry
        pain = min(10, max(0, round(latent)))
        day = START + timedelta(days=i)
        ratings.append(DayPain(day, pain))
        carry = 0.0
        pressed = {s for s in spots if pain >= flare or rng.random() < planned}
        if pressed:
            sessions.append(
                TreatedDay(
                    day,
                    frozenset(pressed),
                    "flare" if pain >= flare else "planned",
                    pain_before=pain,
                    pain_after=max(0, pain - rng.choice([0, 1, 1, 2])),
                )
            )
            if (effective or spots[0]) in pressed:
                carry = effect
    return ratings, sessions
