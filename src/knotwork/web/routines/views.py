"""Guided self-treatment: the routine builder, the planned routine (readable and
printable), and its timer. The routine lives in the URL (``step=`` values), never on the
server; the builder is a plain GET form, so it works without JavaScript."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotwork.core.describe import is_sensitive
from knotwork.core.finderindex import zone_regions
from knotwork.core.kb import KnowledgeBase
from knotwork.core.lookup import PointMatch, SearchError, find_points
from knotwork.core.precautions import precautions_for, read_precautions
from knotwork.core.routine import (
    MAX_BUDGET_MINUTES,
    MAX_STEP_MINUTES,
    MAX_STEPS,
    POSTURE_LABEL,
    PlanError,
    Routine,
    Side,
    Step,
    StepSpec,
    build,
    by_position,
    from_template,
    options,
    parse_choices,
    plan,
)
from knotwork.core.schema import RoutineTemplate
from knotwork.core.words import whole_number
from knotwork.web.diary.access import local_mode
from knotwork.web.kb import get_kb
from knotwork.web.maps import zone_maps
from knotwork.web.pdf import pdf_of

YES = {"1", "on", "true", "yes"}
MAX_BACK_CHARS = 4000
"""The finder's report carried along so "Back to the finder" keeps the answers."""
MAX_NAME_CHARS = 80


def session(request: HttpRequest) -> HttpResponse:
    """/session/: the routine in ``step=muscle/point:side:minutes:position:tool`` values
    (the builder's own address), ``template=id``, or the planner's
    ``tp=muscle/point:side&minutes=60&helper=1``; ``act=`` is a builder button."""
    kb = get_kb()
    query = request.GET
    if "act" in query:
        return _act(request, kb, query)
    helper = query.get("helper") in YES
    errors: list[str] = []
    routine: Routine | None = None
    template = kb.routines.get(query.get("from", "") or query.get("template", ""))
    minutes: int | None = None
    if query.getlist("step") or query.get("template"):
        try:
            if query.getlist("step"):
                specs = [StepSpec.parse(v) for v in query.getlist("step")[: MAX_STEPS + 1]]
            elif template is not None:
                specs = from_template(template)
                helper = template.helper
            else:
                raise PlanError(_("There is no routine template with that name."))
            routine = build(kb, specs, helper=helper)
        except PlanError as exc:
            errors.append(str(exc))
    elif query.getlist("tp"):
        minutes_raw = query.get("minutes", "").strip()
        if minutes_raw:
            asked = whole_number(minutes_raw)
            if asked is not None and 1 <= asked <= MAX_BUDGET_MINUTES:
                minutes = asked
            else:
                errors.append(
                    _("The session length must be a whole number of minutes from 1 to %(max)d.")
                    % {"max": MAX_BUDGET_MINUTES}
                )
        try:
            choices = parse_choices(query.getlist("tp"))
            if not errors:
                routine = plan(kb, choices, minutes, helper=helper)
        except PlanError as exc:
            errors.append(str(exc))
    return _page(request, kb, routine, helper, errors=errors, template=template, minutes=minutes)


def _act(request: HttpRequest, kb: KnowledgeBase, query: QueryDict) -> HttpResponse:
    """A builder button: change the routine the form holds, then send the browser to the
    routine's own address (so the address bar always holds the routine to keep)."""
    helper = query.get("helper") in YES
    act = query.get("act", "")
    rows = _rows(query)
    specs: list[StepSpec] = []
    errors: list[str] = []
    for number, (ref, side, minutes, posture, tool) in enumerate(rows, start=1):
        try:
            specs.append(StepSpec.parse(f"{ref}:{side}:{minutes}:{posture}:{tool}"))
        except PlanError as exc:
            errors.append(_("Step %(n)d: %(why)s") % {"n": number, "why": exc})
    if errors:  # keep every row as typed, say what is wrong
        return _page(request, kb, None, helper, errors=errors, rows=rows, status=400)
    verb, _sep, arg = act.partition("-")
    index = whole_number(arg) if arg else None
    if verb in {"up", "down", "remove"} and (index is None or not 0 <= index < len(specs)):
        return _page(
            request,
            kb,
            None,
            helper,
            errors=[_("That step is not in the routine.")],
            rows=rows,
            status=400,
        )
    if verb == "up" and index:
        specs[index - 1], specs[index] = specs[index], specs[index - 1]
    elif verb == "down" and index is not None and index + 1 < len(specs):
        specs[index + 1], specs[index] = specs[index], specs[index + 1]
    elif verb == "remove" and index is not None:
        del specs[index]
    elif verb == "template":
        template = kb.routines.get(query.get("template_id", ""))
        if template is None:
            return _page(
                request,
                kb,
                None,
                helper,
                errors=[_("Choose a routine template.")],
                rows=rows,
                status=400,
            )
        return _redirect(
            from_template(template),
            template.helper,
            template.id,
            _back(query),
            care=_care(kb, query),
        )
    elif verb == "group" and specs:
        try:
            specs = by_position(build(kb, specs, helper=helper))
        except PlanError as exc:
            return _page(request, kb, None, helper, errors=[str(exc)], rows=rows, status=400)
    elif verb == "add":
        specs.append(StepSpec(arg))
    search = query.get("q", "").strip()
    if search and verb in {"update", "find"}:
        try:
            found = find_points(kb, search)
        except SearchError as exc:
            return _page(request, kb, None, helper, errors=[str(exc)], rows=rows, status=400)
        if len(found) == 1:
            specs.append(StepSpec(found[0].ref))
        else:  # none or several: ask, keeping the routine as it is
            return _page(
                request,
                kb,
                None,
                helper,
                rows=[_row(s) for s in specs],
                search=search,
                found=found,
                status=200 if found else 400,
            )
    if len(specs) > MAX_STEPS:
        return _page(
            request,
            kb,
            None,
            helper,
            errors=[_("A routine has at most %(n)d steps.") % {"n": MAX_STEPS}],
            rows=[_row(s) for s in specs],
            status=400,
        )
    if not specs:
        return HttpResponseRedirect(reverse("session"), status=303)
    return _redirect(specs, helper, back=_back(query), care=_care(kb, query))


