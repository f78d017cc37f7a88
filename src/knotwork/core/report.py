"""What the person told us, as the finder reads it: marked regions (:class:`Mark`), the
whole :class:`PainReport`, and :func:`interpret`, which reads phrases or ids into one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knotwork.core.kb import KnowledgeBase
from knotwork.core.resolve import (
    BACK_AREAS,
    LONG_PAIN_FLAG,
    ONSET_YOUNG,
    Reading,
    check_limits,
    resolver_for,
    said_short_spell,
)
from knotwork.core.resolve import Field as ReadField


@dataclass(frozen=True, order=True)
class Mark:
    """A marked region, optionally with an intensity from 0 to 10."""

    region: str
    intensity: int | None = None

    @property
    def weight(self) -> float:
        return 1.0 if self.intensity is None else 0.5 + self.intensity / 20


@dataclass(frozen=True)
class PainReport:
    """What the person told us, in ids. Build it with :meth:`build` to canonicalise.

    ``flags`` are the safety questions answered yes, ``flags_no`` those answered no, and
    ``none_apply`` says "none of the other safety questions apply to me". ``ask_first``
    holds questions the person's words point to; ``unclear`` says some words that look
    like a warning sign were not understood, so the safety check cannot be closed.
    """

    marks: tuple[Mark, ...]
    qualities: tuple[str, ...] = ()
    aggravators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    age: int | None = None
    flags_no: tuple[str, ...] = ()
    none_apply: bool = False
    ask_first: tuple[str, ...] = ()
    unclear: bool = False

    @classmethod
    def build(
        cls,
        marks: Iterable[Mark | str],
        qualities: Iterable[str] = (),
        aggravators: Iterable[str] = (),
        flags: Iterable[str] = (),
        age: int | None = None,
        flags_no: Iterable[str] = (),
        none_apply: bool = False,
        ask_first: Iterable[str] = (),
        unclear: bool = False,
    ) -> PainReport:
        """Sort and de-duplicate, keeping the heaviest mark given for a region.

        A mark without an intensity weighs as much as one at 10: "it hurts here". A
        question answered both yes and no counts as yes.
        """
        best: dict[str, Mark] = {}
        for raw in marks:
            mark = Mark(raw) if isinstance(raw, str) else raw
            old = best.get(mark.region)
            if old is None or (mark.weight, mark.intensity is None) > (
                old.weight,
                old.intensity is None,
            ):
                best[mark.region] = mark
        yes = set(flags)
        return cls(
            marks=tuple(best[r] for r in sorted(best)),
            qualities=tuple(sorted(set(qualities))),
            aggravators=tuple(sorted(set(aggravators))),
            flags=tuple(sorted(yes)),
            age=age,
            flags_no=tuple(sorted(set(flags_no) - yes)),
            none_apply=none_apply,
            ask_first=tuple(dict.fromkeys(f for f in ask_first if f not in yes)),
            unclear=unclear,
        )


@dataclass(frozen=True)
class Interpretation:
    """A pain report built from people's words, with how each phrase was read."""

    report: PainReport
    readings: tuple[Reading, ...]

    @property
    def understood(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if r.understood)

    @property
    def not_understood(self) -> tuple[Reading, ...]:
        return tuple(r for r in self.readings if not r.understood)


@dataclass(frozen=True)
class Chosen:
    """What a face's own lists gave (ticked boxes, map clicks): ids it has already checked,
    used as they are, never read again as words."""

    regions: tuple[str, ...] = ()
    qualities: tuple[str, ...] = ()
    aggravators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    def check(self, kb: KnowledgeBase) -> None:
        """Refuse an id the knowledge base does not have: a face's bug, not a person's words."""
        for kind, ids, known in (
            ("region", self.regions, kb.regions),
            ("quality", self.qualities, kb.qualities),
            ("aggravator", self.aggravators, kb.aggravators),
            ("red flag", self.flags, kb.flags),
        ):
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise ValueError(f"unknown {kind} id(s): {', '.join(unknown)}")


