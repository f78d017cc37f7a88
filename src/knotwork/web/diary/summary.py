"""A summary of the diary for a clinician: a page to read, and the same as an A4 PDF.

Pain week by week, the sessions and the spots pressed, bad effects, what seems to help,
questionnaires, where it hurt and planned tests, over a period the person chooses. The
PDF is made on request from a form (a name to print goes in the body, never in the URL or
the file name, and is not kept); the person's own notes go in only if they tick the box.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods

from knotwork.core.diary import what_helps
from knotwork.core.summary import PainSummary, pain_summary
from knotwork.web.diary import records
from knotwork.web.diary.access import diary_view
from knotwork.web.diary.charts import pain_chart
from knotwork.web.diary.models import (
    DailyRating,
    Experiment,
    InstrumentResponse,
    PainMap,
    Session,
    SessionSpot,
    owned,
)
from knotwork.web.diary.views import map_figures, plan_of, spot_name_of
from knotwork.web.kb import get_kb
from knotwork.web.pdf import pdf_of

PERIODS = (4, 12, 26, 52)
"""The periods offered, in weeks back from today."""
DEFAULT_WEEKS = 12
NAME_MAX = 120
MAPS_IN_TABLE = 6


@dataclass(frozen=True)
class SpotUse:
    """One spot over the period: how often, how long, on which sides, with what."""

    spot: str
    name: str
    sessions: int
    minutes: float
    sides: tuple[str, ...]
    tools: tuple[str, ...]
    recognised: int
    """Steps where the person said it brought on their familiar pain."""


@dataclass(frozen=True)
class BadEffect:
    day: datetime.date
    what: str
    spots: tuple[str, ...]


@dataclass(frozen=True)
class QuestionnaireLine:
    name: str
    count: int
    first_day: datetime.date
    first_total: float
    latest_day: datetime.date
    latest_total: float
    band: str
    change: str


def _weeks(value: str | None) -> int | None:
    """The period asked for, or None when it is not one offered."""
    if value in (None, ""):
        return DEFAULT_WEEKS
    try:
        weeks = int(value)
    except ValueError:
        return None
    return weeks if weeks in PERIODS else None


def _spot_uses(kb: Any, owner: Any, start: datetime.date, end: datetime.date) -> list[SpotUse]:
    steps = SessionSpot.objects.filter(
        session__in=owned(Session, owner).filter(day__gte=start, day__lte=end)
    ).only("session_id", "trigger_point", "side", "tool", "minutes", "recognised")
    by_spot: dict[str, list[SessionSpot]] = defaultdict(list)
    for step in steps:
        by_spot[step.trigger_point].append(step)
    uses = [
        SpotUse(
            spot=ref,
            name=spot_name_of(kb, ref),
            sessions=len({s.session_id for s in rows}),
            minutes=float(sum(s.minutes for s in rows)),
            sides=tuple(sorted({s.side for s in rows})),
            tools=tuple(sorted({_tool_name(kb, s.tool) for s in rows if s.tool})),
            recognised=sum(1 for s in rows if s.recognised == SessionSpot.Recognised.yes),
        )
        for ref, rows in by_spot.items()
    ]
    return sorted(uses, key=lambda u: (-u.sessions, u.name))


def _tool_name(kb: Any, tool: str) -> str:
    found = kb.tools.get(tool)
    return str(found.label) if found is not None else tool


def _bad_effects(kb: Any, sessions: list[Session]) -> list[BadEffect]:
    return [
        BadEffect(
            s.day,
            s.get_adverse_display(),
            tuple(spot_name_of(kb, sp.trigger_point) for sp in s.spots.all()),
        )
        for s in sessions
        if s.adverse != Session.Adverse.none
    ]


def _questionnaires(
    owner: Any, start: datetime.date, end: datetime.date
) -> list[QuestionnaireLine]:
    from knotwork.core.instruments import change_text, load_instruments

    lines = []
    for inst in load_instruments().values():
        mine = list(
            owned(InstrumentResponse, owner)
            .filter(instrument=inst.id, day__gte=start, day__lte=end)
            .order_by("day", "created_at")
        )
        if not mine:
            continue
        first, latest = mine[0], mine[-1]
        lines.append(
            QuestionnaireLine(
                name=inst.name,
                count=len(mine),
                first_day=first.day,
                first_total=first.total,
                latest_day=latest.day,
                latest_total=latest.total,
                band=latest.band,
                change=change_text(inst, first.total, latest.total) if len(mine) > 1 else "",
            )
        )
    return lines


def _tests(kb: Any, owner: Any, start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    from knotwork.core.trial import analyse

    out = []
    for e in owned(Experiment, owner):
        p = plan_of(e)
        if p.end < start or p.start > end:
            continue
        result = None
        if timezone.localdate() > p.end:
            pain = {
                r.day: r.pain_average
                for r in owned(DailyRating, owner).filter(
                    day__gte=p.start, day__lte=p.end + datetime.timedelta(days=1)
                )
            }
            result = analyse(p, pain, seed=e.seed % (2**32)).summary
        out.append({"spot": spot_name_of(kb, e.spot), "plan": p, "result": result})
    return out


def summary_context(owner: Any, weeks: int, *, notes: bool) -> dict[str, Any]:
    """Everything the summary shows, for the page and the PDF alike."""
    kb = get_kb()
    end = timezone.localdate()
    start = end - datetime.timedelta(days=weeks * 7 - 1)
    ratings = list(owned(DailyRating, owner).filter(day__gte=start, day__lte=end).order_by("day"))
    sessions = list(
        owned(Session, owner)
        .filter(day__gte=start, day__lte=end)
        .prefetch_related("spots")
        .order_by("day")
    )
    pain: PainSummary = pain_summary(
        records.day_pains(owner), records.treated_days(owner), start, end
    )
    reasons: dict[str, int] = defaultdict(int)
    for s in sessions:
        reasons[s.get_reason_display()] += 1
    maps = list(owned(PainMap, owner).filter(day__gte=start, day__lte=end))
    columns = list(reversed(maps[:MAPS_IN_TABLE]))
    areas = list(dict.fromkeys(r for m in columns for r in m.regions))
    findings = what_helps(records.day_pains(owner), records.treated_days(owner))
    return {
        "weeks": weeks,
        "periods": PERIODS,
        "start": start,
        "end": end,
        "start_text": date_format(start, "j F Y"),
        "end_text": date_format(end, "j F Y"),
        "pain": pain,
        "chart": pain_chart(ratings, sessions, start, end),
        "reasons": sorted(reasons.items(), key=lambda kv: -kv[1]),
        "spot_uses": _spot_uses(kb, owner, start, end),
        "bad_effects": _bad_effects(kb, sessions),
        "findings": [(spot_name_of(kb, f.spot), f) for f in findings],
        "questionnaires": _questionnaires(owner, start, end),
        "maps_total": len(maps),
        "map_columns": columns,
        "map_table": [
            (kb.regions[r].label if r in kb.regions else r, [r in m.regions for m in columns])
            for r in areas
        ],
        "latest_map": (
            {
                "entry": maps[0],
                "figures": map_figures(kb, list(maps[0].regions), "sum", maps[0].day),
                "labels": [kb.regions[r].label if r in kb.regions else r for r in maps[0].regions],
            }
            if maps
            else None
        ),
        "tests": _tests(kb, owner, start, end),
        "notes": (
            [(r.day, r.note) for r in ratings if r.note]
            + [(s.day, s.note) for s in sessions if s.note]
            if notes
            else []
        ),
        "with_notes": notes,
    }


@diary_view
@require_http_methods(["GET", "POST"])
def summary(request: HttpRequest) -> HttpResponse:
    """/diary/summary/: the summary to read (GET ?weeks=N); POST gives it as a PDF."""
    source = request.POST if request.method == "POST" else request.GET
    weeks = _weeks(source.get("weeks"))
    name = source.get("name", "").strip() if request.method == "POST" else ""
    errors = []
    if weeks is None:
        errors.append(
            "Choose a period of "
            + ", ".join(str(p) for p in PERIODS[:-1])
            + f" or {PERIODS[-1]} weeks."
        )
    if len(name) > NAME_MAX:
        errors.append(f"A name to print is at most {NAME_MAX} characters.")
    notes = source.get("notes") == "1"
    context = summary_context(request.owner, weeks or DEFAULT_WEEKS, notes=notes)  # type: ignore[attr-defined]
    context.update(errors=errors, name=name)
    if request.method == "POST" and not errors:
        context["today_text"] = date_format(timezone.localdate(), "j F Y")
        html = render_to_string("diary/summary_print.html", context, request)
        response = HttpResponse(pdf_of(html), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="knotwork-diary-summary-{timezone.localdate()}.pdf"'
        )
        return response
    return render(request, "diary/summary.html", context, status=400 if errors else 200)
