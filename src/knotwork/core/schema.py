"""The knowledge base's shape, as strict Pydantic models.

Each YAML file under ``core/data`` is validated against one of the ``*File``
models here. Models forbid unknown fields and do not coerce types, so a typo in
a field name or a number written as text is an error, not a silent default.
Cross-references (region keys, vocabulary ids, sources, companions) are checked
afterwards by :mod:`knotwork.core.kb`, which knows every file at once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic import Strict as StrictMode

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$")]
"""A lower-case id made of words joined by underscores, e.g. ``slumped_sitting``."""

RegionKey = Annotated[str, StringConstraints(pattern=r"^(front|back)(\.[a-z0-9_]+)+$")]
"""A side-neutral region key, e.g. ``back.buttock.upper``."""

ZoneRef = Annotated[str, StringConstraints(pattern=r"^(front|back)(\.[a-z0-9_]+)+(@both)?$")]
"""A region key in a referral zone; ``@both`` marks referral to both sides of the body."""

TriggerPointRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+/[a-z0-9_]+$")]
"""``muscle_id/trigger_point_id``."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]
Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2)]


class Strict(BaseModel):
    """Base for every file model: unknown fields are errors, values are not coerced."""

    # validators are built on first use: a command that loads a compiled knowledge base
    # (core/kbcache.py) never validates a file, so it never pays for them
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class View(StrEnum):
    front = "front"
    back = "back"


class Side(StrEnum):
    left = "left"
    right = "right"
    midline = "midline"


class EvidenceGrade(StrEnum):
    """How well a claim is supported; see docs/evidence.md."""

    expert_opinion = "expert_opinion"
    observational = "observational"
    trial = "trial"


class Commonness(StrEnum):
    """How often a trigger point is found, as a prior for the finder."""

    very_common = "very_common"
    common = "common"
    occasional = "occasional"
    uncommon = "uncommon"


class Tier(StrEnum):
    """Red-flag tiers, least to most serious. ``context`` flags act only in rules."""

    context = "context"
    see_doctor = "see_doctor"
    urgent = "urgent"
    same_day = "same_day"
    emergency = "emergency"


class Posture(StrEnum):
    """The body position a self-treatment is done in (the session planner orders by it)."""

    standing = "standing"
    seated = "seated"
    side_lying = "side_lying"
    prone = "prone"
    supine = "supine"


class Change(StrEnum):
    """How a precaution changes a technique (issue 10: things that change how to press)."""

    lighter_pressure = "lighter_pressure"
    no_tool = "no_tool"
    avoid_spot = "avoid_spot"
    no_vibration = "no_vibration"
    other_position = "other_position"
    ask_first = "ask_first"


# Enum fields accept their string values from YAML even though models are strict.
LaxView = Annotated[View, StrictMode(False)]
LaxSide = Annotated[Side, StrictMode(False)]
LaxEvidenceGrade = Annotated[EvidenceGrade, StrictMode(False)]
LaxCommonness = Annotated[Commonness, StrictMode(False)]
LaxTier = Annotated[Tier, StrictMode(False)]
LaxPosture = Annotated[Posture, StrictMode(False)]
LaxChange = Annotated[Change, StrictMode(False)]


# --------------------------------------------------------------------------- citations


class Citation(Strict):
    source: Slug
    detail: Text | None = Field(
        default=None, description="Volume and chapter, section or page, e.g. 'Vol. 2, ch. 48'."
    )


# --------------------------------------------------------------------------- regions


class ChoirSides(Strict):
    left: Annotated[int, Field(ge=101, le=238)]
    right: Annotated[int, Field(ge=101, le=238)]


