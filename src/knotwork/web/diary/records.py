"""One owner's diary rows as core's typed records, and as the export and import formats.

The JSON export is one document (``schema/diary-export.schema.json``, version 1) that
:func:`import_json` reads back whole; the CSV files are the same rows, one table each.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Container, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from knotwork.core.diary import REASONS, DayPain, TreatedDay
from knotwork.web.diary.models import (
    DailyRating,
    InstrumentResponse,
    PainMap,
    Session,
    SessionSpot,
    owned,
)

EXPORT_VERSION = 1
MAX_IMPORT_ROWS = 20_000
CSV_TABLES = {
    "daily_ratings": ["day", "pain_average", "pain_now", "note", "updated_at"],
    "sessions": [
        "session_id",
        "day",
        "reason",
        "pain_before",
        "pain_after",
        "pain_next_morning",
        "adverse",
        "routine",
        "note",
    ],
    "session_spots": [
        "session_id",
        "order",
        "trigger_point",
        "side",
        "tool",
        "minutes",
        "pressure",
        "recognised",
    ],
    "instrument_responses": [
        "instrument",
        "version",
        "day",
        "total",
        "band",
        "typed_total",
        "answers",
        "labels",
    ],
    "pain_maps": ["day", "regions", "note"],
}
MAX_MAP_REGIONS = 400
"""More regions than the body map has (168) are not one person's marks."""


def day_pains(owner: Any) -> list[DayPain]:
    return [
        DayPain(r.day, r.pain_average)
        for r in owned(DailyRating, owner).order_by("day").only("day", "pain_average")
    ]


def treated_days(owner: Any) -> list[TreatedDay]:
    out = []
    for s in owned(Session, owner).prefetch_related("spots").order_by("day"):
        spots = frozenset(sp.trigger_point for sp in s.spots.all())
        if spots:
            reason = s.reason if s.reason in REASONS else "other"
            out.append(
                TreatedDay(s.day, spots, reason, s.pain_before, s.pain_after, s.pain_next_morning)
            )
    return out


def counts(owner: Any) -> dict[str, int]:
    return {
        "ratings": owned(DailyRating, owner).count(),
        "sessions": owned(Session, owner).count(),
        "questionnaires": owned(InstrumentResponse, owner).count(),
        "maps": owned(PainMap, owner).count(),
    }


def delete_everything(owner: Any) -> None:
    owned(Session, owner).delete()  # its spots go with it
    owned(DailyRating, owner).delete()
    owned(InstrumentResponse, owner).delete()
    owned(PainMap, owner).delete()


def export_json(owner: Any) -> dict[str, Any]:
    sessions = owned(Session, owner).prefetch_related("spots").order_by("day", "created_at")
    return {
        "format": "knotwork-diary",
        "version": EXPORT_VERSION,
        "exported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "daily_ratings": [
            {
                "day": r.day.isoformat(),
                "pain_average": r.pain_average,
                "pain_now": r.pain_now,
                "note": r.note,
            }
            for r in owned(DailyRating, owner).order_by("day")
        ],
        "sessions": [
            {
                "id": str(s.id),
                "day": s.day.isoformat(),
                "reason": s.reason,
                "pain_before": s.pain_before,
                "pain_after": s.pain_after,
                "pain_next_morning": s.pain_next_morning,
                "adverse": s.adverse,
                "routine": s.routine,
                "note": s.note,
                "spots": [
                    {
                        "order": sp.order,
                        "trigger_point": sp.trigger_point,
                        "side": sp.side,
                        "tool": sp.tool,
                        "minutes": float(sp.minutes),
                        "pressure": sp.pressure,
                        "recognised": sp.recognised,
                    }
                    for sp in s.spots.all()
                ],
            }
            for s in sessions
        ],
        "instrument_responses": [
            {
                "instrument": r.instrument,
                "version": r.version,
                "day": r.day.isoformat(),
                "answers": r.answers,
                "labels": r.labels,
                "total": r.total,
                "subscales": r.subscales,
                "band": r.band,
                "typed_total": r.typed_total,
            }
            for r in owned(InstrumentResponse, owner).order_by("day", "created_at")
        ],
        "pain_maps": [
            {
                "day": m.day.isoformat(),
                "regions": list(m.regions),
                "note": m.note,
                "report": m.report,
            }
            for m in owned(PainMap, owner).order_by("day", "created_at")
        ],
    }


