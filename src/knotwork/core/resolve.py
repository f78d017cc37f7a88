"""Turning people's words into knowledge-base ids.

A person types "top of my butt", "bottom and back of my heel", "no pins and needles",
"my lower back kills me when I bend over the sink" or "I can't feel it when I wipe".
:class:`Resolver` reads each phrase into a :class:`Reading`: the regions (with sides),
pain qualities, aggravators, red-flag answers (yes and no), questions to ask first,
condition names, durations and intensities it holds, the words it did not use, and a
sentence saying how it was read. Nothing is dropped silently.

How it reads (docs/finder.md, "The resolver"):

1. Words are cut out with a regular expression that cannot backtrack, stemmed with
   the Snowball English stemmer, mapped through the lay word forms in phrasing.yaml
   ("bum" -> "buttock"), and a word we do not know is corrected to the nearest known
   word when a typing slip explains it (rapidfuzz's optimal string alignment distance).
2. The phrase is cut into clauses at "and", "or", "but"; a clause of modifiers alone
   borrows the next clause's noun ("bottom and back of my heel"), a clause of a side
   alone lends it to the next ("left and right buttock"), and a side carries forward.
3. Known phrases (labels and synonyms of every kind) are matched by their stems in any
   order within a small window, largest first, each word used once. In "X above Y" only
   X hurts. "From X to Y" along a limb names every region on the way.
4. "No", "not", "don't" ... turn what follows into a "no" until "but".
5. Red-flag wordings are matched over the whole phrase in every field, on their own,
   so that no region or aggravator can hide a warning sign.

Every step is linear in the length of the phrase, and phrases are cut to
:data:`MAX_PHRASE_CHARS`; the faces refuse longer input before it gets here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from knotwork.core.i18n import _, language
from knotwork.core.kb import KnowledgeBase, parse_zone_ref
from knotwork.core.schema import Side, Tier
from knotwork.core.words import BOTH as _BOTH
from knotwork.core.words import CONJUNCTIONS as _CONJUNCTIONS
from knotwork.core.words import LEFT as _LEFT
from knotwork.core.words import NUMBERS as _NUMBERS
from knotwork.core.words import QUIET as _QUIET
from knotwork.core.words import QUIET_STEMS as _QUIET_STEMS
from knotwork.core.words import RIGHT as _RIGHT
from knotwork.core.words import SHORT_UNITS as _SHORT_UNITS
from knotwork.core.words import SIDE_NOUNS as _SIDE_NOUNS
from knotwork.core.words import SINCE as _SINCE
from knotwork.core.words import STOPWORDS as _STOPWORDS
from knotwork.core.words import UNIT_DAYS as _UNIT_DAYS
from knotwork.core.words import english_words, is_english, split_phrases, stem
from knotwork.core.words import vowel_swap as _vowel_swap
from knotwork.core.words import words as _words

Field = Literal["pain", "quality", "worse", "flags"]
Kind = Literal["region", "quality", "aggravator", "flag", "hint", "condition", "denial", "no"]

MAX_PHRASE_CHARS = 300
"""A phrase (one item between commas) is read up to this many characters."""
MAX_FIELD_CHARS = 12_000
"""The faces refuse a field longer than this, all its items together (40 x 300)."""
MAX_PHRASES = 40
"""The faces refuse a field that splits into more phrases than this."""
BACK_AREAS = frozenset({"low_back", "mid_back", "upper_back"})
"""Body areas where pain is back pain (for the age a back pain began)."""
ONSET_YOUNG = 40
"""Pain that started before this age is one feature of inflammatory back pain (ASAS)."""
LONG_PAIN_DAYS = 90
LONG_PAIN_FLAG = "back_pain_over_3_months"
"""The question a spell of LONG_PAIN_DAYS or more answers yes (and a shorter one said
decides against words taken together, such as "back" and "months")."""
"""Pain said to have lasted this long answers "back pain for more than three months"."""
CACHE_CHARS = 2_000_000
"""How many characters of phrases the reading cache may hold (bounded by size)."""

_INTENSITY_TAIL = re.compile(
    r"(?:[:=]\s*(\d{1,2})(?:\s*/\s*10)?|\b(\d{1,2})\s*(?:/\s*10|out of 10))\s*$"
)
_SIDE_FILLERS = frozenset(
    "more mostly mainly only especially specially particularly worse slightly one on the a "
    "bit much".split()
)
_NEAR = frozenset({"by", "near", "beside", "next", "around", "close"})
_EVEN_MORE = frozenset({"especially", "specially", "particularly", "esp"})
"""Words around a side said on its own: "more on the left", "mostly the right one"."""
_ACTIVITY = frozenset(
    {"when", "while", "whenever", "during", "if"}
    # moving a part tells the activity too: "stiff neck, can't turn my head"
    | set("turn turning move moving lift lifting raise raising bend bending tilt tilting".split())
    | set("look looking nod nodding rotate rotating straighten straightening".split())
)
"""After these words a phrase tells what sets the pain off: "... when I lift my knee"."""
_MILD = frozenset({Tier.see_doctor})
"""Tiers whose hints, typed into the safety box, count as yes: vague words there answer a
question that at worst adds a routine visit. A vague word for a serious question ("numb",
"bladder", "warfarin": taking it is not bleeding on it) is asked about instead, and keeps
the check open."""
_SERIOUS = frozenset({Tier.emergency, Tier.same_day})
_LINKING = frozenset(
    stem(w) for w in ("working", "feel", "feels", "seem", "seems", "look", "looks", "all")
)
"""Words between a sign and a "fine" that leave it a "fine": "bladder working fine"."""
_DENIAL_FILLERS = frozenset(
    stem(w)
    for w in (
        "problems problem probs prob issues issue trouble pain pains change changes "
        "difficulty history signs sign symptoms worries any wrong "
        # verbs that carry the "no" on to the word: "doesn't go down my leg", "haven't got
        # a fever", "never used drugs"; never "feel" ("I can't feel my legs" denies nothing)
        "go goes going have has got get gets wake wakes keep keeps had used use taken take "
        "taking"
    ).split()
)
"""Words between a "no" and what it denies that keep it a denial: "no problems with my
bladder", "no pain in my legs"."""
_INTENSIFIERS = frozenset({"right", "bang", "smack", "dead", "slap"})
_PLACE_PREPS = frozenset(
    "on in at above below under underneath over between across through up down next by "
    "beside near along into round around behind inside beneath where there here to past "
    "till until centre center middle".split()
)
"""After one of these, "right" means "exactly", not a side: "right on the spine"."""
_BELOW = frozenset({"below", "under", "beneath", "underneath"})
_ABOVE = frozenset({"above", "over"})
"""Said before a stop of a line down a limb, these make it a boundary of the pain."""
_NOT_A_SPELL = frozenset({"old", "pregnant", "preg", "pg", "gone", "along"})
"""After "16 weeks" these say what the weeks count, and it is not how long it hurt."""
_OWNERS = frozenset({"my", "the", "your", "his", "her", "their", "on", "to", "at", "of", "from"})
"""Before "right" these make it a side again: "on my right at the back"."""
_FEVER = re.compile(
    r"(?<![\d.])(?:"
    r"(?:3[89]|4[0-2])[.,]\d"  # 38.5, 39,4: a temperature in Celsius
    r"|(?:3[89]|4[0-2])\s*(?:°|degrees?\b|deg\b|c\b)"
    r"|10[0-6](?:[.,]\d)?\s*(?:°|degrees?\b|f\b)"  # 101 F
    r"|(?<=temp )(?:3[89]|4[0-2]|10[0-6])\b"
    r"|(?<=temperature )(?:3[89]|4[0-2]|10[0-6])\b"
    r"|(?<=temperature of )(?:3[89]|4[0-2]|10[0-6])\b"
    r")(?![\d])",
    re.IGNORECASE,
)
"""A raised temperature written as a number: "temp 39.4", "38.9 last night", "101 F"."""
_FEVER_WORD = re.compile(
    r"\b(?:a\s+)?(?:temp|temperature|fever)(?:\s+(?:of|is|was|at|of about))?\s*$", re.I
)
ACROSS_WINDOW = 20
"""Words a sign said in parts over several fields may span (within one field: 14)."""
_ORDERED = frozenset(stem(w) for w in ("middle", "mid", "centre", "center", "between"))
"""Words that name a part only before their noun: "middle of my back" is the mid back,
"my back, in the middle" the midline of the back; "between my neck and shoulder" is not
"my neck and between my shoulder blades"."""
_NOT_A_NO = frozenset(
    (stem(a), stem(b))
    for a, b in (
        ("no", "matter"),
        ("no", "doubt"),
        ("no", "wonder"),
        ("not", "sure"),
        ("not", "only"),
        ("without", "trying"),
        ("without", "dieting"),
        ("without", "reason"),
        ("without", "warning"),
        ("without", "meaning"),
    )
)
"""A "no" that says no such thing: "no matter how I lie", "not sure when I need to go",
"lost a stone without trying" (the question's own words)."""
_NEW_SIGNS = frozenset(stem(w) for w in ("before", "this", "so", "ever"))
"""After "never", these make it news, not a no: "never had this before", "never this weak"."""
_UNCHECKED = frozenset(
    stem(w) for w in "took take taken checked check measured measure weighed weigh tested".split()
)
"""After a "no", these say it was not checked, which is not a "no" to the sign: "never
took my temp", "haven't weighed myself"."""
_UNSURE = tuple(
    tuple(stem(w) for w in run.split())
    for run in ("not sure", "aint sure", "dont know", "no idea", "not certain", "unsure", "dunno")
)
"""Words that say the person does not know: what follows is neither a yes nor a no ("I
don't know if I have a fever"), so it is asked."""
_UNSURE_REACH = 10
_FINE_FILLERS = frozenset(
    stem(w) for w in "just really perfectly totally completely absolutely quite pretty".split()
)
"""Words before a "fine" that leave it a "fine": "I can pee just fine"."""
_SENSING = frozenset(stem(w) for w in ("feel", "feels", "feeling", "felt", "sensation"))
"""Between a "no" and a place these say what is missing there: "no feeling in my legs"."""
NOT_IMPROVING_DAYS = 42
"""Pain said to have lasted this long (six weeks) asks whether a clinician has checked it."""
_ANSWER_KINDS = frozenset({"flag", "hint", "denial", "no"})
_PATH_ENDS = frozenset({"to", "into", "till", "until", "past", "reaching"})
_NO_KINDS = frozenset({"no"})  # answers of no in general words: said in order
"""Kinds whose words answer a safety question: one wording may stand for several."""
_WINDOW_SLACK = 2
"""A known phrase may have this many other words inside it ("numb between my legs")."""


class InputLimitError(ValueError):
    """A field holds more than a person could type: refused before any work is done."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field_name = field_name
        self.message = message


def check_limits(field_name: str, values: Sequence[str]) -> list[str]:
    """The phrases of one field, split, or :class:`InputLimitError` when it is too long."""
    if sum(len(v) for v in values) > MAX_FIELD_CHARS:
        raise InputLimitError(
            field_name, _("at most {n} characters in all").format(n=MAX_FIELD_CHARS)
        )
    phrases = split_phrases(values)
    if len(phrases) > MAX_PHRASES:
        raise InputLimitError(
            field_name, _("at most {n} places or phrases at once").format(n=MAX_PHRASES)
        )
    if any(len(p) > MAX_PHRASE_CHARS for p in phrases):
        raise InputLimitError(
            field_name,
            _("at most {n} characters between commas: put a comma between places").format(
                n=MAX_PHRASE_CHARS
            ),
        )
    return phrases


# --------------------------------------------------------------------------- readings


@dataclass(frozen=True)
class Reading:
    """How one phrase was read. ``read_as`` says it in words, for the person to check."""

    field: Field
    phrase: str
    regions: tuple[str, ...] = ()
    qualities: tuple[str, ...] = ()
    aggravators: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    flags_no: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()
    hint_words: tuple[str, ...] = ()
    """The hints heard, as ``flag:words`` (two different ones may together mean yes)."""
    negated: tuple[str, ...] = ()
    """What the person said they do not have, as ``kind:id`` ("quality:tingling")."""
    conditions: tuple[str, ...] = ()
    duration_days: int | None = None
    intensity: int | None = None
    age_said: int | None = None
    """An age said in words: "I'm 72", "aged 60", "45 years old"."""
    onset_age: int | None = None
    """The age the pain started, in words: "it started when I was 25"."""
    unused: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    warning_like: bool = False
    """Not understood, but it has words of a warning sign: the safety check stays open."""
    nothing_named: bool = False
    """An answer that names no sign ("none of those"): read, but no "no" to any question."""
    read_as: str = ""

    @property
    def understood(self) -> bool:
        return bool(
            self.regions
            or self.qualities
            or self.aggravators
            or self.flags
            or self.flags_no
            or self.negated
            or self.conditions
            or self.duration_days is not None
            or self.age_said is not None
            or self.onset_age is not None
            or (self.asked and not self.warning_like)
            or self.nothing_named
        )


_OWNERS = frozenset(
    stem(w) for w in ("my", "me", "his", "her", "their", "your", "our", "the", "a", "whole")
)
"""Words before a place that make it the body's: "put my back out" is the back."""


@dataclass(frozen=True)
class _Form:
    """What a lay form stands for, and when it does not."""

    target: tuple[str, ...]
    before: frozenset[str]
    after: frozenset[str] = frozenset()
    near: frozenset[str] = frozenset()
    only_after: frozenset[tuple[str, ...]] = frozenset()
    """With ``only_before``: the form holds only after one of these runs of words, or
    before one of those."""
    only_before: frozenset[tuple[str, ...]] = frozenset()
    owned_too: bool = False
    """``only_before`` holds after "my" or "the" too ("the thumb side")."""


@dataclass(frozen=True)
class _Entry:
    kind: Kind
    target: str
    stems: frozenset[str]
    size: int
    joined: bool = False
    """Written with an "and" or "or" in it ("pins and needles"): matched across clauses."""
    lead: tuple[str, str] | tuple[()] = ()
    """A placing word and the place it points to ("under" and "bum" in "under my bum"): the
    one must come before the other, or "my bum, under the waistband" would read as under
    the bum."""
    order: tuple[str, ...] = ()
    """An answer of no in several words ("got back up"): said in this order, or it is not
    that answer ("up into the back of my head" is no answer about a fall)."""