class RegionEntry(Strict):
    """One body region as written in regions.yaml.

    A paired entry stands for two regions (``<key>.left`` and ``<key>.right``);
    an unpaired one for a single ``<key>.midline`` region.
    """

    key: RegionKey
    name: Text = Field(description="Lay name without the side, e.g. 'top of the buttock'.")
    view: LaxView
    area: Slug = Field(description="Body area id from vocabulary.yaml, for grouping.")
    paired: bool
    choir: ChoirSides | list[Annotated[int, Field(ge=101, le=238)]] = Field(
        description="CHOIR body-map segment(s): {left, right} when paired, a list when midline."
    )
    parent: RegionKey | None = None
    sensitive: bool = Field(
        default=False,
        description=(
            "An intimate area (pelvic floor, tailbone, groin, the inner buttock): a helper "
            "or therapist needs clear consent first, and the faces say so."
        ),
    )
    within: list[RegionKey] = Field(
        default_factory=list,
        description=(
            "For a midline region: paired regions it also lies within, on both sides, as a "
            "child lies within its parent (the lower spine is part of 'my lower back', "
            "whichever side is marked)."
        ),
    )
    near: list[RegionKey] = Field(
        default_factory=list,
        description="Neighbouring regions that get partial credit when this one is marked.",
    )
    synonyms: list[Phrase] = Field(default_factory=list)

    @model_validator(mode="after")
    def _choir_matches_pairing(self) -> RegionEntry:
        if self.paired and not isinstance(self.choir, ChoirSides):
            raise ValueError("a paired region needs choir: {left: N, right: N}")
        if not self.paired and not isinstance(self.choir, list):
            raise ValueError("a midline region needs choir as a list of segment ids")
        if isinstance(self.choir, list) and not self.choir:
            raise ValueError("choir needs at least one segment id")
        return self


class RegionsFile(Strict):
    sources: list[Citation] = Field(default_factory=list)
    regions: list[RegionEntry]


# --------------------------------------------------------------------------- vocabulary


class Term(Strict):
    """A controlled-vocabulary item with the lay words people use for it."""

    id: Slug
    label: Text
    synonyms: list[Phrase] = Field(default_factory=list)


class Aggravator(Term):
    """Something that makes pain worse, perhaps a kind of a broader one."""

    kind_of: list[Slug] = Field(
        default_factory=list,
        description=(
            "Broader aggravators this one is a kind of: lifting the baby out of the cot "
            "while leaning forward is lifting too, so both are read."
        ),
    )


class Differential(Term):
    """Something else that can cause similar pain."""

    description: Text
    how_to_tell: Text
    sources: list[Citation] = Field(default_factory=list)


class Tool(Term):
    description: Text


class Area(Strict):
    id: Slug
    label: Text


class PrecautionChange(Strict):
    change: LaxChange
    say: Text = Field(description="What to do instead, in plain words, to the person.")


class PrecautionScope(Strict):
    """Where a precaution is a danger: techniques there must name it (a `kb lint` rule).
    With both regions and tools, a technique must match both: a hard ball (a tool) on
    the ribs (a region) is the danger, not a hand on the ribs or a ball on the calf."""

    regions: list[RegionKey] = Field(
        default_factory=list,
        description="Region keys: a trigger point located in one of them, or inside one.",
    )
    tools: list[Slug] = Field(default_factory=list, description="Tool ids (vocabulary).")
    postures: list[LaxPosture] = Field(
        default_factory=list, description="Body positions the precaution rules out or changes."
    )
    default: PrecautionChange | None = Field(
        default=None,
        description="How it changes a technique here, when not the precaution's own default.",
    )


class Precaution(Strict):
    """Not a red flag: a health matter that changes how to press (asked once, optional)."""

    id: Slug
    label: Text = Field(description="Short, for lists: 'blood thinners or a bleeding disorder'.")
    question: Text = Field(description="Asked once, in plain words, as a yes to tick.")
    why: Text
    everywhere: bool = Field(
        default=False,
        description="It changes every technique (its default says how), named or not.",
    )
    danger: list[PrecautionScope] = Field(
        default_factory=list,
        description="Where it must be named by the technique itself (any one scope matching).",
    )
    default: PrecautionChange
    sources: list[Citation] = Field(min_length=1)


class VocabularyFile(Strict):
    areas: list[Area] = Field(default_factory=list)
    qualities: list[Term] = Field(default_factory=list)
    aggravators: list[Aggravator] = Field(default_factory=list)
    differentials: list[Differential] = Field(default_factory=list)
    tools: list[Tool] = Field(default_factory=list)
    precautions: list[Precaution] = Field(default_factory=list)


# --------------------------------------------------------------------------- sources


class Source(Strict):
    id: Slug
    kind: Literal["book", "article", "review", "guideline", "seed", "web"]
    title: Text
    authors: list[Text] = Field(min_length=1)
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    publisher: Text | None = None
    journal: Text | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^[0-9]{5,9}$")] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.[0-9]{4,9}/\S+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class SourcesFile(Strict):
    sources: list[Source]


# --------------------------------------------------------------------------- red flags


class FeltAsk(Strict):
    """A feeling said in a marked place that asks a question first (tingling in a leg: the
    nerve questions)."""

    qualities: list[Slug] = Field(min_length=1)
    regions: list[ZoneRef] = Field(min_length=1, description="Marked in or inside one of these.")


