"""What seems to help one person: next-day pain after the spots they treated, honestly.

The outcome is the next day's average pain, adjusted for the day's own pain, so that
treating on bad days (which are followed by better days anyway: regression to the mean)
does not look like an effect. For spot X, over the days d with a rating on d and d+1:

    pain[d+1] = a + b * treated_X[d] + c * pain[d] + day of week (d+1) + error

``b`` is the estimate, with a 95% interval from a moving-block bootstrap (7-day blocks,
so that runs of good and bad days stay together). With three or more spots to compare,
the estimates are shrunk toward zero (empirical Bayes), since the more spots are
compared the more often one looks good by chance. The result is a tier, never a verdict:
not enough data / no clear difference / seems associated (could be coincidence; test it
properly). docs/diary.md explains the method and its limits.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MIN_DAYS_WITH = 14
MIN_DAYS_WITHOUT = 14
MIN_SPAN_DAYS = 28
BLOCK_DAYS = 7
RESAMPLES = 999
MIN_SPOTS_TO_POOL = 3
MATTERS = 2.0  # points on the 0-10 scale: the change people call "much better"
MATTERS_SOURCE = "Farrar et al. 2001; Ostelo et al. 2008"
FLARE_HEAVY = 0.8

Tier = Literal["not_enough_data", "no_clear_difference", "seems_associated"]
Reason = Literal["planned", "flare", "experiment", "other"]
REASONS: tuple[Reason, ...] = ("planned", "flare", "experiment", "other")

RELIEF_CAVEAT = (
    "Pain is usually lower right after any session, whatever was pressed: expecting relief, "
    "resting and time all lower it. Relief right after a session is not evidence that this "
    "spot matters."
)


def signed(value: float) -> str:
    """``value`` to one decimal with its sign ("+0.4", "-1.2"), and zero as plain "0.0"
    (never "-0.0")."""
    rounded = round(value, 1)
    return "0.0" if rounded == 0 else f"{rounded:+.1f}"


@dataclass(frozen=True)
class DayPain:
    """One daily rating: average pain over the last 24 hours, 0-10."""

    day: date
    average: int


@dataclass(frozen=True)
class TreatedDay:
    """One self-treatment session: the day, the spots pressed, why, and pain around it."""

    day: date
    spots: frozenset[str]
    reason: Reason = "planned"
    pain_before: int | None = None
    pain_after: int | None = None
    pain_next_morning: int | None = None


@dataclass(frozen=True)
class Relief:
    """Pain right before and right after the sessions that included a spot (and the next
    morning, where it was given)."""

    sessions: int
    mean_drop: float  # before minus after, points
    caveat: str = RELIEF_CAVEAT
    mean_before: float = 0.0
    mean_after: float = 0.0
    morning_sessions: int = 0
    """Of ``sessions``, those with the next morning's pain too."""
    mean_next_morning: float | None = None


@dataclass(frozen=True)
class SpotFinding:
    """What one person's diary says about one spot."""

    spot: str
    tier: Tier
    days_with: int
    days_without: int
    span_days: int
    estimate: float | None = None  # next-day pain difference, points (negative: lower)
    low: float | None = None
    high: float | None = None
    unpooled: float | None = None  # the estimate before shrinking toward zero
    flare_share: float = 0.0
    relief: Relief | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> str:
        """The finding in plain words, never stronger than the data allow."""
        if self.tier == "not_enough_data":
            need = []
            if self.days_with < MIN_DAYS_WITH:
                need.append(f"{MIN_DAYS_WITH - self.days_with} more days with this spot")
            if self.days_without < MIN_DAYS_WITHOUT:
                need.append(f"{MIN_DAYS_WITHOUT - self.days_without} more days without it")
            if self.span_days < MIN_SPAN_DAYS:
                need.append(f"{MIN_SPAN_DAYS - self.span_days} more days of diary")
            return (
                "Not enough data yet: "
                + ", ".join(need)
                + ". A day counts when it and the next day both have a pain rating."
            )
        assert self.estimate is not None
        assert self.low is not None
        assert self.high is not None
        size = abs(self.estimate)
        between = f"(95% interval {signed(self.low)} to {signed(self.high)})"
        if self.tier == "no_clear_difference":
            return (
                f"No clear difference: next-day pain after this spot was {signed(self.estimate)} "
                f"points {between}, and the interval includes no change."
            )
        direction = "lower" if self.estimate < 0 else "higher"
        matters = (
            f"about the {MATTERS:g} points that matter"
            if size >= MATTERS
            else f"smaller than the {MATTERS:g} points that matter"
        )
        return (
            f"Seems associated with {direction} next-day pain: {size:.1f} points {between}, "
            f"{matters}. This could be coincidence; test it properly."
        )


