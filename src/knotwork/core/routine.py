"""Planning a self-treatment session: which spot, which side, in what position, for how long.

Two ways in. ``plan`` lays out chosen spots the way a massage therapist would: grouped by
body position so the person gets down to the floor once (standing work first, then
sitting, lying on the side, face down, face up); lying on the side needs one step per side
(all right-side spots, then turn over for the left), face down or face up one step covers
both. Each step gets its technique's planned dose; a time budget is shared out by each
dose's range, never past the top of it (the rest of the budget is reported as spare, not
poured into one step). ``build`` takes steps exactly as a person or a template sets them
(the routine builder, routines.yaml): in their order, with their minutes, position and tool.

The seed's massage session (quadratus lumborum 20 minutes on each side lying on the side,
then gluteus medius 20 minutes face down) is a template, built with ``build``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from knotwork.core.kb import KnowledgeBase, TriggerPointRecord
from knotwork.core.schema import RoutineTemplate, SelfTreatment

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
MAX_STEP_MINUTES = 60
MAX_BUDGET_MINUTES = 180
MAX_STEPS = 30


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
    tool: str = ""
    """The tool for this step (one of the technique's)."""

    @property
    def spec(self) -> StepSpec:
        """The step as the builder and the URL write it."""
        return StepSpec(self.ref, self.side, self.minutes, self.posture, self.tool or None)

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
    spare_minutes: int = 0
    """Minutes of the budget beyond the top of every step's dose range (not planned)."""

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
class StepSpec:
    """One step as a person or a template sets it; written in a URL as
    ``muscle/point:side:minutes:posture:tool``, where everything after the trigger point
    may be left out (the technique's own dose, position and tool)."""

    ref: str
    side: Side = "both"
    minutes: int | None = None
    posture: Posture | None = None
    tool: str | None = None

    @classmethod
    def parse(cls, text: str) -> StepSpec:
        parts = text.strip().split(":")
        if len(parts) > 5:
            raise PlanError(
                f"a step is muscle/point:side:minutes:position:tool, not {text.strip()[:80]!r}"
            )
        ref, side, minutes, posture, tool = (parts + [""] * 5)[:5]
        side = side.strip() or "both"
        if side not in ("left", "right", "both"):
            raise PlanError(f"side must be left, right or both, not {side!r}")
        return cls(
            ref.strip(),
            side,  # type: ignore[arg-type]
            _step_minutes(minutes.strip()),
            _posture(posture.strip()),
            tool.strip() or None,
        )

    def __str__(self) -> str:
        parts = [
            self.ref,
            self.side,
            "" if self.minutes is None else str(self.minutes),
            self.posture or "",
            self.tool or "",
        ]
        return ":".join(parts).rstrip(":")


def _step_minutes(text: str) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 3):
        raise PlanError(
            f"minutes must be a whole number from 1 to {MAX_STEP_MINUTES}, not {text!r}"
        )
    value = int(text)
    if not MIN_STEP_MINUTES <= value <= MAX_STEP_MINUTES:
        raise PlanError(
            f"minutes must be a whole number from 1 to {MAX_STEP_MINUTES}, not {text!r}"
        )
    return value


def _posture(text: str) -> Posture | None:
    if not text:
        return None
    if text not in POSTURE_ORDER:
        raise PlanError(f"the position must be one of {', '.join(POSTURE_ORDER)}, not {text!r}")
    return text


def technique_for(
    techniques: Sequence[SelfTreatment],
    posture: Posture | None,
    tool: str | None,
    helper: bool,
) -> SelfTreatment:
    """The technique that fits the position and tool asked for: both if one has both, else
    the position, else the tool; among equals one that suits who does the work."""

    def fit(t: SelfTreatment) -> tuple[int, int, int]:
        return (
            int(posture is not None and t.posture == posture),
            int(tool is not None and tool in t.tools),
            int(needs_helper(t) == helper),
        )

    best = max(techniques, key=fit)  # max keeps the first of equals: the entry's order
    return best


def options(record: TriggerPointRecord) -> tuple[tuple[Posture, ...], tuple[str, ...]]:
    """The positions and tools a trigger point's techniques use, in the planner's order."""
    techniques = record.point.self_treatment
    postures = tuple(p for p in POSTURE_ORDER if any(t.posture == p for t in techniques))
    tools = tuple(dict.fromkeys(tool for t in techniques for tool in t.tools))
    return postures, tools