@dataclass
class _Tok:
    word: str  # what the person typed (lower case)
    stem: str
    index: int
    stop: bool = False
    note: str | None = None  # e.g. "rigth" read as "right"


def _in_a_row(entry: _Entry, where: dict[str, list[int]]) -> bool:
    """A wording of several words said one after another ("tight first thing")."""
    if entry.size < 2:
        return False
    tight = _tightest(entry.stems, where)
    return tight[-1] - tight[0] + 1 == entry.size


def _elsewhere(
    mt: _Match,
    where: dict[str, list[int]],
    content: Sequence[_Tok],
    taken: set[int],
    window_slack: int,
) -> _Match | None:
    """The same wording on words not yet taken, when its nearest ones were ("back of my
    head at the base of the skull": the second "skull")."""
    if len(mt.entry.order) > 1 or mt.entry.lead:
        return None
    free = {st: [p for p in where[st] if content[p].index not in taken] for st in mt.entry.stems}
    if not all(free.values()):
        return None
    again = _tightest(mt.entry.stems, free)
    if again[-1] - again[0] + 1 > mt.entry.size + window_slack:
        return None
    return _Match(mt.entry, tuple(content[p].index for p in again))


def _outside_places(places: list[_Match], *groups: list[_Match]) -> tuple[list[_Match], ...]:
    """Each group without the matches whose words all lie inside one longer place name."""
    spans = [set(pl.positions) for pl in places if len(pl.positions) > 1]
    return tuple(
        [mt for mt in group if not any(set(mt.positions) < span for span in spans)]
        for group in groups
    )


@dataclass
class _Match:
    entry: _Entry
    positions: tuple[int, ...]

    @property
    def first(self) -> int:
        return min(self.positions)

    @property
    def last(self) -> int:
        return max(self.positions)


@dataclass
class _Clause:
    toks: list[_Tok] = field(default_factory=list)
    joiner: str = ""  # the conjunction before this clause


_KIND_ORDER: dict[Field, tuple[Kind, ...]] = {
    "pain": ("region", "condition", "quality", "aggravator"),
    "quality": ("quality", "region", "condition", "aggravator"),
    "worse": ("aggravator", "quality", "region", "condition"),
    "flags": ("region", "condition", "quality", "aggravator"),
}