def _rows(query: QueryDict) -> list[tuple[str, str, str, str, str]]:
    refs = query.getlist("ref")[: MAX_STEPS + 1]
    columns = [query.getlist(name) for name in ("side", "min", "pos", "tool")]
    return [
        (ref, *(col[i] if i < len(col) else "" for col in columns))  # type: ignore[misc]
        for i, ref in enumerate(refs)
    ]


def _row(spec: StepSpec) -> tuple[str, str, str, str, str]:
    return (
        spec.ref,
        spec.side,
        "" if spec.minutes is None else str(spec.minutes),
        spec.posture or "",
        spec.tool or "",
    )


def _back(query: QueryDict) -> str:
    """The finder's report to go back to (its query string), or nothing."""
    back = query.get("back", "")
    return back if len(back) <= MAX_BACK_CHARS else ""


def _care(kb: KnowledgeBase, query: QueryDict) -> tuple[str, ...]:
    """The precautions that change how to press: ticked here, or brought from the finder
    in its report (``back``)."""
    if "care_set" in query:  # the builder's own boxes, ticked or not, have the last word
        return read_precautions(kb, query.getlist("care")[:20])
    from_finder = QueryDict(_back(query)).getlist("care")
    return read_precautions(kb, [*query.getlist("care")[:20], *from_finder[:20]])


def _everywhere(kb: KnowledgeBase, care: Sequence[str]) -> list[tuple[str, str]]:
    """The changes that hold for every step, said once: those the person chose, or all
    of them when nothing was chosen."""
    return [
        (p.label, p.default.say)
        for p in kb.precautions.values()
        if p.everywhere and (not care or p.id in care)
    ]


def _redirect(
    specs: Sequence[StepSpec],
    helper: bool,
    template: str = "",
    back: str = "",
    *,
    care: Sequence[str] = (),
) -> HttpResponse:
    params: list[tuple[str, str]] = [("step", str(s)) for s in specs]
    if helper:
        params.append(("helper", "1"))
    if template:
        params.append(("from", template))
    params.extend(("care", p) for p in care)
    params.append(("care_set", "1"))
    if back:
        params.append(("back", back))
    return HttpResponseRedirect(_address(params), status=303)


def _address(params: list[tuple[str, str]]) -> str:
    """The routine's own address; ``/`` and ``:`` left as they are, to stay readable."""
    return f"{reverse('session')}?{urlencode(params, safe='/:')}"