def interpret(
    kb: KnowledgeBase,
    pain: Iterable[str] = (),
    quality: Iterable[str] = (),
    worse: Iterable[str] = (),
    flags: Iterable[str] = (),
    age: int | None = None,
    *,
    flags_no: Iterable[str] = (),
    none_apply: bool = False,
    chosen: Chosen | None = None,
) -> Interpretation:
    """Read phrases or ids (lists split at commas) into a :class:`PainReport`.

    Every field is read for every kind of thing: a region typed in the safety box, an
    aggravator in the pain box and, above all, a warning sign anywhere. Ids a face has
    already checked go in ``chosen`` and are used as they are. Raises
    :class:`~knotwork.core.resolve.InputLimitError` for more input than a person types.
    """
    chosen = chosen or Chosen()
    chosen.check(kb)
    resolver = resolver_for(kb)
    fields: list[tuple[ReadField, list[str]]] = [
        ("pain", check_limits("pain", list(pain))),
        ("quality", check_limits("quality", list(quality))),
        ("worse", check_limits("worse", list(worse))),
        ("flags", check_limits("flags", list(flags))),
    ]
    no_phrases = check_limits("flags_no", list(flags_no))
    readings: list[Reading] = []
    marks: list[Mark] = [Mark(rid) for rid in chosen.regions]
    got: dict[str, list[str]] = {
        "quality": list(chosen.qualities),
        "aggravator": list(chosen.aggravators),
        "flag": list(chosen.flags),
        "flag_no": [],
        "ask": [],
    }
    unclear = False
    for field_name, phrases in fields:
        for reading in resolver.read_field(field_name, phrases):
            readings.append(reading)
            marks += [Mark(rid, reading.intensity) for rid in reading.regions]
            got["quality"] += reading.qualities
            got["aggravator"] += reading.aggravators
            got["flag"] += reading.flags
            got["flag_no"] += reading.flags_no
            got["ask"] += reading.asked
            if not reading.understood or reading.warning_like:
                # words we could not read are never a "no": not understood at all, or
                # understood but with words of a warning sign left over
                unclear = True
            if field_name == "flags" and reading.asked:
                # "bladder problems" in the safety box: about a question, but not its answer
                unclear = True
    if age is None:
        # "I'm 72" in the words is the age, when the age box was left empty
        said = [r.age_said for r in readings if r.age_said is not None]
        age = max(said) if said else None
    onsets = [r.onset_age for r in readings if r.onset_age is not None]
    if onsets and age is not None and age - min(onsets) >= 1:
        got["flag"].append("back_pain_over_3_months")  # "started when I was 25", now 34
    young = "onset_before_40"
    if (
        age is not None
        and age < ONSET_YOUNG
        and young in kb.flags
        and any(kb.regions[m.region].area in BACK_AREAS for m in marks)
    ):
        got["flag"].append(young)  # back pain now, under 40 now: it began before 40
    together = resolver.hints_together(readings, age)
    # a sign said in parts over the fields: "left calf" (pain), "swollen and hot" (flags)
    answered = set(got["flag"]) | set(got["flag_no"]) | set(together)
    together += resolver.signs_across([phrases for _f, phrases in fields], answered)
    if said_short_spell(readings):
        # a spell said ("for 2 months") decides; "back" and "months" taken together do not
        together = [f for f in together if f != LONG_PAIN_FLAG]
    if together:
        got["flag"] += together
        readings.append(resolver.taken_together(together))
    # an id or a question's words answered "no", e.g. from a yes/no form or --no-flag
    for phrase in no_phrases:
        if phrase in kb.flags:
            got["flag_no"].append(phrase)
            continue
        reading = resolver.read("flags", phrase)
        readings.append(reading)
        if reading.flags:
            got["flag_no"] += reading.flags
        else:
            unclear = unclear or not reading.understood
    got["flag"] = [f for f in got["flag"] if f in kb.flags]
    # the other signs of the same condition, however the yes was given (a ticked box,
    # words taken together): a read phrase's own yes carries them already
    got["ask"] += kb.ask_next(got["flag"])
    report = PainReport.build(
        marks,
        got["quality"],
        got["aggravator"],
        got["flag"],
        age,
        flags_no=got["flag_no"],
        none_apply=none_apply,
        ask_first=got["ask"],
        unclear=unclear,
    )
    return Interpretation(report, tuple(readings))