class RedFlag(Strict):
    id: Slug
    question: Text = Field(description="A yes/no question a layperson understands.")
    tier: LaxTier
    group: Slug | None = Field(
        default=None, description="The short group of questions it is asked in (see groups)."
    )
    synonyms: list[Phrase] = Field(
        default_factory=list,
        description="Words that mean 'yes' to this question, in any field a person types in.",
    )
    hints: list[Phrase] = Field(
        default_factory=list,
        description="Words that are not a clear 'yes' but make us ask this question first.",
    )
    denials: list[Phrase] = Field(
        default_factory=list,
        description=(
            "Words that, said with a 'no' or a 'fine' ('no headache', 'bladder fine'), answer "
            "no to this question; said alone they answer nothing."
        ),
    )
    no_words: list[Phrase] = Field(
        default_factory=list,
        description="Words that mean 'no' to this question ('had it before', to 'first time?').",
    )
    ask_also: list[Slug] = Field(
        default_factory=list,
        description=(
            "Questions asked next when this one is a yes: the other signs of the same "
            "condition (numbness in the saddle: the bladder, the bowel)."
        ),
    )
    yields_to: list[Slug] = Field(
        default_factory=list,
        description=(
            "Narrower questions that, answered yes by the same words, take this one's place: "
            "'fever, stiff neck' is the meningitis question, not also 'fever with back pain'."
        ),
    )
    ask_alone: bool = Field(
        default=False,
        description=(
            "A context question asked on its own in a conversation (`knotwork ask`), after "
            "the safety list and before where it hurts: the first episode changes the advice."
        ),
    )
    kin_asks: bool = Field(
        default=False,
        description=(
            "Said of a relative ('my mum had cancer'), a yes wording is asked, not taken as "
            "yes: a family's history is no answer about the person."
        ),
    )
    one_sided_asks: bool = Field(
        default=False,
        description=(
            "Said of one side, with pain running down that limb or with none of its "
            "`central` words, the sign is asked, not taken as yes: one buttock "
            "tingling down the back of the leg is the sciatic line, where saddle numbness "
            "sits in the middle."
        ),
    )
    central: list[Phrase] = Field(
        default_factory=list,
        description=(
            "Words of a place in the middle of the body ('between my legs', 'when I wipe'): "
            "said with them the sign stays a yes on one side too (with `one_sided_asks`)."
        ),
    )
    both_limb_words: list[Phrase] = Field(
        default_factory=list,
        description=(
            "For a sign of one limb: words that say two ('legs', 'both feet'). Said among "
            "the sign's own words they make it a question, not a yes: weak legs are the "
            "both-legs question, which the person answers."
        ),
    )
    patterns: list[list[list[Phrase]]] = Field(
        default_factory=list,
        description=(
            "Ways of saying yes built from parts: each pattern is a list of word groups, and a "
            "phrase says yes when it holds a word of every group close together "
            "('numb' or 'tingling' with 'privates' or 'down below')."
        ),
    )
    hints_together: bool = Field(
        default=False,
        description="Two different hints in one report answer yes ('chest pain' + 'sweaty').",
    )
    hint_kinds: list[list[Phrase]] = Field(
        default_factory=list,
        description=(
            "Hints that say one thing in other words ('at night', 'wakes me up'): two of one "
            "kind are one hint, so they do not add up to a yes."
        ),
    )
    hints_yes_over: Annotated[int, Field(ge=0, le=130)] | None = Field(
        default=None,
        description="Over this age a hint answers yes (a new temple headache over 50).",
    )
    asked_when_marked: list[ZoneRef] = Field(
        default_factory=list,
        description="Marking one of these (or inside one; key@both: both sides) asks this first.",
    )
    asked_when_felt: FeltAsk | None = Field(
        default=None,
        description="A quality said with a mark in these regions asks this first.",
    )
    why: Text = Field(description="What it can point to, in plain words.")
    sources: list[Citation] = Field(min_length=1)


class FlagGroup(Strict):
    """A short group of safety questions shown together."""

    id: Slug
    title: Text


class AtLeast(Strict):
    count: Annotated[int, Field(ge=1)]
    of: list[Slug] = Field(min_length=1)


