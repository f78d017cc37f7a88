"""Core's sentences go through whatever translator a face installs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knotwork.core.bodymap import render_bodymap
from knotwork.core.finder import PainReport, find
from knotwork.core.i18n import set_translator
from knotwork.core.kb import load_kb
from knotwork.core.triage import triage

ESSENTIAL = "You marked {label}: that is in this trigger point's main (essential) referral zone."
FAKE = {
    "your {side} {name}": "dein {name} ({side})",
    "right": "rechts",
    ESSENTIAL: "Markiert: {label}.",
    "No red flags in your answers": "Keine Warnzeichen",
    "Your left": "Deine linke Seite",
}


@pytest.fixture
def translated() -> Iterator[None]:
    set_translator(lambda message: FAKE.get(message, message))
    yield
    set_translator(str)


def test_core_sentences_are_translated(translated: None, tiny_kb_dir: Path) -> None:
    kb = load_kb(tiny_kb_dir)
    assert kb.regions["back.sacroiliac.right"].label == "dein back dimple (rechts)"
    result = find(kb, PainReport.build(["back.sacroiliac.right"]))
    texts = [r.text for r in result.candidates[0].reasons]
    assert "Markiert: dein back dimple (rechts)." in texts
    assert triage(kb, [], none_apply=True).headline == "Keine Warnzeichen"


def test_map_captions_are_translated(translated: None, kb) -> None:  # type: ignore[no-untyped-def]
    assert "Deine linke Seite" in render_bodymap(kb, "back")


def test_one_loaded_knowledge_base_speaks_the_language_of_the_moment(tiny_kb_dir: Path) -> None:
    """Nothing is frozen at load: a clinic serving two languages gets each in turn."""
    kb = load_kb(tiny_kb_dir)
    region = kb.regions["back.sacroiliac.right"]
    english = region.label
    set_translator(lambda message: FAKE.get(message, message))
    try:
        assert region.label == "dein back dimple (rechts)"
        assert triage(kb, [], none_apply=True).headline == "Keine Warnzeichen"
    finally:
        set_translator(str)
    assert region.label == english
    assert triage(kb, [], none_apply=True).headline == "No red flags in your answers"


def test_a_phrase_read_in_one_language_is_read_again_in_another(tiny_kb_dir: Path) -> None:
    from knotwork.core.resolve import resolver_for

    kb = load_kb(tiny_kb_dir)
    reader = resolver_for(kb)
    english = reader.read("pain", "right back dimple").read_as
    set_translator(lambda message: "X" + message, language=lambda: "xx")
    try:
        assert reader.read("pain", "right back dimple").read_as != english
    finally:
        set_translator(str)
    assert reader.read("pain", "right back dimple").read_as == english
