"""Turning people's words into knowledge-base ids.

A person types "top of my right buttock", "Coccyx (tailbone)" or "leaning over
the sink". :class:`Resolver` maps such phrases to region ids and vocabulary ids
through the labels and synonyms in the knowledge base. Matching forgives case,
punctuation, word order, plurals, small typos and parenthesised extras. A phrase
that matches nothing is reported back, never dropped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from knotwork.core.kb import KnowledgeBase

Kind = Literal["region", "quality", "aggravator", "flag"]
How = Literal["id", "exact", "parenthesis", "typo", "partial"]

_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an and the of in on at to into by for from with my your our his her their its it is "
    "i me im area region part bit very really just pain pains painful hurt hurts hurting "
    "feel feels feeling when".split()
)
_LEFT = frozenset({"left", "lt", "l"})
_RIGHT = frozenset({"right", "rt", "r"})
_BOTH = frozenset({"both", "bilateral", "either", "each", "sides"})
_ANSWER_CACHE_SIZE = 4096
_INTENSITY = re.compile(r"^(?P<phrase>.*?)\s*[:=]\s*(?P<n>\d{1,2})\s*(?:/\s*10)?\s*$")


def _singular(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Lower-case content words of ``text``, singular, possessives and stopwords removed."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)
    text = text.replace("'", "")
    return [_singular(t) for t in _WORD.findall(text) if t not in _STOPWORDS]


def normalize(text: str) -> str:
    """A key that ignores case, punctuation, word order, plurals and filler words."""
    return " ".join(sorted(set(tokens(text))))


@dataclass(frozen=True)
class Resolution:
    """One phrase and what it resolved to."""

    kind: Kind
    phrase: str
    ids: tuple[str, ...]
    how: How
    note: str | None = None
    intensity: int | None = None


@dataclass(frozen=True)
class Unresolved:
    kind: Kind
    phrase: str
    suggestions: tuple[str, ...] = ()


class _Index:
    """Normalised phrase -> target for one vocabulary, with fuzzy fall-backs."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        self.words: set[str] = set()

    def add(self, phrase: str, target: str) -> None:
        # first writer wins: labels and ids are added before synonyms
        parts = [phrase]
        if "(" in phrase:
            # "tailbone (coccyx)" is also known as "tailbone" and as "coccyx"
            parts += [re.sub(r"\([^)]*\)", " ", phrase), *re.findall(r"\(([^)]*)\)", phrase)]
        for part in parts:
            key = normalize(part)
            if key:
                self.exact.setdefault(key, target)
                self.words.update(key.split())

    def lookup(self, text: str) -> tuple[str, How] | None:
        key = normalize(text)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key], "exact"
        words = key.split()
        fixed = [self._fix_word(w) for w in words]
        fixed_key = " ".join(sorted(set(fixed)))
        if fixed_key != key and fixed_key in self.exact:
            return self.exact[fixed_key], "typo"
        return self._contained(set(fixed))

    def _fix_word(self, word: str) -> str:
        """The known word one typing slip away (or very close, for long words)."""
        if word in self.words or len(word) < 4:
            return word
        near = [w for w in self.words if abs(len(w) - len(word)) <= 1 and _one_edit(w, word)]
        if near:
            # a wrong vowel ("heal" for "heel") is likelier than a wrong consonant ("head")
            return min(near, key=lambda w: (not _vowel_swap(w, word), w))
        if len(word) >= 7:
            close = difflib.get_close_matches(word, sorted(self.words), n=1, cutoff=0.85)
            if close:
                return close[0]
        return word

    def _contained(self, words: set[str]) -> tuple[str, How] | None:
        """The longest known phrase whose words all occur in the text."""
        hits = [
            (-len(key.split()), key, target)
            for key, target in self.exact.items()
            if set(key.split()) <= words
        ]
        if not hits:
            return None
        return min(hits)[2], "partial"

    def suggestions(self, text: str) -> tuple[str, ...]:
        key = normalize(text)
        return tuple(difflib.get_close_matches(key, self.exact.keys(), n=3, cutoff=0.6))