class FlagRule(Strict):
    """A tier raised by a combination of answers (and age) rather than one answer."""

    id: Slug
    label: Text
    tier: LaxTier
    all_of: list[Slug] = Field(default_factory=list)
    at_least: AtLeast | None = None
    age_over: Annotated[int, Field(ge=0, le=130)] | None = None
    age_under: Annotated[int, Field(ge=0, le=130)] | None = None
    if_age_unknown: Literal["skip", "fire"] = Field(
        default="skip",
        description="Whether the rule fires when the age limit cannot be checked.",
    )
    sources: list[Citation] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_condition(self) -> FlagRule:
        if not (self.all_of or self.at_least):
            raise ValueError("a rule needs all_of or at_least")
        return self


class TierAdvice(Strict):
    tier: LaxTier
    headline: Text
    action: Text


class RedFlagsFile(Strict):
    tiers: list[TierAdvice]
    groups: list[FlagGroup] = Field(default_factory=list)
    flags: list[RedFlag]
    rules: list[FlagRule] = Field(default_factory=list)


# --------------------------------------------------------------------------- muscles


class Referral(Strict):
    essential: list[ZoneRef] = Field(min_length=1)
    spillover: list[ZoneRef] = Field(default_factory=list)


class Dose(Strict):
    summary: Text = Field(description="The dose in plain words.")
    minutes_per_side: Annotated[float, Field(gt=0, le=30)] = Field(
        description="Time to plan for this spot on one side, for the session planner."
    )
    most_minutes_per_side: Annotated[float, Field(gt=0, le=30)] | None = Field(
        default=None,
        description=(
            "The top of the dose range on one side, when the dose is a range (5 to 10 "
            "minutes: 10); the planner gives a longer session at most this much. Left out, "
            "the planned time is also the most."
        ),
    )
    hold_seconds: Annotated[int, Field(gt=0, le=180)] | None = None
    strokes: Annotated[int, Field(gt=0, le=100)] | None = None
    passes: Annotated[int, Field(gt=0, le=20)] | None = None
    times_per_day: Annotated[int, Field(gt=0, le=6)] | None = None


class TechniquePrecaution(Strict):
    precaution: Slug
    change: LaxChange
    say: Text | None = Field(
        default=None, description="What to do instead here; the precaution's own words if left out."
    )


class SelfTreatment(Strict):
    technique: Text = Field(description="Short name, e.g. 'ball against a wall'.")
    tools: list[Slug] = Field(min_length=1)
    position: Text
    posture: LaxPosture = Field(
        description="The position as one word of the list, for the planner (never guessed)."
    )
    pressure: Text
    angle: Text
    dose: Dose
    steps: list[Text] = Field(min_length=1)
    stop_if: list[Text] = Field(min_length=1)
    evidence: LaxEvidenceGrade
    precautions: list[TechniquePrecaution] = Field(
        default_factory=list,
        description=(
            "The precautions that change this technique and how (vocabulary.yaml "
            "precautions); one over a precaution's danger area must name it (kb lint)."
        ),
    )


class Prevalence(Strict):
    """How often active trigger points were found in people with low back pain."""

    active_percent_low: Annotated[float, Field(ge=0, le=100)]
    active_percent_high: Annotated[float, Field(ge=0, le=100)]
    population: Text
    areas: list[Slug] = Field(
        min_length=1,
        description=(
            "Body areas of the studied complaint: the figure weighs in only when the person "
            "marks one of them (a low-back study says nothing of neck or foot pain)."
        ),
    )
    source: Citation

    @model_validator(mode="after")
    def _ordered(self) -> Prevalence:
        if self.active_percent_low > self.active_percent_high:
            raise ValueError("active_percent_low is above active_percent_high")
        return self


class TriggerPoint(Strict):
    id: Slug
    name: Text
    location: Text = Field(description="Where it sits, with bony landmarks.")
    location_region: RegionKey
    landmarks: list[Text] = Field(min_length=1)
    how_to_find: list[Text] = Field(min_length=2)
    referral: Referral
    qualities: list[Slug] = Field(min_length=1)
    aggravators: list[Slug] = Field(min_length=1)
    perpetuating_factors: list[Text] = Field(min_length=1)
    self_treatment: list[SelfTreatment] = Field(min_length=1)
    companions: list[TriggerPointRef] = Field(default_factory=list)
    differentials: list[Slug] = Field(min_length=1)
    cautions: list[Text] = Field(min_length=1)
    commonness: LaxCommonness
    evidence: LaxEvidenceGrade
    evidence_note: Text
    sources: list[Citation] = Field(min_length=1)