class _SizedCache:
    """A dict that forgets its oldest half when the characters it holds pass a budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.chars = 0
        self.items: dict[tuple[str, str, str], Reading] = {}

    def get(self, key: tuple[str, str, str]) -> Reading | None:
        return self.items.get(key)

    def put(self, key: tuple[str, str, str], value: Reading) -> None:
        size = len(key[1]) + len(value.read_as) + 200
        if self.chars + size > self.budget:
            keep = list(self.items.items())[len(self.items) // 2 :]
            self.items = dict(keep)
            self.chars = sum(len(k[1]) + len(v.read_as) + 200 for k, v in keep)
        self.items[key] = value
        self.chars += size


class Resolver:
    """Reads phrases against one knowledge base; build once, use many times."""

    def __init__(self, kb: KnowledgeBase) -> None:  # noqa: PLR0915 (indexes built in order)
        self.kb = kb
        self.steps = 0
        """Units of work done so far (words read, known phrases tried): for tests of growth."""
        ph = kb.phrasing
        self._forms: dict[tuple[str, ...], _Form] = {}
        exact: set[str] = set()
        """Stems known only as forms of another language: no slip is corrected to them."""
        for wf in ph.words:
            if wf.exact:
                exact.update(stem(w) for form in wf.forms for w in _words(form))
            target = tuple(stem(w) for w in _words(wf.word))
            form_rule = _Form(
                target,
                frozenset(stem(w) for b in wf.except_before for w in _words(b)),
                frozenset(stem(w) for b in wf.except_after for w in _words(b)),
                frozenset(stem(w) for b in wf.only_near for w in _words(b)),
            )
            for form in wf.forms:
                key = tuple(stem(w) for w in _words(form))
                if key and key != target:
                    self._forms.setdefault(key, form_rule)
        for np in ph.not_places:
            # "the flight back", "back from Spain": a direction, read as nothing
            key = tuple(stem(w) for w in _words(np.word))
            had = self._forms.get(key, _Form((), frozenset()))
            self._forms[key] = _Form(
                (),
                frozenset(),
                only_after=had.only_after
                | frozenset(tuple(stem(w) for w in _words(b)) for b in np.after),
                only_before=had.only_before
                | frozenset(tuple(stem(w) for w in _words(b)) for b in np.before),
                owned_too=had.owned_too or np.after_owner,
            )
        for aside in ph.asides:
            # a measure or a comparison stands for no word at all
            key = tuple(stem(w) for w in _words(aside))
            self._forms.setdefault(key, _Form((), frozenset()))
        self._negations = {tuple(stem(w) for w in _words(n)) for n in ph.negations}
        self._negation_ends = {tuple(stem(w) for w in _words(n)) for n in ph.negation_ends}
        self._negation_starts = frozenset(n[0] for n in self._negations if n)
        self._end_starts = frozenset(n[0] for n in self._negation_ends if n)
        # "next to", "just above": the first word places; "to" and "just" alone do not
        # ("goes to my tummy" names the tummy too)
        self._relations = {stem(w) for r in ph.relations for w in _words(r)[:1] if w != "just"}
        self._relations |= {
            stem(w) for r in ph.relations if _words(r)[:1] == ["just"] for w in _words(r)[1:2]
        }
        # "fine", "normal"; and wordings of several words, matched as a whole ("as usual")
        runs = [tuple(stem(w) for w in _words(n)) for n in ph.negations_after]
        self._post_negations = {run[0] for run in runs if len(run) == 1}
        self._post_negation_runs = {run for run in runs if len(run) > 1}
        self._modifiers = {stem(w) for m in ph.modifiers for w in _words(m)}
        self._path_words = {stem(w) for p in ph.path_words for w in _words(p)}
        # "all the way" travels; "all day" does not: a wording of several words travels
        # only as a whole (its content words in a row)
        path_runs = [
            tuple(stem(w) for w in _words(p) if w not in _STOPWORDS) for p in ph.path_words
        ]
        self._travel_words = {run[0] for run in path_runs if len(run) == 1}
        self._travel_runs = {run for run in path_runs if len(run) > 1}
        self._left = frozenset(stem(w) for w in _LEFT)
        self._right = frozenset(stem(w) for w in _RIGHT)
        self._both = frozenset(stem(w) for w in _BOTH)
        self._side_words = self._left | self._right | self._both
        self.entries: list[_Entry] = []
        self._by_stem: dict[str, list[int]] = {}
        seen: dict[tuple[Kind, frozenset[str], str], int] = {}
        # long words as written, for slips the stem hides ("hamstirng" is one slip from
        # "hamstring", three from its stem "hamstr")
        self._surface: dict[str, str] = {}
        self._word_of_stem: dict[str, str] = {}

        def add(kind: Kind, target: str, phrase: str) -> None:
            for w in _words(phrase):
                if w.isalpha():
                    st = stem(w)
                    if len(w) >= 7:
                        self._surface.setdefault(w, st)
                    shown = self._word_of_stem.get(st)
                    if shown is None or len(w) < len(shown):
                        self._word_of_stem[st] = w  # the word a slip is shown as
            parts = [phrase]
            if "(" in phrase:
                # "tailbone (coccyx)" is also known as "tailbone" and as "coccyx"
                outside = re.sub(r"\([^)]*\)", " ", phrase)
                parts += [outside, *re.findall(r"\(([^)]*)\)", phrase)]
            for part in parts:
                stems = frozenset(self._content_stems(part))
                # first writer wins (labels come before synonyms); red-flag words may
                # stand for several questions ("sweaty": heart and infection)
                owner = target if kind in _ANSWER_KINDS else ""
                if not stems:
                    continue
                lead = self._placing(part) if len(stems) > 1 else ()
                known_at = seen.get((kind, stems, owner))
                if known_at is not None:
                    if self.entries[known_at].lead != lead:
                        # said both ways ("under the ribs at the back", "back just under
                        # the ribs"): any order will do
                        self.entries[known_at] = replace(self.entries[known_at], lead=())
                    said = self.entries[known_at].order
                    if said and said != tuple(self._content_stems(part)):
                        # "weight is the same", "same weight": either order
                        self.entries[known_at] = replace(self.entries[known_at], order=())
                    continue
                i = len(self.entries)
                seen[(kind, stems, owner)] = i
                joined = any(w in _CONJUNCTIONS for w in _words(part))
                # a sign's wording with a "no" in it is said in order too: "months and no
                # better" is not the "no" that opens "no, but it's not getting better"
                ordered = kind in _NO_KINDS or (
                    kind == "flag" and not stems.isdisjoint(self._negation_starts)
                )
                order = tuple(self._content_stems(part)) if ordered else ()
                self.entries.append(_Entry(kind, target, stems, len(stems), joined, lead, order))
                for s in stems:
                    self._by_stem.setdefault(s, []).append(i)

        self._add_entries(add)
        # the words a person may type: what typing slips are corrected to
        known: set[str] = set(self._by_stem)
        for key, form_rule in self._forms.items():
            known.update(st for st in key if st not in exact)
            known.update(form_rule.target)
        known |= self._relations | self._modifiers | self._path_words | self._side_words
        known |= {stem(w) for w in _STOPWORDS | _QUIET | set(_NUMBERS) | set(_UNIT_DAYS)}
        known |= {s for n in self._negations | self._negation_ends for s in n}
        known |= self._post_negations | {w for run in self._post_negation_runs for w in run}
        known |= {stem(w) for p in ph.paths for w in _words(" ".join(p.limb + p.line))}
        known |= {stem(w) for p in ph.paths for s in p.stops for w in _words(" ".join(s.words))}
        known |= {
            st
            for flag in kb.flags.values()
            for pattern in flag.patterns
            for group in pattern
            for w in group
            for st in (stem(x) for x in _words(w))
        }
        self._known_list = sorted(known, key=lambda w: (len(w), w))
        self._surface = {w: st for w, st in self._surface.items() if st in known}
        self._known = frozenset(known | exact)
        self._surface_list = sorted(self._surface, key=lambda w: (len(w), w))
        self._fixes: dict[str, str | None] = {}
        self._splits: dict[str, tuple[str, str] | None] = {}
        # red-flag patterns: one stem set per wording of each group
        self._patterns: list[tuple[str, list[list[frozenset[str]]]]] = []
        self._pattern_order: dict[frozenset[str], tuple[str, ...]] = {}
        """A wording of several words, in the order it is said ("my bits", not "bit of my")."""
        for flag in kb.flags.values():
            for pattern in flag.patterns:
                # every word counts here, fillers too: "can't feel" needs "feel"
                groups = [
                    [st for st in (frozenset(self._all_stems(w)) for w in group) if st]
                    for group in pattern
                ]
                if groups and all(groups):
                    self._patterns.append((flag.id, groups))
                for w in (w for group in pattern for w in group):
                    seq = tuple(self._all_stems(w))
                    if len(seq) > 1:
                        self._pattern_order.setdefault(frozenset(seq), seq)
        self._pattern_reach = [
            [frozenset().union(*group) for group in groups] for _fid, groups in self._patterns
        ]
        # words that only say where ("chest", "left arm"): two such hints are two places, not
        # two signs, so they never add up to a yes (marking chest and arm only asks first)
        self._place_stems = (
            frozenset(s for e in self.entries if e.kind == "region" for s in e.stems)
            | self._side_words
            | self._modifiers
        )
        # a hint that is itself the name of a place ("temple", "groin") is no sign by
        # itself: its words, without sides and modifiers, are a region's wording
        self._place_wordings = frozenset(
            e.stems - self._side_words - self._modifiers for e in self.entries if e.kind == "region"
        )
        # words that belong to warning signs only: an unknown phrase with one is not a "no"
        other = {s for e in self.entries if e.kind not in _ANSWER_KINDS for s in e.stems}
        self._warning_stems = (
            frozenset(s for e in self.entries if e.kind in ("flag", "hint") for s in e.stems)
            - other
            - self._modifiers
            - self._side_words
        )
        self._weak_path_words = frozenset(stem(w) for w in ("to", "into", "till", "until"))
        self._paths = [
            (
                p,
                frozenset(stem(w) for w in _words(" ".join(p.limb))),
                frozenset(stem(w) for w in _words(" ".join(p.line))),
                [
                    tuple(frozenset(stem(w) for w in _words(phrase)) for phrase in s.words)
                    for s in p.stops
                ],
            )
            for p in ph.paths
        ]
        # the places a line can start from ("from my hip"), unlike a cause ("from typing")
        self._landmarks = frozenset().union(
            *(
                limb.union(*(w for phrases in stops for w in phrases))
                for _p, limb, _l, stops in self._paths
            )
        )
        # "palm side of my wrist": a line word before "side" says which side of the limb
        self._line_qualifiers = frozenset().union(*(line for _p, _l, line, _s in self._paths))
        self._broad: dict[frozenset[str], frozenset[str]] = {}
        self._becomes: dict[frozenset[str], dict[str, str]] = {}
        self._central = {
            f.id: tuple(
                frozenset(self._content_stems(w)) for w in f.central if self._content_stems(w)
            )
            for f in kb.flags.values()
            if f.central
        }
        self._conditions = {c.id: c for c in ph.conditions}
        self._condition_areas = {
            c.id: frozenset(kb.region_entries[parse_zone_ref(r)[0]].area for r in c.regions)
            for c in ph.conditions
        }
        mid = ph.midline
        self._middle_words = frozenset(stem(w) for w in (mid.words if mid else ()))
        self._midline: dict[str, str] = dict(mid.regions) if mid else {}
        self._clause_broad: dict[frozenset[str], frozenset[str]] = {}
        for broad in ph.broad:
            if broad.clause:
                for w in broad.words:
                    self._clause_broad[frozenset(self._content_stems(w))] = frozenset(broad.areas)
                continue
            for w in broad.words:
                stems = frozenset(self._content_stems(w))
                self._broad[stems] = self._broad.get(stems, frozenset()) | frozenset(broad.areas)
                self._becomes.setdefault(stems, {}).update(broad.becomes)
        # "at night" and "wakes me up" say one thing: one hint, not two
        self._hint_kind: dict[tuple[str, str], str] = {
            (flag.id, " ".join(sorted(set(self._content_stems(p))))): f"kind{k}"
            for flag in kb.flags.values()
            for k, kind in enumerate(flag.hint_kinds)
            for p in kind
        }
        # "my hip", "my shoulder": the word alone does not say which face of the part
        self._both_faces: dict[frozenset[str], tuple[str, ...]] = {
            frozenset(self._content_stems(w)): tuple(both.regions)
            for both in ph.both_faces
            for w in both.words
        }
        self._nothing = frozenset(" ".join(_words(n)) for n in ph.nothing)
        self._asides = [tuple(_words(a)) for a in ph.asides]
        self._cache = _SizedCache(CACHE_CHARS)
        self._scans: dict[tuple[str, str], list[str]] = {}
        self._scan_chars = 0
        self._parts: dict[str, tuple[frozenset[str], str | None]] = {}
        self._part_chars = 0
        self._region_ids = frozenset(kb.regions)
        self._term_ids: dict[Field, frozenset[str]] = {
            "pain": frozenset(),
            "quality": frozenset(kb.qualities),
            "worse": frozenset(kb.aggravators),
            "flags": frozenset(kb.flags),
        }

    def _add_entries(self, add: Callable[[Kind, str, str], None]) -> None:
        """Every label, name and synonym of every kind, labels before synonyms."""
        kb = self.kb
        ph = kb.phrasing
        for rkey, rentry in kb.region_entries.items():
            add("region", rkey, rentry.name)
        for rkey, rentry in kb.region_entries.items():
            for phrase in rentry.synonyms:
                add("region", rkey, phrase)
        for muscle in kb.muscles.values():
            # "my piriformis is acting up": a muscle's name points at where it lies
            if muscle.trigger_points:
                add("region", muscle.trigger_points[0].location_region, muscle.name)
        for kind, vocab in (("quality", kb.qualities), ("aggravator", kb.aggravators)):
            for term in vocab.values():
                add(kind, term.id, term.label)  # type: ignore[arg-type]
                add(kind, term.id, term.id.replace("_", " "))  # type: ignore[arg-type]
            for term in vocab.values():
                for phrase in term.synonyms:
                    add(kind, term.id, phrase)  # type: ignore[arg-type]
        for cond in ph.conditions:
            for name in cond.names:
                add("condition", cond.id, name)
        for flag in kb.flags.values():
            add("flag", flag.id, flag.id.replace("_", " "))
            for phrase in flag.synonyms:
                add("flag", flag.id, phrase)
        for flag in kb.flags.values():
            for phrase in flag.hints:
                add("hint", flag.id, phrase)
        for flag in kb.flags.values():
            for phrase in flag.denials:
                add("denial", flag.id, phrase)
            for phrase in flag.no_words:
                add("no", flag.id, phrase)

    # ------------------------------------------------------------------ words

    def _all_stems(self, text: str) -> list[str]:
        toks = self._tokens(text, fix=False)
        return [t.stem for t in toks if t.word not in _CONJUNCTIONS]

    def _content_stems(self, text: str) -> list[str]:
        toks = self._tokens(text, fix=False)
        return [t.stem for t in toks if not t.stop and t.word not in _CONJUNCTIONS]

    def _tokens(self, text: str, fix: bool = True) -> list[_Tok]:
        words = _words(text)
        if fix:
            words = self._respell(words)
        self.steps += len(words)
        stems = [stem(w) for w in words]
        notes: list[str | None] = [None] * len(words)
        if fix:
            # typing slips first, so the lay forms see the word meant ("pins and needels")
            for k, (w, st) in enumerate(zip(words, stems, strict=True)):
                if w not in _STOPWORDS and st not in self._known and not w.isdigit():
                    fixed = self._fix(st, w)
                    if fixed is not None:
                        stems[k], notes[k] = fixed, self._word_of_stem.get(fixed, fixed)
        out: list[_Tok] = []
        i = 0
        while i < len(words):
            replaced = False
            for n in (5, 4, 3, 2, 1):
                key = tuple(stems[i : i + n])
                if len(key) < n or key not in self._forms:
                    continue
                rule = self._forms[key]
                target = rule.target
                nxt = stems[i + n] if i + n < len(stems) else None
                # the next word, and the next one that is not a filler ("hard on a chair")
                after = next(
                    (
                        st
                        for w, st in zip(words[i + n :], stems[i + n :], strict=True)
                        if w not in _STOPWORDS
                    ),
                    None,
                )
                if (nxt is not None and nxt in rule.before) or (after in rule.before):
                    continue
                if i > 0 and stems[i - 1] in rule.after:
                    continue
                if rule.near and rule.near.isdisjoint(stems):
                    continue
                if (rule.only_after or rule.only_before) and not fix:
                    # a direction word is read as nothing only in what people type: the
                    # knowledge base's own wordings keep every word ("can't move my toes")
                    continue
                if (rule.only_after or rule.only_before) and not (
                    any(tuple(stems[max(0, i - len(a)) : i]) == a for a in rule.only_after)
                    or any(
                        tuple(stems[i + n : i + n + len(b)]) == b
                        # "put my back out" is the back; "the back of it" never is
                        and (
                            len(b) > 1
                            or rule.owned_too
                            or i == 0
                            or stems[i - 1] not in _OWNERS | self._modifiers
                        )
                        for b in rule.only_before
                    )
                ):
                    continue
                surface = " ".join(words[i : i + n])
                filler = all(t in _STOP_STEMS for t in target)
                for t in target:
                    # a form of a filler word ("me duele": pain) is filler too
                    out.append(_Tok(surface, t, len(out), stop=filler))
                    slips = [x for x in notes[i : i + n] if x]
                    if slips:
                        out[-1].note = slips[0]
                i += n
                replaced = True
                break
            if replaced:
                continue
            word, st = words[i], stems[i]
            tok = _Tok(word, st, len(out), stop=word in _STOPWORDS)
            tok.note = notes[i]
            out.append(tok)
            i += 1
        for k, tok_k in enumerate(out):
            tok_k.index = k
        _quiet_intensifiers(out)
        return out

    def _respell(self, words: list[str]) -> list[str]:
        """Spoken and run-together spellings, before the words are read."""
        out: list[str] = []
        for word in words:
            w, st = word, stem(word)
            if w.endswith("in") and len(w) >= 5 and st not in self._known:
                # "naggin", "achin", "throbbin": the dropped g of spoken English
                full = stem(w + "g")
                if full in self._known:
                    w, st = w + "g", full
            # "lowerback", "buttcheek": two known words run together are read as two; but a
            # slip of one letter in a long known word wins ("forhead" is "forehead")
            whole = st in self._known or self._one_slip(st) or is_english(w)
            halves = None if whole else self._split(w)  # "carting" is no "car" + "ting"
            out += list(halves) if halves else [w]
        return out

    def _placing(self, phrase: str) -> tuple[str, str] | tuple[()]:
        """The first placing word of a wording and the word it points to, if any."""
        ws = [t.stem for t in self._tokens(phrase, fix=False) if not t.stop]
        for k, w in enumerate(ws[:-1]):
            if w in self._relations or w in _ORDERED:
                return (w, ws[k + 1])
        return ()

    def _one_slip(self, word: str) -> bool:
        if len(word) < 6:
            return False
        from rapidfuzz.distance import OSA  # imported when a slip is first looked for

        fixed = self._fix(word, word)
        return fixed is not None and OSA.distance(fixed, word) <= 1

    def _split(self, word: str) -> tuple[str, str] | None:
        """Two known words run together ("lowerback" → "lower", "back"), or None."""
        if len(word) < 7 or len(word) > 30 or not word.isalpha():
            return None
        if word in self._splits:
            return self._splits[word]
        found: tuple[str, str] | None = None
        for cut in sorted(range(3, len(word) - 2), key=lambda k: abs(k - len(word) / 2)):
            a, b = word[:cut], word[cut:]
            if stem(a) in self._known and stem(b) in self._known:
                found = (a, b)
                break
        if len(self._splits) < 50_000:  # words of at most 30 letters: bounded in size
            self._splits[word] = found
        return found

    def _fix(self, word: str, surface: str = "") -> str | None:
        """The known word one typing slip away (two for long words), or None."""
        if len(word) < 4 or len(word) > 30:
            return None
        key = f"{word}:{surface}"
        if key in self._fixes:
            return self._fixes[key]
        from rapidfuzz import fuzz, process  # imported when a slip is first looked for
        from rapidfuzz.distance import OSA

        limit = 1 if len(word) < 9 else 2
        near = process.extract(
            word, self._known_list, scorer=OSA.distance, score_cutoff=limit, limit=12
        )
        # of the words a slip away, the likeliest slip: a dropped letter ("buttok") over a
        # wrong one ("button"), then the closer length
        ranked = sorted(
            # a slip rarely hits the first letter: "wheel" is not a typo for "heel"
            (str(c) for c, _d, _i in near if len(c) >= 4 and c[0] == word[0]),
            key=lambda c: (-fuzz.ratio(word, c), abs(len(c) - len(word)), c),
        )
        if len(word) == 4 or surface in english_words():
            # short or real words: only a wrong vowel ("heal" for "heel"); "kill" is not
            # "hill", "shape" is not "shake"
            ranked = [c for c in ranked if _vowel_swap(c, word)]
        if surface in english_words():
            # a real word is taken for a slip of a place's word only ("heal" for "heel"):
            # a barista's "tamping" is no "temp" (a fever), "soar" no "sear" (burning)
            ranked = [c for c in ranked if c in self._place_stems]
        fixed = ranked[0] if ranked else None
        if fixed is None and len(surface) >= 7 and surface not in english_words():
            # a slip in a long word whose stem is short: look among the words as written
            near = process.extract(
                surface, self._surface_list, scorer=OSA.distance, score_cutoff=1, limit=4
            )
            written = sorted(str(c) for c, _d, _i in near if str(c)[0] == surface[0])
            fixed = self._surface[written[0]] if written else None
        if len(self._fixes) < 50_000:  # words are at most 30 characters: bounded in size
            self._fixes[key] = fixed
        return fixed

    # ------------------------------------------------------------------ public

    def read(self, field_name: Field, phrase: str) -> Reading:
        """Read one phrase typed into ``field_name`` (answers are kept: people repeat)."""
        key = (field_name, phrase, language())  # read back in words: one per language
        cached = self._cache.get(key)
        if cached is None:
            cached = self._read(field_name, phrase[:MAX_PHRASE_CHARS])
            if cached.phrase != phrase:
                cached = replace(cached, phrase=phrase)
            self._cache.put(key, cached)
        return cached

    # ------------------------------------------------------------------ reading

    def _read_id(self, field_name: Field, phrase: str) -> Reading | None:
        """Ids from the faces' own lists go straight through."""
        lowered = phrase.strip().lower()
        if lowered in self._region_ids:
            return self._compose(field_name, phrase, regions=[lowered])
        if lowered in self.kb.region_entries and field_name == "pain":
            return self._compose(field_name, phrase, regions=self.kb.sides_of(lowered))
        if lowered in self._term_ids[field_name]:
            return self._compose(
                field_name,
                phrase,
                qualities=[lowered] if field_name == "quality" else [],
                aggravators=[lowered] if field_name == "worse" else [],
                flags=[lowered] if field_name == "flags" else [],
            )
        if field_name != "pain" and self._says_nothing(self._without_asides(_words(lowered))):
            said = {
                "flags": _("no warning sign named (each question still needs its answer)"),
                "worse": _("nothing in particular makes it worse"),
                "quality": _("no particular feeling named"),
            }[field_name]
            return replace(self._compose(field_name, phrase), nothing_named=True, read_as=said)
        return None

    def _says_nothing(self, words: Sequence[str]) -> bool:
        """ "None of these", or two such answers in a row ("nope, all fine", "nope none")."""
        if " ".join(words) in self._nothing:
            return True
        return any(
            " ".join(words[:cut]) in self._nothing and " ".join(words[cut:]) in self._nothing
            for cut in range(1, min(len(words), 6))
        )

    def _taken_back(self, mt: _Match, no_at: dict[str, int], toks: Sequence[_Tok]) -> bool:
        """A yes wording followed, after a "but" or "so", by a no-wording of the same
        question: "lost weight but I've been dieting on purpose". Never for an emergency
        question, which a yes keeps open whatever follows."""
        at = no_at.get(mt.entry.target)
        if at is None or at <= mt.last or self.kb.flags[mt.entry.target].tier in _SERIOUS:
            return False
        return any(t.word in ("but", "so") for t in toks[mt.last + 1 : at])

    def _without_asides(self, words: list[str]) -> list[str]:
        """The words without those that only measure or compare ("thank god" too)."""
        out: list[str] = []
        i = 0
        while i < len(words):
            aside = next((a for a in self._asides if tuple(words[i : i + len(a)]) == a), None)
            if aside:
                i += len(aside)
                continue
            out.append(words[i])
            i += 1
        return out

    def _read(self, field_name: Field, phrase: str) -> Reading:  # noqa: PLR0915 (one pipeline)
        by_id = self._read_id(field_name, phrase)
        if by_id is not None:
            return by_id
        raw = phrase.strip()
        kb = self.kb
        intensity: int | None = None
        bad_intensity: str | None = None
        m = _INTENSITY_TAIL.search(raw[-24:])
        if m:
            value = int(m.group(1) or m.group(2))
            if value <= 10:
                intensity = value
            else:
                # said, and shown back: never dropped without a word
                bad_intensity = _("intensity {n} not used: give 0 to 10").format(n=value)
            raw = raw[: len(raw) - len(m.group(0))]
        fever = _FEVER.search(raw) if "fever_with_back_pain" in kb.flags else None
        if fever:
            # the number is read as a fever; what is left is read as usual
            before = _FEVER_WORD.sub("", raw[: fever.start()])  # "temp", "a temperature of"
            raw = (before + " " + raw[fever.end() :]).strip()
        toks = self._tokens(raw)
        used: set[int] = set()  # words that a region, quality, aggravator or path took
        quiet: set[int] = set()  # words that did their work without naming anything
        notes: list[str] = [bad_intensity] if bad_intensity else []
        along: list[int] = []
        duration = self._duration(toks, used, along)
        age_said, onset_age = _ages(toks, used)
        # "34 weeks and pain at the back of my pelvis": how far along a pregnancy is, so the
        # signs read it as the word "pregnant" (asked; with cramps or bleeding, a yes)
        signs = [
            replace(t, word="pregnant", stem=_PREGNANT) if t.index in along else t for t in toks
        ]
        # red flags over the whole phrase, on their own: nothing else can hide them
        yes = self._cover(signs, ("flag",), set(), field_name, window_slack=3)
        # patterns too, even for a sign a wording already found: "nothing comes out when I
        # try to pee" is a "no" to the wording "pee comes out" but a yes in its pattern
        yes += self._pattern_flags(signs)
        yes = _drop_shadowed(yes, yes)
        hints = self._cover(signs, ("hint",), set(), field_name, window_slack=2, exclusive=False)
        # "no headache", "bladder's fine", "had it before": answers of no, never of yes
        noes = self._cover(toks, ("no",), set(), field_name, window_slack=2, exclusive=False)
        denials = self._cover(toks, ("denial",), set(), field_name, window_slack=2, exclusive=False)
        # a sign's word inside a longer place name belongs to that name: "the ball of my
        # foot" neither hints at nor denies anything about the testicles
        hints, denials = _outside_places(
            self._cover(toks, ("region",), set(), field_name), hints, denials
        )
        for mt in yes + hints:
            quiet.update(mt.positions)
        cues = self._negation_cues(toks)
        quiet.update(c for c, _end in cues)
        # "never took my temp", "I don't know if I have a fever": neither said nor denied
        unsure = self._unsure_spans(toks)
        denied: list[str] = []
        answered_at: set[int] = set()  # words that answered a "no"
        denial_at = {p for mt in denials for p in mt.positions}
        no_at: dict[str, int] = {}  # where each question's no-wording was said
        said_no: list[_Match] = []  # the answers of no that held, for a "but" after them
        for mt in noes:
            if not self._negated(mt, cues, toks):  # "not had it before" is no "no"
                said_no.append(mt)
                denied.append(mt.entry.target)
                no_at.setdefault(mt.entry.target, mt.first)
                quiet.update(mt.positions)
                if field_name == "flags":
                    used.update(mt.positions)  # an answer there, not a place or an activity
        # a "no" that belongs to a sign's own wording ("no erection") denies nothing
        own_no = {c for c, _e in cues for mt in yes if mt.entry.stems and c in mt.positions}
        live = [(c, e) for c, e in cues if c not in own_no]
        for mt in denials:
            if self._denied(mt, live, toks, denial_at):
                said_no.append(mt)
                denied.append(mt.entry.target)
                quiet.update(mt.positions)
                if not self._denied(mt, [], toks, denial_at):
                    continue  # a "no" before it: a sign said with that "no" still wins
                answered_at.update(mt.positions)  # "fine" after it: its parts are answered
                if field_name == "flags":
                    used.update(mt.positions)
        before_path = set(used)
        path_regions, path_note, path_ask = self._path(toks, used)
        path_at = sorted(used - before_path)
        if path_note:
            notes.append(path_note)
        matches = self._match_clauses(toks, field_name, used, quiet)
        # "breast stroke" is swimming: a one-word sign inside a longer phrase of another
        # kind is that phrase (the matches the clauses found anyway, no second search)
        yes = _drop_shadowed(yes, [mt for mt, _side in matches])
        matches = _drop_asides(matches, toks, quiet)
        matches = self._drop_broad(matches, path_regions, quiet)
        matches = self._to_midline(matches, toks, used, quiet)
        # named places win over what a condition name implies: "tension headache across
        # my forehead" is the forehead
        explicit = bool(path_regions) or any(mt.entry.kind == "region" for mt, _s in matches)
        # a sign said in parts is no sign when one of its parts was just answered "fine":
        # "bladder and bowels fine but a numb bit round my back passage"
        yes = [mt for mt in yes if answered_at.isdisjoint(mt.positions)]
        # negation: a "no" before a match, with no "but" between, turns it into a no
        flags: list[str] = ["fever_with_back_pain"] if fever else []
        flags_no: list[str] = list(denied)
        one_side = self._side(toks) in ("left", "right")
        asked: list[str] = []
        for mt in yes:
            if self._negated(mt, cues, toks):
                # "no bruising but I'm on warfarin": a "no" that covers one part of the sign
                # only, the part after its "but" said, is neither yes nor no: asked
                past = _past_the_no(mt, cues, toks, self._end_starts)
                (asked if past else flags_no).append(mt.entry.target)
            elif self._taken_back(mt, no_at, toks):
                continue  # "lost weight, but I'm on a diet": the no-wording answers it
            elif self._in_unsure(mt, unsure):
                asked.append(mt.entry.target)
            elif self._both_limbs(mt, toks):
                asked.append(mt.entry.target)  # "legs feel weak": not one leg, so ask
            elif one_side and self._asks_one_sided(mt.entry.target, toks, bool(path_regions)):
                asked.append(mt.entry.target)  # "left buttock tingles down my leg": ask
            elif kb.flags[mt.entry.target].kin_asks and _of_kin(mt, toks):
                asked.append(mt.entry.target)  # "my mum had cancer": her history, asked
                quiet.update(t.index for t in toks[: mt.first] if t.stem in _KIN)
            else:
                flags.append(mt.entry.target)
        said = set(flags)
        flags = [f for f in flags if said.isdisjoint(kb.flags[f].yields_to)]
        also = kb.ask_next(flags)  # the same condition's signs
        asked += list(also) + path_ask
        # the hints heard, for hints_together; those whose every word is also a place word
        # ("sore temples", "jaw ... chew") count only alone, above the flag's age, never as
        # one of two hints; a place's own name ("temple") counts for neither
        hint_words = [
            f"{mt.entry.target}:{'~' if mt.entry.stems <= self._place_stems else ''}"
            f"{' '.join(sorted(mt.entry.stems))}"
            for mt in hints
            if not self._negated(mt, cues, toks) and not self._names_a_place(mt.entry.stems)
        ]
        for mt in hints:
            # "not on blood thinners": a no to the question the word asks; but a vague word
            # never closes an emergency question ("not numb" in the leg says nothing of the
            # saddle): that stays open until it is answered
            if self._negated(mt, cues, toks):
                # and only a "no" said at the word itself: "I don't sleep at night for
                # the pain" is no "no" to night pain
                if kb.flags[mt.entry.target].tier not in _SERIOUS and self._denied(
                    mt, cues, toks, set()
                ):
                    flags_no.append(mt.entry.target)
                else:
                    asked.append(mt.entry.target)
            elif (
                field_name == "flags"
                and not yes
                and kb.flags[mt.entry.target].tier in _MILD
                and set(mt.positions).isdisjoint(answered_at)  # "pee and poo normal"
                and not self._in_unsure(mt, unsure)
            ):
                # typed in the safety box, "constant pain" answers the milder question
                flags.append(mt.entry.target)
            else:
                asked.append(mt.entry.target)
        # "no temp but I feel rubbish": one part of the question answered no, another part
        # said yes-ish; the question stays open
        no_last: dict[str, int] = {}
        # only answers that said no ("shivery" is a denial word too, but said here as a yes:
        # "no fever I don't think, but I do feel a bit shivery")
        for mt in said_no:
            no_last[mt.entry.target] = max(no_last.get(mt.entry.target, -1), mt.last)
        open_hints = {
            mt.entry.target
            for mt in hints
            if mt.entry.target in no_last
            and mt.first > no_last[mt.entry.target]
            and not self._negated(mt, cues, toks)
            and any(
                t.stem in self._end_starts for t in toks[no_last[mt.entry.target] + 1 : mt.first]
            )
        }
        if open_hints & set(flags_no):
            asked += [f for f in flags_no if f in open_hints]
            flags_no = [f for f in flags_no if f not in open_hints]
        negated: list[str] = []
        regions: list[str] = list(path_regions)
        if path_at and any(c < path_at[0] < end for c, end in cues):
            # "it doesn't go down my leg": the path is what the person does not have
            regions = []
            asked = [a for a in asked if a not in path_ask]
            notes = [n for n in notes if n != path_note]
            negated.append("path:" + _("pain travelling down the limb"))
        qualities: list[str] = []
        aggravators: list[str] = []
        conditions: list[str] = []
        for mt, side in matches:
            entry = mt.entry
            if self._negated(mt, cues, toks):
                negated.append(f"{entry.kind}:{entry.target}")
                continue
            if entry.kind == "region":
                faces = self._both_faces.get(entry.stems, ())
                for key in faces if entry.target in faces else (entry.target,):
                    ids, note = self._sided(key, side)
                    regions += ids
                if note:
                    notes.append(note)
            elif entry.kind == "condition":
                cond = self._conditions[entry.target]
                conditions.append(cond.id)
                if not explicit:
                    for ref in cond.regions:
                        ids, _note = self._sided(parse_zone_ref(ref)[0], side)
                        regions += ids
                asked += cond.ask
                if cond.note:
                    notes.append(cond.note)
            elif entry.kind == "quality":
                qualities.append(entry.target)
            elif entry.kind == "aggravator":
                aggravators.append(entry.target)
        # "lifting the baby while leaning forward" is lifting too: the broader ones it is
        # a kind of are read with it
        aggravators += [
            broader
            for a in list(aggravators)
            for broader in kb.aggravators[a].kind_of
            if broader not in aggravators
        ]
        if onset_age is not None and age_said is not None and age_said > onset_age:
            duration = max(duration or 0, (age_said - onset_age) * 365)
        if duration is not None and duration >= NOT_IMPROVING_DAYS and "not_improving" in kb.flags:
            asked.append("not_improving")  # six weeks or more: has anyone checked it?
        long_pain = duration is not None and duration >= LONG_PAIN_DAYS
        if long_pain and "back_pain_over_3_months" in kb.flags:
            flags.append("back_pain_over_3_months")
        elif (
            duration is not None
            and "back_pain_over_3_months" in flags
            and any(t.word.isdigit() or t.word in _COUNTED for t in toks)
        ):
            # "lower back pain for 2 months": the spell said decides, not the wording "back
            # pain for months" it also matches
            flags = [f for f in flags if f != "back_pain_over_3_months"]
            asked.append("back_pain_over_3_months")
        if onset_age is not None and onset_age < ONSET_YOUNG and "onset_before_40" in kb.flags:
            flags.append("onset_before_40")
        for t in toks:
            if t.note and (t.index in used or t.index in quiet):
                notes.append(_("read “{typed}” as “{word}”").format(typed=t.word, word=t.note))
        unused = [
            t.word
            for t in toks
            if not t.stop
            and t.index not in used
            and t.index not in quiet
            and t.word not in _QUIET
            and t.stem not in _QUIET_STEMS
            and t.word not in _CONJUNCTIONS
            and t.stem not in self._path_words
            and t.stem not in self._relations
            and t.stem not in self._side_words
            and t.stem not in self._post_negations
            and t.stem not in _SHORT_UNITS
            and not (t.stem in _SIDE_NOUNS and (regions or flags))
            # "the right side of my back": the side, where "side of" named no outer part
            and not (
                t.word in ("side of", "sides of")
                and t.index
                and toks[t.index - 1].stem in self._side_words
            )
        ]
        if field_name == "flags" and not flags and (flags_no or asked):
            # the safety box answers questions: a place or a quality said with a "no" or a
            # question there marks nothing ("no numbness in my legs"); said with a yes it is
            # where the sign is ("left calf swollen and hot since the flight")
            regions, qualities, aggravators, conditions = [], [], [], []
            negated = [n for n in negated if n.startswith(("path:", "quality:"))]
            notes = [n for n in notes if n.startswith(_("read"))]
        reading = self._compose(
            field_name,
            phrase,
            regions=regions,
            qualities=qualities,
            aggravators=aggravators,
            flags=flags,
            flags_no=flags_no,
            asked=asked,
            negated=negated,
            conditions=conditions,
            duration_days=duration,
            intensity=intensity,
            unused=unused,
            notes=notes,
            age_said=age_said,
            onset_age=onset_age,
        )
        reading = replace(reading, hint_words=tuple(dict.fromkeys(hint_words)))
        if reading.understood:
            left = {t.stem for t in toks if t.word in set(unused)}
            if left & self._warning_stems:
                # read, but with words of a warning sign left over: not a "no"
                reading = replace(reading, warning_like=True)
            return reading
        stems = {t.stem for t in toks}
        warning = field_name == "flags" or bool(stems & self._warning_stems)
        ask_now = list(asked)
        if warning:
            ask_now += self._flags_sharing(stems)
        return self._compose(
            field_name,
            phrase,
            asked=ask_now,
            unused=unused,
            suggestions=self._suggest(field_name, raw),
            warning_like=warning,
        )

    def _match_clauses(
        self, toks: list[_Tok], field_name: Field, used: set[int], quiet: set[int]
    ) -> list[tuple[_Match, str]]:
        """Regions, qualities, aggravators and conditions, clause by clause, with sides."""
        kinds = _KIND_ORDER[field_name]
        matches: list[tuple[_Match, str]] = []
        said = {sd for c in self._clauses(toks) if (sd := self._side(c.toks)) is not None}
        only = next(iter(said)) if len(said) == 1 else None
        # phrases that hold an "and" themselves ("pins and needles") before the cut
        for mt in self._cover(toks, kinds, used, field_name, window_slack=0, joined_only=True):
            used.update(mt.positions)
            matches.append((mt, self._side(toks) or ""))
        carry_side: str | None = None
        lent_side: str | None = None  # from a clause of a side alone: "left and right buttock"
        orphans: list[_Tok] = []
        activity_at = next((t.index for t in toks if t.word in _ACTIVITY), len(toks))
        for clause in self._clauses(toks):
            content = [t for t in clause.toks if not t.stop and t.index not in used]
            side = self._side(clause.toks)
            quiet.update(t.index for t in clause.toks if t.stem in self._side_words)
            found = self._cover(content, kinds, used, field_name)
            if not found:
                rest = [t for t in content if t.stem not in self._side_words]
                if rest and all(t.stem in self._modifiers for t in rest):
                    # "bottom and back of my heel": "bottom" waits for the next noun
                    orphans += rest
                if side is not None:
                    lent_side = side if lent_side in (None, side) else "both"
                continue
            if orphans:
                # the borrowed noun: "bottom of my heel" as well as "back of my heel"
                nouns = [
                    t
                    for t in content
                    if t.stem not in self._modifiers and t.stem not in self._side_words
                ]
                have = {m.entry.target for m in found}
                twin = self._cover(orphans + nouns, ("region",), set(), field_name)
                found += [m for m in twin if m.entry.target not in have]
                quiet.update(t.index for t in orphans)
                orphans = []
            if lent_side is not None:
                side = lent_side if side in (None, lent_side) else "both"
                lent_side = None
            if side is None:
                # "right back dimple and top of buttock", "lower back and down my left
                # leg": one side said, for every place in the phrase
                side = carry_side or only
            carry_side = side
            for mt in found:
                used.update(mt.positions)
            found = self._drop_references(found, toks, quiet)
            if not any(mt.entry.kind == "region" for mt, _s in matches):
                found = self._beside(found, toks)
            found = self._drop_directions(found, quiet, [mt for mt, _s in matches])
            matches += [(mt, side or "") for mt in found]
        if field_name == "pain" and not any(mt.entry.kind == "region" for mt, _s in matches):
            # "neck stiff when I turn": the neck of "turn my neck", said before the
            # activity, is where it hurts too
            # (a match that runs across the "when"; "back" is too vague to be taken so)
            for mt, sd in [m for m in matches if m[0].entry.kind == "aggravator"]:
                if not mt.first < activity_at < mt.last:
                    continue
                said_first = [
                    t
                    for t in toks
                    if t.index in mt.positions and t.index < activity_at and t.word != "back"
                ]
                matches += [
                    (r, sd) for r in self._cover(said_first, ("region",), set(), field_name)
                ]
        # "... when I lift my knee": the knee tells the activity, not where it hurts
        if any(mt.entry.kind == "region" and mt.last < activity_at for mt, _s in matches):
            for mt, _s in matches:
                if mt.entry.kind == "region" and mt.first > activity_at:
                    quiet.update(mt.positions)
            matches = [
                (mt, sd)
                for mt, sd in matches
                if not (mt.entry.kind == "region" and mt.first > activity_at)
            ]
        return matches

    def read_field(self, field_name: Field, values: Sequence[str]) -> list[Reading]:
        """Read everything typed into one field: split, re-joined where a part only adds a
        side ("back of my thigh, right"), and scanned whole for warning signs that span
        parts ("on warfarin, bruising all over")."""
        parts: list[str] = []
        for value in values:
            pieces = split_phrases([value])
            for piece in pieces:
                if parts and self._only_side_or_modifier(piece):
                    parts[-1] = f"{parts[-1]} {piece}"
                else:
                    parts.append(piece)
        parts = self._join_broad(field_name, parts)
        sides = [self._part(part)[1] for part in parts]
        said = {sd for sd in sides if sd is not None}
        # one side said, and only one: it goes for every part that names no side, before
        # and after ("heel pain in the morning, right foot"; "right back dimple, top of
        # buttock"); two sides said leave each part its own
        only = next(iter(said)) if len(said) == 1 else None
        readings = []
        side: str | None = None
        for k, (part, own) in enumerate(zip(parts, sides, strict=True)):
            reading = self.read(field_name, part)
            if (age := _age_after_person(parts[k - 1] if k else "", part)) is not None:
                # "my mother-in-law, 72, her back...": the age of the one it is about
                reading = self._compose(field_name, part, age_said=age)
            fill = only or side
            if own is None and fill is not None and reading.regions:
                reading = self.read(field_name, f"{part} {fill}")
                reading = replace(reading, phrase=part)
            elif own is not None:
                side = own
            readings.append(reading)
        found = {f for r in readings for f in r.flags + r.flags_no}
        ages = [r.age_said for r in readings if r.age_said is not None]
        onsets = [r.onset_age for r in readings if r.onset_age is not None]
        long_flag = "back_pain_over_3_months"
        spell = max(ages) - min(onsets) if ages and onsets else 0
        if spell > 0 and long_flag in self.kb.flags and long_flag not in found:
            # "it started when I was 25, I'm 34 now": two parts, one spell of pain
            readings.append(
                self._compose(
                    field_name, ", ".join(values), flags=[long_flag], duration_days=spell * 365
                )
            )
            found.add(long_flag)
        young = "onset_before_40"
        if young in self.kb.flags and young not in found and self._began_young(readings, values):
            # "my lower back is stiff in the mornings, I'm 28": it began before 40
            readings.append(self._compose(field_name, ", ".join(values), flags=[young]))
            found.add(young)
        # the whole field at once (the faces hand it over already split, item by item)
        for value in [", ".join(values)] if len(parts) > 1 else []:
            extra = [
                f
                for f in self._scan(value[:MAX_FIELD_CHARS], field_name=field_name)
                if f not in found
            ]
            if said_short_spell(readings):
                # a spell said in one part ("2 mahine se") decides: "back ... months" read
                # across the parts is no yes to more than three months
                extra = [f for f in extra if f != LONG_PAIN_FLAG]
            if extra:
                also = [a for a in self.kb.ask_next(extra) if a not in found]
                readings.append(self._compose(field_name, value, flags=extra, asked=also))
                found.update(extra)
        return self._yield_across(readings)

    def _began_young(self, readings: list[Reading], values: Sequence[str]) -> bool:
        """Back pain said with an age under 40 now, or a start under 40: it began young."""
        onsets = [r.onset_age for r in readings if r.onset_age is not None]
        ages = [r.age_said for r in readings if r.age_said is not None]
        if not (onsets and min(onsets) < ONSET_YOUNG) and not (ages and max(ages) < ONSET_YOUNG):
            return False
        if any(self.kb.regions[rid].area in BACK_AREAS for r in readings for rid in r.regions):
            return True
        return any(t.stem == "back" for v in values for t in self._tokens(v[:MAX_FIELD_CHARS]))

    def _yield_across(self, readings: list[Reading]) -> list[Reading]:
        """A broader question said yes in one part gives way to a narrower one said yes in
        another part of the field ("both my legs gone numb, ..., sciatica both sides")."""
        said = {f for r in readings for f in r.flags}
        out = []
        for reading in readings:
            r = reading
            swap = {
                f: next(y for y in self.kb.flags[f].yields_to if y in said)
                for f in r.flags
                if said & set(self.kb.flags[f].yields_to)
            }
            if swap:
                flags = [swap.get(f, f) for f in r.flags]
                r = replace(
                    self._compose(
                        r.field,
                        r.phrase,
                        regions=r.regions,
                        qualities=r.qualities,
                        aggravators=r.aggravators,
                        flags=flags,
                        flags_no=r.flags_no,
                        asked=r.asked,
                        negated=r.negated,
                        conditions=r.conditions,
                        duration_days=r.duration_days,
                        intensity=r.intensity,
                        unused=r.unused,
                        notes=r.notes,
                        suggestions=r.suggestions,
                        warning_like=r.warning_like,
                        age_said=r.age_said,
                        onset_age=r.onset_age,
                    ),
                    hint_words=r.hint_words,
                    nothing_named=r.nothing_named,
                )
            out.append(r)
        return out

    def signs_across(self, fields: Sequence[Sequence[str]], found: set[str]) -> list[str]:
        """Warning signs said in parts over several fields ("left calf" where it hurts,
        "swollen and hot" in the safety box): a pattern's words close together in the
        report read field after field. Only signs not already answered either way."""
        values = [v for items in fields for v in items]
        if len([items for items in fields if items]) < 2:
            return []
        signs = self._scan(", ".join(values)[:MAX_FIELD_CHARS], across=True)
        return [f for f in signs if f not in found]

    def _scan(self, text: str, across: bool = False, field_name: Field = "flags") -> list[str]:
        """Signs said anywhere in a whole text, not negated (remembered: bounded by size)."""
        key = (text, field_name if not across else "")
        cached = self._scans.get(key)
        if cached is not None:
            return cached
        toks = self._tokens(text)
        cues = self._negation_cues(toks)
        if across:
            found = self._pattern_flags(toks, window=ACROSS_WINDOW)
        else:
            found = self._cover(toks, ("flag",), set(), field_name, window_slack=3)
            found += self._pattern_flags(toks)
        one_sided = any(self.kb.flags[mt.entry.target].one_sided_asks for mt in found)
        # as in one phrase: said in parts, of one side, along a limb, it is asked
        if one_sided and self._side(toks) in ("left", "right"):
            along = bool(self._path(toks, set())[0])
            found = [mt for mt in found if not self._asks_one_sided(mt.entry.target, toks, along)]
        unsure = self._unsure_spans(toks)
        signs = list(
            dict.fromkeys(
                mt.entry.target
                for mt in found
                if not self._negated(mt, cues, toks) and not self._in_unsure(mt, unsure)
            )
        )
        if self._scan_chars + len(text) > CACHE_CHARS:
            self._scans.clear()
            self._scan_chars = 0
        self._scans[key] = signs
        self._scan_chars += len(text)
        return signs

    def taken_together(self, flag_ids: Sequence[str]) -> Reading:
        """The reading that shows back what several phrases said together."""
        reading = self._compose("flags", _("(your words taken together)"), flags=flag_ids)
        return replace(reading, phrase=_("(your words taken together)"))

    def hints_together(self, readings: Sequence[Reading], age: int | None = None) -> list[str]:
        """Flags whose two different hints were heard in one report ("chest pain" and
        "sweaty"), where the flag allows it, or one hint above the flag's age ("sore
        temples" at 72): together they answer yes."""
        heard: dict[str, set[str]] = {}
        sides: dict[str, set[str]] = {}  # the sides of the places said with each flag's hints
        answered = {f for r in readings for f in (*r.flags, *r.flags_no)}
        yes = {f for r in readings for f in r.flags}
        for r in readings:
            for item in r.hint_words:
                fid, _sep, hint = item.partition(":")
                heard.setdefault(fid, set()).add(hint)
                sides.setdefault(fid, set()).update(
                    self.kb.regions[rid].side.value for rid in r.regions
                )
        out = []
        for fid, hints in heard.items():
            flag = self.kb.flags[fid]
            if fid in answered or not yes.isdisjoint(flag.yields_to):
                continue  # "chest into my arm, sweating, feel sick": the heart's signs
            if (
                flag.one_sided_asks
                and len(sides.get(fid, ())) == 1
                and sides[fid]
                < {
                    "left",
                    "right",
                }
            ):
                continue  # "right cheek goes numb": one side, so asked, never said for them
            limit = flag.hints_yes_over
            over = limit is not None and age is not None and age > limit
            kinds = {self._hint_kind.get((fid, hint), hint) for hint in hints if hint[:1] != "~"}
            if over or (len(kinds) >= 2 and flag.hints_together):
                out.append(fid)
        return out

    def _only_side_or_modifier(self, piece: str) -> bool:
        """A part such as "right", "left side" or "at the front" that names nothing itself."""
        toks = [t for t in self._tokens(piece) if not t.stop and t.word not in _SIDE_FILLERS]
        if not toks or not all(
            t.stem in self._side_words or t.stem in _SIDE_NOUNS or t.stem in self._modifiers
            for t in toks
        ):
            return False
        return not self.read("pain", piece).regions  # "low back" is a place of its own

    # ------------------------------------------------------------------ steps

    def _clauses(self, toks: list[_Tok]) -> list[_Clause]:
        clauses = [_Clause()]
        for t in toks:
            if t.word in _CONJUNCTIONS and clauses[-1].toks:
                clauses.append(_Clause(joiner=t.word))
            elif t.word not in _CONJUNCTIONS:
                clauses[-1].toks.append(t)
        return clauses

    def _even_more(self, toks: Sequence[_Tok]) -> bool:
        """A side said as the worse of two: "especially the left", "particularly on my right"."""
        sides = self._left | self._right
        for k, t in enumerate(toks):
            if t.word in _EVEN_MORE:
                ahead = [u for u in toks[k + 1 : k + 4] if u.word not in ("the", "on", "my", "in")]
                if ahead and ahead[0].stem in sides:
                    return True
        return False

    def _side(self, toks: Sequence[_Tok]) -> str | None:
        stems = {t.stem for t in toks}
        left = bool(stems & self._left)
        right = bool(stems & self._right)
        if (left and right) or stems & self._both:
            return "both"
        if (left or right) and self._even_more(toks):
            return "both"  # "top of shoulders, especially the left": both, the left worse
        if left:
            return "left"
        if right:
            return "right"
        return None

    def _pattern_flags(self, toks: Sequence[_Tok], window: int = 14) -> list[_Match]:
        """Red flags said in parts: a word of every group of a pattern, close together.
        The words of a comparison ("like when the dentist freezes your mouth") name no place
        of the person's own: they are left out, up to the next "and" or eight words."""
        content = [t for t in _without_similes(toks) if t.word not in _CONJUNCTIONS]
        where: dict[str, list[int]] = {}
        for k, t in enumerate(content):
            where.setdefault(t.stem, []).append(k)
        out: list[_Match] = []
        present = where.keys()
        for (fid, groups), reach in zip(self._patterns, self._pattern_reach, strict=True):
            if any(present.isdisjoint(r) for r in reach):
                continue  # some group has no word here: cheap to tell, most patterns stop
            self.steps += len(groups)
            spots: list[list[int]] = []
            said_at: dict[int, list[int]] = {}  # a wording's first word: all its words
            for group in groups:
                places: list[int] = []
                for words in group:
                    if not words <= where.keys():
                        continue
                    if len(words) == 1:
                        places.append(where[next(iter(words))][0])
                        continue
                    # a wording of several words is said together and in order: "out of
                    # line", not "out of bed" and "a line of pain"; "my bits", not "bit of my"
                    seq = self._pattern_order.get(words)
                    pos = _in_order(seq, where) if seq else None
                    if pos is not None:
                        places.append(pos[0])
                        said_at[pos[0]] = pos
                if not places:
                    break
                # a wording of several words beats one of its own words said alone: "no
                # control" is the sign's words, where "control" alone leaves the "no" outside
                inside = {q for p in places if p in said_at for q in said_at[p][1:]}
                spots.append([q for q in places if q not in inside] or places)
            else:
                # the tightest choice, one place per group: around each place of the
                # first group, the nearest place of every other group (bounded: few groups,
                # one place per wording)
                best: list[int] | None = None
                for anchor in spots[0][:8]:
                    chosen = [anchor] + [min(p, key=lambda x: abs(x - anchor)) for p in spots[1:]]
                    if best is None or max(chosen) - min(chosen) < max(best) - min(best):
                        best = chosen
                assert best is not None
                if max(best) - min(best) <= window:
                    # every word of a wording is the sign's: the "nothing" in "painkillers
                    # do nothing" is no "no"
                    positions = tuple(content[q].index for p in best for q in said_at.get(p, [p]))
                    entry = _Entry("flag", fid, frozenset(), 0)
                    out.append(_Match(entry, tuple(sorted(set(positions)))))
        return out

    def _cover(
        self,
        toks: Sequence[_Tok],
        kinds: tuple[Kind, ...],
        used: set[int],
        field_name: Field,
        window_slack: int = _WINDOW_SLACK,
        exclusive: bool = True,
        joined_only: bool = False,
    ) -> list[_Match]:
        """Known phrases found in ``toks``: largest first, each word used once.

        With ``exclusive`` false every phrase found is kept (hints may share words).
        """
        content = [
            t for t in toks if not t.stop and t.index not in used and t.word not in _CONJUNCTIONS
        ]
        if not content:
            return []
        order = {k: i for i, k in enumerate(kinds)}
        where: dict[str, list[int]] = {}
        for k, t in enumerate(content):
            where.setdefault(t.stem, []).append(k)
        candidates: set[int] = set()
        for s in where:
            candidates.update(self._by_stem.get(s, ()))
        found: list[tuple[tuple[int, int, int, str], _Match]] = []
        self.steps += len(content) + len(candidates)
        for i in candidates:
            entry = self.entries[i]
            if entry.kind not in order or not entry.stems <= where.keys():
                continue
            if joined_only and not entry.joined:
                continue
            if (
                entry.stems <= _QUIET_STEMS
                and len(content) > entry.size
                and not _in_a_row(entry, where)
            ):
                continue  # "getting up" said alone, not the "up" in "my calf cramps up"
            if len(entry.order) > 1:
                in_order = _in_order(entry.order, where)
                if in_order is None:
                    continue
                positions = in_order
            else:
                positions = _tightest(entry.stems, where)
            if entry.lead:
                at = {content[p].stem: p for p in positions}
                rel, noun = entry.lead
                if rel in at and noun in where and all(q < at[rel] for q in where[noun]):
                    continue
            span = positions[-1] - positions[0] + 1
            if span > entry.size + window_slack:
                continue
            rank = (-entry.size, span, order[entry.kind], entry.target)
            found.append((rank, _Match(entry, tuple(content[p].index for p in positions))))
        found.sort(key=lambda item: item[0])
        taken: set[int] = set()
        out: list[_Match] = []
        for _rank, mt in found:
            if not exclusive:
                out.append(mt)
            elif mt.entry.kind == "flag" and any(
                o.entry.stems == mt.entry.stems and o.positions == mt.positions for o in out
            ):
                out.append(mt)  # one wording, two questions: "chest pain and cold sweat"
            elif taken.isdisjoint(mt.positions):
                out.append(mt)
                taken.update(mt.positions)
            else:
                moved = _elsewhere(mt, where, content, taken, window_slack)
                if moved is not None:
                    out.append(moved)
                    taken.update(moved.positions)
        return out

    def _part(self, text: str) -> tuple[frozenset[str], str | None]:
        """What splitting a field needs of one part: its words other than side words, and
        the side it names (remembered, as readings are: bounded by size)."""
        found = self._parts.get(text)
        if found is None:
            toks = self._tokens(text)
            stems = frozenset(
                t.stem
                for t in toks
                if not t.stop
                and t.stem not in self._side_words
                and t.stem not in _SIDE_NOUNS
                and t.word not in _SIDE_FILLERS
            )
            found = (stems, self._side(toks))
            if self._part_chars + len(text) > CACHE_CHARS:
                self._parts, self._part_chars = {}, 0
            self._parts[text] = found
            self._part_chars += len(text) + 100
        return found

    def _names_a_place(self, stems: frozenset[str]) -> bool:
        """Words that only name a place ("temple", "left groin"), with nothing of a sign."""
        rest = stems - self._side_words - self._modifiers
        return not rest or rest in self._place_wordings

    def _join_broad(self, field_name: Field, parts: list[str]) -> list[str]:
        """A part that is only a side and a whole part ("right foot", "rite arm") next to a
        part naming a place in it ("heel pain first thing") is read with that part."""
        if len(parts) < 2 or not self._broad:
            return parts
        out = list(parts)
        i = 0
        while i < len(out) and len(out) > 1:
            stems = self._part(out[i])[0]
            areas = self._broad.get(stems)
            joined = False
            if areas:
                # the nearest part naming a place in it, before or after
                for j in sorted(range(len(out)), key=lambda k: (abs(k - i), k)):
                    if j == i:
                        continue
                    theirs = {
                        self.kb.regions[r].area for r in self.read(field_name, out[j]).regions
                    }
                    if theirs & areas:
                        # only its side goes with that part: "outer elbow ..., rt arm" is
                        # the right outer elbow, not also an "outer arm"
                        side = self._part(out[i])[1]
                        extra = {"left": "left", "right": "right", "both": "both"}.get(
                            side or "", ""
                        )
                        if self._becomes.get(stems):
                            extra = out[i]  # "..., right on the spine": the spine there
                        out[j] = f"{out[j]} {extra}".strip()
                        del out[i]
                        joined = True
                        break
            if not joined:
                i += 1
        return out

    def _drop_directions(
        self, found: list[_Match], quiet: set[int], joined: Sequence[_Match] = ()
    ) -> list[_Match]:
        """ "At the back of my head", "under my bra band in back": beside a place of the
        upper body in its own clause, "back" says which side of it, not the lower back; so
        too just before a place said with an "and" ("the back of my neck and shoulders")."""
        if not self._clause_broad:
            return found
        areas = {
            self.kb.region_entries[mt.entry.target].area
            for mt in found
            if mt.entry.kind == "region" and mt.entry.stems not in self._clause_broad
        }
        backs = [mt for mt in found if mt.entry.stems in self._clause_broad]
        for mt in joined:
            if not any(0 < mt.first - b.last <= 3 for b in backs):
                continue
            areas |= self._areas_of(mt)
        out: list[_Match] = []
        for mt in found:
            covers = self._clause_broad.get(mt.entry.stems) if mt.entry.kind == "region" else None
            if covers and covers & areas:
                quiet.update(mt.positions)
            else:
                out.append(mt)
        return out

    def _areas_of(self, mt: _Match) -> frozenset[str]:
        """The body areas a region or condition match names (other kinds name none)."""
        if mt.entry.kind == "region":
            return frozenset({self.kb.region_entries[mt.entry.target].area})
        if mt.entry.kind == "condition":
            return self._condition_areas[mt.entry.target]
        return frozenset()

    def _asks_one_sided(self, flag_id: str, toks: Sequence[_Tok], along: bool) -> bool:
        """Whether a sign said of one side is asked rather than said: along a limb, or with
        none of the flag's words for the middle of the body (the caller checked the side)."""
        if not self.kb.flags[flag_id].one_sided_asks:
            return False
        return along or not self._central_said(flag_id, toks)

    def _both_limbs(self, mt: _Match, toks: Sequence[_Tok]) -> bool:
        """A one-limb sign said of two: "my legs feel weak" (a word of ``both_limb_words``
        among the sign's words or the two before them)."""
        words = self.kb.flags[mt.entry.target].both_limb_words
        if not words:
            return False
        said = " ".join(t.word for t in toks[max(0, mt.first - 2) : mt.last + 1])
        return any(re.search(rf"\b{re.escape(w.lower())}\b", said) for w in words)

    def _central_said(self, flag_id: str, toks: Sequence[_Tok]) -> bool:
        """Whether a word of a place in the middle of the body ("between my legs") is said."""
        central = self._central.get(flag_id, ())
        stems = {t.stem for t in toks}
        return any(words <= stems for words in central)

    def _to_midline(
        self, matches: list[tuple[_Match, str]], toks: list[_Tok], used: set[int], quiet: set[int]
    ) -> list[tuple[_Match, str]]:
        """ "Low down, right in the middle": the lower back's midline, the spine."""
        middle = [
            t
            for t in toks
            if t.stem in self._middle_words and t.index not in used and t.index not in quiet
        ]
        if not middle:
            return matches
        out: list[tuple[_Match, str]] = []
        moved = False
        for mt, sd in matches:
            there = self._midline.get(mt.entry.target) if mt.entry.kind == "region" else None
            if there:
                out.append((_Match(replace(mt.entry, target=there), mt.positions), sd))
                moved = True
            else:
                out.append((mt, sd))
        if moved:
            quiet.update(t.index for t in middle)
        return out

    def _drop_broad(
        self, matches: list[tuple[_Match, str]], path_regions: list[str], quiet: set[int]
    ) -> list[tuple[_Match, str]]:
        """ "Tennis elbow in my right arm": the arm only gives the side of the elbow."""
        kb = self.kb
        broad = [
            mt for mt, _s in matches if mt.entry.kind == "region" and mt.entry.stems in self._broad
        ]
        if not broad:
            return matches
        areas = {kb.regions[rid].area for rid in path_regions}
        for mt, _s in matches:
            if mt.entry.kind != "region" or mt.entry.stems not in self._broad:
                areas |= self._areas_of(mt)
        drop = {id(mt) for mt in broad if self._broad[mt.entry.stems] & areas}
        out: list[tuple[_Match, str]] = []
        for mt, sd in matches:
            if id(mt) not in drop:
                out.append((mt, sd))
                continue
            becomes = self._becomes.get(mt.entry.stems, {})
            there = [becomes[a] for a in sorted(areas) if a in becomes]
            if there:
                # "between my shoulder blades, right on the spine": the spine there
                out.append((_Match(replace(mt.entry, target=there[0]), mt.positions), sd))
            else:
                quiet.update(mt.positions)
        return out

    def _beside(self, found: list[_Match], toks: list[_Tok]) -> list[_Match]:
        """ "Just above my bum", said with no place before it, is the place above the bum
        (the lower back), where the knowledge base says which one it is."""
        regions = sorted((m for m in found if m.entry.kind == "region"), key=lambda m: m.first)
        if not regions:
            return found
        first = regions[0]
        before = [t for t in toks[: first.first] if not t.stop and t.word not in ("just", "right")]
        if not before or before[-1].word not in ("above", "below"):
            return found
        ways = self.kb.phrasing.beside
        there = (ways.above if before[-1].word == "above" else ways.below).get(first.entry.target)
        if there is None:
            return found
        return [
            _Match(replace(m.entry, target=there), m.positions) if m is first else m for m in found
        ]

    def _inside(self, key: str, outer: _Match) -> bool:
        """Region ``key`` lies within the region ``outer`` names."""
        entries = self.kb.region_entries
        parent = entries[key].parent if key in entries else None
        while parent:
            if parent == outer.entry.target:
                return True
            parent = entries[parent].parent
        return False

    def _drop_references(
        self, found: list[_Match], toks: list[_Tok], quiet: set[int]
    ) -> list[_Match]:
        """In "the dimples above my bum" the bum only says where: keep the dimples."""
        regions = sorted((m for m in found if m.entry.kind == "region"), key=lambda m: m.first)
        drop: set[int] = set()
        for a, b in itertools.pairwise(regions):
            between = [t for t in toks if a.last < t.index < b.first]
            if any(t.stem in self._relations for t in between):
                if any(t.word in _NEAR for t in between) and self._inside(b.entry.target, a):
                    # "chest by the armpit": the part of the chest that the armpit names
                    drop.add(id(a))
                    continue
                drop.add(id(b))
                quiet.update(b.positions)
        return [m for m in found if id(m) not in drop]

    def _negation_cues(self, toks: list[_Tok]) -> list[tuple[int, int]]:
        """(cue position, position where its reach ends) for each "no" in the phrase."""
        stems = [t.stem for t in toks]
        ends = [
            k
            for k in range(len(stems))
            if stems[k] in self._end_starts
            and any(tuple(stems[k : k + len(e)]) == e for e in self._negation_ends)
        ]
        cues = []
        unsure_at = {start for start, _end in self._unsure_spans(toks)}
        for k in range(len(stems)):
            if stems[k] not in self._negation_starts:
                continue
            if tuple(stems[k : k + 2]) in _NOT_A_NO:
                continue  # "no matter how I lie": whatever, not a no
            if stems[k] == "never" and _NEW_SIGNS & set(stems[k + 1 : k + 9]):
                continue  # "never had numbness like this before": it is new, not absent
            if k in unsure_at:
                continue  # "never took my temp", "don't know if": not a "no"
            if any(tuple(stems[k : k + len(n)]) == n for n in self._negations):
                end = next((e for e in ends if e > k), len(stems))
                cues.append((k, end))
        return cues

    def _unsure_spans(self, toks: list[_Tok]) -> list[tuple[int, int]]:
        """(start, end) of each stretch where the person says they do not know: a "no"
        with a checking word ("never took my temp") or words of not knowing ("I don't
        know if", "not sure about"). A sign said there is asked, never a yes or a no."""
        stems = [t.stem for t in toks]
        ends = [
            k
            for k in range(len(stems))
            if stems[k] in self._end_starts
            and any(tuple(stems[k : k + len(e)]) == e for e in self._negation_ends)
        ]
        spans: list[tuple[int, int]] = []
        for k in range(len(stems)):
            if stems[k] in self._negation_starts and _UNCHECKED & set(stems[k + 1 : k + 4]):
                reach = 6
            elif any(tuple(stems[k : k + len(run)]) == run for run in _UNSURE):
                reach = _UNSURE_REACH
            else:
                continue
            # "I don't know why, but my calf is swollen": a "but" ends it, as it ends a "no"
            end = min(next((e for e in ends if e > k), len(stems)), k + reach)
            spans.append((k, end))
        return spans

    @staticmethod
    def _in_unsure(mt: _Match, spans: list[tuple[int, int]]) -> bool:
        """A match said in a stretch of not knowing, and not worded with it ("not sure when
        I need to go" is itself a sign)."""
        return any(
            c not in mt.positions and any(c < p < end for p in mt.positions) for c, end in spans
        )

    def _negated(self, mt: _Match, cues: list[tuple[int, int]], toks: list[_Tok]) -> bool:
        """A "no" before the match (or inside it: "calf not swollen"), or "fine" just after.
        The "no" must reach one of the match's words: "fell off the step, not far, but she
        has osteoporosis" denies only the distance."""
        if any(
            c not in mt.positions
            and any(c < p < end for p in mt.positions)
            # "nothing eases it, not even lying down": a wording that begins with "even"
            # is said more strongly by the "not" before it
            and not (c + 1 in mt.positions and toks[c + 1].stem == _EVEN)
            for c, end in cues
        ):
            return True
        return self._fine(mt, toks)

    def _fine(
        self, mt: _Match, toks: list[_Tok], others: frozenset[int] | set[int] = frozenset()
    ) -> bool:
        """The words just after a match say it is not there: "fine" ("bladder working
        fine", "legs feel normal"), or "no problem" and "as usual" said whole. With
        ``others`` (other denied words) it also reads past a list: "pee and poo normal"."""
        reach = 8 if others else 5
        after = [
            t
            for t in toks[mt.last + 1 : mt.last + reach]
            if not t.stop
            and t.stem not in _FINE_FILLERS
            # "I can pee and go number two just fine": the verb of the listed word
            and not (others and (t.word in _CONJUNCTIONS or t.index in others or t.stem == "go"))
        ]
        if after and after[0].stem in _LINKING:
            after = after[1:]
        raw = toks[mt.last + 1 : mt.last + 4]
        if after and after[0].stem in self._post_negations:
            # "my lower back was fine till the crash": it was, and is no longer
            nxt = toks[after[0].index + 1].word if after[0].index + 1 < len(toks) else ""
            return nxt not in _UNTIL
        last_no = after and (after[0].word in _LAST_NO or after[0].stem in _LAST_NO)
        if last_no and len(after) == 1 and after[0] is toks[-1]:
            return True  # "FEVER NO.", "tingle no": a "no" that ends the phrase
        stems = tuple(t.stem for t in raw[:3])
        return any(stems[: len(run)] == run for run in self._post_negation_runs)

    def _denied(
        self, mt: _Match, cues: list[tuple[int, int]], toks: list[_Tok], others: set[int]
    ) -> bool:
        """A "no" said right at the word, or "fine" just after it: "no headache", "no
        problems with my bladder", "legs fine". Not "no feeling in my legs": a "no" that
        falls on another word says nothing of this one."""
        for c, end in cues:
            if not c < mt.first < end:
                continue
            between = toks[c + 1 : mt.first]
            if all(
                (t.stop and t.stem not in _SENSING)
                or t.word in _CONJUNCTIONS
                or t.stem in _DENIAL_FILLERS
                or t.index in others
                for t in between
                if t.index not in {k for k, _e in cues}
            ):
                return True
        # "fine" after the word, or after a list of such words: "pee and poo normal"
        return self._fine(mt, toks, others)

    def _duration(self, toks: list[_Tok], used: set[int], along: list[int]) -> int | None:
        """The longest spell said, in days; the number of a bare "28 weeks" (how far along
        a pregnancy is) goes in ``along``."""
        best: int | None = None
        for k, t in enumerate(toks):
            unit = _UNIT_DAYS.get(t.stem)
            if unit is None and t.stem in _SINCE and k > 0:
                prev = toks[k - 1].stem
                if prev in {"since", "last", "yesterday"} or t.stem == "yesterday":
                    days = _SINCE[t.stem]
                    used.update({k, k - 1})
                    best = max(best or 0, days)
                continue
            if t.stem == "yesterday" and k > 0 and toks[k - 1].word == "since":
                used.update({k, k - 1})
                best = max(best or 0, 1)
                continue
            if unit is None:
                continue  # hours and minutes ("stiff for over an hour") are not how long it hurt
            count: int | None = None
            if k > 0:
                prev_word = toks[k - 1].word
                if prev_word.isdigit() and len(prev_word) <= 3:
                    count = int(prev_word)
                elif prev_word in _NUMBERS:
                    count = _NUMBERS[prev_word]
                elif prev_word == "of" and k > 1 and toks[k - 2].word in {"couple", "few"}:
                    count = _NUMBERS[toks[k - 2].word]  # "a couple of months"
                    used.add(k - 2)
                elif prev_word in {"for", "over", "many"} and t.word.endswith("s"):
                    count = 2
            if count is None and t.word.endswith("s") and k > 0 and toks[k - 1].word == "for":
                count = 2
            if (
                count is None
                and k > 1
                and toks[k - 1].word == "last"
                and toks[k - 2].word == "since"
            ):
                count = 1  # "since last year": a year at least
                used.add(k - 2)
            if count is None:
                continue
            if k + 1 < len(toks) and toks[k + 1].word in _NOT_A_SPELL:
                # "45 years old", "16 weeks pregnant": not how long it has hurt, but read
                used.update({k, k - 1} if k else {k})
                continue
            before = toks[k - 2].word if k > 1 else ""
            if (
                unit == 7
                and 4 <= count <= 42
                and before not in _SPELL_WORDS
                and (count >= 13 or any(x.stem in _PREGNANCY_STEMS for x in toks))
            ):
                # "33 weeks and some bleeding", "28 weeks and the pain in me bum": how far
                # along, not how long it has hurt (nobody counts a spell of pain in 28 weeks
                # without a "for" or "since")
                used.update({k, k - 1})
                along.append(toks[k - 1].index)
                continue
            used.add(k)
            if k > 0:
                used.add(k - 1)
            best = max(best or 0, count * unit)
        return best

    def _travel(self, content: Sequence[_Tok]) -> set[str]:
        """The words of travel along a limb: "down", "all the way" (said as a whole), and
        "from" only before a place a line can start at ("from my hip", not "from typing")."""
        travel = {t.stem for t in content} & self._travel_words
        in_order = [t.stem for t in content]
        for run in self._travel_runs:
            if any(tuple(in_order[i : i + len(run)]) == run for i in range(len(in_order))):
                travel.add(" ".join(run))
        start = stem("from")
        if start in travel and not any(
            t.stem == start and k + 1 < len(content) and content[k + 1].stem in self._landmarks
            for k, t in enumerate(content)
        ):
            travel.discard(start)
        return travel

    def _path(self, toks: list[_Tok], used: set[int]) -> tuple[list[str], str | None, list[str]]:
        """Regions along a limb for "from my hip to my ankle", "down the back of my leg"."""
        content = [t for t in toks if not t.stop and t.index not in used]
        stems = {t.stem for t in content}
        travel = self._travel(content)
        if not travel:
            return [], None, []
        strong = bool(travel - self._weak_path_words)
        best: tuple[int, int, list[int], int] | None = None
        for n, (path, limb, line, stop_words) in enumerate(self._paths):
            hits = [
                i
                for i, phrases in enumerate(stop_words)
                if any(words <= stems for words in phrases)
            ]
            said_limb = bool(limb & stems)
            if len(hits) < 2 and not (said_limb and strong):
                continue
            line_at = self._line_words(content, line, limb, stop_words)
            if not (line_at or path.default):
                continue
            score = (3 if line_at else 0) + (1 if said_limb else 0) + min(len(hits), 2)
            if best is None or score > best[0]:
                best = (score, n, hits, n)
        if best is None:
            return [], None, []
        _score, n, hits, _n = best
        path, limb, line, stop_words = self._paths[n]
        stops = path.stops
        if len(hits) >= 2:
            lo, hi = min(hits), max(hits)
        elif len(hits) == 1 and self._path_end(toks, stop_words[hits[0]], hits[0], len(stops)):
            lo, hi = min(1, hits[0]), hits[0]  # "down my leg to my foot": the leg above it
        elif len(hits) == 1:
            lo, hi = hits[0], max(hits[0], len(stops) - 3)
        else:
            lo, hi = 1, len(stops) - 3
        # "below the knee down to my sock": the knee is where it starts, not part of it
        below = self._beyond(toks, stop_words[lo], _BELOW) if hi > lo else []
        if below:
            lo += 1
            used.update(below)
        above = self._beyond(toks, stop_words[hi], _ABOVE) if hi > lo else []
        if above:
            hi -= 1
            used.update(above)
        chosen = [
            s for k, s in enumerate(stops[lo : hi + 1], start=lo) if not s.named_only or k in hits
        ] or stops[lo : hi + 1]
        words: frozenset[str] = frozenset().union(
            *(w for phrases in stop_words[lo : hi + 1] for w in phrases if w <= stems)
        )
        line_at = self._line_words(content, line, limb, stop_words)
        for t in content:
            if t.stem in words or t.stem in limb or t.stem in self._path_words:
                used.add(t.index)
        used.update(line_at)
        side = self._side(toks)
        regions: list[str] = []
        for s in chosen:
            ids, _note = self._sided(s.region, side or "")
            regions += ids
        first = self.kb.region_entries[chosen[0].region].name
        last = self.kb.region_entries[chosen[-1].region].name
        note = _("along {line}, from the {first} to the {last}").format(
            line=path.label, first=first, last=last
        )
        return regions, note, list(path.ask)

    @staticmethod
    def _beyond(
        toks: list[_Tok], phrases: tuple[frozenset[str], ...], relation: frozenset[str]
    ) -> list[int]:
        """Where a stop is said only as a boundary, "below the knee", "just above the
        ankle" (the relation word just before it): its words and the relation's, else
        nothing."""
        for k, t in enumerate(toks):
            if not any(t.stem in words for words in phrases):
                continue
            before = [
                b for b in toks[max(0, k - 4) : k] if b.word not in _OWNERS and b.word != "just"
            ]
            if before and before[-1].word in relation:
                return [before[-1].index, *range(before[-1].index + 1, k + 1)]
        return []

    def _path_end(
        self, toks: list[_Tok], phrases: tuple[frozenset[str], ...], at: int, count: int
    ) -> bool:
        """Whether the one stop named ends the line ("into my calf", "to my foot") rather
        than starts it ("from my hip down"): the word before it says, else where it lies."""
        for k, t in enumerate(toks):
            if not any(t.stem in words for words in phrases):
                continue
            for before in reversed(toks[max(0, k - 4) : k]):
                if before.word == "from":
                    return False
                if before.word in _PATH_ENDS:
                    return True
        return at >= count // 2

    def _line_words(
        self,
        content: list[_Tok],
        line: frozenset[str],
        limb: frozenset[str],
        stop_words: list[tuple[frozenset[str], ...]],
    ) -> list[int]:
        """Positions of line words ("outside", "back") that go with the limb or a stop."""
        landmarks = limb.union(*(w for phrases in stop_words for w in phrases))
        sides = {stem(w) for w in _LEFT | _RIGHT | _BOTH}
        words = [t for t in content if t.stem not in sides]  # "front of my right thigh"
        # "side of" is read as "outer" before this: after "palm" it only says "side"
        side = {stem("side"), stem("outer")}
        qualifiers = self._line_qualifiers - side
        out = []
        for k, t in enumerate(words):
            if t.stem in side and k > 0 and words[k - 1].stem in qualifiers:
                continue  # the "side" of "palm side of my wrist" belongs to "palm"
            after = k + 1
            if t.stem in qualifiers and after < len(words) and words[after].stem in side:
                after += 1
            if t.stem in line and after < len(words) and words[after].stem in landmarks:
                out += [w.index for w in words[k:after]]
            elif (
                t.stem in line
                and k > 1
                and words[k - 1].stem == _DOWN
                and any(w.stem in limb for w in words[: k - 1])
            ):
                out.append(t.index)  # "left leg numb down the outside": the limb said first
        return out

    def _sided(self, key: str, side: str) -> tuple[list[str], str | None]:
        entry = self.kb.region_entries[key]
        if not entry.paired:
            note = (
                _("a midline region: the side was ignored") if side in ("left", "right") else None
            )
            return [f"{key}.midline"], note
        if side in ("left", "right"):
            return [f"{key}.{side}"], None
        return [f"{key}.left", f"{key}.right"], (
            None if side == "both" else _("no side given: both sides")
        )

    def _label(self, kind: Kind | Literal["path"], target: str) -> str:
        kb = self.kb
        if kind == "path":
            return target
        if kind == "region":
            return kb.region_entries[target].name
        if kind == "quality":
            return kb.qualities[target].label
        if kind == "aggravator":
            return kb.aggravators[target].label
        if kind == "condition":
            return self._conditions[target].label
        return kb.flags[target].question

    def _flags_sharing(self, stems: set[str]) -> list[str]:
        hits: dict[str, int] = {}
        for s in stems & self._warning_stems:
            for i in self._by_stem.get(s, ()):
                e = self.entries[i]
                if e.kind in ("flag", "hint"):
                    hits[e.target] = hits.get(e.target, 0) + 1
        return sorted(hits, key=lambda f: (-hits[f], f))[:3]

    def _suggest(self, field_name: Field, text: str) -> tuple[str, ...]:
        kb = self.kb
        choices: list[str]
        if field_name == "quality":
            choices = [t.label for t in kb.qualities.values()]
        elif field_name == "worse":
            choices = [t.label for t in kb.aggravators.values()]
        elif field_name == "flags":
            return ()
        else:
            choices = [e.name for e in kb.region_entries.values()]
            choices += [c.label for c in kb.phrasing.conditions]
        if not text.strip():
            return ()
        from rapidfuzz import fuzz, process

        found = process.extract(
            text.lower()[:MAX_PHRASE_CHARS], choices, scorer=fuzz.WRatio, limit=3, score_cutoff=50
        )
        return tuple(str(f[0]) for f in found)

    def _compose(
        self,
        field_name: Field,
        phrase: str,
        regions: Sequence[str] = (),
        qualities: Sequence[str] = (),
        aggravators: Sequence[str] = (),
        flags: Sequence[str] = (),
        flags_no: Sequence[str] = (),
        asked: Sequence[str] = (),
        negated: Sequence[str] = (),
        conditions: Sequence[str] = (),
        duration_days: int | None = None,
        intensity: int | None = None,
        unused: Sequence[str] = (),
        notes: Sequence[str] = (),
        suggestions: Sequence[str] = (),
        warning_like: bool = False,
        age_said: int | None = None,
        onset_age: int | None = None,
    ) -> Reading:
        kb = self.kb
        regions_t = tuple(dict.fromkeys(regions))
        flags_t = tuple(dict.fromkeys(flags))
        flags_no_t = tuple(f for f in dict.fromkeys(flags_no) if f not in flags_t)
        asked_t = tuple(f for f in dict.fromkeys(asked) if f not in flags_t + flags_no_t)
        parts: list[str] = []
        by_key: dict[str, list[str]] = {}
        for rid in regions_t:
            region = kb.regions[rid]
            by_key.setdefault(region.key, []).append(region.side.value)
        for key, sides in by_key.items():
            name = kb.region_entries[key].name
            if sides == ["midline"]:
                parts.append(name)
            elif len(sides) == 2:
                parts.append(_("{name} (both sides)").format(name=name))
            else:
                word = _("left") if sides[0] == Side.left.value else _("right")
                parts.append(_("{name} ({side} side)").format(name=name, side=word))
        for cid in conditions:
            parts.append(_("{name}").format(name=self._label("condition", cid)))
        parts += [kb.qualities[q].label for q in dict.fromkeys(qualities)]
        parts += [
            _("worse with {what}").format(what=kb.aggravators[a].label)
            for a in dict.fromkeys(aggravators)
        ]
        for f in flags_t:
            flag = kb.flags[f]
            template = (
                _("yes to: {question}")
                if flag.tier.value == "context"
                else _("a warning sign: {question}")
            )
            parts.append(template.format(question=flag.question))
        parts += [_("no to: {question}").format(question=kb.flags[f].question) for f in flags_no_t]
        for n in dict.fromkeys(negated):
            kind, _sep, target = n.partition(":")
            what = self._label(kind, target)  # type: ignore[arg-type]  # a Kind or "path"
            parts.append(_("not: {what}").format(what=what))
        if duration_days is not None:
            parts.append(_("for about {span}").format(span=_span(duration_days)))
        if intensity is not None:
            parts.append(_("intensity {n} of 10").format(n=intensity))
        if age_said is not None:
            parts.append(_("age {n}").format(n=age_said))
        if onset_age is not None:
            parts.append(_("it started at {n}").format(n=onset_age))
        if asked_t and not warning_like:
            parts.append(
                _("a safety question to answer: {question}").format(
                    question=kb.flags[asked_t[0]].question
                )
            )
        clean_notes = tuple(n for n in dict.fromkeys(notes) if n)
        return Reading(
            field=field_name,
            phrase=phrase,
            regions=regions_t,
            qualities=tuple(dict.fromkeys(qualities)),
            aggravators=tuple(dict.fromkeys(aggravators)),
            flags=flags_t,
            flags_no=flags_no_t,
            asked=asked_t,
            negated=tuple(dict.fromkeys(negated)),
            conditions=tuple(dict.fromkeys(conditions)),
            duration_days=duration_days,
            intensity=intensity,
            unused=tuple(dict.fromkeys(unused)),
            notes=clean_notes,
            suggestions=tuple(suggestions),
            warning_like=warning_like,
            age_said=age_said,
            onset_age=onset_age,
            read_as="; ".join(parts),
        )


