"""The words every face shows for a triage level, a side, a fit and an evidence grade.

Written once here, so the CLI, the web pages and the JSON never disagree (the CLI prints
them in capitals). Each is translated when it is asked for, in the language of the moment.
"""

from __future__ import annotations

from knotwork.core.i18n import _
from knotwork.core.triage import Level


def level_word(level: Level, checked: bool) -> str:
    """What the safety step says at its head: while a question is open, never "no red flags"."""
    if level is Level.none:
        return _("No red flags in your answers") if checked else _("Safety questions open")
    return {
        Level.see_doctor: _("See a doctor"),
        Level.urgent: _("Urgent"),
        Level.same_day: _("Today"),
        Level.emergency: _("Emergency"),
    }[level]


def side_word(side: str) -> str:
    """A candidate's side, from the person's own point of view."""
    return {"left": _("left side"), "right": _("right side"), "both": _("both sides")}.get(
        side, side
    )


def fit_word(confidence: str) -> str:
    """How well a candidate explains the marked areas."""
    return {"high": _("Good fit"), "medium": _("Partial fit"), "low": _("Weak fit")}.get(
        confidence, confidence
    )


def evidence_word(grade: str) -> str:
    """An evidence grade in plain words."""
    return {
        "expert_opinion": _("expert description only"),
        "observational": _("observational studies"),
        "trial": _("tested in trials (low certainty)"),
    }.get(grade, grade)


__all__ = ["evidence_word", "fit_word", "level_word", "side_word"]