def export_csv(owner: Any, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_TABLES[table])
    doc = export_json(owner)
    if table == "daily_ratings":
        for r in owned(DailyRating, owner).order_by("day"):
            writer.writerow(
                [
                    r.day,
                    r.pain_average,
                    _blank(r.pain_now),
                    r.note,
                    r.updated_at.isoformat(timespec="seconds"),
                ]
            )
    elif table == "sessions":
        for s in doc["sessions"]:
            writer.writerow(
                [
                    s["id"],
                    s["day"],
                    s["reason"],
                    _blank(s["pain_before"]),
                    _blank(s["pain_after"]),
                    _blank(s["pain_next_morning"]),
                    s["adverse"],
                    s["routine"],
                    s["note"],
                ]
            )
    elif table == "session_spots":
        for s in doc["sessions"]:
            for sp in s["spots"]:
                writer.writerow(
                    [
                        s["id"],
                        sp["order"],
                        sp["trigger_point"],
                        sp["side"],
                        sp["tool"],
                        sp["minutes"],
                        _blank(sp["pressure"]),
                        sp["recognised"],
                    ]
                )
    elif table == "pain_maps":
        for m in doc["pain_maps"]:
            writer.writerow([m["day"], " ".join(m["regions"]), m["note"]])
    else:
        import json

        for r in doc["instrument_responses"]:
            writer.writerow(
                [
                    r["instrument"],
                    r["version"],
                    r["day"],
                    r["total"],
                    r["band"],
                    r["typed_total"],
                    json.dumps(r["answers"]),
                    json.dumps(r["labels"]),
                ]
            )
    return out.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value


class ImportError_(ValueError):
    """An import file that cannot be read, named by entry and field."""


def _int(entry: str, field: str, value: object, lo: int, hi: int, *, optional: bool) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ImportError_(
            f"{entry}: {field} must be a whole number from {lo} to {hi}, not {value!r}"
        )
    return value


def _day(entry: str, value: object) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ImportError_(f"{entry}: day must be a date as YYYY-MM-DD, not {value!r}") from None


def _choice(entry: str, field: str, value: object, choices: Iterable[str], default: str) -> str:
    if value in (None, ""):
        return default
    allowed = list(choices)
    if value not in allowed:
        raise ImportError_(f"{entry}: {field} must be one of {', '.join(allowed)}, not {value!r}")
    return str(value)


