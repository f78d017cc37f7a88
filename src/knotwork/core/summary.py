"""A diary period summed up for a clinician: pain week by week, the start against the end.

Pure arithmetic over the daily ratings and sessions (``core.diary``'s types); the web
app's summary page and PDF draw it. The start and the end are compared only when each
has enough ratings, and the change is put against the 2 points that matter, never called
an effect of anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from knotwork.core.diary import MATTERS, MATTERS_SOURCE, DayPain, TreatedDay

WINDOW_DAYS = 14
"""The start and the end of a period are its first and last two weeks."""
MIN_RATINGS_IN_WINDOW = 4
"""Fewer ratings than this in either window and the two are not compared."""
MAX_PERIOD_DAYS = 3660


@dataclass(frozen=True)
class WeekOfPain:
    """One week of the period (the last may be shorter)."""

    start: date
    end: date
    days_rated: int
    mean: float | None
    lowest: int | None
    highest: int | None
    sessions: int


@dataclass(frozen=True)
class PainSummary:
    """Daily pain over a period, and the first two weeks against the last two."""

    start: date
    end: date
    days_rated: int
    weeks: tuple[WeekOfPain, ...]
    sessions: int
    session_days: int
    first_mean: float | None
    last_mean: float | None
    first_ratings: int
    last_ratings: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def change(self) -> str:
        """The start against the end in words, or why they are not compared."""
        if self.days < 2 * WINDOW_DAYS:
            return (
                f"The period is shorter than {2 * WINDOW_DAYS} days, so its start and end "
                "are not compared."
            )
        if self.first_mean is None or self.last_mean is None:
            return (
                f"Too few ratings to compare the first two weeks with the last two (at least "
                f"{MIN_RATINGS_IN_WINDOW} in each are needed; there were {self.first_ratings} "
                f"and {self.last_ratings})."
            )
        diff = self.last_mean - self.first_mean
        head = (
            f"Average pain was {self.first_mean:.1f} in the first two weeks and "
            f"{self.last_mean:.1f} in the last two"
        )
        if abs(diff) < 0.05:
            return f"{head}: unchanged."
        direction = "down" if diff < 0 else "up"
        verdict = (
            "at least the change that matters"
            if abs(diff) >= MATTERS
            else "smaller than the change that matters"
        )
        return (
            f"{head}: {direction} {abs(diff):.1f} points, {verdict} ({MATTERS:g} points; "
            f"{MATTERS_SOURCE}). A diary shows the change, not its cause."
        )


def pain_summary(
    ratings: Iterable[DayPain], sessions: Iterable[TreatedDay], start: date, end: date
) -> PainSummary:
    """Ratings and sessions from ``start`` to ``end`` (both included), week by week."""
    if end < start:
        raise ValueError("the period ends before it starts")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise ValueError(f"a period is at most {MAX_PERIOD_DAYS} days")
    pain = {r.day: r.average for r in ratings if start <= r.day <= end}
    treated = [s for s in sessions if start <= s.day <= end]
    weeks = []
    week_start = start
    while week_start <= end:
        week_end = min(week_start + timedelta(days=6), end)
        values = [v for d, v in pain.items() if week_start <= d <= week_end]
        weeks.append(
            WeekOfPain(
                start=week_start,
                end=week_end,
                days_rated=len(values),
                mean=round(fmean(values), 1) if values else None,
                lowest=min(values) if values else None,
                highest=max(values) if values else None,
                sessions=sum(1 for s in treated if week_start <= s.day <= week_end),
            )
        )
        week_start = week_end + timedelta(days=1)
    first = [v for d, v in pain.items() if (d - start).days < WINDOW_DAYS]
    last = [v for d, v in pain.items() if (end - d).days < WINDOW_DAYS]
    long_enough = (end - start).days + 1 >= 2 * WINDOW_DAYS
    compare = long_enough and min(len(first), len(last)) >= MIN_RATINGS_IN_WINDOW
    return PainSummary(
        start=start,
        end=end,
        days_rated=len(pain),
        weeks=tuple(weeks),
        sessions=len(treated),
        session_days=len({s.day for s in treated}),
        first_mean=round(fmean(first), 1) if compare else None,
        last_mean=round(fmean(last), 1) if compare else None,
        first_ratings=len(first),
        last_ratings=len(last),
    )