def _drop_asides(
    matches: list[tuple[_Match, str]], toks: list[_Tok], quiet: set[int]
) -> list[tuple[_Match, str]]:
    """Places named only to compare or to measure: "feels like a thumb digging in", "the
    back of my thigh halfway between my bum and my knee"."""
    regions = [mt for mt, _s in matches if mt.entry.kind == "region"]
    taken = {p for mt, _s in matches for p in mt.positions}
    drop: set[int] = set()
    for mt in regions:
        if mt.entry.size > 1:
            continue  # a wording of its own ("like a stone under my foot")
        before = [t.word for t in toks[max(0, mt.first - 3) : mt.first]]
        if ("like" in before and before[-1:] in (["a"], ["an"])) or before[-2:] == ["like", "a"]:
            drop.add(id(mt))
    between = next((t.index for t in toks if t.word == "between" and t.index not in taken), None)
    if between is not None and any(mt.last < between for mt in regions):
        drop |= {id(mt) for mt in regions if mt.first > between}
    for mt, _s in matches:
        if id(mt) in drop:
            quiet.update(mt.positions)
    return [(mt, sd) for mt, sd in matches if id(mt) not in drop]


_PREGNANCY_STEMS = frozenset(
    stem(w) for w in ("pregnant", "pregnancy", "bump", "baby", "midwife", "bleeding", "spotting")
)
"""Said with a number of weeks, these make it how far along a pregnancy is."""
_PREGNANT = stem("pregnant")
_EVEN = stem("even")
_COUNTED = frozenset(_NUMBERS) - {"a", "an", "couple", "few", "several", "many"}
"""Numbers said as words; "a few" and "for months" are guesses, not a counted spell."""
_STOP_STEMS = frozenset(stem(w) for w in _STOPWORDS)
_DOWN = stem("down")
_UNTIL = frozenset({"till", "until", "til", "before", "untill"})
_LAST_NO = frozenset({"no", "nope", "nah", "nil"})  # not "none": "don't help none"
"""Said last, after the sign's word, these say it is not there ("FEVER NO", "weight no")."""
_SPELL_WORDS = frozenset({"for", "since", "last", "past", "about", "over", "nearly", "almost"})
"""Before a number of weeks, these make it how long something has lasted."""

