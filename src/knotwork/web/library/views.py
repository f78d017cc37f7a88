"""Browsing the knowledge base: Perfect Spots, muscles, trigger points."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from knotwork.core.describe import describe_muscle, describe_spot, describe_trigger_point
from knotwork.core.kb import KnowledgeBase
from knotwork.core.labels import evidence_word
from knotwork.web.kb import get_kb
from knotwork.web.maps import zone_maps


def _right(kb: KnowledgeBase, keys: list[str]) -> list[str]:
    """Concrete ids on the right side (and the midline) for side-neutral zone keys."""
    return [rid for ref in keys for rid in kb.zone_regions(ref, "right")]


def spots(request: HttpRequest) -> HttpResponse:
    kb = get_kb()
    items = []
    for number in sorted(kb.spots):
        data = describe_spot(kb, number)
        data["maps"] = zone_maps(kb, _right(kb, data["pain_location_ids"]), [], None, f"s{number}")
        items.append(data)
    return render(request, "library/spots.html", {"spots": items})


def spot(request: HttpRequest, number: int) -> HttpResponse:
    kb = get_kb()
    if number not in kb.spots:
        raise Http404(_("There is no Perfect Spot with that number."))
    data = describe_spot(kb, number)
    data["maps"] = zone_maps(kb, _right(kb, data["pain_location_ids"]), [], None, "spot")
    points = [_point_view(kb, ref) for ref in kb.spots[number].trigger_points]
    return render(request, "library/spot.html", {"spot": data, "points": points})


def muscles(request: HttpRequest) -> HttpResponse:
    kb = get_kb()
    groups: dict[str, list[Any]] = defaultdict(list)
    for muscle in kb.muscles.values():
        groups[muscle.area].append(muscle)
    ordered = [
        (kb.areas[a].label, sorted(groups[a], key=lambda m: m.name))
        for a in kb.areas
        if groups.get(a)
    ]
    return render(request, "library/muscles.html", {"groups": ordered})


def muscle(request: HttpRequest, muscle_id: str) -> HttpResponse:
    kb = get_kb()
    if muscle_id not in kb.muscles:
        raise Http404(_("No such muscle."))
    data = describe_muscle(kb, muscle_id)
    points = [_point_view(kb, tp["id"], tp) for tp in data["trigger_points"]]
    return render(request, "library/muscle.html", {"muscle": data, "points": points})


def trigger_point(request: HttpRequest, muscle_id: str, point_id: str) -> HttpResponse:
    kb = get_kb()
    ref = f"{muscle_id}/{point_id}"
    if ref not in kb.trigger_points:
        raise Http404(_("No such trigger point."))
    return render(request, "library/trigger_point.html", {"p": _point_view(kb, ref)})


def _point_view(
    kb: KnowledgeBase, ref: str, described: dict[str, Any] | None = None
) -> dict[str, Any]:
    record = kb.trigger_points[ref]
    data = described or describe_trigger_point(kb, record.muscle.id, record.point)
    essential = _right(kb, data["referral"]["essential_ids"])
    spill = _right(kb, data["referral"]["spillover_ids"])
    site = _right(kb, [record.point.location_region])[0]
    data["maps"] = zone_maps(kb, essential, spill, site, ref.replace("/", "-"))
    data["muscle"] = record.muscle
    data["tp_id"] = record.point.id
    data["evidence_label"] = evidence_word(data["evidence"])
    for technique in data["self_treatment"]:
        technique["evidence_label"] = evidence_word(technique["evidence"])
    data["companion_records"] = [kb.trigger_points[c] for c in record.point.companions]
    return data
