"""Precautions in the faces: asked once in the finder (optional, plain words), shown as
changes on each candidate, carried into the routine, and printed."""

from __future__ import annotations

import html as htmllib
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.test import Client

from knotwork.core.precautions import precautions_for
from knotwork.web.kb import get_kb

pytestmark = pytest.mark.django_db

LOW_BACK = {"r": ["back.low_back.paraspinal_lower.right"], "none": "1"}
QL = "quadratus_lumborum/deep_upper"


def page(client: Client, path: str, params: dict[str, object] | None = None) -> str:
    query = "?" + urlencode(params or {}, doseq=True) if params else ""
    response = client.get(path + query)
    assert response.status_code in (200, 400), response.status_code
    return htmllib.unescape(response.content.decode())


def test_the_finder_asks_each_precaution_once_as_an_optional_tick(client: Client) -> None:
    kb = get_kb()
    body = page(client, "/")
    assert "Anything that changes how to press?" in body
    for p in kb.precautions.values():
        assert body.count(f'name="care" value="{p.id}"') == 1
        assert p.question in body


def test_a_precaution_for_every_technique_is_said_once_above_the_candidates(client: Client) -> None:
    kb = get_kb()
    body = page(client, "/", {**LOW_BACK, "care": ["blood_thinners"]})
    assert "You told us:</strong> blood thinners or a bleeding disorder." in body
    cards = body.count('<li class="candidate"')
    assert cards >= 3
    say = kb.precautions["blood_thinners"].default.say
    # it changes every technique, so it is said once above the cards, not on each
    assert body.count(say) == 1
    assert "For you, with blood thinners or a bleeding disorder, in every treatment below:" in body


def test_a_danger_area_precaution_shows_only_where_it_applies(client: Client, rf) -> None:  # type: ignore[no-untyped-def]
    from knotwork.web.finder.forms import FinderForm
    from knotwork.web.finder.views import results_context

    kb = get_kb()
    params = {**LOW_BACK, "care": ["osteoporosis"]}
    body = page(client, "/", params)
    form = FinderForm(kb, rf.get("/", params).GET)
    assert form.is_valid()
    candidates = results_context(kb, form.cleaned_data)["candidates"]
    expected = 0
    for c in candidates:
        point = c["point"]
        record = kb.trigger_points[c["ref"]].point
        applied = precautions_for(kb, record, record.self_treatment[0], ("osteoporosis",))
        has = any(a.id == "osteoporosis" for a in applied)
        assert has == any(a.id == "osteoporosis" for a in c["for_you"]), point["id"]
        expected += has
    assert 1 <= expected < len(candidates)  # some candidates are treated over the spine
    assert body.count("<strong>osteoporosis or long-term steroids</strong>:") >= expected


def test_without_answers_the_page_says_once_what_would_change(client: Client) -> None:
    kb = get_kb()
    body = page(client, "/", LOW_BACK)
    assert "Tick any that apply" in body
    assert body.count(kb.precautions["blood_thinners"].default.say) == 1
    assert "What changes for you" not in body
    # the danger-area ones are said on the technique itself, as a conditional
    assert "Take care here if you have:" in body


def test_a_value_that_is_not_a_precaution_is_refused_in_words(client: Client) -> None:
    response = client.get("/?" + urlencode({**LOW_BACK, "care": ["warfarin"]}, doseq=True))
    body = htmllib.unescape(response.content.decode())
    assert "warfarin is not one of the choices on this page" in body
    assert '<li class="candidate"' not in body


def test_the_plan_form_carries_the_precautions_to_the_routine(client: Client) -> None:
    body = page(client, "/", {**LOW_BACK, "care": ["osteoporosis", "pregnancy"]})
    assert '<input type="hidden" name="care" value="osteoporosis">' in body
    assert '<input type="hidden" name="care" value="pregnancy">' in body
    routine = page(client, "/session/", {"tp": f"{QL}:right", "care": ["osteoporosis"]})
    assert "Changes how to press:</strong> osteoporosis or long-term steroids." in routine
    assert "What changes for you:" in routine
    assert 'name="care" value="osteoporosis" checked' in routine
    # the link to keep holds them too
    assert "care=osteoporosis" in routine


def test_the_builder_keeps_and_drops_precautions_as_ticked(client: Client) -> None:
    report = urlencode({**LOW_BACK, "care": "pacemaker"}, doseq=True)
    params = {"act": "update", "ref": QL, "side": "right", "back": report}
    kept = client.get("/session/?" + urlencode({**params, "care": "osteoporosis"}))
    assert kept.status_code == 303
    query = parse_qs(urlsplit(kept["Location"]).query)
    assert query["care"] == ["osteoporosis"] or sorted(query["care"]) == [
        "osteoporosis",
        "pacemaker",
    ]
    # ticked off in the builder (its boxes sent, none ticked): gone, though the finder had one
    dropped = client.get("/session/?" + urlencode({**params, "care_set": "1"}))
    assert "care" not in parse_qs(urlsplit(dropped["Location"]).query)
    body = page(
        client, dropped["Location"].split("?")[0], parse_qs(urlsplit(dropped["Location"]).query)
    )
    assert "What changes for you:" not in body


def test_printouts_show_the_changes(rf) -> None:  # type: ignore[no-untyped-def]
    import datetime

    from django.template.loader import render_to_string

    from knotwork.core.routine import StepSpec, build
    from knotwork.web.finder.forms import FinderForm
    from knotwork.web.finder.views import results_context
    from knotwork.web.routines.views import printout_html

    kb = get_kb()
    say = kb.precautions["blood_thinners"].default.say
    form = FinderForm(kb, rf.get("/", {**LOW_BACK, "care": ["blood_thinners"]}).GET)
    assert form.is_valid()
    context = results_context(kb, form.cleaned_data, alone=True)
    printed = htmllib.unescape(
        render_to_string(
            "finder/printout.html",
            {**context, "safety_yes": [], "safety_no": [], "today_text": "4 December 2026"},
        )
    )
    assert "Changes how to press:</strong> blood thinners or a bleeding disorder." in printed
    assert printed.count(say) == 1
    routine = build(kb, [StepSpec.parse(f"{QL}:right")])
    sheet = htmllib.unescape(
        printout_html(None, kb, routine, None, "", datetime.date(2026, 12, 4), ("osteoporosis",))
    )
    assert "Changes how to press:</strong> osteoporosis or long-term steroids." in sheet
    assert "What changes for you:" in sheet