_SIMILE_STARTS = frozenset({"when", "after", "if", "youve", "you", "someone", "somebody"})
"""After "like", these start a comparison with another situation, not a place said."""


def said_short_spell(readings: Sequence[Reading]) -> bool:
    """Whether a spell shorter than LONG_PAIN_DAYS was said ("for 2 months"): then words
    read together across parts or fields are no yes to LONG_PAIN_FLAG."""
    return any(r.duration_days is not None and r.duration_days < LONG_PAIN_DAYS for r in readings)


def _past_the_no(
    mt: _Match,
    cues: Sequence[tuple[int, int]],
    toks: Sequence[_Tok] = (),
    ends: frozenset[str] = frozenset(),
) -> bool:
    """Words of the match said after the end of the "no" that reaches it ("no bruising
    but I'm on warfarin": "warfarin" is past the "but"), or before a "but" that comes
    ahead of the "no" ("I take apixaban but haven't noticed any bruising")."""
    reaching = [
        (c, end) for c, end in cues if c < mt.last and mt.first < end and c not in mt.positions
    ]
    if not reaching:
        return False
    if all(max(mt.positions) >= end for _c, end in reaching):
        return True
    first_no = min(c for c, _end in reaching)
    return any(t.stem in ends for t in toks[mt.first + 1 : first_no])


