"""The finder page: body map and questions in, triage and ranked trigger points out."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from knotwork.core.bodymap import render_bodymap
from knotwork.core.describe import describe_trigger_point
from knotwork.core.finder import Candidate, find, interpret, referrers, zone_regions
from knotwork.core.kb import KnowledgeBase
from knotwork.core.triage import Level
from knotwork.web.finder.forms import FinderForm
from knotwork.web.kb import evidence_label, get_kb
from knotwork.web.maps import zone_maps

CANDIDATES_SHOWN = 5


def finder(request: HttpRequest) -> HttpResponse:
    """The whole page; with a question in the URL it includes the results."""
    kb = get_kb()
    form = FinderForm(kb, request.GET or None)
    context = _page_context(kb, form)
    if form.is_bound and form.has_question() and form.is_valid():
        context.update(results_context(kb, form.cleaned_data))
    return render(request, "finder/finder.html", context)


def results(request: HttpRequest) -> HttpResponse:
    """Only the results, for htmx to swap in as regions are toggled."""
    kb = get_kb()
    form = FinderForm(kb, request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.has_question() and form.is_valid():
        context.update(results_context(kb, form.cleaned_data))
    response = render(request, "finder/_results.html", context)
    # keep the report in the address bar, so it can be bookmarked or shared
    query = request.GET.urlencode()
    response["HX-Push-Url"] = reverse("finder") + (f"?{query}" if query else "")
    return response


def checkbox_list(
    name: str, items: list[tuple[str, str]], checked: set[str], css: str = "checks"
) -> SafeString:
    """A list of labelled checkboxes, built in Python: the finder page has ~250 of them."""
    rows = "".join(
        f'<li><label><input type="checkbox" name="{escape(name)}" value="{escape(value)}"'
        f"{' checked' if value in checked else ''}> {escape(label)}</label></li>"
        for value, label in items
    )
    return mark_safe(f'<ul class="{escape(css)}">{rows}</ul>')


def _page_context(kb: KnowledgeBase, form: FinderForm) -> dict[str, Any]:
    selected: set[str] = set(form.data.getlist("r")) if form.is_bound else set()
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rid, region in sorted(kb.regions.items(), key=lambda kv: (kv[1].view, kv[0])):
        groups[region.area].append((rid, region.label))
    area_order = list(kb.areas)
    region_groups = [
        (
            kb.areas[area].label,
            any(rid in selected for rid, _ in items),
            checkbox_list("r", items, selected),
        )
        for area, items in sorted(groups.items(), key=lambda g: area_order.index(g[0]))
    ]

    def given(key: str) -> set[str]:
        return set(form.data.getlist(key)) if form.is_bound else set()

    return {
        "form": form,
        "maps": [
            ("back", render_bodymap(kb, "back", selected=selected, id_prefix="map")),
            ("front", render_bodymap(kb, "front", selected=selected, id_prefix="map")),
        ],
        "region_groups": region_groups,
        "quality_list": checkbox_list(
            "q", [(t.id, t.label) for t in kb.qualities.values()], given("q"), "checks cols"
        ),
        "aggravator_list": checkbox_list(
            "w", [(t.id, t.label) for t in kb.aggravators.values()], given("w"), "checks cols"
        ),
        "aggravators_open": bool(given("w")),
        "flag_list": checkbox_list("f", form.flag_choices, given("f")),
    }


def results_context(kb: KnowledgeBase, data: dict[str, Any]) -> dict[str, Any]:
    """Triage, what we understood, and the candidates with everything to show about them."""
    pain = list(data.get("r") or [])
    if data.get("pain"):
        pain.append(data["pain"])
    worse = list(data.get("w") or [])
    if data.get("worse"):
        worse.append(data["worse"])
    interpretation = interpret(
        kb, pain, data.get("q") or [], worse, data.get("f") or [], data.get("age")
    )
    result = find(kb, interpretation.report, limit=CANDIDATES_SHOWN)
    candidates = [_candidate_view(kb, c) for c in result.candidates]
    return {
        "asked": True,
        "triage": result.triage,
        "level": result.triage.level.name,
        "emergency": result.triage.level is Level.emergency,
        "urgent": result.triage.level is Level.urgent,
        "withheld": result.withheld,
        "interpretation": interpretation,
        "marked": [kb.regions[m.region].label for m in interpretation.report.marks],
        "unresolved": interpretation.unresolved,
        "candidates": candidates,
        "plan_defaults": {c["choice"] for c in candidates[:2]},
    }


def _candidate_view(
    kb: KnowledgeBase, c: Candidate, defs_from: str | None = "map"
) -> dict[str, Any]:
    record = c.record
    essential, spillover, site = zone_regions(kb, record, c.side)
    maps = zone_maps(
        kb,
        essential,
        spillover,
        site[0] if site else None,
        f"c{c.rank}",
        title=_("Where this trigger point sends pain"),
        defs_from=defs_from,
        with_spillover_views=False,
    )
    point = describe_trigger_point(kb, record.muscle.id, record.point)
    for technique in point["self_treatment"]:
        technique["evidence_label"] = evidence_label(technique["evidence"])
    return {
        "rank": c.rank,
        "ref": record.ref,
        "muscle": record.muscle,
        "point": point,
        "tp_id": record.point.id,
        "evidence_label": evidence_label(record.point.evidence.value),
        "side": c.side,
        "score": c.score,
        "coverage": c.coverage,
        "confidence": c.confidence,
        "reasons": c.reasons,
        "spots": record.spots,
        "companions": [kb.trigger_points[r] for r in c.companions],
        "maps": maps,
        "choice": f"{record.ref}:{c.side}",
    }


def region_page(request: HttpRequest, region_id: str) -> HttpResponse:
    """What can refer pain to one region, main zones first."""
    kb = get_kb()
    region = kb.regions.get(region_id)
    if region is None:
        raise Http404(_("No such body region."))
    found = referrers(kb, region_id)
    return render(
        request,
        "finder/region.html",
        {
            "region": region,
            "essential": [r for r in found if r.kind == "essential"],
            "local": [r for r in found if r.kind == "local"],
            "spillover": [r for r in found if r.kind == "spillover"],
            "map": render_bodymap(
                kb, region.view.value, interactive=False, essential=[region_id], id_prefix="region"
            ),
        },
    )


def regions_index(request: HttpRequest) -> HttpResponse:
    kb = get_kb()
    groups: dict[str, list[Any]] = defaultdict(list)
    for region in kb.regions.values():
        groups[kb.areas[region.area].label].append(region)
    return render(request, "finder/regions.html", {"groups": sorted(groups.items())})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
