"""One owner's diary rows as core's typed records, and as the export and import formats.

The JSON export is one document (``schema/diary-export.schema.json``, version 1, defined
in ``core.diary_export``) that :func:`import_json` reads back whole; the CSV files are the
same rows, one table each.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter
from collections.abc import Container
from decimal import Decimal
from typing import Any

from django.db import transaction

from knotwork.core.diary import REASONS, DayPain, TreatedDay
from knotwork.core.diary_export import FORMAT, VERSION, DiaryFileError, read_export
from knotwork.web.diary.models import (
    DailyRating,
    InstrumentResponse,
    PainMap,
    Session,
    SessionSpot,
    owned,
)

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
        "format": FORMAT,
        "version": VERSION,
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


ImportError_ = DiaryFileError
"""An import file that cannot be read, named by entry and field."""


def import_json(
    owner: Any, doc: object, known_regions: Container[str] | None = None
) -> dict[str, int]:
    """Add an exported diary to ``owner``'s, all or nothing. A rating of a day already in
    the diary replaces it; sessions, questionnaires and body maps are added, except those
    the diary already has (so importing a file twice adds nothing the second time; two
    alike in the file are both kept). With ``known_regions``, a body map naming another
    region is refused. Returns how many of each were added, and ``"already"``: how many
    were in the diary already."""
    export = read_export(doc)
    if known_regions is not None:
        for i, m in enumerate(export.pain_maps, start=1):
            unknown = [r for r in m.regions if r not in known_regions]
            if unknown:
                raise ImportError_(f"pain_maps[{i}]: no body region {unknown[0]!r}")
    with transaction.atomic():
        have = _keys_in_diary(owner)
        for r in export.daily_ratings:
            DailyRating.objects.update_or_create(
                owner=owner,
                day=r.day,
                defaults={
                    "pain_average": r.pain_average,
                    "pain_now": r.pain_now,
                    "note": r.note or "",
                },
            )
        sessions = [s for s in export.sessions if not _seen(have, _session_key(s.model_dump()))]
        for s in sessions:
            session = Session.objects.create(
                owner=owner,
                day=s.day,
                reason=s.reason,
                pain_before=s.pain_before,
                pain_after=s.pain_after,
                pain_next_morning=s.pain_next_morning,
                adverse=s.adverse,
                routine=s.routine or "",
                note=s.note or "",
            )
            SessionSpot.objects.bulk_create(
                SessionSpot(
                    session=session,
                    order=n,
                    trigger_point=sp.trigger_point,
                    side=sp.side,
                    tool=sp.tool or "",
                    minutes=_minutes(sp.minutes),
                    pressure=sp.pressure,
                    recognised=sp.recognised,
                )
                for n, sp in enumerate(s.spots, start=1)
            )
        responses = [
            q for q in export.instrument_responses if not _seen(have, _response_key(q.model_dump()))
        ]
        for q in responses:
            InstrumentResponse.objects.create(
                owner=owner,
                instrument=q.instrument,
                version=q.version or "",
                day=q.day,
                answers=dict(q.answers),
                labels=dict(q.labels),
                total=q.total,
                subscales=dict(q.subscales),
                band=q.band or "",
                typed_total=q.typed_total,
            )
        maps = [m for m in export.pain_maps if not _seen(have, _map_key(m.model_dump()))]
        PainMap.objects.bulk_create(
            PainMap(
                owner=owner,
                day=m.day,
                regions=list(dict.fromkeys(m.regions)),
                note=m.note or "",
                report=m.report or "",
            )
            for m in maps
        )
    given = len(export.sessions) + len(export.instrument_responses) + len(export.pain_maps)
    return {
        "ratings": len(export.daily_ratings),
        "sessions": len(sessions),
        "questionnaires": len(responses),
        "maps": len(maps),
        "already": given - len(sessions) - len(responses) - len(maps),
    }


def _minutes(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"))


def _session_key(s: dict[str, Any]) -> tuple[object, ...]:
    spots = tuple(
        (
            sp["trigger_point"],
            sp["side"],
            sp["tool"] or "",
            _minutes(sp["minutes"]),
            sp["pressure"],
            sp["recognised"],
        )
        for sp in s["spots"]
    )
    fields = ("reason", "pain_before", "pain_after", "pain_next_morning", "adverse")
    return ("s", str(s["day"]), *(s[k] for k in fields), s["routine"] or "", s["note"] or "", spots)


def _response_key(q: dict[str, Any]) -> tuple[object, ...]:
    import json

    return (
        "q",
        q["instrument"],
        q["version"] or "",
        str(q["day"]),
        float(q["total"]),
        bool(q["typed_total"]),
        json.dumps(q["answers"], sort_keys=True),
        json.dumps(q["labels"], sort_keys=True),
    )


def _map_key(m: dict[str, Any]) -> tuple[object, ...]:
    regions = tuple(dict.fromkeys(m["regions"]))
    return ("m", str(m["day"]), regions, m["note"] or "", m["report"] or "")


def _keys_in_diary(owner: Any) -> Counter[tuple[object, ...]]:
    """Every session, questionnaire and body map in the diary, as comparable keys."""
    doc = export_json(owner)
    keys: Counter[tuple[object, ...]] = Counter()
    keys.update(_session_key(s) for s in doc["sessions"])
    keys.update(_response_key(q) for q in doc["instrument_responses"])
    keys.update(_map_key(m) for m in doc["pain_maps"])
    return keys


def _seen(have: Counter[tuple[object, ...]], key: tuple[object, ...]) -> bool:
    """True (and one fewer left to match) when the diary already has an entry like this."""
    if have[key] > 0:
        have[key] -= 1
        return True
    return False