def _without_similes(toks: Sequence[_Tok]) -> list[_Tok]:
    out: list[_Tok] = []
    skip = 0
    for k, tok in enumerate(toks):
        if skip:
            skip -= 1
            if tok.word in _CONJUNCTIONS:
                skip = 0
                out.append(tok)
            continue
        nxt = toks[k + 1].word if k + 1 < len(toks) else ""
        if tok.word == "like" and nxt in _SIMILE_STARTS:
            skip = 9  # "like" and up to eight words of the comparison
            continue
        out.append(tok)
    return out


def _quiet_intensifiers(toks: list[_Tok]) -> None:
    """ "Right above my bum crack", "bang in the middle": not a side, just "exactly"; "both
    on the right": the jaw and the ear, on the right."""
    for k, tok in enumerate(toks):
        nxt = toks[k + 1].word if k + 1 < len(toks) else ""
        prev = toks[k - 1].word if k > 0 else ""
        if (
            (tok.word in _INTENSIFIERS and nxt in _PLACE_PREPS and prev not in _OWNERS)
            or (tok.word in _BOTH and nxt in _PLACE_PREPS)
            # "me neck's right sore on the left side": "right" before how it feels is "very"
            or (tok.word == "right" and nxt in _HOW_BAD and prev not in _OWNERS)
        ):
            tok.stem, tok.stop = "", True


