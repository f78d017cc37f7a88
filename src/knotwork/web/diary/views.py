"""The diary's pages: today's rating, sessions, what seems to help, export and delete.

Every view is wrapped in :func:`diary_view` (the owner, or the login page; no-store),
and reaches rows only through :func:`owned`, so another person's id is a 404.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knotwork.core.diary import what_helps
from knotwork.core.diary_export import MAX_MAP_REGIONS
from knotwork.core.diary_fhir import bundle
from knotwork.core.words import whole_number
from knotwork.web.diary import records
from knotwork.web.diary.access import diary_view, local_mode
from knotwork.web.diary.charts import pain_chart, relief_chart
from knotwork.web.diary.forms import (
    DeleteAccountForm,
    DeleteEverythingForm,
    RatingForm,
    SessionForm,
    SessionUpdateForm,
)
from knotwork.web.diary.models import (
    DailyRating,
    Experiment,
    InstrumentResponse,
    PainMap,
    Session,
    SessionSpot,
    owned,
)
from knotwork.web.kb import get_kb

HISTORY_DAYS = 90


def _owner(request: HttpRequest) -> Any:
    return request.owner  # type: ignore[attr-defined]


@diary_view
@require_http_methods(["GET", "POST"])
def today(request: HttpRequest) -> HttpResponse:
    """/diary/: one slider and "done"; the last weeks below it."""
    owner = _owner(request)
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                DailyRating.objects.update_or_create(
                    owner=owner,
                    day=data["day"],
                    defaults={
                        "pain_average": data["pain_average"],
                        "pain_now": data["pain_now"],
                        "note": data["note"],
                    },
                )
            return HttpResponseRedirect(reverse("diary") + f"?saved={data['day']}")
        status = 400
    else:
        day = timezone.localdate()
        mine = owned(DailyRating, owner).filter(day=day).first()
        form = RatingForm(
            initial={
                "day": day,
                "pain_average": mine.pain_average if mine else 5,
                "pain_now": mine.pain_now if mine else None,
                "note": mine.note if mine else "",
            }
        )
        status = 200
    since = timezone.localdate() - datetime.timedelta(days=HISTORY_DAYS - 1)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # yesterday's sessions still without the morning after
    waiting = list(
        owned(Session, owner)
        .filter(day__gte=yesterday, day__lt=timezone.localdate(), pain_next_morning__isnull=True)
        .order_by("day")[:3]
    )
    ratings = list(owned(DailyRating, owner).filter(day__gte=since).order_by("day"))
    sessions = list(
        owned(Session, owner).filter(day__gte=since).prefetch_related("spots").order_by("day")
    )
    kb = get_kb()
    return render(
        request,
        "diary/today.html",
        {
            "form": form,
            "saved": request.GET.get("saved", ""),
            "ratings": list(reversed(ratings))[:14],
            "sessions": list(reversed(sessions))[:10],
            "chart": pain_chart(ratings, sessions, since, timezone.localdate()),
            "spot_name": lambda ref: spot_name_of(kb, ref),
            "local": local_mode(request),
            "waiting": waiting,
        },
        status=status,
    )


def spot_name_of(kb: Any, ref: str) -> str:
    rec = kb.trigger_points.get(ref)
    return f"{rec.muscle.name}: {rec.point.name}" if rec else ref


@diary_view
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest) -> HttpResponse:
    """/diary/sessions/new/: log a session (prefilled from a routine's ``tp=`` values)."""
    owner = _owner(request)
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                session = Session.objects.create(
                    owner=owner,
                    day=data["day"],
                    reason=data["reason"],
                    pain_before=data["pain_before"],
                    pain_after=data["pain_after"],
                    pain_next_morning=data["pain_next_morning"],
                    adverse=data["adverse"],
                    note=data["note"],
                    routine=request.POST.get("routine", "")[:200],
                )
                SessionSpot.objects.bulk_create(
                    SessionSpot(session=session, **spot) for spot in form.spots()
                )
            return HttpResponseRedirect(reverse("diary-session", args=[session.id]))
        status = 400
    else:
        initial: dict[str, Any] = {"day": timezone.localdate(), "reason": "planned"}
        # the routine's steps, muscle/point:side:minutes[:position:tool], prefill the spots
        for n, value in enumerate(request.GET.getlist("tp")[:6], start=1):
            ref, side, minutes, _position, tool = ([*value.split(":")[:5], "", "", "", ""])[:5]
            initial |= {
                f"spot{n}": ref,
                f"side{n}": side or "both",
                f"minutes{n}": minutes or 2,
                f"tool{n}": tool,
            }
        form = SessionForm(initial=initial)
        status = 200
    return render(request, "diary/session_new.html", {"form": form}, status=status)


MAX_TIMED_STEPS = 20
MIN_TIMED_SECONDS = 15
"""A step run for less than this (skipped with "Next step") is not logged."""


@diary_view
@require_POST
def session_timed(request: HttpRequest) -> JsonResponse:
    """/diary/sessions/timed/: the routine's timer logs the session it ran when it ends.

    The page sends each step (``step``: muscle/point:side:minutes:position:tool), the
    seconds it actually ran (``seconds``) and the last pressure check (``pressure``, may
    be empty). Steps skipped within 15 seconds are left out; the answer is the new
    session's address, where the person adds how it felt.
    """
    from knotwork.core.routine import PlanError, StepSpec

    owner = _owner(request)
    kb = get_kb()
    specs = request.POST.getlist("step")[: MAX_TIMED_STEPS + 1]
    seconds = request.POST.getlist("seconds")[: MAX_TIMED_STEPS + 1]
    pressures = request.POST.getlist("pressure")[: MAX_TIMED_STEPS + 1]
    if not specs or len(specs) > MAX_TIMED_STEPS or len(seconds) != len(specs):
        return JsonResponse(
            {"error": f"send 1 to {MAX_TIMED_STEPS} steps, each with its seconds"}, status=400
        )
    spots: list[SessionSpot] = []
    for n, (text, secs) in enumerate(zip(specs, seconds, strict=True), start=1):
        try:
            spec = StepSpec.parse(text[:200])
        except PlanError as exc:
            return JsonResponse({"error": f"step {n}: {exc}"}, status=400)
        if spec.ref not in kb.trigger_points:
            return JsonResponse({"error": f"step {n}: no trigger point {spec.ref!r}"}, status=400)
        ran = whole_number(secs, most_digits=5)
        if ran is None:
            return JsonResponse({"error": f"step {n}: seconds must be a whole number"}, status=400)
        if ran < MIN_TIMED_SECONDS:
            continue
        pressure = whole_number(pressures[n - 1], most_digits=2) if n <= len(pressures) else None
        spots.append(
            SessionSpot(
                order=len(spots) + 1,
                trigger_point=spec.ref,
                side=spec.side,
                tool=(spec.tool or "")[:40] if (spec.tool or "") in kb.tools else "",
                minutes=min(30, max(0.5, round(ran / 30) / 2)),
                pressure=pressure if pressure is not None and pressure <= 10 else None,
            )
        )
    if not spots:
        return JsonResponse({"error": "no step ran for 15 seconds or more"}, status=400)
    with transaction.atomic():
        session = Session.objects.create(
            owner=owner,
            day=timezone.localdate(),
            reason=Session.Reason.planned,
            routine=("timer: " + request.POST.get("routine", ""))[:200],
        )
        for spot in spots:
            spot.session = session
        SessionSpot.objects.bulk_create(spots)
    url = reverse("diary-session", args=[session.id])
    return JsonResponse({"session": url, "spots": len(spots)}, status=201)


def _session_or_404(request: HttpRequest, session_id: uuid.UUID) -> Session:
    found = owned(Session, _owner(request)).filter(id=session_id).first()
    if found is None:
        raise Http404("No such session in your diary.")
    return found


@diary_view
def session_detail(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session_or_404(request, session_id)
    form = SessionUpdateForm(initial={f: getattr(session, f) for f in SessionUpdateForm.FIELDS})
    return _session_page(request, session, form, 200)


def _session_page(request: HttpRequest, session: Session, form: Any, status: int) -> HttpResponse:
    kb = get_kb()
    return render(
        request,
        "diary/session.html",
        {
            "session": session,
            "spots": list(session.spots.all()),
            "spot_name": lambda ref: spot_name_of(kb, ref),
            "tool_name": lambda t: kb.tools[t].label if t in kb.tools else t,
            "felt_form": form,
            "saved": request.GET.get("saved", ""),
        },
        status=status,
    )


@diary_view
@require_POST
def session_update(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    """How a session felt, added or corrected later: the next morning, or after the timer."""
    session = _session_or_404(request, session_id)
    form = SessionUpdateForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, form, 400)
    for field in SessionUpdateForm.FIELDS:
        setattr(session, field, form.cleaned_data[field])
    session.save(update_fields=[*SessionUpdateForm.FIELDS, "updated_at"])
    return HttpResponseRedirect(reverse("diary-session", args=[session.id]) + "?saved=felt")


@diary_view
@require_POST
def session_delete(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    _session_or_404(request, session_id).delete()
    return HttpResponseRedirect(reverse("diary") + "?deleted=1")


@diary_view
def helps(request: HttpRequest) -> HttpResponse:
    """/diary/helps/: what seems to help, in the honest tiers of core.diary."""
    owner = _owner(request)
    findings = what_helps(records.day_pains(owner), records.treated_days(owner))
    kb = get_kb()
    relief = [(spot_name_of(kb, f.spot), f.relief) for f in findings if f.relief is not None]
    return render(
        request,
        "diary/helps.html",
        {
            "findings": findings,
            "spot_name": lambda ref: spot_name_of(kb, ref),
            "relief": relief,
            "relief_chart": relief_chart(relief) if relief else "",
        },
    )


@diary_view
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """/diary/export.json, and the CSV files one by one."""
    owner = _owner(request)
    if fmt == "json":
        response: HttpResponse = JsonResponse(
            records.export_json(owner), json_dumps_params={"indent": 1}
        )
        response["Content-Disposition"] = 'attachment; filename="knotwork-diary.json"'
        return response
    if fmt == "fhir":
        kb = get_kb()
        response = JsonResponse(
            bundle(
                records.export_json(owner),
                person=str(owner.pk),
                spot_name=lambda ref: spot_name_of(kb, ref),
                region_name=lambda r: kb.regions[r].label if r in kb.regions else r,
            ),
            json_dumps_params={"indent": 1},
            content_type="application/fhir+json",
        )
        response["Content-Disposition"] = 'attachment; filename="knotwork-diary.fhir.json"'
        return response
    table = records.CSV_TABLES.get(fmt)
    if table is None:
        raise Http404("No such export.")
    response = HttpResponse(records.export_csv(owner, fmt), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{fmt}.csv"'
    return response


@diary_view
@require_http_methods(["GET", "POST"])
def delete_everything(request: HttpRequest) -> HttpResponse:
    owner = _owner(request)
    if request.method == "POST":
        form = DeleteEverythingForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                records.delete_everything(owner)
            return HttpResponseRedirect(reverse("diary") + "?deleted=all")
        status = 400
    else:
        form = DeleteEverythingForm()
        status = 200
    counts = records.counts(owner)
    return render(request, "diary/delete.html", {"form": form, "counts": counts}, status=status)


@diary_view
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """/diary/account/delete/: an account and its whole diary, gone (hosted installs)."""
    owner = _owner(request)
    if local_mode(request):
        return HttpResponseRedirect(reverse("diary-delete"))
    if request.method == "POST":
        form = DeleteAccountForm(owner, request.POST)
        if form.is_valid():
            from django.contrib.auth import logout

            with transaction.atomic():
                records.delete_everything(owner)
                owner.delete()
            logout(request)
            return HttpResponseRedirect("/?account=deleted")
        status = 400
    else:
        form = DeleteAccountForm(owner)
        status = 200
    counts = records.counts(owner)
    return render(
        request, "diary/delete_account.html", {"form": form, "counts": counts}, status=status
    )


def _instruments() -> dict[str, Any]:
    from knotwork.core.instruments import load_instruments

    return dict(load_instruments())


@diary_view
def questionnaires(request: HttpRequest) -> HttpResponse:
    """/diary/questionnaires/: each questionnaire, its latest score and the change since
    the first, against the change that matters."""
    from knotwork.core.instruments import change_text

    owner = _owner(request)
    rows = []
    for inst in _instruments().values():
        mine = list(
            owned(InstrumentResponse, owner)
            .filter(instrument=inst.id)
            .order_by("day", "created_at")
        )
        change = change_text(inst, mine[0].total, mine[-1].total) if len(mine) > 1 else ""
        rows.append(
            {
                "inst": inst,
                "latest": mine[-1] if mine else None,
                "count": len(mine),
                "change": change,
            }
        )
    return render(request, "diary/questionnaires.html", {"rows": rows})


@diary_view
@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, instrument: str) -> HttpResponse:
    """/diary/questionnaires/<id>/: answer it, or type a score-only form's total."""
    from knotwork.core.instruments import ScoreError, score

    inst = _instruments().get(instrument)
    if inst is None:
        raise Http404("No such questionnaire.")
    owner = _owner(request)
    errors: list[str] = []
    values = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        try:
            day = datetime.date.fromisoformat(request.POST.get("day", ""))
            if day > timezone.localdate():
                raise ValueError
        except ValueError:
            errors.append("Give the day as YYYY-MM-DD, today or earlier.")
            day = timezone.localdate()
        labels: dict[str, str] = {}
        try:
            if inst.score_entry:
                raw = request.POST.get("total", "").strip()
                try:
                    total = float(raw)
                except ValueError:
                    raise ScoreError(
                        f"{inst.name}: give the score as a number from "
                        f"{inst.scoring.score_min:g} to {inst.scoring.score_max:g}"
                    ) from None
                result = score(inst, total=total)
                answers: dict[str, int | None] = {}
            else:
                answers = {}
                for item in inst.items:
                    raw = request.POST.get(item.id, "").strip()
                    if item.person_names_it:
                        name = request.POST.get(f"{item.id}-name", "").strip()[:80]
                        if raw and not name:
                            raise ScoreError("Name each activity you rate.")
                        if name:
                            labels[item.id] = name
                    try:
                        answers[item.id] = int(raw) if raw else None
                    except ValueError:
                        raise ScoreError(
                            f"{inst.name}: answers are whole numbers from {item.min} to {item.max}"
                        ) from None
                result = score(inst, answers)
        except ScoreError as exc:
            errors.append(str(exc))
        if not errors:
            InstrumentResponse.objects.create(
                owner=owner,
                instrument=inst.id,
                version=inst.version,
                day=day,
                answers={k: v for k, v in answers.items() if v is not None},
                labels=labels,
                total=result.total,
                subscales=dict(result.subscales),
                band=result.band or "",
                typed_total=inst.score_entry,
            )
            return HttpResponseRedirect(reverse("diary-questionnaires") + f"?saved={inst.id}")
    previous = owned(InstrumentResponse, owner).filter(instrument=inst.id).order_by("-day").first()
    return render(
        request,
        "diary/questionnaire.html",
        {
            "inst": inst,
            "errors": errors,
            "values": values,
            "today": timezone.localdate(),
            "previous": previous,
        },
        status=400 if errors else 200,
    )


def plan_of(e: Experiment) -> Any:
    from knotwork.core.trial import Plan

    return Plan(e.start, tuple(e.arms), e.smallest_that_matters)  # type: ignore[arg-type]


@diary_view
@require_http_methods(["GET", "POST"])
def experiments(request: HttpRequest) -> HttpResponse:
    """/diary/tests/: plan a test of one spot (its days are drawn now), or open one."""
    import secrets

    from knotwork.core.trial import MIN_BLOCKS, plan

    owner = _owner(request)
    kb = get_kb()
    errors: list[str] = []
    if request.method == "POST":
        spot = request.POST.get("spot", "")
        if spot not in kb.trigger_points:
            errors.append("Choose the spot to test from the list.")
        try:
            weeks = int(request.POST.get("weeks", "4"))
            if not 2 <= weeks <= 8:
                raise ValueError
        except ValueError:
            errors.append("Choose a length of 2 to 8 weeks.")
            weeks = 4
        try:
            matters = float(request.POST.get("matters", "2"))
            if not 0.5 <= matters <= 5:
                raise ValueError
        except ValueError:
            errors.append("The smallest difference that matters must be 0.5 to 5 points.")
            matters = 2.0
        if not errors:
            seed = secrets.randbits(48)
            start = timezone.localdate() + datetime.timedelta(days=1)
            p = plan(start, weeks * 7 // 2, seed=seed, smallest_that_matters=matters)
            e = Experiment.objects.create(
                owner=owner,
                spot=spot,
                start=p.start,
                arms="".join(p.arms),
                smallest_that_matters=matters,
                seed=seed,
            )
            return HttpResponseRedirect(reverse("diary-test", args=[e.id]))
    from knotwork.web.diary.forms import spot_choices

    return render(
        request,
        "diary/tests.html",
        {
            "tests": list(owned(Experiment, owner)),
            "errors": errors,
            "choices": spot_choices(),
            "values": request.POST,
            "spot_name": lambda ref: spot_name_of(kb, ref),
            "min_weeks": MIN_BLOCKS * 2 // 7,
        },
        status=400 if errors else 200,
    )


@diary_view
def experiment(request: HttpRequest, test_id: uuid.UUID) -> HttpResponse:
    from knotwork.core.trial import analyse

    owner = _owner(request)
    e = owned(Experiment, owner).filter(id=test_id).first()
    if e is None:
        raise Http404("No such test in your diary.")
    p = plan_of(e)
    pain = {
        r.day: r.pain_average
        for r in owned(DailyRating, owner).filter(
            day__gte=p.start, day__lte=p.end + datetime.timedelta(days=1)
        )
    }
    today = timezone.localdate()
    days = [
        {
            "day": p.start + datetime.timedelta(days=i),
            "arm": arm,
            "rated": pain.get(p.start + datetime.timedelta(days=i + 1)),
        }
        for i, arm in enumerate(p.arms)
    ]
    result = analyse(p, pain, seed=e.seed % (2**32)) if today > p.end else None
    return render(
        request,
        "diary/test.html",
        {
            "test": e,
            "plan": p,
            "days": days,
            "today": today,
            "today_arm": p.arm_on(today),
            "result": result,
            "spot": spot_name_of(get_kb(), e.spot),
        },
    )


MAPS_SHOWN = 12
"""Body maps drawn on the page, newest first (the table and the export hold them all)."""
MAPS_IN_TABLE = 8


def _marked_regions(kb: Any, query: str) -> list[str]:
    """The regions a finder report's query marks (``r=``), known ones only, in order."""
    from django.http import QueryDict

    wanted = QueryDict(query[:4000]).getlist("r")[:MAX_MAP_REGIONS]
    return list(dict.fromkeys(r for r in wanted if r in kb.regions))


def map_figures(kb: Any, regions: list[str], prefix: str, day: datetime.date) -> list[Any]:
    from markupsafe import Markup

    from knotwork.core.bodymap import render_bodymap

    views = sorted({kb.regions[r].view.value for r in regions if r in kb.regions})
    return [
        Markup(
            render_bodymap(
                kb,
                view,
                interactive=False,
                selected=regions,
                sparse=True,
                id_prefix=f"{prefix}-{view}",
                title=_("Where it hurt on %(day)s (%(view)s)") % {"day": day, "view": view},
            )
        )
        for view in views
    ]


@diary_view
@require_http_methods(["GET", "POST"])
def pain_map_new(request: HttpRequest) -> HttpResponse:
    """/diary/maps/new/?<a finder report>: keep where it hurts as a dated entry."""
    from knotwork.web.diary.forms import PainMapForm

    kb = get_kb()
    query = (
        request.POST.get("report", "") if request.method == "POST" else request.GET.urlencode()
    )[:4000]
    regions = _marked_regions(kb, query)
    if request.method == "POST" and regions:
        form = PainMapForm(request.POST)
        if form.is_valid():
            PainMap.objects.create(
                owner=_owner(request),
                day=form.cleaned_data["day"],
                regions=regions,
                report=query,
                note=form.cleaned_data["note"],
            )
            return HttpResponseRedirect(reverse("diary-maps") + "?saved=1")
        status = 400
    else:
        form = PainMapForm(initial={"day": timezone.localdate()})
        status = 200 if regions or request.method == "GET" else 400
    return render(
        request,
        "diary/map_new.html",
        {
            "form": form,
            "regions": [kb.regions[r].label for r in regions],
            "figures": map_figures(kb, regions, "new", timezone.localdate()) if regions else [],
            "report": query,
        },
        status=status,
    )


@diary_view
def pain_maps(request: HttpRequest) -> HttpResponse:
    """/diary/maps/: where it hurt, entry by entry: small maps and a table of every area."""
    kb = get_kb()
    entries = list(owned(PainMap, _owner(request)))
    shown = [
        {
            "entry": m,
            "figures": map_figures(kb, list(m.regions), f"m{n}", m.day),
            "labels": [kb.regions[r].label if r in kb.regions else r for r in m.regions],
        }
        for n, m in enumerate(entries[:MAPS_SHOWN])
    ]
    columns = list(reversed(entries[:MAPS_IN_TABLE]))  # oldest first, left to right
    areas = list(dict.fromkeys(r for m in columns for r in m.regions))
    table = [
        (kb.regions[r].label if r in kb.regions else r, [r in m.regions for m in columns])
        for r in areas
    ]
    return render(
        request,
        "diary/maps.html",
        {
            "shown": shown,
            "columns": columns,
            "table": table,
            "total": len(entries),
            "saved": request.GET.get("saved", ""),
        },
    )


@diary_view
@require_POST
def pain_map_delete(request: HttpRequest, map_id: uuid.UUID) -> HttpResponse:
    found = owned(PainMap, _owner(request)).filter(id=map_id).first()
    if found is None:
        raise Http404("No such body map in your diary.")
    found.delete()
    return HttpResponseRedirect(reverse("diary-maps") + "?saved=deleted")


MAX_IMPORT_BYTES = 10 * 1024 * 1024
"""An import file larger than this is refused before it is read (a full diary of years
is well under 2 MB)."""


@diary_view
@require_http_methods(["GET", "POST"])
def data(request: HttpRequest) -> HttpResponse:
    """/diary/data/: every export, an import of a JSON export, and deleting everything."""
    owner = _owner(request)
    errors: list[str] = []
    if request.method == "POST":
        added = _import_upload(request, owner, errors)
        if added is not None:
            query = "-".join(
                str(added[k]) for k in ("ratings", "sessions", "questionnaires", "maps", "already")
            )
            return HttpResponseRedirect(reverse("diary-data") + f"?imported={query}")
    imported = [whole_number(n, 5) for n in request.GET.get("imported", "").split("-")]
    return render(
        request,
        "diary/data.html",
        {
            "counts": records.counts(owner),
            "tables": list(records.CSV_TABLES),
            "errors": errors,
            "imported": imported if len(imported) == 5 and None not in imported else None,
            "max_mb": MAX_IMPORT_BYTES // (1024 * 1024),
        },
        status=400 if errors else 200,
    )


def _import_upload(request: HttpRequest, owner: Any, errors: list[str]) -> dict[str, int] | None:
    """The uploaded file added to the diary, or None with what went wrong in ``errors``."""
    import json

    upload = request.FILES.get("file")
    if upload is None:
        errors.append(_("Choose a file exported from Knotwork's diary (JSON) to import."))
        return None
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        errors.append(
            _("%(name)s is larger than %(mb)d MB; nothing was imported.")
            % {"name": upload.name, "mb": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
        return None
    try:
        doc = json.loads(upload.read(MAX_IMPORT_BYTES + 1).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        errors.append(
            _("%(name)s is not a JSON file; nothing was imported.") % {"name": upload.name}
        )
        return None
    try:
        return records.import_json(owner, doc, known_regions=get_kb().regions)
    except records.ImportError_ as exc:
        errors.append(
            _("%(name)s: %(problem)s. Nothing was imported.")
            % {"name": upload.name, "problem": exc}
        )
        return None
