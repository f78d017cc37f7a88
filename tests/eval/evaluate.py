"""Scoring the finder against the vignettes in vignettes.yaml."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from knotwork.core.finder import find, interpret
from knotwork.core.kb import KnowledgeBase
from knotwork.core.triage import Level

VIGNETTE_DIR = Path(__file__).parent
TriageName = Literal["none", "see_doctor", "urgent", "same_day", "emergency"]


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    triage: TriageName
    muscles: list[str] = Field(default_factory=list)


class Vignette(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    area: str
    story: str
    pain: list[str] = Field(default_factory=list)
    quality: list[str] = Field(default_factory=list)
    worse: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    age: Annotated[int, Field(ge=0, le=120)] | None = None
    expect: Expect
    source: str
    half: Literal["dev", "heldout"] = "dev"
    """Held-out vignettes are scored and printed as a figure, never listed when missed:
    nothing is tuned to them."""


class VignetteFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    vignettes: list[Vignette]


def load_vignettes(folder: Path = VIGNETTE_DIR) -> list[Vignette]:
    """Every vignette in ``vignettes*.yaml`` in ``folder``; ids must be unique."""
    out: list[Vignette] = []
    for path in sorted(folder.glob("vignettes*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += VignetteFile.model_validate(data).vignettes
    ids = [v.id for v in out]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate vignette ids: {', '.join(duplicates)}")
    return out


@dataclass
class Outcome:
    vignette: Vignette
    level: Level
    muscles: list[str]  # distinct muscles in rank order
    unresolved: list[str]

    @property
    def expected_level(self) -> Level:
        return Level[self.vignette.expect.triage]

    @property
    def top1(self) -> bool:
        return bool(self.muscles) and self.muscles[0] in self.vignette.expect.muscles

    @property
    def top3(self) -> bool:
        return any(m in self.vignette.expect.muscles for m in self.muscles[:3])


@dataclass
class Tally:
    cases: int = 0
    top1: int = 0
    top3: int = 0

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        self.top1 += outcome.top1
        self.top3 += outcome.top3

    def rate(self, hits: int) -> float:
        return hits / self.cases if self.cases else 0.0


@dataclass
class Report:
    outcomes: list[Outcome]
    by_area: dict[str, Tally] = field(default_factory=dict)
    by_half: dict[str, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)
    flagged: int = 0
    caught: int = 0
    over_triaged: list[str] = field(default_factory=list)
    missed_flags: list[str] = field(default_factory=list)

    @property
    def red_flag_recall(self) -> float:
        return self.caught / self.flagged if self.flagged else 1.0


def evaluate(kb: KnowledgeBase, vignettes: list[Vignette]) -> Report:
    outcomes: list[Outcome] = []
    for v in vignettes:
        interp = interpret(kb, v.pain, v.quality, v.worse, v.flags, v.age, none_apply=True)
        result = find(kb, interp.report, limit=20)
        muscles = list(dict.fromkeys(c.record.muscle.id for c in result.candidates))
        outcomes.append(
            Outcome(v, result.triage.level, muscles, [u.phrase for u in interp.not_understood])
        )
    report = Report(outcomes)
    by_area: dict[str, Tally] = defaultdict(Tally)
    by_half: dict[str, Tally] = defaultdict(Tally)
    for o in outcomes:
        if o.expected_level is not Level.none:
            report.flagged += 1
            if o.level >= o.expected_level:
                report.caught += 1
            else:
                report.missed_flags.append(o.vignette.id)
        elif o.level is not Level.none:
            report.over_triaged.append(o.vignette.id)
        if o.vignette.expect.muscles:
            by_area[o.vignette.area].add(o)
            by_half[o.vignette.half].add(o)
            report.overall.add(o)
    report.by_area = dict(sorted(by_area.items()))
    report.by_half = dict(sorted(by_half.items()))
    return report


def format_report(report: Report) -> str:
    lines = ["Finder accuracy on the vignettes (tests/eval/vignettes*.yaml)", ""]
    lines.append(f"{'area':<12} {'cases':>5} {'top-1':>7} {'top-3':>7}")
    for area, t in report.by_area.items():
        lines.append(f"{area:<12} {t.cases:>5} {t.rate(t.top1):>7.0%} {t.rate(t.top3):>7.0%}")
    t = report.overall
    lines.append(f"{'all':<12} {t.cases:>5} {t.rate(t.top1):>7.0%} {t.rate(t.top3):>7.0%}")
    for half, t in report.by_half.items():
        name = f"({half})"
        lines.append(f"{name:<12} {t.cases:>5} {t.rate(t.top1):>7.0%} {t.rate(t.top3):>7.0%}")
    lines.append("")
    lines.append(
        f"red-flag recall: {report.caught}/{report.flagged} = {report.red_flag_recall:.0%}"
    )
    if report.missed_flags:
        lines.append("missed red flags: " + ", ".join(report.missed_flags))
    lines.append(
        f"over-triaged controls: {len(report.over_triaged)}"
        + (f" ({', '.join(report.over_triaged)})" if report.over_triaged else "")
    )
    misses = [o for o in report.outcomes if o.vignette.expect.muscles and not o.top3]
    held = [o for o in misses if o.vignette.half == "heldout"]
    misses = [o for o in misses if o.vignette.half == "dev"]
    if held:
        lines.append(f"held-out vignettes not in the top 3: {len(held)} (not listed)")
    if misses:
        lines.append("")
        lines.append("not in the top 3:")
        for o in misses:
            lines.append(
                f"  {o.vignette.id}: expected {', '.join(o.vignette.expect.muscles)}; "
                f"got {', '.join(o.muscles[:3]) or 'nothing'}"
            )
    return "\n".join(lines)