class Muscle(Strict):
    id: Slug
    name: Text
    latin: Text
    synonyms: list[Phrase] = Field(default_factory=list)
    area: Slug
    description: Text
    prevalence_lbp: Prevalence | None = None
    trigger_points: list[TriggerPoint] = Field(min_length=1)


class MuscleFile(Strict):
    muscle: Muscle


# --------------------------------------------------------------------------- spots


class Spot(Strict):
    number: Annotated[int, Field(ge=1, le=99)]
    title: Text
    summary: Text
    conditions: list[Text] = Field(min_length=1)
    pain_locations: list[ZoneRef] = Field(min_length=1)
    trigger_points: list[TriggerPointRef] = Field(min_length=1)
    sources: list[Citation] = Field(min_length=1)


class SpotsFile(Strict):
    spots: list[Spot]


# --------------------------------------------------------------------------- routines


class TemplateStep(Strict):
    """One step of a routine template: a trigger point, a side, and optionally how long,
    in which position and with which tool (else the technique's own)."""

    trigger_point: TriggerPointRef
    side: Literal["left", "right", "both"]
    minutes: Annotated[int, Field(ge=1, le=60)] | None = Field(
        default=None, description="Left out: the technique's planned dose."
    )
    posture: LaxPosture | None = None
    tool: Slug | None = None


class RoutineTemplate(Strict):
    """A routine to start from (routines.yaml), such as a therapist's protocol."""

    id: Slug
    title: Text
    summary: Text
    helper: bool = Field(
        default=False, description="True when a helper or a therapist does the work."
    )
    steps: list[TemplateStep] = Field(min_length=1)
    sources: list[Citation] = Field(min_length=1)


class RoutinesFile(Strict):
    routines: list[RoutineTemplate]


# --------------------------------------------------------------------------- evidence


class EvidenceSummary(Strict):
    """What a body of research says about one question, in our words."""

    id: Slug
    question: Text
    summary: Text
    grade: LaxEvidenceGrade
    certainty: Literal["high", "moderate", "low", "very_low", "not_rated"]
    sources: list[Citation] = Field(min_length=1)


class EvidenceFile(Strict):
    summaries: list[EvidenceSummary]


# --------------------------------------------------------------------------- phrasing


class WordForm(Strict):
    """Lay words that stand for one word of the knowledge base ("bum" for "buttock")."""

    word: Phrase
    forms: list[Phrase] = Field(min_length=1)
    except_before: list[Phrase] = Field(
        default_factory=list,
        description="Not this meaning when the next word is one of these ('bottom of').",
    )
    except_after: list[Phrase] = Field(
        default_factory=list,
        description="Not this meaning after one of these words ('the bottom', 'top and bottom').",
    )
    only_near: list[Phrase] = Field(
        default_factory=list,
        description=(
            "This meaning only when one of these words is in the phrase too ('cheek' is the "
            "buttock beside 'glute' or 'crack', else the face)."
        ),
    )
    exact: bool = Field(
        default=False,
        description=(
            "Read only as typed: no typing slip is corrected to these forms (words from "
            "another language: an English slip 'peto' is not Portuguese 'peito')."
        ),
    )


class PathStop(Strict):
    words: list[Phrase] = Field(min_length=1, description="Landmarks that name this stop.")
    region: RegionKey
    named_only: bool = Field(
        default=False,
        description=(
            "Marked only when the person names it ('down to the knee'), not when the line "
            "runs past it: a joint the pain passes, a part of the foot beside the one named."
        ),
    )


class LimbPath(Strict):
    """A line down a limb, stop by stop, for phrases such as 'from hip to ankle'."""

    id: Slug
    label: Text
    limb: list[Phrase] = Field(min_length=1, description="Words for the limb: leg, arm.")
    line: list[Phrase] = Field(
        default_factory=list, description="Words that pick this line: outside, back, front."
    )
    default: bool = Field(default=False, description="The line meant when none is named.")
    stops: list[PathStop] = Field(min_length=2)
    ask: list[Slug] = Field(
        default_factory=list,
        description="Safety questions pain along this line makes us ask first (the sciatic line).",
    )


class Condition(Strict):
    """A name people give their pain ("sciatica") and where it usually hurts."""

    id: Slug
    label: Text
    names: list[Phrase] = Field(min_length=1)
    regions: list[ZoneRef] = Field(min_length=1)
    spots: list[Annotated[int, Field(ge=1, le=99)]] = Field(default_factory=list)
    ask: list[Slug] = Field(
        default_factory=list, description="Red-flag questions this name makes us ask first."
    )
    note: Text | None = None
    sources: list[Citation] = Field(default_factory=list)


