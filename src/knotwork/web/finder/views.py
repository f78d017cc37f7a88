"""The finder page: body map and questions in, triage and ranked trigger points out."""

from __future__ import annotations

import datetime
import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from markupsafe import Markup
from markupsafe import escape as markup_escape

from knotwork.core.bodymap import Closeup, load_geometry, render_bodymap
from knotwork.core.choose import Contrast, contrast, same_muscle_groups, shared_reasons, without
from knotwork.core.describe import describe_trigger_point
from knotwork.core.finder import Candidate, Chosen, find, interpret, referrers, zone_regions
from knotwork.core.kb import KnowledgeBase, TriggerPointRecord
from knotwork.core.labels import evidence_word, fit_word, level_word, side_word
from knotwork.core.precautions import precautions_for, read_precautions
from knotwork.core.triage import Level
from knotwork.web.diary.access import local_mode
from knotwork.web.finder.forms import FinderForm
from knotwork.web.kb import get_kb
from knotwork.web.maps import zone_maps
from knotwork.web.pdf import pdf_of
from knotwork.web.skeleton import Skeleton, markers

CANDIDATES_SHOWN = 5


def finder(request: HttpRequest) -> HttpResponse:
    """The whole page; with a question in the URL it includes the results."""
    if not request.GET:
        # the empty finder, the page most visits start at, is the same for everyone in a
        # language (no report, no token, no nonce): built once per language and process
        return HttpResponse(_empty_finder(get_language()))
    return _finder_page(request)


@functools.lru_cache(maxsize=16)
def _empty_finder(language: str) -> str:
    """The finder with nothing marked, in ``language`` (the active language). If the page
    ever shows something of the visitor (who is signed in), key it by that too."""
    kb = get_kb()
    form = FinderForm(kb, None)
    results = render_to_string("finder/_results.html", {"form": form})
    return _page_shell(kb, language).fill(
        {"top_html": "", "form_html": form_html(kb, form), "results_html": results}
    )