def _page(
    request: HttpRequest,
    kb: KnowledgeBase,
    routine: Routine | None,
    helper: bool,
    *,
    errors: Sequence[str] = (),
    rows: Sequence[tuple[str, str, str, str, str]] | None = None,
    template: Any = None,
    minutes: int | None = None,
    search: str = "",
    found: Sequence[PointMatch] = (),
    status: int | None = None,
) -> HttpResponse:
    if rows is None:
        rows = [_row(s.spec) for s in routine.steps] if routine else []
    care = _care(kb, request.GET)
    steps = [_step_view(kb, step, care) for step in routine.steps] if routine else []
    today = datetime.date.today()
    link = ""
    if routine is not None:
        params: list[tuple[str, str]] = [("step", str(s.spec)) for s in routine.steps]
        if helper:
            params.append(("helper", "1"))
        if template is not None:
            params.append(("from", template.id))
        params.extend(("care", p) for p in care)
        link = request.build_absolute_uri(_address(params))
    return render(
        request,
        "routines/session.html",
        {
            "routine": routine,
            "steps": steps,
            "rows": [_row_view(kb, i, row) for i, row in enumerate(rows)],
            "errors": list(errors),
            "helper": helper,
            "minutes": minutes,
            "template": template,
            "templates": list(kb.routines.values()),
            "search": search,
            "found": list(found),
            "link": link,
            "today": today,
            "today_text": date_format(today, "j F Y"),
            "max_step_minutes": MAX_STEP_MINUTES,
            "back": _back(request.GET),
            "care": care,
            "care_options": [(p.id, p.question) for p in kb.precautions.values()],
            "care_labels": [kb.precautions[p].label for p in care],
            "care_everywhere": _everywhere(kb, care),
            # the timer may log the session: only where a diary is open to this request
            # (asked without making the local person, so a look at a routine writes nothing)
            "can_log": local_mode(request) or request.user.is_authenticated,
        },
        status=status or (400 if errors else 200),
    )


def _row_view(kb: KnowledgeBase, index: int, row: tuple[str, str, str, str, str]) -> dict[str, Any]:
    ref, side, minutes, posture, tool = row
    record = kb.trigger_points.get(ref)
    postures, tools = options(record) if record else ((), ())
    return {
        "index": index,
        "number": index + 1,
        "ref": ref,
        "label": f"{record.muscle.name}: {record.point.name}" if record else ref,
        "side": side,
        "minutes": minutes,
        "posture": posture,
        "tool": tool,
        "postures": [(p, POSTURE_LABEL[p]) for p in postures],
        "tools": [(t, kb.tools[t].label if t in kb.tools else t) for t in tools],
    }


def _step_view(kb: KnowledgeBase, step: Step, care: Sequence[str] = ()) -> dict[str, Any]:
    record = kb.trigger_points[step.ref]
    applied = precautions_for(kb, record.point, step.treatment, care)
    side: Side = "right" if step.side == "both" else step.side
    essential, spillover, site = zone_regions(kb, record, side)
    maps = zone_maps(
        kb,
        essential,
        spillover,
        site[0] if site else None,
        f"s{step.number}",
        title=_("Where this trigger point sends pain"),
        with_spillover_views=False,
    )
    return {
        "step": step,
        "record": record,
        "maps": maps,
        "tool_label": kb.tools[step.tool].label if step.tool in kb.tools else step.tool,
        "moved": step.posture != step.treatment.posture.value,
        "for_you": [a for a in applied if a.chosen and a.specific],
        "sensitive": is_sensitive(kb, record.point.location_region),
        "take_care": [a for a in applied if a.specific and not a.chosen],
    }


@require_POST
def session_pdf(request: HttpRequest) -> HttpResponse:
    """POST /session/pdf/: the routine in ``step`` values as an A4 PDF. A POST, so the
    name typed for the printout (``for``) never appears in an address or a log."""
    kb = get_kb()
    data = request.POST
    helper = data.get("helper") in YES
    template = kb.routines.get(data.get("from", ""))
    try:
        specs = [StepSpec.parse(v) for v in data.getlist("step")[: MAX_STEPS + 1]]
        routine = build(kb, specs, helper=helper)
    except PlanError as exc:
        return _page(request, kb, None, helper, errors=[str(exc)], status=400)
    today = datetime.date.today()
    care = read_precautions(kb, data.getlist("care")[:20])
    html = printout_html(request, kb, routine, template, data.get("for", ""), today, care)
    response = HttpResponse(pdf_of(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="knotwork-routine-{today}.pdf"'
    response["Cache-Control"] = "no-store"  # it may carry a name
    return response


def printout_html(
    request: HttpRequest | None,
    kb: KnowledgeBase,
    routine: Routine,
    template: RoutineTemplate | None,
    for_whom: str,
    today: datetime.date,
    care: Sequence[str] = (),
) -> str:
    """The routine as the PDF lays it out: a plain page, no controls."""
    return render_to_string(
        "routines/printout.html",
        {
            "routine": routine,
            "steps": [_step_view(kb, step, care) for step in routine.steps],
            "care_labels": [kb.precautions[p].label for p in care],
            "care_everywhere": _everywhere(kb, care),
            "template": template,
            "for_whom": " ".join(for_whom.split())[:MAX_NAME_CHARS],
            "today_text": date_format(today, "j F Y"),
        },
        request,
    )