def what_helps(
    ratings: Iterable[DayPain],
    sessions: Iterable[TreatedDay],
    *,
    resamples: int = RESAMPLES,
) -> list[SpotFinding]:
    """A finding for every spot in the sessions, spots with the most evidence first."""
    import numpy  # only here: the CLI and the finder never pay for it

    pain: dict[date, int] = {}
    for r in ratings:
        if not 0 <= r.average <= 10:
            raise ValueError(f"pain on {r.day} is {r.average}; it must be 0-10")
        pain[r.day] = r.average  # the last rating of a day counts
    sessions = list(sessions)
    spots = sorted({s for sess in sessions for s in sess.spots})
    treated: dict[str, set[date]] = {s: set() for s in spots}
    for sess in sessions:
        for s in sess.spots:
            treated[s].add(sess.day)
    days = sorted(d for d in pain if d + timedelta(days=1) in pain)
    span = (max(pain) - min(pain)).days + 1 if pain else 0
    seed = _seed(pain, sessions)
    raw: dict[str, tuple[float, float, float]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for s in spots:
        t = [1.0 if d in treated[s] else 0.0 for d in days]
        with_, without = int(sum(t)), len(t) - int(sum(t))
        counts[s] = (with_, without)
        if with_ < MIN_DAYS_WITH or without < MIN_DAYS_WITHOUT or span < MIN_SPAN_DAYS:
            continue
        x = numpy.array(
            [
                [1.0, ti, pain[d], *_weekday(d + timedelta(days=1))]
                for d, ti in zip(days, t, strict=True)
            ]
        )
        y = numpy.array([float(pain[d + timedelta(days=1)]) for d in days])
        raw[s] = _fit_with_interval(x, y, resamples, seed + spots.index(s))
    pooled = _shrink(raw)
    out = []
    for s in spots:
        with_, without = counts[s]
        mine = [sess for sess in sessions if s in sess.spots]
        flare = sum(sess.reason == "flare" for sess in mine) / len(mine) if mine else 0.0
        relief = _relief(mine)
        notes: list[str] = []
        if s not in pooled:
            out.append(SpotFinding(s, "not_enough_data", with_, without, span, relief=relief))
            continue
        est, low, high = pooled[s]
        if flare > FLARE_HEAVY:
            notes.append(
                "Most sessions with this spot were on flare days, so the estimate leans on the "
                "adjustment for how bad the day already was."
            )
        if len(raw) >= MIN_SPOTS_TO_POOL:
            notes.append(
                f"{len(raw)} spots are compared, so each estimate is pulled toward no difference."
            )
        tier: Tier = "seems_associated" if high < 0 or low > 0 else "no_clear_difference"
        out.append(
            SpotFinding(
                s,
                tier,
                with_,
                without,
                span,
                estimate=round(est, 2),
                low=round(low, 2),
                high=round(high, 2),
                unpooled=round(raw[s][0], 2),
                flare_share=round(flare, 2),
                relief=relief,
                notes=tuple(notes),
            )
        )
    order = {"seems_associated": 0, "no_clear_difference": 1, "not_enough_data": 2}
    out.sort(key=lambda f: (order[f.tier], f.estimate if f.estimate is not None else 0, f.spot))
    return out


def _weekday(d: date) -> list[float]:
    """Six day-of-week columns (Monday is the baseline)."""
    return [1.0 if d.weekday() == k else 0.0 for k in range(1, 7)]


def _seed(pain: dict[date, int], sessions: Sequence[TreatedDay]) -> int:
    """The same diary always gives the same interval."""
    h = hashlib.blake2b(digest_size=8)
    for d in sorted(pain):
        h.update(f"{d}:{pain[d]};".encode())
    for sess in sorted(sessions, key=lambda s: (s.day, sorted(s.spots))):
        h.update(f"{sess.day}:{','.join(sorted(sess.spots))};".encode())
    return int.from_bytes(h.digest(), "big") % (2**32)


def _fit_with_interval(
    xa: npt.NDArray[np.float64], ya: npt.NDArray[np.float64], resamples: int, seed: int
) -> tuple[float, float, float]:
    """The treated coefficient and its 95% moving-block bootstrap interval."""
    import numpy

    n, k = xa.shape
    beta = numpy.linalg.lstsq(xa, ya, rcond=None)[0]
    rng = numpy.random.default_rng(seed)
    blocks = math.ceil(n / BLOCK_DAYS)
    starts = rng.integers(0, n - BLOCK_DAYS + 1, size=(resamples, blocks))
    idx = (starts[:, :, None] + numpy.arange(BLOCK_DAYS)[None, None, :]).reshape(resamples, -1)
    idx = idx[:, :n]
    xb = xa[idx]  # resamples x n x k
    yb = ya[idx]
    keep = xb[:, :, 1].std(axis=1) > 0  # a resample with no treated (or no untreated) day
    xb, yb = xb[keep], yb[keep]
    # ridge-small normal equations: a resample can lose a weekday column
    xtx = numpy.einsum("bnk,bnl->bkl", xb, xb) + 1e-6 * numpy.eye(k)
    xty = numpy.einsum("bnk,bn->bk", xb, yb)
    coef = numpy.linalg.solve(xtx, xty[..., None])[..., 0][:, 1]
    # resampling n rows to fit k numbers underestimates the spread in a short diary:
    # widen the bootstrap's standard error by sqrt(n / (n - k)) and use Student's t
    resid = ya - xa @ beta
    classical = math.sqrt(
        float(resid @ resid) / (n - k) * float(numpy.linalg.pinv(xa.T @ xa)[1, 1])
    )
    se = max(float(coef.std(ddof=1)) * math.sqrt(n / (n - k)), classical)
    half = t975(n - k) * se
    return float(beta[1]), float(beta[1]) - half, float(beta[1]) + half


def t975(df: int) -> float:
    """Student's t 97.5% point (Cornish-Fisher series; within 0.001 for df >= 5)."""
    z = 1.959964
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


def _shrink(raw: dict[str, tuple[float, float, float]]) -> dict[str, tuple[float, float, float]]:
    """Pull estimates toward zero when several spots are compared (normal-normal model)."""
    if len(raw) < MIN_SPOTS_TO_POOL:
        return dict(raw)
    se = {s: max((high - low) / (2 * 1.96), 1e-9) for s, (_b, low, high) in raw.items()}
    tau2 = max(0.0, sum(b * b - se[s] ** 2 for s, (b, _l, _h) in raw.items()) / len(raw))
    out = {}
    for s, (b, _low, _high) in raw.items():
        keep = tau2 / (tau2 + se[s] ** 2)
        centre = keep * b
        half = 1.96 * math.sqrt(keep) * se[s]
        out[s] = (centre, centre - half, centre + half)
    return out


def _relief(sessions: Sequence[TreatedDay]) -> Relief | None:
    pairs = [
        (s.pain_before, s.pain_after)
        for s in sessions
        if s.pain_before is not None and s.pain_after is not None
    ]
    if not pairs:
        return None
    drop = sum(b - a for b, a in pairs) / len(pairs)
    mornings = [
        s.pain_next_morning
        for s in sessions
        if s.pain_before is not None
        and s.pain_after is not None
        and s.pain_next_morning is not None
    ]
    return Relief(
        len(pairs),
        round(drop, 2),
        mean_before=round(sum(b for b, _ in pairs) / len(pairs), 2),
        mean_after=round(sum(a for _, a in pairs) / len(pairs), 2),
        morning_sessions=len(mornings),
        mean_next_morning=round(sum(mornings) / len(mornings), 2) if mornings else None,
    )


def naive_change(ratings: Iterable[DayPain], sessions: Iterable[TreatedDay]) -> float | None:
    """Next-day pain minus the session day's pain, averaged over session days.

    The comparison people make in their heads, and a trap: sessions happen on bad days,
    and bad days are followed by better ones anyway. Kept to show the trap in tests and
    in docs/diary.md, never as a finding.
    """
    pain = {r.day: r.average for r in ratings}
    diffs = [
        pain[s.day + timedelta(days=1)] - pain[s.day]
        for s in {s.day: s for s in sessions}.values()
        if s.day in pain and s.day + timedelta(days=1) in pain
    ]
    return sum(diffs) / len(diffs) if diffs else None
