"""Simulated outcomes for planned tests, and a uniformity check for their p-values."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from knotwork.core.trial import Plan


def simulate_outcomes(
    p: Plan,
    effect: float,
    *,
    rho: float = 0.6,
    mean: float = 5.5,
    noise: float = 1.2,
    seed: int = 0,
) -> dict[date, int]:
    """Daily pain for testing the analysis: AR(1), lowered by ``effect`` the day after A."""
    rng = random.Random(seed)
    latent, carry = mean, 0.0
    out: dict[date, int] = {}
    for i in range(len(p.arms) + 1):
        latent = mean + rho * (latent - mean) + rng.gauss(0, noise) + carry
        day = p.start + timedelta(days=i)
        out[day] = min(10, max(0, round(latent)))
        carry = effect if i < len(p.arms) and p.arms[i] == "A" else 0.0
    return out


def ks_uniform(values: Sequence[float]) -> float:
    """Kolmogorov-Smirnov distance of ``values`` from the uniform distribution on 0-1."""
    xs = sorted(values)
    n = len(xs)
    return max(max((i + 1) / n - x, x - i / n) for i, x in enumerate(xs))
