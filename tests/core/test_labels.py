"""The words for a level, a side, a fit and an evidence grade are written once (core/labels.py)."""

from __future__ import annotations

import re
from pathlib import Path

from knotwork.core.labels import evidence_word, fit_word, level_word, side_word
from knotwork.core.triage import Level

SRC = Path(__file__).resolve().parents[2] / "src" / "knotwork"


def test_an_open_safety_step_never_says_no_red_flags() -> None:
    assert level_word(Level.none, checked=False) == "Safety questions open"
    assert level_word(Level.none, checked=True) == "No red flags in your answers"
    assert {level_word(lv, True) for lv in Level if lv is not Level.none} == {
        "See a doctor",
        "Urgent",
        "Today",
        "Emergency",
    }


def test_sides_fits_and_grades_in_words() -> None:
    assert [side_word(s) for s in ("left", "right", "both")] == [
        "left side",
        "right side",
        "both sides",
    ]
    assert fit_word("high") == "Good fit"
    assert evidence_word("trial") == "tested in trials (low certainty)"


def test_no_face_writes_these_words_itself() -> None:
    words = ["Good fit", "Partial fit", "Weak fit", "Safety questions open", "See a doctor"]
    words += ["expert description only", "both sides"]
    faces = [p for p in SRC.rglob("*") if p.suffix in {".py", ".html"} and "core" not in p.parts]
    for path in faces:
        text = path.read_text(encoding="utf-8")
        for word in words:
            assert not re.search(re.escape(word), text, re.IGNORECASE), (path, word)