_HOW_BAD = frozenset(
    "sore bad painful stiff achy tender tight nasty awful horrible stiffened killing".split()
)
"""Words after a "right" that make it "very", not a side ("right sore", "right bad")."""


def _number(word: str) -> int | None:
    if word.isdigit() and len(word) <= 3:
        return int(word)
    return None


_PEOPLE = frozenset(
    "me mum mom mam mother dad father law gran granny grandma grandmother nan nana nanna "
    "grandad granddad grandpa grandfather wife husband partner aunt auntie uncle "
    "neighbour neighbor patient female male woman man f m".split()
)
"""Last words of a part naming who it is about, before a bare age ("my mum, 84")."""


_KIN = frozenset(
    stem(w)
    for w in "mum mom mam mother mothers dad father fathers gran granny grandma grandmother nan "
    "nana nanna grandad granddad grandpa grandfather aunt auntie aunty uncle sister brother "
    "cousin family families sibling siblings parent parents relative relatives".split()
)
"""Words for a relative: "my mum had cancer" is her history ("family history" too)."""


def _of_kin(mt: _Match, toks: Sequence[_Tok]) -> bool:
    """A relative named in the three words before the match ("my mother had cancer")."""
    before = [t for t in toks[: mt.first] if not t.stop][-3:]
    return any(t.stem in _KIN for t in before)


