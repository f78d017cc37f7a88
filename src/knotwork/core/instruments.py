"""Questionnaires as data: each instrument's items, scoring, change that matters and licence.

Files live in ``core/data/instruments/*.yaml``, one instrument each, validated like the
knowledge base (a bad file is named with its entry and field). Licence status decides
what the repository may hold:

- ``bundled``: item text is ours or free to use, shipped here;
- ``score_only``: a clinician's paper or electronic copy, used under its owner's terms,
  gives the score (or the value of each item), which is typed in here; the repository
  holds none of its wording, and a test checks that;
- ``pack``: verbatim text loaded only from a folder named by ``KNOTWORK_INSTRUMENT_PACK``,
  never shipped.

Scoring functions are pure and named by ``scoring.method``.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import Field, model_validator
from pydantic import Strict as StrictMode

from knotwork.core.kbfiles import load_file
from knotwork.core.kbproblems import KBError, KBProblem
from knotwork.core.schema import Strict

DATA_DIR = Path(__file__).parent / "data" / "instruments"
PACK_ENV = "KNOTWORK_INSTRUMENT_PACK"

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]


class LicenceStatus(StrEnum):
    bundled = "bundled"
    score_only = "score_only"
    pack = "pack"


class Method(StrEnum):
    single = "single"  # the one item's value
    mean = "mean"  # mean of the answered items (PSFS)
    percent_of_max = "percent_of_max"  # ODI: sum / (5 x answered) x 100
    ticked = "count"  # RMDQ: items ticked
    start_back = "start_back"  # total 0-9 and psychosocial subscale


class Licence(Strict):
    status: Annotated[LicenceStatus, StrictMode(False)]
    holder: str
    terms: str = Field(description="What the holder allows, in their terms, briefly.")
    terms_url: str | None = None
    copyright_notice: str = Field(description="Shown under the form and in FHIR copyright.")
    may_modify: bool = False


class Change(Strict):
    """The change that matters (MCID) or the smallest real change (MDC)."""

    points: float
    percent: float | None = None
    source: str


class Option(Strict):
    value: int
    label: str


class Item(Strict):
    id: Id
    text: str | None = Field(
        default=None, description="Our own words; absent for score-only and pack instruments."
    )
    min: int = 0
    max: int = 10
    anchors: list[Option] = Field(default_factory=list)
    person_names_it: bool = Field(
        default=False, description="PSFS: the person names the activity they rate."
    )


class Scoring(Strict):
    method: Annotated[Method, StrictMode(False)]
    missing_rule: str
    min_answered: int = 1
    item_count: int | None = Field(
        default=None, description="Score-entry forms: how many numbered items (1..n)."
    )
    item_max: int | None = Field(
        default=None, description="Score-entry forms: an item's top value."
    )
    score_min: float = 0
    score_max: float = 10
    lower_is_better: bool = True


class Band(Strict):
    low: float
    high: float
    label: str


class Fhir(Strict):
    questionnaire_url: str
    loinc: str | None = None


class Instrument(Strict):
    id: Id
    name: str
    version: str
    recall: str
    intended_user: str = Field(pattern=r"^(self|clinician|both)$")
    validated: bool
    about: str
    items: list[Item] = Field(default_factory=list)
    score_entry: bool = Field(
        default=False, description="The total is typed from the person's own licensed form."
    )
    scoring: Scoring
    bands: list[Band] = Field(default_factory=list)
    mcid: Change | None = None
    mdc: Change | None = None
    licence: Licence
    fhir: Fhir

    @model_validator(mode="after")
    def _text_follows_the_licence(self) -> Instrument:
        texts = [i.id for i in self.items if i.text]
        if self.licence.status is LicenceStatus.score_only and texts:
            raise ValueError(
                "a score_only instrument carries no item text "
                f"(items with text: {', '.join(texts)})"
            )
        if not self.items and not self.score_entry:
            raise ValueError("an instrument without items must be score_entry")
        return self


class InstrumentFile(Strict):
    instrument: Instrument


class ScoreError(ValueError):
    """Answers that cannot be scored, said in words for the person."""


@dataclass(frozen=True)
class Score:
    instrument: str
    total: float
    subscales: Mapping[str, float]
    band: str | None
    answered: int


def score(
    inst: Instrument, answers: Mapping[str, int | None] | None = None, *, total: float | None = None
) -> Score:
    """Score answers (item id -> value, None for unanswered) or a typed total."""
    sc = inst.scoring
    if inst.score_entry and total is not None:
        if not sc.score_min <= total <= sc.score_max:
            raise ScoreError(
                f"{inst.name}: the score must be between {sc.score_min:g} and {sc.score_max:g}"
            )
        return Score(inst.id, float(total), {}, _band(inst, total), 0)
    if answers is None:
        raise ScoreError(f"{inst.name}: give the answers or the total")
    items = {i.id: i for i in inst.items} if inst.items else None
    given: dict[str, int] = {}
    for key, answer in answers.items():
        if items is not None and key not in items:
            raise ScoreError(f"{inst.name}: there is no question {key!r}")
        if answer is None:
            continue
        if items is not None:
            lo, hi = items[key].min, items[key].max
        else:
            count = sc.item_count or 0
            if key not in {str(n) for n in range(1, count + 1)}:
                raise ScoreError(f"{inst.name}: items are numbered 1 to {count}, not {key!r}")
            lo, hi = 0, sc.item_max if sc.item_max is not None else 10
        if not lo <= answer <= hi:
            raise ScoreError(f"{inst.name}: answer {key!r} must be {lo} to {hi}, not {answer}")
        given[key] = answer
    if len(given) < sc.min_answered:
        raise ScoreError(
            f"{inst.name}: at least {sc.min_answered} answers are needed ({len(given)} given); "
            f"{sc.missing_rule}"
        )
    subscales: dict[str, float] = {}
    values = list(given.values())
    if sc.method is Method.single:
        value = float(values[0])
    elif sc.method is Method.mean:
        value = round(sum(values) / len(values), 2)
    elif sc.method is Method.percent_of_max:
        top = sc.item_max if sc.item_max is not None else 5
        value = round(sum(values) / (top * len(values)) * 100, 1)
    elif sc.method is Method.ticked:
        value = float(sum(1 for v in values if v))
    else:  # start_back: items 1-9 positive or not; 5-9 the psychosocial subscale
        # items 1-8 agree (1) or disagree (0); item 9 on five levels, 0 "not at all" to 4
        # "extremely", counts when it is "very much" (3) or "extremely"
        positive = {k: int(v > 0) if k != "q9" else int(v >= 3) for k, v in given.items()}
        value = float(sum(positive.values()))
        subscales["psychosocial"] = float(sum(positive.get(f"q{n}", 0) for n in range(5, 10)))
    return Score(inst.id, value, subscales, _band(inst, value, subscales), len(given))


def start_back_group(total: float, psychosocial: float) -> str:
    """STarT Back risk group from its published cut-points."""
    if total <= 3:
        return "low"
    return "high" if psychosocial >= 4 else "medium"


def _band(
    inst: Instrument, value: float, subscales: Mapping[str, float] | None = None
) -> str | None:
    if inst.scoring.method is Method.start_back and subscales is not None:
        return start_back_group(value, subscales.get("psychosocial", 0))
    for b in inst.bands:
        if b.low <= value <= b.high:
            return b.label
    return None


def change_text(inst: Instrument, before: float, after: float) -> str:
    """The change in words, against the threshold that matters."""
    diff = after - before
    better = diff < 0 if inst.scoring.lower_is_better else diff > 0
    size = abs(diff)
    direction = "down" if diff < 0 else "up" if diff > 0 else "unchanged"
    head = f"{direction} {size:g} points" if diff else "unchanged"
    if inst.mcid is None:
        return f"{inst.name}: {head}."
    need = f"{inst.mcid.points:g} points"
    if inst.mcid.percent is not None:
        need += f" or {inst.mcid.percent:g}%"
    pct = abs(diff) / before * 100 if before else math.inf if diff else 0.0
    meets = size >= inst.mcid.points or (
        inst.mcid.percent is not None and before and pct >= inst.mcid.percent
    )
    verdict = (
        (
            "a change that matters, for the better"
            if better
            else "a change that matters, for the worse"
        )
        if meets
        else "smaller than the change that matters"
    )
    return (
        f"{inst.name}: {head}; {need} is the change that matters ({inst.mcid.source}): {verdict}."
    )


@functools.cache
def load_instruments(root: str | None = None, pack: str | None = None) -> Mapping[str, Instrument]:
    """Every shipped instrument, plus a pack's (``pack``, else KNOTWORK_INSTRUMENT_PACK)."""
    folder = Path(root) if root else DATA_DIR
    problems: list[KBProblem] = []
    out: dict[str, Instrument] = {}
    folders = [folder]
    pack = pack if pack is not None else os.environ.get(PACK_ENV) or None
    if pack:
        folders.append(Path(pack))
    for base in folders:
        for path in sorted(base.glob("*.yaml")):
            f = load_file(InstrumentFile, path, base, problems)
            if f is None:
                continue
            inst = f.instrument
            if inst.id != path.stem:
                problems.append(
                    KBProblem(path.name, inst.id, "id", f"must match the file name {path.stem!r}")
                )
            elif inst.id in out:
                problems.append(KBProblem(path.name, inst.id, "id", "given twice"))
            elif (base is not folder) != (inst.licence.status is LicenceStatus.pack):
                where = "the pack folder" if base is not folder else "the repository"
                problems.append(
                    KBProblem(
                        path.name,
                        inst.id,
                        "licence.status",
                        f"{inst.licence.status.value} instruments cannot live in {where}: "
                        "pack instruments come only from KNOTWORK_INSTRUMENT_PACK",
                    )
                )
            else:
                out[inst.id] = inst
    if problems:
        raise KBError(problems)
    return out


def by_status(instruments: Sequence[Instrument], status: LicenceStatus) -> list[Instrument]:
    return [i for i in instruments if i.licence.status is status]
