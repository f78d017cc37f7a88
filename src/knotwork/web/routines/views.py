"""Guided self-treatment: the planned routine, readable and printable, with a timer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from knotwork.core.routine import MAX_BUDGET_MINUTES, PlanError, parse_choices, plan
from knotwork.core.words import whole_number
from knotwork.web.kb import get_kb


def session(request: HttpRequest) -> HttpResponse:
    """/session/?tp=muscle/point:side&tp=...&minutes=60&helper=1"""
    kb = get_kb()
    errors: list[str] = []
    routine = None
    minutes_raw = request.GET.get("minutes", "").strip()
    minutes: int | None = None
    if minutes_raw:
        asked = whole_number(minutes_raw)
        if asked is not None and 1 <= asked <= MAX_BUDGET_MINUTES:
            minutes = asked
        else:
            errors.append(
                _("The session length must be a whole number of minutes from 1 to %(max)d.")
                % {"max": MAX_BUDGET_MINUTES}
            )
    helper = request.GET.get("helper") in {"1", "on", "true", "yes"}
    try:
        choices = parse_choices(request.GET.getlist("tp"))
        if not errors:
            routine = plan(kb, choices, minutes, helper=helper)
    except PlanError as exc:
        errors.append(str(exc))
    status = 400 if errors else 200
    return render(
        request,
        "routines/session.html",
        {
            "routine": routine,
            "errors": errors,
            "minutes": minutes,
            "helper": helper,
            "choices": request.GET.getlist("tp"),
        },
        status=status,
    )
