"""The lay test set: phrases and vignettes in people's own words (tests/eval/lay/).

Written before any synonym was added for them, from how people talk (patient pages,
forums, NHS wording), by a writer who did not see the knowledge base's synonyms. Each
entry is in the ``dev`` half, which we may tune the resolver to, or the ``heldout``
half, which we never look at to choose synonyms or rules. Both are reported; the
floors in test_lay.py hold on the held-out half.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from knotwork.core.finder import find, interpret
from knotwork.core.kb import KnowledgeBase
from knotwork.core.resolve import Reading, resolver_for
from knotwork.core.triage import Level, triage
from knotwork.core.words import split_phrases
from tests.eval.evaluate import Outcome, Vignette

LAY_DIR = Path(__file__).parent / "lay"
Half = Literal["dev", "heldout"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PhraseExpect(_Strict):
    regions: list[str] = Field(default_factory=list)
    also_ok: list[str] = Field(default_factory=list)
    side: Literal["left", "right", "both"] | None = None
    flags: list[str] = Field(default_factory=list)
    flags_no: list[str] = Field(default_factory=list)
    ask: list[str] = Field(default_factory=list)
    qualities: list[str] = Field(default_factory=list)
    qualities_no: list[str] = Field(default_factory=list)
    aggravators: list[str] = Field(default_factory=list)
    months_at_least: float | None = None


class LayPhrase(_Strict):
    id: str
    half: Half
    field: Literal["pain", "quality", "worse", "flags"]
    text: str
    expect: PhraseExpect
    source: str


class LayVignette(Vignette):
    """A vignette of the lay set: the same fields, and the half it belongs to."""

    half: Half


def load_phrases(folder: Path = LAY_DIR, pattern: str = "phrases*.yaml") -> list[LayPhrase]:
    """Every phrase of ``phrases*.yaml``: the split set, and development sets written later
    (all ``dev``) by writers who never saw the held-out half."""
    out: list[LayPhrase] = []
    for path in sorted(folder.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [LayPhrase.model_validate(p) for p in data["phrases"]]
    return out


def load_lay_vignettes(
    folder: Path = LAY_DIR, pattern: str = "vignettes*.yaml"
) -> list[LayVignette]:
    """Every vignette of ``vignettes*.yaml``: the split set, and development sets written
    later (all ``dev``) by writers who never saw the held-out half."""
    out: list[LayVignette] = []
    for path in sorted(folder.glob(pattern)):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [LayVignette.model_validate(v) for v in data["vignettes"]]
    return out


# --------------------------------------------------------------------------- phrases


@dataclass
class PhraseOutcome:
    phrase: LayPhrase
    problems: list[str]
    read_as: str

    @property
    def understood(self) -> bool:
        return not self.problems


def _merge(readings: list[Reading]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in readings:
        out["regions"] |= set(r.regions)
        out["qualities"] |= set(r.qualities)
        out["aggravators"] |= set(r.aggravators)
        out["flags"] |= set(r.flags)
        out["flags_no"] |= set(r.flags_no)
        out["asked"] |= set(r.asked)
        out["negated"] |= set(r.negated)
        if r.duration_days is not None:
            out["days"].add(str(r.duration_days))
    return out


def _ancestors(kb: KnowledgeBase, key: str) -> set[str]:
    out: set[str] = set()
    parent = kb.region_entries[key].parent
    while parent:
        out.add(parent)
        parent = kb.region_entries[parent].parent
    return out


def _related(kb: KnowledgeBase, key: str) -> set[str]:
    """A key with its parents and children: marking either is not wrong."""
    out = {key}
    parent = kb.region_entries[key].parent
    while parent:
        out.add(parent)
        parent = kb.region_entries[parent].parent
    out |= {k for k, e in kb.region_entries.items() if e.parent == key}
    return out


def _take_together(kb: KnowledgeBase, got: dict[str, set[str]], together: list[str]) -> None:
    """Flags that words taken together answer yes, with the other signs of the same
    condition asked next, as the finder asks them."""
    got["flags"] |= set(together)
    got["asked"] |= set(kb.ask_next(together))


def score_phrase(kb: KnowledgeBase, p: LayPhrase) -> PhraseOutcome:
    resolver = resolver_for(kb)
    readings = resolver.read_field(p.field, [p.text])
    got = _merge(readings)
    # two hints that together answer yes ("tearing" and "dizzy"), as the finder adds them
    # ... and one hint above the flag's age with the age said in the words ("I'm 67"), as
    # the finder does when the age box is empty
    age = max((r.age_said for r in readings if r.age_said is not None), default=None)
    together = resolver.hints_together(readings, age)
    _take_together(kb, got, together)
    e = p.expect
    problems: list[str] = []
    keys: dict[str, set[str]] = defaultdict(set)
    for rid in sorted(got["regions"]):
        region = kb.regions[rid]
        keys[region.key].add(region.side.value)
    for key in e.regions:
        # a more precise region inside the one expected is a fine reading ("butt cheek":
        # the middle of the buttock)
        inside = [key] if key in keys else sorted(k for k in keys if key in _ancestors(kb, k))
        if not inside:
            problems.append(f"missing region {key}")
            continue
        if e.side and kb.region_entries[key].paired:
            want = {"left", "right"} if e.side == "both" else {e.side}
            if all(keys[k] != want for k in inside):
                problems.append(f"side of {key}: {sorted(keys[inside[0]])}, expected {e.side}")
    # extra regions are wrong only where the writer said which regions the phrase names;
    # a phrase written to test a warning sign or a quality has no region expectation
    if e.regions or e.also_ok:
        allowed: set[str] = set()
        for key in e.regions + e.also_ok:
            allowed |= _related(kb, key)
        extra = sorted(k for k in keys if k not in allowed)
        if extra:
            problems.append(f"wrong region(s) {extra}")
    for f in e.flags:
        # a narrower question answered yes by the same words takes this one's place
        # (fever with a stiff neck and light hurting: the meningitis question)
        if f not in got["flags"] and got["flags"].isdisjoint(kb.flags[f].yields_to):
            problems.append(f"missed red flag {f}")
    for f in e.flags_no:
        if f not in got["flags_no"]:
            problems.append(f"missed 'no' to {f}")
    # the product also asks first what the marked regions set off (chest: the heart
    # questions), as the triage does for every report
    marked = [rid for r in readings for rid in r.regions]
    felt = [q for r in readings for q in r.qualities]
    set_off = {q.id for q in triage(kb, (), marks=marked, qualities=felt).questions if q.because}
    for f in e.ask:
        if f not in got["asked"] | got["flags"] | set_off:
            problems.append(f"did not ask {f}")
    for q in e.qualities:
        if q not in got["qualities"]:
            problems.append(f"missing quality {q}")
    for q in e.qualities_no:
        if f"quality:{q}" not in got["negated"]:
            problems.append(f"missed 'not {q}'")
    for a in e.aggravators:
        if a not in got["aggravators"]:
            problems.append(f"missing aggravator {a}")
    if e.months_at_least is not None:
        days = max((int(d) for d in got["days"]), default=0)
        if days < e.months_at_least * 30 - 5:
            problems.append(f"duration {days} days, expected >= {e.months_at_least} months")
    serious = {
        f
        for f in got["flags"] - set(e.flags) - set(e.ask)
        if Level.of(kb.flags[f].tier) >= Level.urgent
    }
    if serious:
        problems.append(f"false alarm {sorted(serious)}")
    # words taken together are read back as one reading in the finder's answer
    if not together and not any(r.understood for r in readings):
        problems.append("not read at all")  # even where nothing in particular was expected
    read_as = " | ".join(r.read_as or f"(not understood: {r.phrase})" for r in readings)
    return PhraseOutcome(p, problems, read_as)


# --------------------------------------------------------------------------- vignettes


@dataclass
class LayVignetteOutcome(Outcome):
    """An outcome of the lay set: caught, or over-triaged, by the level it reached."""

    @property
    def expected(self) -> Level:
        return self.expected_level

    @property
    def red_flag(self) -> bool:
        return self.expected > Level.none

    @property
    def caught(self) -> bool:
        return self.level >= self.expected

    @property
    def over_triaged(self) -> bool:
        return not self.red_flag and self.level > Level.none


def score_vignette(kb: KnowledgeBase, v: LayVignette) -> LayVignetteOutcome:
    # the person went through the safety step: what they typed there is their answer
    interp = interpret(kb, v.pain, v.quality, v.worse, v.flags, v.age, none_apply=True)
    result = find(kb, interp.report, limit=10)
    muscles = list(dict.fromkeys(c.record.muscle.id for c in result.candidates))
    missed = [r.phrase for r in interp.not_understood]
    return LayVignetteOutcome(v, result.triage.level, muscles, missed)


# --------------------------------------------------------------------------- report


@dataclass
class HalfReport:
    phrases: list[PhraseOutcome] = field(default_factory=list)
    vignettes: list[LayVignetteOutcome] = field(default_factory=list)

    def rate(self, items: list[bool]) -> float:
        return sum(items) / len(items) if items else 1.0

    @property
    def understood(self) -> float:
        return self.rate([o.understood for o in self.phrases])

    @property
    def flag_phrases(self) -> list[PhraseOutcome]:
        return [o for o in self.phrases if o.phrase.expect.flags]

    @property
    def flag_phrase_recall(self) -> float:
        return self.rate(
            [not any("missed red flag" in p for p in o.problems) for o in self.flag_phrases]
        )

    @property
    def red_flag_vignettes(self) -> list[LayVignetteOutcome]:
        return [o for o in self.vignettes if o.red_flag]

    @property
    def red_flag_recall(self) -> float:
        return self.rate([o.caught for o in self.red_flag_vignettes])

    @property
    def over_triaged(self) -> list[LayVignetteOutcome]:
        return [o for o in self.vignettes if o.over_triaged]

    @property
    def muscle_cases(self) -> list[LayVignetteOutcome]:
        return [o for o in self.vignettes if o.vignette.expect.muscles]


def evaluate_lay(kb: KnowledgeBase) -> dict[Half, HalfReport]:
    out: dict[Half, HalfReport] = {"dev": HalfReport(), "heldout": HalfReport()}
    for p in load_phrases():
        out[p.half].phrases.append(score_phrase(kb, p))
    for v in load_lay_vignettes():
        out[v.half].vignettes.append(score_vignette(kb, v))
    return out


def split_count(texts: list[str]) -> int:
    return len(split_phrases(texts))


def format_lay_report(report: dict[Half, HalfReport], failures: bool = False) -> str:
    """The lay figures for both halves; with ``failures``, what the dev half got wrong.

    The held-out half's failures are never printed: looking at them is how a held-out set
    turns into a development set.
    """
    lines = ["", "Lay test set (people's own words; floors hold on the held-out half)", ""]
    lines.append(
        "| half | phrases | understood | red-flag phrases caught | vignettes | "
        "red-flag recall | over-triaged controls | muscle top-1 | muscle top-3 |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for half in ("dev", "heldout"):
        h = report[half]  # type: ignore[index]
        flagged = h.flag_phrases
        caught = sum(not any("missed red flag" in p for p in o.problems) for o in flagged)
        rf = h.red_flag_vignettes
        muscles = h.muscle_cases
        lines.append(
            f"| {half} | {len(h.phrases)} | {h.understood:.1%} | {caught}/{len(flagged)} | "
            f"{len(h.vignettes)} | {sum(o.caught for o in rf)}/{len(rf)} | "
            f"{len(h.over_triaged)} | {h.rate([o.top1 for o in muscles]):.0%} | "
            f"{h.rate([o.top3 for o in muscles]):.0%} |"
        )
    if failures:
        lines += ["", "Dev half, not understood:"]
        for o in report["dev"].phrases:
            if not o.understood:
                lines.append(f"  {o.phrase.id} [{o.phrase.field}] {o.phrase.text!r}: {o.problems}")
        for o in report["dev"].vignettes:
            if (o.red_flag and not o.caught) or o.over_triaged:
                lines.append(f"  {o.vignette.id}: {o.level.name}, expected {o.expected.name}")
    return "\n".join(lines)
