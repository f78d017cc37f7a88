"""Planning a self-treatment session: which spot, which side, in what position, for how long.

The planner works the way a massage therapist lays out a session. Spots are grouped by
body position so the person gets down to the floor once (standing work first, then
sitting, lying on the side, face down, face up). Lying on the side needs one step per
side: all right-side spots, then turn over for the left. Face down or face up, both
sides are within reach, so one step covers both. With a time budget each step gets an equal
block of it; without one, each step gets its planned dose.

For example 60 minutes for quadratus lumborum (lying on the side) and gluteus medius
(face down), both sides: quadratus lumborum 20 minutes on each side, then gluteus
medius 20 minutes face down.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from knotwork.core.kb import KnowledgeBase
from knotwork.core.schema import SelfTreatment

Posture = Literal["standing", "seated", "side_lying", "prone", "supine"]
Side = Literal["left", "right", "both"]
POSTURE_ORDER: tuple[Posture, ...] = ("standing", "seated", "side_lying", "prone", "supine")
POSTURE_LABEL = {
    "standing": "standing",
    "seated": "sitting",
    "side_lying": "lying on your side",
    "prone": "lying face down",
    "supine": "lying on your back",
}
MIN_STEP_MINUTES = 1
MAX_BUDGET_MINUTES = 180


class PlanError(ValueError):
    """A request the planner cannot follow; the message says what it accepts."""


def posture_of(treatment: SelfTreatment) -> Posture:
    """The body position a technique is done in, as the knowledge base gives it."""
    return treatment.posture.value


def needs_helper(treatment: SelfTreatment) -> bool:
    """Whether a technique needs a second person (a helper's elbow or hands)."""
    return "elbow" in treatment.tools or "helper" in treatment.position.lower()


def choose_treatment(techniques: Sequence[SelfTreatment], helper: bool) -> SelfTreatment:
    """The first technique that suits who is doing the work (alone, or with a helper)."""
    for treatment in techniques:
        if needs_helper(treatment) == helper:
            return treatment
    return techniques[0]


@dataclass(frozen=True)
class Choice:
    """A trigger point the person chose to treat, and on which side."""

    ref: str
    side: Side = "both"

    @classmethod
    def parse(cls, text: str) -> Choice:
        """``muscle/point`` or ``muscle/point:left|right|both``."""
        ref, _, side = text.strip().partition(":")
        side = side or "both"
        if side not in ("left", "right", "both"):
            raise PlanError(f"side must be left, right or both, not {side!r}")
        return cls(ref.strip(), side)  # type: ignore[arg-type]

    def __str__(self) -> str:
        return f"{self.ref}:{self.side}"


@dataclass(frozen=True)
class Step:
    number: int
    ref: str
    muscle: str
    name: str
    side: Side
    posture: Posture
    treatment: SelfTreatment
    minutes: int

    @property
    def seconds(self) -> int:
        return self.minutes * 60

    @property
    def side_label(self) -> str:
        return "both sides" if self.side == "both" else f"{self.side} side"

    @property
    def posture_label(self) -> str:
        return POSTURE_LABEL[self.posture]


@dataclass(frozen=True)
class Routine:
    steps: tuple[Step, ...]
    budget: int | None
    helper: bool = False

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def position_changes(self) -> int:
        changes = 0
        for before, after in zip(self.steps, self.steps[1:], strict=False):
            if before.posture != after.posture or (
                before.posture == "side_lying" and before.side != after.side
            ):
                changes += 1
        return changes


@dataclass(frozen=True)
class _Draft:
    order: tuple[int, int, int]
    ref: str
    side: Side
    posture: Posture
    treatment: SelfTreatment
    weight: float


def plan(
    kb: KnowledgeBase,
    choices: Sequence[Choice],
    budget_minutes: int | None = None,
    *,
    helper: bool = False,
) -> Routine:
    """Order the chosen spots into steps and share out the time budget.

    ``helper`` prefers techniques a second person (a partner or a therapist) carries
    out; otherwise techniques you can do alone come first.
    """
    if not choices:
        raise PlanError("choose at least one trigger point to treat")
    if budget_minutes is not None and not 1 <= budget_minutes <= MAX_BUDGET_MINUTES:
        raise PlanError(f"the session length must be 1 to {MAX_BUDGET_MINUTES} minutes")
    drafts: list[_Draft] = []
    seen: set[tuple[str, Side]] = set()
    for index, choice in enumerate(choices):
        record = kb.trigger_points.get(choice.ref)
        if record is None:
            raise PlanError(f"unknown trigger point {choice.ref!r}")
        treatment = choose_treatment(record.point.self_treatment, helper)
        posture = posture_of(treatment)
        sides: list[Side]
        if choice.side == "both" and posture not in ("prone", "supine"):
            sides = ["right", "left"]
        else:
            sides = [choice.side]
        for side in sides:
            if (choice.ref, side) in seen:
                continue
            seen.add((choice.ref, side))
            # lying on the side: every right-side spot, then turn over for the left
            side_rank = {"right": 0, "both": 0, "left": 1}[side] if posture == "side_lying" else 0
            drafts.append(
                _Draft(
                    order=(POSTURE_ORDER.index(posture), side_rank, index),
                    ref=choice.ref,
                    side=side,
                    posture=posture,
                    treatment=treatment,
                    weight=treatment.dose.minutes_per_side,
                )
            )
    drafts.sort(key=lambda d: d.order)
    minutes = _share(drafts, budget_minutes)
    steps = tuple(
        Step(
            number=i + 1,
            ref=d.ref,
            muscle=kb.trigger_points[d.ref].muscle.name,
            name=kb.trigger_points[d.ref].point.name,
            side=d.side,
            posture=d.posture,
            treatment=d.treatment,
            minutes=m,
        )
        for i, (d, m) in enumerate(zip(drafts, minutes, strict=True))
    )
    return Routine(steps, budget_minutes, helper)


def _share(drafts: Sequence[_Draft], budget: int | None) -> list[int]:
    """Whole minutes per step: the planned dose, or equal blocks of the budget.

    With a budget every step gets an equal block, as a therapist books time per area;
    the minutes left over by rounding go to the earliest steps.
    """
    if budget is None:
        return [max(MIN_STEP_MINUTES, round(d.weight)) for d in drafts]
    if budget < MIN_STEP_MINUTES * len(drafts):
        raise PlanError(
            f"{budget} minutes is too short for {len(drafts)} steps; "
            f"allow at least {MIN_STEP_MINUTES * len(drafts)} minutes or choose fewer spots"
        )
    exact = [budget / len(drafts) for _ in drafts]
    minutes = [max(MIN_STEP_MINUTES, math.floor(x)) for x in exact]
    leftover = budget - sum(minutes)
    by_remainder = sorted(range(len(drafts)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    step = 1 if leftover > 0 else -1
    i = 0
    while leftover != 0:
        j = by_remainder[i % len(drafts)]
        if step > 0 or minutes[j] > MIN_STEP_MINUTES:
            minutes[j] += step
            leftover -= step
        i += 1
    return minutes


def parse_choices(values: Iterable[str]) -> list[Choice]:
    """Parse ``muscle/point[:side]`` strings, dropping repeats but keeping order."""
    out: list[Choice] = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                choice = Choice.parse(part)
                if choice not in out:
                    out.append(choice)
    return out