def _finder_page(request: HttpRequest) -> HttpResponse:
    kb = get_kb()
    form = FinderForm(kb, request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.has_question() and form.is_valid():
        context.update(results_context(kb, form.cleaned_data))
        context.update(_links(request))
    top = render_to_string("finder/_top.html", context) if context.get("serious") else ""
    page = _page_shell(kb, get_language()).fill(
        {
            "top_html": top,
            "form_html": form_html(kb, form, first=context.get("asked_first", ())),
            "results_html": render_to_string("finder/_results.html", context, request),
        }
    )
    return HttpResponse(page)


_SHELL_SLOTS = ("top_html", "form_html", "results_html")
MAX_MARKS = 400
"""More region values than this in one request are not read (there are 168 regions)."""


def _page_shell(kb: KnowledgeBase, language: str) -> Skeleton:
    """The finder page around its three changing parts (the warning at the top, the
    form, the results), drawn once per knowledge base and language."""
    kept = kb.cache.setdefault("page_shell", {})
    assert isinstance(kept, dict)
    found = kept.get(language)
    if found is None:
        names = markers(_SHELL_SLOTS)
        found = kept[language] = Skeleton.of(render_to_string("finder/finder.html", names), names)
    assert isinstance(found, Skeleton)
    return found


def results(request: HttpRequest) -> HttpResponse:
    """Only the results, for htmx to swap in as regions are toggled."""
    kb = get_kb()
    form = FinderForm(kb, request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.has_question() and form.is_valid():
        context.update(results_context(kb, form.cleaned_data))
        context.update(_links(request))
    response = render(request, "finder/_results.html", context)
    # keep the report in the address bar, so it can be bookmarked or shared
    query = request.GET.urlencode()
    response["HX-Push-Url"] = reverse("finder") + (f"?{query}" if query else "")
    return response


def _closeups() -> list[Closeup]:
    """The body map's close-ups, in order: the first is on the finder page, the others
    are drawn when the person opens them."""
    return list(load_geometry().closeups.values())


def closeups(request: HttpRequest) -> HttpResponse:
    """/closeups/?r=...: the close-ups after the first, with the regions marked so far."""
    kb = get_kb()
    selected = {r for r in request.GET.getlist("r")[:MAX_MARKS] if r in kb.regions}
    figures = [
        (
            c,
            Markup(
                render_bodymap(
                    kb,
                    c.view,
                    selected=selected,
                    id_prefix=f"zoom-{c.id}",
                    closeup=c,
                    defs_from="map",
                    title=c.label,
                )
            ),
        )
        for c in _closeups()[1:]
    ]
    return render(request, "finder/_closeups.html", {"figures": figures})


def _links(request: HttpRequest) -> dict[str, Any]:
    """The report's own address (to copy) and its PDF's: the report is the query."""
    # the htmx answer's own address is /results/; the report's is the finder's
    user = getattr(request, "user", None)
    query = request.GET.urlencode()
    return {
        "finder_query": query,
        "report_link": request.build_absolute_uri(reverse("finder") + f"?{query}"),
        "pdf_link": reverse("finder-pdf") + f"?{query}",
        # a link into the diary, where one is open to this request (nothing is kept here)
        "can_keep": local_mode(request) or bool(user and user.is_authenticated),
    }


def results_pdf(request: HttpRequest) -> HttpResponse:
    """/results.pdf?...: the report as an A4 PDF to hand to a doctor or a therapist: what
    was marked, the safety answers, the candidates with a map, how to find and treat each."""
    kb = get_kb()
    form = FinderForm(kb, request.GET or None)
    if not (form.is_bound and form.has_question() and form.is_valid()):
        return HttpResponseRedirect(
            reverse("finder") + (f"?{request.GET.urlencode()}" if request.GET else "")
        )
    context: dict[str, Any] = results_context(kb, form.cleaned_data, alone=True)
    data = form.cleaned_data
    ticked = set(data.get("f") or ())
    context["safety_yes"] = [kb.flags[f].question for f in kb.flags if f in ticked]
    no = set(data.get("n") or ()) | {
        f.id
        for f in kb.flags.values()
        if f.group in set(data.get("ng") or ()) and f.id not in ticked
    }
    context["safety_no"] = [kb.flags[f].question for f in kb.flags if f in no]
    if data.get("none"):
        context["safety_no"].append(_("none of the other questions apply"))
    today = datetime.date.today()
    context["today_text"] = date_format(today, "j F Y")
    html = render_to_string("finder/printout.html", context, request)
    response = HttpResponse(pdf_of(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="knotwork-results-{today}.pdf"'
    return response


def checkbox_list(
    name: str,
    items: Sequence[tuple[str, str]],
    checked: set[str],
    css: str = "checks",
    id_prefix: str | None = None,
) -> SafeString:
    """A list of labelled checkboxes, built in Python: the finder page has ~250 of them.
    Each row is written once per process, ticked and not (labels come from the
    knowledge base and the language, never from a report)."""
    rows = _rows(name, tuple(items), id_prefix)
    body = "".join(on if value in checked else off for value, off, on in rows)
    return mark_safe(f'<ul class="{escape(css)}">{body}</ul>')


@functools.lru_cache(maxsize=256)
def _rows(
    name: str, items: tuple[tuple[str, str], ...], id_prefix: str | None
) -> tuple[tuple[str, str, str], ...]:
    out = []
    for value, label in items:
        start = f'<li><label><input type="checkbox" name="{escape(name)}" value="{escape(value)}"'
        if id_prefix:
            start += f' id="{escape(id_prefix)}{escape(value)}"'
        end = f"> {escape(label)}</label></li>"
        out.append((value, start + end, start + " checked" + end))
    return tuple(out)


def safety_groups(
    kb: KnowledgeBase,
    form: FinderForm,
    checked: set[str],
    no_groups: set[str],
    first: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The safety questions in their short groups, each with its own "none of these".

    Questions that the marks or words point to go first in their group, and their groups
    go first; a question never changes group, so "none of these" always means the
    questions shown under it.
    """
    first_ids = [fid for fid, _q in form.flag_choices if fid in set(first)]
    groups: dict[str, list[tuple[str, str]]] = {}
    for fid, question in form.flag_choices:
        groups.setdefault(kb.flags[fid].group or "course", []).append((fid, question))
    order = list(kb.flag_groups)

    def rank(item: tuple[str, list[tuple[str, str]]]) -> tuple[int, int]:
        gid, items = item
        pointed = any(fid in first_ids for fid, _q in items)
        return (0 if pointed else 1, order.index(gid) if gid in order else 99)

    out: list[dict[str, Any]] = []
    for gid, items in sorted(groups.items(), key=rank):
        items.sort(key=lambda fq: fq[0] not in first_ids)
        labelled = [
            (fid, f"{q} " + _("(asked first)") if fid in first_ids else q) for fid, q in items
        ]
        out.append(
            {
                "id": gid,
                "title": kb.flag_groups[gid].title if gid in kb.flag_groups else _("Other"),
                "list": checkbox_list("f", labelled, checked, id_prefix="flag-"),
                "none": gid in no_groups,
                "has_none": gid in kb.flag_groups,
                "first": any(fid in first_ids for fid, _q in items),
            }
        )
    return out


def _region_groups(
    kb: KnowledgeBase, language: str
) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The page's region lists, one per body area in the knowledge base's order (kept per
    knowledge base and language)."""
    kept = kb.cache.setdefault("region_groups", {})
    assert isinstance(kept, dict)
    found = kept.get(language)
    if found is None:
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for rid, region in sorted(kb.regions.items(), key=lambda kv: (kv[1].view, kv[0])):
            groups[region.area].append((rid, region.label))
        area_order = list(kb.areas)
        found = kept[language] = [
            (kb.areas[area].label, tuple(items))
            for area, items in sorted(groups.items(), key=lambda g: area_order.index(g[0]))
        ]
    return found


def _given(form: FinderForm, key: str) -> set[str]:
    """Every value sent for ``key`` (a bound form's data is the request's QueryDict)."""
    data = form.data
    return set(data.getlist(key)) if form.is_bound and isinstance(data, QueryDict) else set()


def form_html(
    kb: KnowledgeBase, form: FinderForm, first: Sequence[str] = (), *, whole: bool = False
) -> SafeString:
    """The finder's form with what the person ticked and typed.

    The form is the same for everyone in a language but for the ticks, the words and the
    order of the safety groups, so it is drawn once per language with a marker in each of
    those places and, per request, the markers are replaced (byte for byte what a whole
    drawing gives; a test holds the two equal). A form with errors, or asked ``whole``,
    is drawn whole.
    """
    slots = _form_slots(kb, form, first)
    if whole or (form.is_bound and form.errors):
        return mark_safe(render_to_string("finder/_form.html", _form_context(kb, form, slots)))
    return mark_safe(_form_skeleton(kb, get_language()).fill(slots))


def _form_skeleton(kb: KnowledgeBase, language: str) -> Skeleton:
    """The form drawn with markers (kept per knowledge base and language)."""
    kept = kb.cache.setdefault("form_skeleton", {})
    assert isinstance(kept, dict)
    found = kept.get(language)
    if found is None:
        empty = FinderForm(kb, None)
        names = markers(_form_slots(kb, empty))
        html = render_to_string("finder/_form.html", _form_context(kb, empty, names))
        found = kept[language] = Skeleton.of(html, names)
    assert isinstance(found, Skeleton)
    return found


def _form_slots(kb: KnowledgeBase, form: FinderForm, first: Sequence[str] = ()) -> dict[str, str]:
    """What changes in the form from one person to the next, each part as HTML."""
    selected = _given(form, "r")
    slots = {
        "map_back": render_bodymap(kb, "back", selected=selected, id_prefix="map"),
        "map_front": render_bodymap(kb, "front", selected=selected, id_prefix="map"),
    }
    for c in _closeups()[:1]:  # the others are drawn when asked for (closeups below)
        slots[f"closeup_{c.id}"] = render_bodymap(
            kb,
            c.view,
            selected=selected,
            id_prefix=f"zoom-{c.id}",
            closeup=c,
            defs_from="map",  # the whole figure of the same view is on the page
            title=c.label,
        )
    for i, (_label, items) in enumerate(_region_groups(kb, get_language())):
        slots[f"open_{i}"] = " open" if any(rid in selected for rid, _ in items) else ""
        slots[f"regions_{i}"] = checkbox_list("r", items, selected)
    for name in ("pain", "worse", "flags_text", "age"):
        slots[name] = str(markup_escape(form[name].value() or ""))
    given_w = _given(form, "w")
    slots["quality_list"] = checkbox_list(
        "q", [(t.id, t.label) for t in kb.qualities.values()], _given(form, "q"), "checks cols"
    )
    slots["aggravator_list"] = checkbox_list(
        "w", [(t.id, t.label) for t in kb.aggravators.values()], given_w, "checks cols"
    )
    slots["aggravators_open"] = " open" if given_w else ""
    slots["care_list"] = checkbox_list(
        "care", [(p.id, p.question) for p in kb.precautions.values()], _given(form, "care")
    )
    groups = safety_groups(kb, form, _given(form, "f"), _given(form, "ng"), first)
    slots["safety_html"] = _safety_html(groups)
    slots["none_apply"] = " checked" if form.is_bound and form.data.get("none") else ""
    return slots


def _form_context(kb: KnowledgeBase, form: FinderForm, slots: Mapping[str, str]) -> dict[str, Any]:
    """The form template's context, with every changing part taken from ``slots``."""
    safe = {name: Markup(value) for name, value in slots.items()}
    return {
        "form": form,
        "maps": [("back", safe["map_back"]), ("front", safe["map_front"])],
        "closeups": [(c, safe[f"closeup_{c.id}"]) for c in _closeups()[:1]],
        "more_closeups": len(_closeups()) > 1,
        "region_groups": [
            (label, safe[f"open_{i}"], safe[f"regions_{i}"])
            for i, (label, _items) in enumerate(_region_groups(kb, get_language()))
        ],
        "values": {name: safe[name] for name in ("pain", "worse", "flags_text", "age")},
        "quality_list": safe["quality_list"],
        "aggravator_list": safe["aggravator_list"],
        "aggravators_open": safe["aggravators_open"],
        "safety_html": safe["safety_html"],
        "none_apply": safe["none_apply"],
        "care_list": safe["care_list"],
    }


def _safety_html(groups: list[dict[str, Any]]) -> str:
    """The safety groups, each a fieldset with its questions and its "none of these"."""
    because = _("(first, because of what you told us)")
    none_of_these = _("None of these")
    out = []
    for g in groups:
        first = g["first"]
        legend = str(markup_escape(g["title"]))
        if first:
            legend += f' <span class="because">{because}</span>'
        out.append(f'    <fieldset class="safety-group{" safety-first" if first else ""}">\n')
        out.append(f"      <legend>{legend}</legend>\n      {g['list']}\n")
        if g["has_none"]:
            checked = " checked" if g["none"] else ""
            out.append(
                '<p class="group-none"><label><input type="checkbox" name="ng" '
                f'value="{markup_escape(g["id"])}"{checked}> {none_of_these}</label></p>'
            )
        out.append("    </fieldset>\n")
    return "".join(out)[4:-1]


def results_context(
    kb: KnowledgeBase, data: dict[str, Any], *, alone: bool = False
) -> dict[str, Any]:
    """Triage, what we understood, and the candidates with everything to show about them.

    ``alone``: for a page without the finder's own maps (the PDF), so each small map
    carries its own silhouette."""
    # the page's own lists are checked ids: used as they are; only typed words are read
    chosen = Chosen(
        regions=tuple(data.get("r") or ()),
        qualities=tuple(data.get("q") or ()),
        aggravators=tuple(data.get("w") or ()),
        flags=tuple(data.get("f") or ()),
    )
    pain = [data["pain"]] if data.get("pain") else []
    worse = [data["worse"]] if data.get("worse") else []
    ticked = set(chosen.flags)
    flags: list[str] = []
    # "none of these" for a group answers no to each of its questions not ticked yes
    no_groups = set(data.get("ng") or [])
    flags_no = list(data.get("n") or []) + [
        f.id for f in kb.flags.values() if f.group in no_groups and f.id not in ticked
    ]
    if data.get("flags_text"):
        flags.append(data["flags_text"])
    interpretation = interpret(
        kb,
        pain,
        (),
        worse,
        flags,
        data.get("age"),
        flags_no=flags_no,
        none_apply=bool(data.get("none")),
        chosen=chosen,
    )
    result = find(kb, interpretation.report, limit=CANDIDATES_SHOWN)
    t = result.triage
    urgent = t.level >= Level.urgent and t.level is not Level.emergency
    shared = shared_reasons(result.candidates)
    groups = same_muscle_groups(result.candidates)
    care = read_precautions(kb, data.get("care") or ())
    candidates = [
        _candidate_view(
            kb, c, urgent, None if alone else "map", shared=shared, groups=groups, care=care
        )
        for c in result.candidates
    ]
    typed = list(interpretation.readings)  # only typed words are read, so all are shown
    return {
        "asked": True,
        "triage": t,
        "level": t.level.name,
        "level_word": level_word(t.level, t.checked),
        "emergency": t.level is Level.emergency,
        "urgent": urgent,
        "serious": t.level >= Level.urgent,
        "checked": t.checked,
        "open_questions": t.questions[:8],
        "more_questions": max(0, len(t.questions) - 8),
        "asked_first": [q.id for q in t.questions if q.because],
        "withheld": result.withheld,
        "interpretation": interpretation,
        "marked": [kb.regions[m.region].label for m in interpretation.report.marks],
        "understood": [r for r in typed if r.understood],
        "unresolved": [r for r in typed if not r.understood],
        "candidates": candidates,
        "plan_defaults": {c["choice"] for c in candidates[:2]},
        "shared_reasons": shared,
        "contrast": _contrast_view(kb, contrast(kb, result)),
        "care": _care_view(kb, care),
        "care_ids": list(care),
    }


def _care_view(kb: KnowledgeBase, care: Sequence[str]) -> dict[str, Any]:
    """What the person said changes how to press, and the changes that hold everywhere
    (said once per page, not on every card)."""
    return {
        "chosen": [kb.precautions[p].label for p in care],
        "everywhere": [
            (p.label, p.default.say, p.id in care)
            for p in kb.precautions.values()
            if p.everywhere and (not care or p.id in care)
        ],
        "asked": bool(care),
    }


def _contrast_view(kb: KnowledgeBase, found: Contrast | None) -> dict[str, Any] | None:
    """What sets the first candidate apart from the second, in words."""
    if found is None:
        return None

    def name(c: Candidate) -> str:
        return f"{c.record.muscle.name} (#{c.rank})"

    def places(ids: Sequence[str]) -> str:
        return "; ".join(kb.regions[r].label for r in ids)

    first, second = name(found.first), name(found.second)
    lines = []
    if found.only_first:
        lines.append(
            _("%(a)s comes first: it also explains %(where)s, which %(b)s does not.")
            % {"a": first, "where": places(found.only_first), "b": second}
        )
    elif found.more_direct:
        lines.append(
            _("%(a)s comes first: more of what you marked lies in its main pain zone.")
            % {"a": first}
        )
    else:
        lines.append(
            _("%(a)s and %(b)s explain your marks about as well: the order is close, try both.")
            % {"a": first, "b": second}
        )
    if found.only_second:
        lines.append(
            _("%(b)s explains %(where)s, which %(a)s does not.")
            % {"a": first, "b": second, "where": places(found.only_second)}
        )
    if found.same_muscle:
        lines.append(
            _("Both are in the %(muscle)s: working along the whole muscle covers both.")
            % {"muscle": found.first.record.muscle.name.lower()}
        )
    questions = []
    for t in found.tellings:
        words = {"label": t.label, "fits": name(t.fits), "other": name(t.not_fits)}
        if t.kind == "aggravator":
            questions.append(
                _("If %(label)s makes it worse, that fits %(fits)s rather than %(other)s.") % words
            )
        else:
            questions.append(
                _("If “%(label)s” is how it feels, that fits %(fits)s rather than %(other)s.")
                % words
            )
    return {"lines": lines, "questions": questions}


def _candidate_view(
    kb: KnowledgeBase,
    c: Candidate,
    urgent: bool = False,
    defs_from: str | None = "map",
    *,
    shared: Sequence[str] = (),
    groups: Mapping[str, Sequence[int]] | None = None,
    care: Sequence[str] = (),
) -> dict[str, Any]:
    record = c.record
    first = record.point.self_treatment[0]
    # the everywhere ones are said once above the list, not on every card
    for_you = [a for a in precautions_for(kb, record.point, first, care) if a.chosen and a.specific]
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
    point, details = _fixed_details(kb, record, urgent)
    return {
        "rank": c.rank,
        "ref": record.ref,
        "muscle": record.muscle,
        "point": point,
        "tp_id": record.point.id,
        "evidence_label": evidence_word(record.point.evidence.value),
        "side": c.side,
        "score": c.score,
        "coverage": c.coverage,
        "confidence": c.confidence,
        "fit_word": fit_word(c.confidence),
        "side_word": side_word(c.side),
        "reasons": without(c.reasons, shared),
        "spots": record.spots,
        "details": details,
        "maps": [(_mini_caption(svg, c.side), svg) for svg in maps],
        "same_muscle": [r for r in (groups or {}).get(record.muscle.id, ()) if r != c.rank],
        "choice": f"{record.ref}:{c.side}",
        "for_you": for_you,
    }


_VIEW_OF = re.compile(r'data-view="(\w+)"')


def _mini_caption(svg: str, side: str) -> str:
    """The words above a candidate's small map: which view, which side."""
    found = _VIEW_OF.search(svg)
    view = found.group(1) if found else ""
    seen = _("From behind") if view == "back" else _("From the front")
    return f"{seen}, {side_word(side)}"


def _fixed_details(
    kb: KnowledgeBase, record: TriggerPointRecord, urgent: bool
) -> tuple[dict[str, Any], SafeString]:
    """A candidate's description and the part of its card that is the same for every
    report (how to find and treat it, sources), drawn once per process and language. It
    comes from knowledge-base data alone, so nothing of anyone's report is kept."""
    kept = kb.cache.setdefault("candidate_details", {})
    assert isinstance(kept, dict)
    key = (record.ref, urgent, get_language())
    found = kept.get(key)
    if found is None:
        point = describe_trigger_point(kb, record.muscle.id, record.point)
        for technique in point["self_treatment"]:
            technique["evidence_label"] = evidence_word(technique["evidence"])
        view = {
            "point": point,
            "muscle": record.muscle,
            "tp_id": record.point.id,
            "companions": [kb.trigger_points[r] for r in record.point.companions],
        }
        html = render_to_string("finder/_details.html", {"c": view, "urgent": urgent})
        found = kept[key] = (point, mark_safe(html))  # bounded: points x 2 x languages
    return found


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