def _text(entry: str, field: str, value: object, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > limit:
        raise ImportError_(f"{entry}: {field} must be text of at most {limit} characters")
    return value


def import_json(
    owner: Any, doc: object, known_regions: Container[str] | None = None
) -> dict[str, int]:
    """Add an exported diary to ``owner``'s, all or nothing. Ratings of a day already in
    the diary replace it; sessions, questionnaires and body maps are added. With
    ``known_regions``, a body map naming another region is refused."""
    if not isinstance(doc, dict) or doc.get("format") != "knotwork-diary":
        raise ImportError_('not a Knotwork diary export (no "format": "knotwork-diary")')
    if doc.get("version") != EXPORT_VERSION:
        raise ImportError_(
            f"export version {doc.get('version')!r}; this Knotwork reads {EXPORT_VERSION}"
        )
    lists = {}
    for key in ("daily_ratings", "sessions", "instrument_responses", "pain_maps"):
        value = doc.get(key, [])
        if not isinstance(value, list):
            raise ImportError_(f"{key} must be a list")
        if len(value) > MAX_IMPORT_ROWS:
            raise ImportError_(
                f"{key} has {len(value)} entries; at most {MAX_IMPORT_ROWS} are read"
            )
        lists[key] = value
    ratings = _read_ratings(lists["daily_ratings"])
    sessions = _read_sessions(lists["sessions"])
    responses = _read_responses(lists["instrument_responses"])
    maps = _read_maps(lists["pain_maps"], known_regions)
    with transaction.atomic():
        for r in ratings:
            DailyRating.objects.update_or_create(
                owner=owner, day=r["day"], defaults={k: v for k, v in r.items() if k != "day"}
            )
        for fields, spot_rows in sessions:
            session = Session.objects.create(owner=owner, **fields)
            SessionSpot.objects.bulk_create(SessionSpot(session=session, **sp) for sp in spot_rows)
        for r in responses:
            InstrumentResponse.objects.create(owner=owner, **r)
        PainMap.objects.bulk_create(PainMap(owner=owner, **m) for m in maps)
    return {
        "ratings": len(ratings),
        "sessions": len(sessions),
        "questionnaires": len(responses),
        "maps": len(maps),
    }


def _read_ratings(rows: list[Any]) -> list[dict[str, Any]]:
    ratings: list[dict[str, Any]] = []
    for i, r in enumerate(rows, start=1):
        entry = f"daily_ratings[{i}]"
        if not isinstance(r, dict):
            raise ImportError_(f"{entry} must be an object")
        ratings.append(
            {
                "day": _day(entry, r.get("day")),
                "pain_average": _int(
                    entry, "pain_average", r.get("pain_average"), 0, 10, optional=False
                ),
                "pain_now": _int(entry, "pain_now", r.get("pain_now"), 0, 10, optional=True),
                "note": _text(entry, "note", r.get("note"), 2000),
            }
        )
    return ratings


def _read_sessions(rows: list[Any]) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    sessions: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    for i, s in enumerate(rows, start=1):
        entry = f"sessions[{i}]"
        if not isinstance(s, dict):
            raise ImportError_(f"{entry} must be an object")
        spots = s.get("spots", [])
        if not isinstance(spots, list) or not 1 <= len(spots) <= 20:
            raise ImportError_(f"{entry}: spots must be a list of 1 to 20 spots")
        spot_rows = []
        for j, sp in enumerate(spots, start=1):
            where = f"{entry}.spots[{j}]"
            if not isinstance(sp, dict):
                raise ImportError_(f"{where} must be an object")
            try:
                minutes = Decimal(str(sp.get("minutes")))
            except InvalidOperation:
                raise ImportError_(f"{where}: minutes must be a number") from None
            if not Decimal("0.5") <= minutes <= 30:
                raise ImportError_(f"{where}: minutes must be from 0.5 to 30")
            spot_rows.append(
                {
                    "order": j,
                    "trigger_point": _text(where, "trigger_point", sp.get("trigger_point"), 120)
                    or _missing(where, "trigger_point"),
                    "side": _choice(where, "side", sp.get("side"), SessionSpot.Side.values, "both"),
                    "tool": _text(where, "tool", sp.get("tool"), 40),
                    "minutes": minutes.quantize(Decimal("0.1")),
                    "pressure": _int(where, "pressure", sp.get("pressure"), 0, 10, optional=True),
                    "recognised": _choice(
                        where,
                        "recognised",
                        sp.get("recognised"),
                        SessionSpot.Recognised.values,
                        "unsure",
                    ),
                }
            )
        sessions.append(
            (
                {
                    "day": _day(entry, s.get("day")),
                    "reason": _choice(
                        entry, "reason", s.get("reason"), Session.Reason.values, "planned"
                    ),
                    "pain_before": _int(
                        entry, "pain_before", s.get("pain_before"), 0, 10, optional=True
                    ),
                    "pain_after": _int(
                        entry, "pain_after", s.get("pain_after"), 0, 10, optional=True
                    ),
                    "pain_next_morning": _int(
                        entry,
                        "pain_next_morning",
                        s.get("pain_next_morning"),
                        0,
                        10,
                        optional=True,
                    ),
                    "adverse": _choice(
                        entry, "adverse", s.get("adverse"), Session.Adverse.values, "none"
                    ),
                    "routine": _text(entry, "routine", s.get("routine"), 200),
                    "note": _text(entry, "note", s.get("note"), 2000),
                },
                spot_rows,
            )
        )
    return sessions


def _read_responses(rows: list[Any]) -> list[dict[str, Any]]:
    responses: list[dict[str, Any]] = []
    for i, r in enumerate(rows, start=1):
        entry = f"instrument_responses[{i}]"
        if not isinstance(r, dict):
            raise ImportError_(f"{entry} must be an object")
        total = r.get("total")
        if isinstance(total, bool) or not isinstance(total, (int, float)):
            raise ImportError_(f"{entry}: total must be a number")
        answers, labels, subs = r.get("answers", {}), r.get("labels", {}), r.get("subscales", {})
        if not all(isinstance(x, dict) for x in (answers, labels, subs)):
            raise ImportError_(f"{entry}: answers, labels and subscales must be objects")
        responses.append(
            {
                "instrument": _text(entry, "instrument", r.get("instrument"), 60)
                or _missing(entry, "instrument"),
                "version": _text(entry, "version", r.get("version"), 20),
                "day": _day(entry, r.get("day")),
                "answers": answers,
                "labels": labels,
                "subscales": subs,
                "total": float(total),
                "band": _text(entry, "band", r.get("band"), 80),
                "typed_total": bool(r.get("typed_total", False)),
            }
        )
    return responses


def _read_maps(rows: list[Any], known_regions: Container[str] | None) -> list[dict[str, Any]]:
    maps: list[dict[str, Any]] = []
    for i, m in enumerate(rows, start=1):
        entry = f"pain_maps[{i}]"
        if not isinstance(m, dict):
            raise ImportError_(f"{entry} must be an object")
        regions = m.get("regions")
        if (
            not isinstance(regions, list)
            or not 1 <= len(regions) <= MAX_MAP_REGIONS
            or not all(isinstance(r, str) and 0 < len(r) <= 80 for r in regions)
        ):
            raise ImportError_(
                f"{entry}: regions must be a list of 1 to {MAX_MAP_REGIONS} region ids"
            )
        if known_regions is not None:
            unknown = [r for r in regions if r not in known_regions]
            if unknown:
                raise ImportError_(f"{entry}: no body region {unknown[0]!r}")
        maps.append(
            {
                "day": _day(entry, m.get("day")),
                "regions": list(dict.fromkeys(regions)),
                "note": _text(entry, "note", m.get("note"), 2000),
                "report": _text(entry, "report", m.get("report"), 4000),
            }
        )
    return maps


def _missing(entry: str, field: str) -> str:
    raise ImportError_(f"{entry}: {field} is missing")