class Beside(Strict):
    """A place said only by where it lies from another ("just above my bum"): the place
    next to it, on that side."""

    above: dict[RegionKey, RegionKey] = Field(default_factory=dict)
    below: dict[RegionKey, RegionKey] = Field(default_factory=dict)


class NotPlace(Strict):
    """A word of place used for a direction or a time ("the flight back", "a month back"):
    there it is read as nothing."""

    word: Phrase
    after: list[Phrase] = Field(
        default_factory=list, description="Nothing after one of these words ('flight back')."
    )
    before: list[Phrase] = Field(
        default_factory=list,
        description=(
            "Nothing before one of these words ('back from Spain'), unless the word itself "
            "follows 'my', 'the' or another owner ('put my back out' is the back)."
        ),
    )
    after_owner: bool = Field(
        default=False,
        description=(
            "Before those words it is nothing even after 'my' or 'the' ('on the thumb side' "
            "is an edge of the part, not the thumb)."
        ),
    )


class BroadWord(Strict):
    """A word for a whole part ("arm", "foot"): beside a more precise place in that part
    ("tennis elbow in my right arm", "heel pain, right foot") it only gives the side."""

    words: list[Phrase] = Field(min_length=1)
    areas: list[Slug] = Field(min_length=1, description="Body areas the word covers.")
    becomes: dict[Slug, ZoneRef] = Field(
        default_factory=dict,
        description=(
            "Said beside a place of one of these areas, the word is this region there "
            "('the spine' beside 'between my shoulder blades' is the upper back's spine)."
        ),
    )
    clause: bool = Field(
        default=False,
        description=(
            "A word of direction as much as of place ('at the back of my head', 'under my "
            "bra band in back'): it gives way only to a place of these areas said in its own "
            "clause, and is never joined to another part ('my neck and back' is both)."
        ),
    )


class BothFaces(Strict):
    """A part's plain name that the map draws on both views ("hip", "shoulder"): said
    alone, the word is read as both faces of the part, since it does not say which."""

    words: list[Phrase] = Field(min_length=1)
    regions: list[RegionKey] = Field(min_length=2, description="The part's regions, one per view.")


class Midline(Strict):
    """A place said with a word for its middle ("the bottom of my back, dead centre") is
    that place's midline region."""

    words: list[Phrase] = Field(min_length=1, description="One-word names for the middle.")
    regions: dict[RegionKey, RegionKey] = Field(
        min_length=1, description="A place, and its midline region."
    )


class PhrasingFile(Strict):
    """How people say things: word forms, negation, modifiers, paths, condition names."""

    words: list[WordForm] = Field(default_factory=list)
    negations: list[Phrase] = Field(default_factory=list)
    negations_after: list[Phrase] = Field(
        default_factory=list, description="Words just after a sign that say no: 'bladder fine'."
    )
    negation_ends: list[Phrase] = Field(default_factory=list)
    relations: list[Phrase] = Field(default_factory=list)
    modifiers: list[Phrase] = Field(default_factory=list)
    path_words: list[Phrase] = Field(default_factory=list)
    paths: list[LimbPath] = Field(default_factory=list)
    broad: list[BroadWord] = Field(default_factory=list)
    not_places: list[NotPlace] = Field(default_factory=list)
    beside: Beside = Field(default_factory=Beside)
    both_faces: list[BothFaces] = Field(default_factory=list)
    asides: list[Phrase] = Field(
        default_factory=list,
        description="Wordings that only measure or compare ('a hand's width'): read as nothing.",
    )
    nothing: list[Phrase] = Field(
        default_factory=list,
        description=(
            "Answers that name no warning sign ('none', 'nothing like that'): read and shown "
            "back, but never a 'no' to a question the person has not seen."
        ),
    )
    conditions: list[Condition] = Field(default_factory=list)
    midline: Midline | None = None


# --------------------------------------------------------------------------- export


class KBExport(Strict):
    """The whole knowledge base as one document (``knotwork kb export``)."""

    format: Literal["knotwork-kb"]
    format_version: Literal[1]
    licence: Text
    regions: list[RegionEntry]
    vocabulary: VocabularyFile
    sources: list[Source]
    red_flags: RedFlagsFile
    spots: list[Spot]
    evidence: list[EvidenceSummary]
    muscles: list[Muscle]
    phrasing: PhrasingFile = Field(default_factory=PhrasingFile)
