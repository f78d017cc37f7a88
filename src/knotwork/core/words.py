"""Words: how a phrase is cut into words, stemmed, and told apart from filler.

The resolver (:mod:`knotwork.core.resolve`) reads phrases with these. Every pattern here
is linear: no regular expression can backtrack, and phrases are split before they are read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import snowballstemmer  # type: ignore[import-untyped]
from english_words import get_english_words_set  # type: ignore[import-untyped]

SPLIT = re.compile(r"[,;!?\n\r\t]|\.(?=\s|$)")
"""Commas, semicolons, sentence ends and new lines part phrases; "back.sacroiliac" does not."""
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
STOPWORDS = frozenset(
    "a an the of in on at for with my your our his her their its it is i me im "
    "area region part bit very really just pain pains painful hurt hurts hurting "
    "feel feels feeling felt when it's its have has had got get gets getting "
    "am are was were be been being this that there here some kind kinda sort of "
    "like quite pretty bad badly terrible awful lot so too also always sometimes "
    "every often spot place issue issues problem problems which who area kills killing "
    "kill bothering bugging playing acting killer murder theres".split()
)
"""Filler: never part of what a phrase names."""
QUIET = frozenset(
    "and or but plus then also well as to from into down up through till until "
    "since can cant will wont do does did really reckon probably prob guess maybe "
    "think suppose honestly actually basically literally yesterday today tonight now ago "
    "earlier lately recently started start began begun after before makes make made keeps "
    "keep kept wraps wrapping wrap round day more anything stops stopped where gone went "
    "level first thing things between no matter how whatever wonder doubt try trying tried "
    "someone somebody".split()
)
"""Words that stay in the phrase (synonyms use them) but are never reported as unused."""
CONJUNCTIONS = frozenset({"and", "or", "but", "plus", "nor", "then", "n", "&"})
LEFT = frozenset({"left", "lt", "lft", "l", "lhs"})
RIGHT = frozenset({"right", "rt", "rght", "r", "rhs", "rite"})
BOTH = frozenset({"both", "bilateral", "either", "each"})
SIDE_NOUNS = frozenset({"side", "sides"})
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "couple": 2,
    "three": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "several": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "many": 24,
}
SHORT_UNITS = frozenset({"hour", "hr", "minut", "min", "mins"})
UNIT_DAYS = {
    "day": 1,
    "week": 7,
    "wk": 7,
    "wks": 7,
    "month": 30,
    "mo": 30,
    "mth": 30,
    "mths": 30,
    "year": 365,
    "yr": 365,
    "yrs": 365,
}
SINCE = {"yesterday": 1, "week": 7, "month": 30, "year": 365, "christma": 180, "summer": 180}

_stemmer = snowballstemmer.stemmer("english")
_stems: dict[str, str] = {}
_STEM_CACHE_WORDS = 100_000
"""Stems kept per process; words over 40 characters are not kept, so it stays small."""


def stem(word: str) -> str:
    """The Snowball stem of one lower-case word (remembered: stemming is the costly part)."""
    found = _stems.get(word)
    if found is None:
        found = str(_stemmer.stemWord(word))
        if len(word) <= 40 and len(_stems) < _STEM_CACHE_WORDS:
            _stems[word] = found
    return found


QUIET_STEMS = frozenset(stem(w) for w in QUIET)


@functools.cache
def english_words() -> frozenset[str]:
    """Real English words (GCIDE, with inflections), loaded on the first unknown word: a
    real word is not a typing slip ("shape" is not "shake"), unless only a vowel differs
    ("heal" for "heel")."""
    return frozenset(get_english_words_set(["gcide"], lower=True))


MODERN = frozenset(
    "headset headsets headphone headphones laptop laptops smartphone smartphones earbud "
    "earbuds airpods backseat footwell footrest footrests armrest armrests headrest "
    "headrests legroom touchscreen hairdryer kneepad kneepads headtorch armband "
    "backpacking headwind headwinds breastfeeding breastfeed breastfed bottlefeeding".split()
)
"""Words of today that the dictionary lacks: read whole, never as two body words
("headset" is no "head" + "set")."""


def is_english(word: str) -> bool:
    """A real English word, inflected or not ("carting": "cart" + "ing")."""
    known = english_words()
    if word in known or word in MODERN:
        return True
    for end, put in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
        if word.endswith(end) and len(word) > len(end) + 2 and word[: -len(end)] + put in known:
            return True
    return False


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, apostrophes folded ("can't" → "cant") and accents
    dropped ("câncer", "omóplato": a word mixed in from Spanish or Portuguese, "krzyż")."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    for a, b in (
        ("&", " and "),
        ("+", " and "),
        ("can not", "cant"),
        ("cannot", "cant"),
        ("unable to", "cant"),
        ("not able to", "cant"),
        ("could not", "cant"),
        ("couldn't", "cant"),
        ("couldnt", "cant"),
        ("not been able to", "cant"),
        ("havent been able to", "cant"),
        ("haven't been able to", "cant"),
        ("hasnt been able to", "cant"),
        ("hasn't been able to", "cant"),
        # "can hardly walk" is no "can walk"
        ("can hardly", "cant"),
        ("can barely", "cant"),
        ("can scarcely", "cant"),
        ("could hardly", "cant"),
        ("could barely", "cant"),
        ("hardly able to", "cant"),
        ("barely able to", "cant"),
        ("n't", "nt"),
        # "rear ended me at the lights" is a crash; "my rear end" stays the buttock
        ("rear ended", "rearended"),
        ("rear-ended", "rearended"),
        ("rear ending", "rearending"),
    ):
        text = text.replace(a, b)
    # a weight or a time written against its number: "lost 6kg", "on n off 2yrs"
    text = _WEIGHT_UNIT.sub(r"\1 \2", text)
    # Yorkshire "on t'left": "on the left"
    text = _YORKSHIRE_THE.sub("the ", text)
    # "lost like 10 pounds" is a weight, never a pounding pain
    text = _POUNDS.sub(r"\1 lbs", text)
    out = []
    for found in WORD.findall(text):
        word = found[:-2] if found.endswith("'s") else found
        out.append(word.replace("'", ""))
    return out


_WEIGHT_UNIT = re.compile(
    r"\b(\d+(?:\.\d+)?)(kg|kgs|kilos?|lbs?|pounds?|stone|yrs?|years?|mths?|mnths?|months?"
    r"|wks?|weeks?|days?|hrs?|hours?|mins?)\b"
)


_YORKSHIRE_THE = re.compile(r"\bt'(?=[a-z])")
_POUNDS = re.compile(r"\b(\d+(?:\.\d+)?|a few|a couple of|few|couple of) pounds?\b")


def tokens(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stopwords removed), in order."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def normalize(text: str) -> str:
    """A key that ignores case, punctuation, word order, word forms and filler words."""
    return " ".join(sorted(set(tokens(text))))


def split_phrases(values: Iterable[str]) -> list[str]:
    """Split lists at commas, semicolons, full stops and new lines; drop empty parts."""
    out: list[str] = []
    for value in values:
        out += [p.strip() for p in SPLIT.split(value) if p.strip()]
    return out


def vowel_swap(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only in vowels ("heal" and "heel")."""
    return len(a) == len(b) and all(
        x == y or (x in "aeiouy" and y in "aeiouy") for x, y in zip(a, b, strict=True)
    )


def whole_number(text: str, most_digits: int = 6) -> int | None:
    """``text`` as a whole number when it is only ASCII digits (not "²" or "٣", which
    ``str.isdigit`` accepts and ``int`` may refuse), else None."""
    text = text.strip()
    if text and len(text) <= most_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