def build(kb: KnowledgeBase, specs: Sequence[StepSpec], *, helper: bool = False) -> Routine:
    """The routine exactly as set: these steps in this order, each with its minutes (else
    its technique's planned dose), position and tool (else the technique's own)."""
    if not specs:
        raise PlanError("choose at least one trigger point to treat")
    if len(specs) > MAX_STEPS:
        raise PlanError(f"a routine has at most {MAX_STEPS} steps")
    steps = []
    for number, spec in enumerate(specs, start=1):
        record = kb.trigger_points.get(spec.ref)
        if record is None:
            raise PlanError(f"unknown trigger point {spec.ref!r}")
        postures, tools = options(record)
        name = record.muscle.name
        if spec.posture is not None and spec.posture not in postures:
            said = ", ".join(POSTURE_LABEL[p] for p in postures)
            raise PlanError(f"{name} is not worked {POSTURE_LABEL[spec.posture]} here; try: {said}")
        if spec.tool is not None and spec.tool not in tools:
            raise PlanError(f"{name} has no technique with {spec.tool!r}; try: {', '.join(tools)}")
        treatment = technique_for(record.point.self_treatment, spec.posture, spec.tool, helper)
        sides = 2 if spec.side == "both" else 1  # a dose is per side
        planned = max(MIN_STEP_MINUTES, round(treatment.dose.minutes_per_side * sides))
        minutes = spec.minutes or planned
        tool = spec.tool if spec.tool in treatment.tools else treatment.tools[0]
        steps.append(
            Step(
                number=number,
                ref=spec.ref,
                muscle=name,
                name=record.point.name,
                side=spec.side,
                posture=spec.posture or posture_of(treatment),
                treatment=treatment,
                minutes=minutes,
                tool=tool,
            )
        )
    return Routine(tuple(steps), None, helper)


def from_template(template: RoutineTemplate) -> list[StepSpec]:
    """A template's steps as the builder takes them."""
    return [
        StepSpec(
            s.trigger_point,
            s.side,
            s.minutes,
            None if s.posture is None else s.posture.value,
            s.tool,
        )
        for s in template.steps
    ]


def by_position(routine: Routine) -> list[StepSpec]:
    """The routine's steps grouped by body position as the planner orders them (standing
    first, lying on the side right then left), keeping their order within a group."""
    order = sorted(
        routine.steps,
        key=lambda s: (
            POSTURE_ORDER.index(s.posture),
            {"right": 0, "both": 0, "left": 1}[s.side] if s.posture == "side_lying" else 0,
            s.number,
        ),
    )
    return [s.spec for s in order]


@dataclass(frozen=True)
class _Draft:
    order: tuple[int, int, int]
    ref: str
    side: Side
    posture: Posture
    treatment: SelfTreatment
    planned: int
    most: int


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
        dose = treatment.dose
        for side in sides:
            per = 2 if side == "both" else 1  # a dose is per side; face down, both in one step
            planned = max(MIN_STEP_MINUTES, round(dose.minutes_per_side * per))
            most = max(planned, round((dose.most_minutes_per_side or dose.minutes_per_side) * per))
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
                    planned=planned,
                    most=most,
                )
            )
    drafts.sort(key=lambda d: d.order)
    minutes, spare = _share(drafts, budget_minutes)
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
            tool=d.treatment.tools[0],
        )
        for i, (d, m) in enumerate(zip(drafts, minutes, strict=True))
    )
    return Routine(steps, budget_minutes, helper, spare)


def _share(drafts: Sequence[_Draft], budget: int | None) -> tuple[list[int], int]:
    """Whole minutes per step, and the minutes of the budget left spare.

    Without a budget each step gets its planned dose. A budget shorter than the planned
    doses shrinks every step alike (at least a minute each); a longer one lengthens each
    step toward the top of its dose range, in proportion to the room it has; past the top
    of every range the rest is spare, not poured into one step.
    """
    planned = [d.planned for d in drafts]
    if budget is None:
        return planned, 0
    if budget < MIN_STEP_MINUTES * len(drafts):
        raise PlanError(
            f"{budget} minutes is too short for {len(drafts)} steps; "
            f"allow at least {MIN_STEP_MINUTES * len(drafts)} minutes or choose fewer spots"
        )
    most = [d.most for d in drafts]
    if budget >= sum(most):
        return most, budget - sum(most)
    if budget <= sum(planned):
        exact = [budget * p / sum(planned) for p in planned]
    else:
        room = [m - p for m, p in zip(most, planned, strict=True)]
        extra = budget - sum(planned)
        exact = [p + extra * r / sum(room) for p, r in zip(planned, room, strict=True)]
    return _whole(exact, budget), 0


def _whole(exact: Sequence[float], total: int) -> list[int]:
    """Whole minutes (at least one each) adding up to ``total``, nearest to ``exact``: the
    minutes left over by rounding down go to the largest remainders."""
    minutes = [max(MIN_STEP_MINUTES, math.floor(x)) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    leftover = total - sum(minutes)
    step = 1 if leftover > 0 else -1
    i = 0
    while leftover != 0:
        j = by_remainder[i % len(exact)]
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
