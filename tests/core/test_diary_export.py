"""The diary export format: what a file may hold, the words for what it may not, and the
committed JSON Schema agreeing with the reader on every file hypothesis can make."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knotwork.core.diary_export import MAX_ROWS, DiaryFileError, read_export

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "diary-export.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def a_diary() -> dict[str, Any]:
    """A small diary with one of everything, written as another program might."""
    return {
        "format": "knotwork-diary",
        "version": 1,
        "exported_at": "2026-11-30T08:00:00+00:00",
        "daily_ratings": [
            {"day": "2026-11-28", "pain_average": 6, "pain_now": 5, "note": "stiff after driving"},
            {"day": "2026-11-29", "pain_average": 4},
        ],
        "sessions": [
            {
                "id": "0b7f3c9e-8a52-4d1e-9a31-1f2e3d4c5b6a",
                "day": "2026-11-29",
                "reason": "flare",
                "pain_before": 7,
                "pain_after": 4,
                "adverse": "none",
                "spots": [
                    {
                        "trigger_point": "quadratus_lumborum/deep_upper",
                        "side": "right",
                        "minutes": 3,
                    },
                    {
                        "trigger_point": "gluteus_medius/tp1_posterior",
                        "minutes": 2.5,
                        "pressure": 6,
                    },
                ],
            }
        ],
        "instrument_responses": [
            {
                "instrument": "psfs",
                "version": "1",
                "day": "2026-11-29",
                "answers": {"activity-1": 4},
                "labels": {"activity-1": "tying my shoes"},
                "total": 4.0,
            },
            {"instrument": "odi", "day": "2026-11-29", "total": 34, "typed_total": True},
        ],
        "pain_maps": [{"day": "2026-11-29", "regions": ["back.sacroiliac.right"], "note": ""}],
    }


def test_a_diary_written_by_another_program_reads_with_the_defaults_filled_in() -> None:
    doc = a_diary()
    assert VALIDATOR.is_valid(doc)
    export = read_export(doc)
    assert [r.pain_average for r in export.daily_ratings] == [6, 4]
    first, second = export.sessions[0].spots
    assert (first.side, first.minutes, first.recognised) == ("right", 3.0, "unsure")
    assert second.side == "both"
    assert export.sessions[0].adverse == "none"
    assert export.instrument_responses[1].typed_total is True


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (
            ("daily_ratings", 1, "pain_average"),
            11,
            "daily_ratings[2]: pain_average must be at most 10, not 11",
        ),
        (
            ("daily_ratings", 0, "pain_average"),
            "6",
            "daily_ratings[1]: pain_average must be a whole number, not '6'",
        ),
        (("daily_ratings", 0, "pain_average"), True, "must be a whole number, not True"),
        (
            ("daily_ratings", 0, "day"),
            "28/11/2026",
            "daily_ratings[1]: day must be a date as YYYY-MM-DD",
        ),
        (
            ("sessions", 0, "spots", 1, "minutes"),
            45,
            "sessions[1].spots[2]: minutes must be at most 30, not 45",
        ),
        (
            ("sessions", 0, "spots", 0, "side"),
            "middle",
            "sessions[1].spots[1]: side must be 'left', 'right' or 'both'",
        ),
        (
            ("sessions", 0, "reason"),
            "bored",
            "sessions[1]: reason must be 'planned', 'flare', 'experiment' or 'other'",
        ),
        (("sessions", 0, "spots"), [], "sessions[1]: spots must have at least 1 entries"),
        (("sessions", 0, "id"), "session-one", "sessions[1]: id must be a UUID"),
        (("sessions", 0, "note"), "a\x00b", "sessions[1]: note must not contain a NUL character"),
        (
            ("instrument_responses", 0, "total"),
            float("nan"),
            "instrument_responses[1]: total must be a finite number",
        ),
        (
            ("instrument_responses", 0, "answers"),
            {"activity-1": "four"},
            "instrument_responses[1]: answers.activity-1 must be a whole number",
        ),
        (
            ("instrument_responses", 0, "instrument"),
            "PSFS v2",
            "must be lower-case letters, digits, _ or -",
        ),
        (("pain_maps", 0, "regions"), [], "pain_maps[1]: regions must have at least 1 entries"),
        (
            ("pain_maps", 0, "note"),
            "x" * 2001,
            "pain_maps[1]: note must be text of at most 2000 characters",
        ),
        (("sessions",), {"day": "2026-11-29"}, "sessions must be a list"),
        (("daily_ratings", 0), "6 on the 28th", "daily_ratings[1] must be an object"),
    ],
)
def test_a_bad_value_is_named_by_entry_and_field_in_words(
    path: tuple[Any, ...], value: object, words: str
) -> None:
    doc = a_diary()
    node: Any = doc
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    with pytest.raises(DiaryFileError) as caught:
        read_export(doc)
    assert words in str(caught.value)
    assert "Input should" not in str(caught.value)  # our words, not the library's


def test_a_missing_field_an_unknown_one_and_a_count_of_the_rest() -> None:
    doc = a_diary()
    del doc["daily_ratings"][0]["day"]
    doc["daily_ratings"][1]["mood"] = "fine"
    doc["sessions"][0]["pain_after"] = 12
    with pytest.raises(DiaryFileError) as caught:
        read_export(doc)
    assert str(caught.value) == "daily_ratings[1]: day is missing (and 2 more problems)"
    doc = a_diary()
    doc["daily_ratings"][1]["mood"] = "fine"
    with pytest.raises(DiaryFileError, match=r"^daily_ratings\[2\]: unknown field 'mood'$"):
        read_export(doc)


def test_another_file_or_version_or_a_flood_is_refused_before_reading_entries() -> None:
    with pytest.raises(DiaryFileError, match="not a Knotwork diary export"):
        read_export([1, 2, 3])
    with pytest.raises(DiaryFileError, match="export version 2; this Knotwork reads 1"):
        read_export({**a_diary(), "version": 2})
    flood = {**a_diary(), "daily_ratings": [{}] * (MAX_ROWS + 1)}
    with pytest.raises(DiaryFileError, match=f"at most {MAX_ROWS} are read"):
        read_export(flood)


# ------------------------------------------------------------------ the schema agrees

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.sampled_from(["", "2026-11-29", "2026-02-30", "left", "flare", "yes", "psfs", "a\x00"])
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(a_diary())
FIELDS = sorted({p[-1] for p in PATHS if isinstance(p[-1], str)})


@st.composite
def changed_diaries(draw: st.DrawFn) -> dict[str, Any]:
    """A valid diary with one to three things changed: a value replaced, a field taken
    away, a field added (known or not), an entry doubled."""
    doc = a_diary()
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        parent: Any = doc
        for part in path[:-1]:
            parent = parent[part]
        how = draw(st.sampled_from(["replace", "delete", "add", "double"]))
        if how == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif how == "delete":
            del parent[path[-1]]
        elif how == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from([*FIELDS, "extra"]))] = draw(JSON_VALUES)
        elif how == "double" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return doc


def _has_nul(node: Any) -> bool:
    if isinstance(node, str):
        return "\x00" in node
    if isinstance(node, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in node.items())
    if isinstance(node, list):
        return any(_has_nul(v) for v in node)
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changed_diaries())
def test_the_reader_and_the_committed_schema_accept_the_same_files(doc: dict[str, Any]) -> None:
    problem = ""
    try:
        export = read_export(doc)
    except DiaryFileError as exc:
        problem = str(exc)
    accepted = not problem
    if accepted:
        # what is read writes out as a file that reads back the same
        again = json.loads(export.model_dump_json())
        assert read_export(again) == export
    schema_says = VALIDATOR.is_valid(doc)
    if _has_nul(doc):  # a NUL is refused by the reader; JSON Schema has no word for it
        assert not accepted
    else:
        assert accepted == schema_says, (doc, list(VALIDATOR.iter_errors(doc))[:1])


def test_a_whole_number_written_with_a_decimal_point_is_still_whole() -> None:
    doc = a_diary()
    doc["daily_ratings"][0]["pain_average"] = 6.0
    assert read_export(doc).daily_ratings[0].pain_average == 6
    for bad, words in ((6.5, "must be a whole number, not 6.5"), (-1.0, "must be at least 0")):
        doc["daily_ratings"][0]["pain_average"] = bad
        with pytest.raises(DiaryFileError, match=words):
            read_export(doc)