def _age_after_person(before: str, part: str) -> int | None:
    """A part that is only an age, after a part naming a person: "my dad, 79"."""
    said = part.strip()
    if not (said.isascii() and said.isdigit()) or not 16 <= int(said) <= 110:
        return None
    last = _words(before)[-1:]
    return int(said) if last and last[0] in _PEOPLE else None


def _ages(toks: list[_Tok], used: set[int]) -> tuple[int | None, int | None]:
    """An age said ("I'm 72", "aged 60", "45 years old") and an age at onset ("it started
    when I was 25", "since I was 30", "from age 19")."""
    words = [t.word for t in toks]
    age: int | None = None
    onset: int | None = None
    for k, word in enumerate(words):
        n = _number(word)
        if n is None or not 1 <= n <= 120:
            continue
        before = words[max(0, k - 3) : k]
        after = words[k + 1 : k + 3]
        units = {"day", "days", "week", "weeks", "wk", "wks", "month", "months", "mths"}
        units |= {"year", "years", "yr", "yrs"}
        if after[:1] and after[0] in units and after[1:2] != ["old"]:
            continue  # "for 6 months" is a duration
        started = before[-2:] in (["when", "i"], ["since", "i"]) or before[-1:] == ["was"]
        from_age = before[-1:] in (["age"], ["aged"]) and before[-2:-1] in (["from"], ["at"])
        if started or from_age:
            onset = n
        elif (
            before[-1:] in (["im"], ["am"], ["aged"])
            or after[:2]
            in (
                ["years", "old"],
                ["year", "old"],
            )
            or after[:1] == ["yo"]
        ):
            age = n
        else:
            continue
        used.add(toks[k].index)
    return age, onset


def _drop_shadowed(signs: list[_Match], others: list[_Match]) -> list[_Match]:
    """Signs whose words all belong to a longer match of something else are that thing:
    "both my legs have gone numb" is not also "one leg numb", "breast stroke" is not a
    stroke. Only patterns and one-word wordings give way; longer wordings always stand."""
    return [
        mt
        for mt in signs
        if not (
            mt.entry.size <= 1
            and any(
                o is not mt
                and o.entry.target != mt.entry.target
                and set(mt.positions) <= set(o.positions)
                and len(o.positions) > len(mt.positions)
                # a pattern gives way to anything longer; a one-word wording only to a
                # longer wording, never to a pattern (patterns are the looser reading)
                and (mt.entry.size == 0 or o.entry.size > 1)
                for o in others
            )
        )
    ]


def _in_order(seq: tuple[str, ...], where: dict[str, list[int]]) -> list[int] | None:
    """Positions of ``seq`` said in this order and close together (a word of slack), or None."""
    best: list[int] | None = None
    for start in where.get(seq[0], [])[:8]:
        pos = [start]
        for st in seq[1:]:
            nxt = next((p for p in where.get(st, []) if p > pos[-1]), None)
            if nxt is None:
                break
            pos.append(nxt)
        else:
            if pos[-1] - pos[0] <= len(seq) and (
                best is None or pos[-1] - pos[0] < best[-1] - best[0]
            ):
                best = pos
    return best


def _tightest(stems: frozenset[str], where: dict[str, list[int]]) -> list[int]:
    """Positions, one per stem, that lie closest together (each stem's nearest to the first)."""
    best: list[int] | None = None
    anchor_stem = min(stems, key=lambda s: (len(where[s]), s))
    for anchor in where[anchor_stem][:8]:
        chosen = [anchor]
        for s in stems:
            if s == anchor_stem:
                continue
            chosen.append(min(where[s][:8], key=lambda p: abs(p - anchor)))
        chosen.sort()
        if best is None or chosen[-1] - chosen[0] < best[-1] - best[0]:
            best = chosen
    assert best is not None
    return best


def _span(days: int) -> str:
    if days >= 365:
        n = round(days / 365)
        return _("1 year") if n == 1 else _("{n} years").format(n=n)
    if days >= 30:
        n = round(days / 30)
        return _("1 month") if n == 1 else _("{n} months").format(n=n)
    if days >= 7:
        n = round(days / 7)
        return _("1 week") if n == 1 else _("{n} weeks").format(n=n)
    return _("1 day") if days == 1 else _("{n} days").format(n=days)


def resolver_for(kb: KnowledgeBase) -> Resolver:
    """The resolver of ``kb``, built on first use and kept with it."""
    cached = kb.cache.get("resolver")
    if isinstance(cached, Resolver):
        return cached
    resolver = Resolver(kb)
    kb.cache["resolver"] = resolver
    return resolver
