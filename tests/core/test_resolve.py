"""People's words to ids."""

from __future__ import annotations

import pytest

from knotwork.core.kb import KnowledgeBase
from knotwork.core.resolve import Resolution, Unresolved, normalize, resolver_for, split_phrases


def region(kb: KnowledgeBase, phrase: str) -> Resolution:
    result = resolver_for(kb).resolve("region", phrase)
    assert isinstance(result, Resolution), f"{phrase!r} did not resolve: {result}"
    return result


@pytest.mark.parametrize(
    ("phrase", "ids"),
    [
        ("right back dimple", ("back.sacroiliac.right",)),
        ("Right Back Dimple!", ("back.sacroiliac.right",)),  # case, punctuation
        ("dimple back, right", ("back.sacroiliac.right",)),  # word order
        ("top of my right buttock", ("back.buttock.upper.right",)),  # filler words
        ("right buttocks", ("back.buttock.right",)),  # plural
        ("left butocks", ("back.buttock.left",)),  # typo
        ("left sit bones", ("back.buttock.lower.left",)),
        ("coccyx (tailbone)", ("back.coccyx.midline",)),  # parenthesised extra
        ("tailbone (the very bottom of my spine)", ("back.coccyx.midline",)),
        ("back.buttock.upper.left", ("back.buttock.upper.left",)),  # an id
        ("back.buttock.upper", ("back.buttock.upper.left", "back.buttock.upper.right")),
        ("both sides of the low back", ("back.low_back.left", "back.low_back.right")),
        ("left and right dimple", ("back.sacroiliac.left", "back.sacroiliac.right")),
        ("R outer hip", ("back.hip.lateral.right",)),
    ],
)
def test_region_phrases(tiny_kb: KnowledgeBase, phrase: str, ids: tuple[str, ...]) -> None:
    assert region(tiny_kb, phrase).ids == ids


def test_no_side_means_both_sides_and_says_so(tiny_kb: KnowledgeBase) -> None:
    result = region(tiny_kb, "outer hip")
    assert result.ids == ("back.hip.lateral.left", "back.hip.lateral.right")
    assert result.note == "no side given: both sides"


def test_side_on_a_midline_region_is_ignored_with_a_note(tiny_kb: KnowledgeBase) -> None:
    result = region(tiny_kb, "right sacrum")
    assert result.ids == ("back.sacrum.midline",)
    assert result.note is not None


def test_intensity_suffix(tiny_kb: KnowledgeBase) -> None:
    result = region(tiny_kb, "right back dimple: 7")
    assert result.ids == ("back.sacroiliac.right",)
    assert result.intensity == 7
    assert region(tiny_kb, "left buttock=3/10").intensity == 3


def test_unknown_phrase_is_reported_with_suggestions(tiny_kb: KnowledgeBase) -> None:
    result = resolver_for(tiny_kb).resolve("region", "left elbow")
    assert isinstance(result, Unresolved)
    assert result.phrase == "left elbow"
    nonsense = resolver_for(tiny_kb).resolve("aggravator", "xyzzy plugh")
    assert isinstance(nonsense, Unresolved)


def test_vocabulary_phrases(tiny_kb: KnowledgeBase) -> None:
    r = resolver_for(tiny_kb)
    assert r.resolve("aggravator", "Leaning over the sinks").ids == ("leaning_over_sink",)  # type: ignore[union-attr]
    assert r.resolve("aggravator", "doing the dishes").ids == ("leaning_over_sink",)  # type: ignore[union-attr]
    assert r.resolve("quality", "aching").ids == ("deep_ache",)  # type: ignore[union-attr]
    assert r.resolve("flag", "numb saddle area").ids == ("saddle_numbness",)  # type: ignore[union-attr]
    assert r.resolve("flag", "saddle_numbness").how == "id"  # type: ignore[union-attr]


def test_normalize_ignores_order_case_plurals_and_fillers() -> None:
    assert normalize("The top of my Buttocks") == normalize("buttock top")
    assert normalize("runner's knee") == normalize("runners knee")


def test_split_phrases() -> None:
    assert split_phrases(["a, b", " c ;d", ""]) == ["a", "b", "c", "d"]


# --------------------------------------------------------------- shipped vocabulary


@pytest.mark.parametrize(
    ("kind", "phrase", "expected"),
    [
        ("region", "right back dimple", "back.sacroiliac.right"),
        ("region", "top of right buttock", "back.buttock.upper.right"),
        ("region", "pit of my low back, left", "back.low_back.paraspinal_lower.left"),
        ("region", "Coccyx (tailbone)", "back.coccyx.midline"),
        ("region", "outer right hip", "back.hip.lateral.right"),
        ("region", "right groin", "front.groin.right"),
        ("region", "left heal", "back.heel.left"),
        ("aggravator", "lifting groceries out of a car trunk", "lifting_reaching_forward"),
        ("aggravator", "leaning over the sink", "leaning_over_sink"),
        ("aggravator", "slumped sitting", "slumped_sitting"),
        ("aggravator", "running on uneven ground", "uneven_ground"),
        ("flag", "numb saddle area", "saddle_numbness"),
        ("flag", "can't pee", "bladder_change"),
        ("flag", "fever", "fever_with_back_pain"),
    ],
)
def test_shipped_phrases(kb: KnowledgeBase, kind: str, phrase: str, expected: str) -> None:
    result = resolver_for(kb).resolve(kind, phrase)  # type: ignore[arg-type]
    assert isinstance(result, Resolution), result
    assert expected in result.ids


def test_every_shipped_synonym_resolves_to_its_own_entry(kb: KnowledgeBase) -> None:
    """A synonym shadowed by another entry's synonym would silently send people elsewhere."""
    r = resolver_for(kb)
    clashes = []
    for key, entry in kb.region_entries.items():
        for phrase in [entry.name, *entry.synonyms]:
            got = r.resolve("region", phrase)
            if not isinstance(got, Resolution) or not got.ids[0].startswith(key + "."):
                clashes.append((phrase, key, getattr(got, "ids", None)))
    for kind, vocab in (("quality", kb.qualities), ("aggravator", kb.aggravators)):
        for term in vocab.values():
            for phrase in [term.label, *term.synonyms]:
                got = r.resolve(kind, phrase)  # type: ignore[arg-type]
                if not isinstance(got, Resolution) or got.ids != (term.id,):
                    clashes.append((phrase, term.id, getattr(got, "ids", None)))
    for flag in kb.flags.values():
        for phrase in flag.synonyms:
            got = r.resolve("flag", phrase)
            if not isinstance(got, Resolution) or got.ids != (flag.id,):
                clashes.append((phrase, flag.id, getattr(got, "ids", None)))
    assert clashes == []


def test_side_word_repeating_the_side_is_dropped_but_side_of_x_is_kept(kb: KnowledgeBase) -> None:
    r = resolver_for(kb)
    temple = r.resolve("region", "right side of the head")
    assert isinstance(temple, Resolution)
    assert temple.ids == ("front.head.temple.right",)
    low_back = r.resolve("region", "right side of my low back")
    assert isinstance(low_back, Resolution)
    assert low_back.ids == ("back.low_back.right",)
    thigh = r.resolve("region", "side of the left thigh")
    assert isinstance(thigh, Resolution)
    assert thigh.ids == ("back.thigh.lateral.left",)
