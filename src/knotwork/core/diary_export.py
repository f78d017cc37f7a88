"""The diary's JSON export, version 1: what it holds and what an import accepts, defined once.

The models here are the document: the web app writes it, ``knotwork diary import`` and the
web import read it back through :func:`read_export`, and ``make schema`` writes them out as
``schema/diary-export.schema.json`` for anyone else who reads or writes the format. A file
that does not fit is refused whole, with the entry and the field named in words
(``sessions[3].spots[1]: minutes must be at most 30, not 45``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from knotwork.core.diary import Reason

FORMAT = "knotwork-diary"
VERSION = 1
MAX_ROWS = 20_000
"""Entries read from each list of one file, at most."""
MAX_MAP_REGIONS = 400
"""More regions than the body map has (168) are not one person's marks."""
MAX_SPOTS = 20

Adverse = Literal["none", "soreness", "bruising", "numbness", "other"]
Side = Literal["left", "right", "both"]
Recognised = Literal["yes", "no", "unsure"]


class DiaryFileError(ValueError):
    """A diary file that cannot be read, named by entry and field."""


def _clean(text: str) -> str:
    if "\x00" in text:
        raise PydanticCustomError("nul_character", "must not contain a NUL character")
    return text


def _text(limit: int, least: int = 0) -> Any:
    return (StringConstraints(min_length=least, max_length=limit), AfterValidator(_clean))


Text20 = Annotated[str, *_text(20)]
Text40 = Annotated[str, *_text(40)]
Text80 = Annotated[str, *_text(80)]
Text200 = Annotated[str, *_text(200)]
Note = Annotated[str, *_text(2000)]
Report = Annotated[str, *_text(4000)]
Key = Annotated[str, *_text(60, 1)]
SpotRef = Annotated[str, *_text(120, 1)]
RegionId = Annotated[str, *_text(80, 1)]


def _whole(value: object) -> object:
    """2.0 is the whole number 2, as JSON (and JSON Schema) count it; 2.5 stays refused."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


Nrs = Annotated[int, Field(ge=0, le=10), BeforeValidator(_whole)]
ItemValue = Annotated[int, Field(ge=-1000, le=1000), BeforeValidator(_whole)]
Order = Annotated[int, Field(ge=1, le=MAX_SPOTS), BeforeValidator(_whole)]
Finite = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]
Minutes = Annotated[float, Field(ge=0.5, le=30, allow_inf_nan=False)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class DailyRatingEntry(_Entry):
    """One day's rating: average pain over the last 24 hours, and now (0-10)."""

    day: date
    pain_average: Nrs
    pain_now: Nrs | None = None
    note: Note | None = None


class SpotEntry(_Entry):
    """One trigger point pressed in a session."""

    order: Order | None = Field(
        default=None, description="Ignored on import: the order is the list's."
    )
    trigger_point: SpotRef = Field(description="A knowledge-base reference, muscle/point.")
    side: Side = "both"
    tool: Text40 | None = None
    minutes: Minutes = 2.0
    pressure: Nrs | None = None
    recognised: Recognised = "unsure"


class SessionEntry(_Entry):
    """One self-treatment session and the spots pressed in it."""

    id: UUID | None = Field(default=None, description="Ignored on import: new ids are made.")
    day: date
    reason: Reason = "planned"
    pain_before: Nrs | None = None
    pain_after: Nrs | None = None
    pain_next_morning: Nrs | None = None
    adverse: Adverse = "none"
    routine: Text200 | None = None
    note: Note | None = None
    spots: Annotated[list[SpotEntry], Field(min_length=1, max_length=MAX_SPOTS)]


class InstrumentResponseEntry(_Entry):
    """A questionnaire: item values and the score, or a score typed from a licensed form."""

    instrument: Annotated[
        str, StringConstraints(min_length=1, max_length=60, pattern=r"^[a-z0-9_-]+$")
    ]
    version: Text20 | None = None
    day: date
    answers: Annotated[dict[Key, ItemValue], Field(max_length=200)] = {}
    labels: Annotated[dict[Key, Text80], Field(max_length=200)] = {}
    total: Finite
    subscales: Annotated[dict[Key, Finite], Field(max_length=50)] = {}
    band: Text80 | None = None
    typed_total: bool = False