class Resolver:
    """Resolves phrases against one knowledge base; build once, use many times."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.indexes: dict[Kind, _Index] = {
            "region": _Index(),
            "quality": _Index(),
            "aggravator": _Index(),
            "flag": _Index(),
        }
        regions = self.indexes["region"]
        for key, entry in kb.region_entries.items():
            regions.add(entry.name, key)
        for key, entry in kb.region_entries.items():
            for phrase in entry.synonyms:
                regions.add(phrase, key)
        for kind, vocab in (("quality", kb.qualities), ("aggravator", kb.aggravators)):
            index = self.indexes[kind]  # type: ignore[index]
            for term in vocab.values():
                index.add(term.label, term.id)
                index.add(term.id.replace("_", " "), term.id)
            for term in vocab.values():
                for phrase in term.synonyms:
                    index.add(phrase, term.id)
        flags = self.indexes["flag"]
        for flag in kb.flags.values():
            flags.add(flag.id.replace("_", " "), flag.id)
            flags.add(flag.question, flag.id)
        for flag in kb.flags.values():
            for phrase in flag.synonyms:
                flags.add(phrase, flag.id)
        self._answers: dict[tuple[Kind, str], Resolution | Unresolved] = {}
        self._ids: dict[Kind, set[str]] = {
            "region": set(kb.regions),
            "quality": set(kb.qualities),
            "aggravator": set(kb.aggravators),
            "flag": set(kb.flags),
        }

    # ------------------------------------------------------------------ public

    def resolve(self, kind: Kind, phrase: str) -> Resolution | Unresolved:
        """Resolve one phrase of the given kind (answers are kept: people repeat phrases)."""
        key = (kind, phrase)
        cached = self._answers.get(key)
        if cached is None:
            cached = self._resolve(kind, phrase)
            if len(self._answers) >= _ANSWER_CACHE_SIZE:
                self._answers.pop(next(iter(self._answers)))
            self._answers[key] = cached
        return cached

    def _resolve(self, kind: Kind, phrase: str) -> Resolution | Unresolved:
        raw = phrase.strip()
        intensity: int | None = None
        if kind == "region":
            m = _INTENSITY.match(raw)
            if m and int(m.group("n")) <= 10:
                raw, intensity = m.group("phrase").strip(), int(m.group("n"))
        if not raw:
            return Unresolved(kind, phrase)
        lowered = raw.lower()
        if lowered in self._ids[kind]:
            return Resolution(kind, phrase, (lowered,), "id", intensity=intensity)
        if kind == "region":
            return self._resolve_region(phrase, raw, intensity)
        found = self._lookup(kind, raw)
        if found is None:
            return Unresolved(kind, phrase, self._suggest(kind, raw))
        target, how = found
        return Resolution(kind, phrase, (target,), how)

    def resolve_many(self, kind: Kind, phrases: Iterable[str]) -> list[Resolution | Unresolved]:
        return [self.resolve(kind, p) for p in split_phrases(phrases)]

    # ------------------------------------------------------------------ helpers

    def _lookup(self, kind: Kind, text: str) -> tuple[str, How] | None:
        index = self.indexes[kind]
        outside = re.sub(r"\([^)]*\)", " ", text)
        inside = " ".join(re.findall(r"\(([^)]*)\)", text))
        found = index.lookup(text) if not inside else None
        if found is not None and found[1] != "partial":
            return found
        for part in (outside, inside):
            if part.strip() and part != text:
                hit = index.lookup(part)
                if hit is not None and hit[1] != "partial":
                    return hit[0], "parenthesis"
        if found is None and inside:
            found = index.lookup(text)
        return found

    def _suggest(self, kind: Kind, text: str) -> tuple[str, ...]:
        index = self.indexes[kind]
        keys = index.suggestions(text)
        return tuple(dict.fromkeys(index.exact[k] for k in keys))

    def _resolve_region(
        self, phrase: str, raw: str, intensity: int | None
    ) -> Resolution | Unresolved:
        words = tokens(raw)
        side_words = set(words)
        left = bool(side_words & _LEFT)
        right = bool(side_words & _RIGHT)
        both = bool(side_words & _BOTH) or (left and right)
        sideless = [
            w
            for w in re.findall(r"[A-Za-z0-9()'.]+", raw)
            if w.lower().strip("().") not in _LEFT | _RIGHT | _BOTH
        ]
        with_side = " ".join(sideless) or raw
        # "side of the head" names a region (the temple) but in "right side of my low
        # back" the word only repeats the side: try the phrase with it, then without
        without_side = " ".join(w for w in sideless if w.lower() not in {"side", "sides"})
        key_text = with_side
        typed_key = raw.strip().lower()
        found: tuple[str, How] | None = None
        if typed_key in self.kb.region_entries:
            found = (typed_key, "id")
        else:
            partial: tuple[str, How] | None = None
            for text in dict.fromkeys(t for t in (with_side, without_side) if t):
                hit = self._lookup("region", text)
                if hit is not None and hit[1] != "partial":
                    found = hit
                    break
                partial = partial or hit
            found = found or partial
        if found is None:
            return Unresolved("region", phrase, self._suggest("region", key_text))
        key, how = found
        entry = self.kb.region_entries[key]
        note: str | None = None
        ids: tuple[str, ...]
        if not entry.paired:
            ids = (f"{key}.midline",)
            if left or right:
                note = "a midline region: the side was ignored"
        elif both:
            ids = (f"{key}.left", f"{key}.right")
        elif left:
            ids = (f"{key}.left",)
        elif right:
            ids = (f"{key}.right",)
        else:
            ids = (f"{key}.left", f"{key}.right")
            note = "no side given: both sides"
        return Resolution("region", phrase, ids, how, note=note, intensity=intensity)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


def _vowel_swap(a: str, b: str) -> bool:
    return len(a) == len(b) and all(
        x == y or (x in "aeiouy" and y in "aeiouy") for x, y in zip(a, b, strict=True)
    )


def split_phrases(values: Iterable[str]) -> list[str]:
    """Split comma- or semicolon-separated lists; keep order, drop empty parts."""
    out: list[str] = []
    for value in values:
        out += [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
    return out


def resolver_for(kb: KnowledgeBase) -> Resolver:
    """The resolver of ``kb``, built on first use and kept with it."""
    cached = kb.cache.get("resolver")
    if isinstance(cached, Resolver):
        return cached
    resolver = Resolver(kb)
    kb.cache["resolver"] = resolver
    return resolver