class PainMapEntry(_Entry):
    """Where it hurt on a day: the body-map regions of a finder report."""

    day: date
    regions: Annotated[list[RegionId], Field(min_length=1, max_length=MAX_MAP_REGIONS)]
    note: Note | None = None
    report: Report | None = None


class DiaryExport(_Entry):
    """A whole diary, as exported and imported."""

    format: Literal["knotwork-diary"]
    version: Literal[1]
    exported_at: Text40 | None = Field(
        default=None, description="When the file was written (ISO 8601); not read on import."
    )
    daily_ratings: Annotated[list[DailyRatingEntry], Field(max_length=MAX_ROWS)] = []
    sessions: Annotated[list[SessionEntry], Field(max_length=MAX_ROWS)] = []
    instrument_responses: Annotated[list[InstrumentResponseEntry], Field(max_length=MAX_ROWS)] = []
    pain_maps: Annotated[list[PainMapEntry], Field(max_length=MAX_ROWS)] = []


# ------------------------------------------------------------------ reading a file


def read_export(doc: object) -> DiaryExport:
    """``doc`` (parsed JSON) as a diary export, or :class:`DiaryFileError` in words."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DiaryFileError(f'not a Knotwork diary export (no "format": "{FORMAT}")')
    if doc.get("version") != VERSION:
        raise DiaryFileError(
            f"export version {doc.get('version')!r}; this Knotwork reads {VERSION}"
        )
    for key in ("daily_ratings", "sessions", "instrument_responses", "pain_maps"):
        rows = doc.get(key, [])
        if isinstance(rows, list) and len(rows) > MAX_ROWS:
            raise DiaryFileError(f"{key} has {len(rows)} entries; at most {MAX_ROWS} are read")
    try:
        # through JSON text so that strict types apply as a JSON reader sees them
        text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
        return DiaryExport.model_validate_json(text)
    except (TypeError, ValueError) as exc:  # ValidationError is a ValueError
        if not isinstance(exc, ValidationError):
            raise DiaryFileError(f"not JSON data ({exc})") from None
        errors = exc.errors(include_url=False)
        more = len(errors) - 1
        tail = f" (and {more} more {'problem' if more == 1 else 'problems'})" if more else ""
        raise DiaryFileError(problem_in_words(errors[0]) + tail) from None


def problem_in_words(error: Any) -> str:
    """One Pydantic error as "entry: field must be ..., not ..."."""
    loc = list(error.get("loc", ()))
    entry, field = _where(loc)
    kind, value = error["type"], error.get("input")
    ctx = {k: f"{v:g}" if isinstance(v, float) else v for k, v in (error.get("ctx") or {}).items()}
    words = _WORDS.get(kind)
    said = words.format(**ctx) if words else str(error.get("msg", "is not accepted"))
    shown = "" if kind in ("missing", "extra_forbidden") else f", not {_short(value)}"
    if kind == "extra_forbidden":
        return f"{entry}: unknown field {field!r}" if entry else f"unknown field {field!r}"
    if not field:
        return f"{entry} {said}{shown}"
    return f"{entry}: {field} {said}{shown}" if entry else f"{field} {said}{shown}"


def _where(loc: list[Any]) -> tuple[str, str]:
    """('sessions', 2, 'spots', 0, 'minutes') -> ('sessions[3].spots[1]', 'minutes')."""
    last_index = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=-1)
    entry = ""
    for part in loc[: last_index + 1]:
        entry += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if entry else part)
    field = ".".join(str(p) for p in loc[last_index + 1 :] if p != "[key]")
    return entry, field


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_WORDS = {
    "missing": "is missing",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "string_too_long": "must be text of at most {max_length} characters",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "must be lower-case letters, digits, _ or -",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "literal_error": "must be {expected}",
    "date_type": "must be a date as YYYY-MM-DD",
    "date_parsing": "must be a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date as YYYY-MM-DD",
    "date_from_datetime_inexact": "must be a date as YYYY-MM-DD",
    "datetime_type": "must be a date and time (ISO 8601)",
    "datetime_parsing": "must be a date and time (ISO 8601)",
    "datetime_from_date_parsing": "must be a date and time (ISO 8601)",
    "uuid_type": "must be a UUID",
    "uuid_parsing": "must be a UUID",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "too_short": "must have at least {min_length} entries",
    "too_long": "must have at most {max_length} entries",
}
