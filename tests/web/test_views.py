"""Server-rendered pages, driven in-process with Django's test client."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

DIMPLE_AND_BUTTOCK = {"r": ["back.sacroiliac.right", "back.buttock.upper.right"]}


def get(client: Client, path: str, params: dict[str, object] | None = None, **headers: str):  # type: ignore[no-untyped-def]
    query = "?" + urlencode(params or {}, doseq=True) if params else ""
    return client.get(path + query, headers=headers or None)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def test_finder_page_renders_map_and_form(client: Client) -> None:
    page = text(get(client, "/"))
    assert "Back view: your left is on the left." in page
    assert "Front view: your left is on the right." in page
    assert 'role="button"' in page
    assert 'aria-pressed="false"' in page
    assert 'name="r" value="back.sacroiliac.right"' in page
    assert "Safety questions" in page
    assert "Mark where it hurts to see what could cause it." in page


def test_results_in_the_url_without_javascript(client: Client) -> None:
    response = get(client, "/", {**DIMPLE_AND_BUTTOCK, "none": "1"})
    page = text(response)
    assert response.status_code == 200
    assert "No red flags in your answers" in page
    assert "Safety questions still open" not in page
    ranked = re.findall(r'<h3 id="c\d+-h">([^:<]+):', page)
    assert "Gluteus maximus" in ranked[:3]
    assert "Longissimus thoracis" in ranked[:3]
    # the marked regions show as pressed on the map and ticked in the list
    assert re.search(
        r'data-region="back.sacroiliac.right"[^>]*aria-pressed="true"', page
    ) or re.search(r'aria-pressed="true"[^>]*data-region="back.sacroiliac.right"', page)
    assert 'value="back.sacroiliac.right" checked' in page
    assert "How to find it" in page
    assert "Stop if:" in page
    assert "Plan a self-treatment session" in page


def test_free_text_is_understood(client: Client) -> None:
    page = text(
        get(
            client,
            "/",
            {"pain": "right back dimple, top of right buttock", "worse": "leaning over the sink"},
        )
    )
    assert "You marked:" in page
    assert "the top of your right buttock" in page


def test_unresolved_words_are_reported(client: Client) -> None:
    page = text(get(client, "/", {"pain": "my zorbly blorf"}))
    assert "We could not understand" in page
    assert "my zorbly blorf" in page


def test_htmx_gets_only_the_results_and_a_shareable_url(client: Client) -> None:
    response = get(client, "/results/", DIMPLE_AND_BUTTOCK, **{"HX-Request": "true"})
    page = text(response)
    assert "<html" not in page
    assert "What we found" in page
    assert response.headers["HX-Push-Url"].startswith("/?")
    assert "back.sacroiliac.right" in response.headers["HX-Push-Url"]


def test_emergency_leads_and_shows_no_treatment(client: Client) -> None:
    page = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "f": ["saddle_numbness"]}))
    assert "Get emergency medical help now" in page
    assert "No self-treatment suggestions are shown" in page
    assert "How to treat it" not in page
    assert "Plan a self-treatment session" not in page


def test_urgent_holds_self_treatment(client: Client) -> None:
    page = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "f": ["first_episode"], "age": 62}))
    assert "See a doctor within a day or two" in page
    assert "Self-treatment is on hold" in page
    assert "<summary>How to treat it</summary>" not in page


def test_bad_age_says_what_is_accepted(client: Client) -> None:
    page = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "age": "old"}))
    assert "Enter your age as a whole number of years, from 0 to 120." in page
    assert "What we found" not in page


def test_unknown_region_id_says_what_is_accepted(client: Client) -> None:
    page = text(get(client, "/", {"r": ["back.nowhere.left"]}))
    assert "is not one of the choices on this page" in page


def test_nothing_about_the_person_is_stored(client: Client) -> None:
    from django.db import connection

    def rows() -> dict[str, int]:
        with connection.cursor() as cursor:
            counts = {}
            for table in connection.introspection.table_names():
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
            return counts

    before = rows()
    get(client, "/", {**DIMPLE_AND_BUTTOCK, "f": ["cancer_history"], "age": 52})
    assert rows() == before  # not one row written anywhere
    assert not client.cookies  # no session, no tracking cookie


def test_library_pages(client: Client) -> None:
    spots = text(get(client, "/spots/"))
    assert spots.count('<li id="spot-') == 14
    spot = text(get(client, "/spots/12/"))
    assert "Perfect Spot No. 12" in spot
    assert "Gluteus maximus" in spot
    muscles = text(get(client, "/muscles/"))
    assert "Quadratus lumborum" in muscles
    muscle = text(get(client, "/muscles/quadratus_lumborum/"))
    assert "Active trigger points were found in 30–55%" in muscle
    point = text(get(client, "/muscles/gluteus_maximus/tp1_upper/"))
    assert "How to find it" in point
    assert "Often confused with:" in point
    assert 'class="trigger-point"' in point or "trigger point" in point
    assert get(client, "/muscles/nope/").status_code == 404
    assert get(client, "/spots/99/").status_code == 404


def test_region_page(client: Client) -> None:
    page = text(get(client, "/regions/back.sacroiliac.right/"))
    assert "What can refer pain to your right back dimple" in page
    assert "Gluteus maximus" in page
    assert get(client, "/regions/back.elbowz.left/").status_code == 404
    assert "Body regions" in text(get(client, "/regions/"))


def test_the_empty_finder_is_built_once_and_is_the_page_itself(client: Client) -> None:
    """The finder with nothing marked is the same for everyone in a language, so it is
    built once per process; it must be byte for byte the page the view would draw."""
    from django.test import RequestFactory

    from knotwork.web.finder import views

    first, second = client.get("/"), client.get("/")
    assert first.status_code == 200
    assert first.content == second.content
    assert first.content == views._finder_page(RequestFactory().get("/")).content
    assert views._empty_finder.cache_info().hits >= 1
    assert "Accept-Language" in first.get("Vary", "")
    # a report in the URL is never answered from it
    marked = client.get("/?r=back.sacroiliac.right")
    assert marked.content != first.content


def test_healthz(client: Client) -> None:
    response = get(client, "/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_security_headers(client: Client) -> None:
    response = get(client, "/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_inline_scripts_or_styles_in_pages(client: Client) -> None:
    for path in (
        "/",
        "/?r=back.sacroiliac.right",
        "/spots/",
        "/muscles/quadratus_lumborum/",
        "/session/?tp=gluteus_maximus/tp1_upper",
    ):
        page = text(get(client, path))
        for tag in re.findall(r"<script[^>]*>", page):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"<script[^>]*>\s*[^<\s]", page), path
        assert " style=" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path  # no inline event handlers


# --------------------------------------------------------------- the safety step


def test_no_safety_answers_never_passes(client: Client) -> None:
    page = text(get(client, "/", DIMPLE_AND_BUTTOCK))
    assert "Plan a self-treatment session" not in page
    assert "first answer the safety questions" in page
    assert "No red flags" not in page
    assert "passed" not in page.lower()
    assert "Safety questions open" in page
    assert "Safety questions still open" in page
    # the open questions come before any suggestion
    assert page.index("Safety questions still open") < page.index('id="candidate-1"')


def test_safety_questions_come_in_short_groups_with_none_apply(client: Client) -> None:
    page = text(get(client, "/"))
    assert page.count('<fieldset class="safety-group">') >= 5
    assert "None of the other questions apply to me" in page
    assert 'id="flag-saddle_numbness"' in page


def test_marked_chest_arm_and_jaw_ask_the_heart_question_first(client: Client) -> None:
    marks = {"r": ["front.chest.left", "front.upper_arm.left", "front.face.jaw.left"]}
    page = text(get(client, "/", marks))
    assert "No red flags" not in page
    first_group = page.index("(first, because of what you told us)")
    heart = page.index('id="flag-chest_pain_breathless"')
    saddle = page.index('id="flag-saddle_numbness"')
    assert first_group < heart < saddle
    open_list = page[page.index("Safety questions still open") :]
    assert open_list.index("chest pain") < open_list.index("saddle")


@pytest.mark.parametrize(
    "words",
    [
        {"pain": "I can't feel it when I wipe"},
        {"flags_text": "peeing is weird since yesterday"},
        {"pain": "numb between my legs, can't pee"},
        {"pain": "chest pain going into my left arm and jaw, sweaty"},
    ],
)
def test_own_words_emergencies_lead_the_page(client: Client, words: dict[str, str]) -> None:
    page = text(get(client, "/", words))
    assert 'id="triage-top"' in page
    assert page.index('id="triage-top"') < page.index("<form")
    assert "Get emergency medical help now" in page
    assert 'id="candidate-1"' not in page


def test_none_of_these_in_a_group_answers_its_questions_no(client: Client) -> None:
    every_group = ["nerves", "heart_head", "injury_bones", "limbs_blood", "general_health"]
    some = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "ng": every_group[:2]}))
    assert "Safety questions still open" in some
    assert (
        "Is there numbness or pins and needles between your legs"
        not in some.split("Safety questions still open")[1].split("</ol>")[0]
    )
    every = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "ng": [*every_group, "course"]}))
    assert "No red flags in your answers" in every
    ticked = text(
        get(client, "/", {**DIMPLE_AND_BUTTOCK, "ng": every_group, "f": "cancer_history"})
    )
    assert "See a doctor within a day or two" in ticked


def test_ticked_yes_and_none_apply_keeps_the_yes(client: Client) -> None:
    page = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "f": "cancer_history", "none": "1"}))
    assert "See a doctor within a day or two" in page


def test_we_read_your_words_back(client: Client) -> None:
    page = text(get(client, "/", {"pain": "top of my butt, buttok", "none": "1"}))
    assert "We read “top of my butt” as: top of the buttock (both sides)." in page
    sided = text(get(client, "/", {"pain": "top of my butt, rigth buttok", "none": "1"}))
    assert "We read “top of my butt” as: top of the buttock (right side)." in sided
    assert "read “rigth” as “right”" in sided
    # a reading that ends with a question ends there, with no full stop after it
    asked = text(get(client, "/", {"pain": "neck stiff when I turn", "none": "1"}))
    assert "or new confusion?" in asked
    assert "?." not in asked


def test_too_long_own_words_say_what_is_accepted(client: Client) -> None:
    response = get(client, "/", {"pain": ",".join(["word"] * 400)})
    page = text(response)
    assert response.status_code == 200
    assert "at most" in page
    assert 'aria-invalid="true"' in page


def test_inflammatory_back_pain_from_its_features(client: Client) -> None:
    ticked = {
        "r": ["back.low_back.left", "back.low_back.right"],
        "f": ["back_pain_over_3_months", "morning_stiffness_over_30_min", "better_with_exercise"],
        "age": "32",
        "none": "1",
    }
    page = text(get(client, "/", ticked))
    assert "Book a routine visit with your doctor" in page
    words = {
        "pain": "low back for 2 years",
        "flags_text": "stiff every morning for over an hour, better when I move about",
        "none": "1",
    }
    assert "Book a routine visit with your doctor" in text(get(client, "/", words))


def _finder_form(data: dict[str, object]):  # type: ignore[no-untyped-def]
    from django.http import QueryDict

    from knotwork.web.finder.forms import FinderForm
    from knotwork.web.kb import get_kb

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return FinderForm(get_kb(), query)


def _finder_choices() -> dict[str, list[str]]:
    from knotwork.web.kb import get_kb

    kb = get_kb()
    return {
        "r": sorted(kb.regions),
        "q": sorted(kb.qualities),
        "w": sorted(kb.aggravators),
        "f": sorted(kb.flags),
        "ng": sorted(kb.flag_groups),
    }


_WORDS = st.lists(
    st.sampled_from([*"ab <>&\"'é-?;", "left buttock", "fever", "2 weeks"]), max_size=12
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_finder_form_filled_in_is_the_form_drawn_whole(data: st.DataObject) -> None:
    """The form is drawn once per language with markers and filled per request: for any
    ticks, words, age and safety order it must be byte for byte the whole drawing."""
    from django.utils import translation

    from knotwork.web.finder import views
    from knotwork.web.kb import get_kb

    choices = _finder_choices()
    sent: dict[str, object] = {
        key: data.draw(st.lists(st.sampled_from(ids), max_size=6, unique=True), label=key)
        for key, ids in choices.items()
    }
    for key in ("pain", "worse", "flags_text"):
        sent[key] = data.draw(_WORDS, label=key)
    sent["age"] = data.draw(st.sampled_from(["", "7", "45", "120", "abc", "-3", "200"]))
    sent["none"] = data.draw(st.sampled_from(["", "1"]))
    first = data.draw(st.lists(st.sampled_from(choices["f"]), max_size=4, unique=True))
    language = data.draw(st.sampled_from(["en", "es"]))
    with translation.override(language):
        form = _finder_form(sent)
        form.is_valid()
        filled = views.form_html(get_kb(), form, first)
        whole = views.form_html(get_kb(), form, first, whole=True)
        assert filled == whole
        if not form.errors:
            # the fast path was taken, and it is the skeleton's
            skeleton = views._form_skeleton(get_kb(), language)
            assert filled.startswith(skeleton.pieces[0])


def test_the_finder_page_is_its_parts_drawn_whole(client: Client) -> None:
    """The page around the form and the results is drawn once per language: a page
    with a warning at the top, the form and results is the whole template's drawing."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from markupsafe import Markup

    from knotwork.web.finder import views
    from knotwork.web.kb import get_kb

    query = {**DIMPLE_AND_BUTTOCK, "f": ["fever_with_back_pain"], "pain": "top of <my> buttock"}
    request = RequestFactory().get("/?" + urlencode(query, doseq=True))
    page = views._finder_page(request).content.decode()
    form = views.FinderForm(get_kb(), request.GET)
    assert form.is_valid()
    context = {"form": form, **views.results_context(get_kb(), form.cleaned_data)}
    assert context["serious"]
    whole = render_to_string(
        "finder/finder.html",
        {
            "top_html": Markup(render_to_string("finder/_top.html", context)),
            "form_html": views.form_html(get_kb(), form, context["asked_first"], whole=True),
            "results_html": Markup(render_to_string("finder/_results.html", context, request)),
        },
    )
    assert page == whole
    assert "triage-top" in page
    assert "&lt;my&gt;" in page
    assert text(get(client, "/", query)) == page


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0, max_value=100).filter(lambda v: v == 0 or v > 1e-9)
    | st.integers(min_value=0, max_value=100).map(lambda n: n / 2)
)
def test_scores_are_rounded_as_floatformat_rounds_them(value: float) -> None:
    """``whole`` is floatformat(0) without its locale lookups. (floatformat gives a number
    under about 1e-300 back unrounded, "5e-324"; a score is never that small, and
    ``whole`` says 0.)"""
    from django.template.defaultfilters import floatformat

    from knotwork.web.jinja import whole

    assert whole(value) == floatformat(value, 0)


# ------------------------------------------ issue 9: choosing, keeping, printing


def test_results_help_choose_and_keep_the_report(client: Client) -> None:
    page = text(get(client, "/", {**DIMPLE_AND_BUTTOCK, "none": "1"}))
    assert "Choosing between the first two" in page
    assert "An answer that would tell them apart:" in page
    assert 'id="report-link"' in page
    assert "back.sacroiliac.right" in re.search(
        r'id="report-link"[^>]*value="([^"]+)"', page
    ).group(1)  # type: ignore[union-attr]
    assert 'href="/results.pdf?' in page
    assert ">Start over</a>" in page
    # each small map says which view and side it shows
    assert "<figcaption>From behind, right side</figcaption>" in page


def test_a_sentence_every_card_would_repeat_is_said_once(client: Client) -> None:
    page = text(
        get(client, "/", {"r": "back.sacroiliac.right", "w": "deep_breathing", "none": "1"})
    )
    assert page.count("What makes your pain worse is not typical for this one.") == 1
    assert "For every trigger point below:" in page


def test_the_results_as_a_pdf(client: Client) -> None:
    response = get(client, "/results.pdf", {**DIMPLE_AND_BUTTOCK, "none": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # nothing asked: back to the finder, nothing made
    empty = get(client, "/results.pdf")
    assert empty.status_code == 302


def test_the_results_printout_fits_four_pages(rf) -> None:  # type: ignore[no-untyped-def]
    from django.template.loader import render_to_string

    from knotwork.web.finder.forms import FinderForm
    from knotwork.web.finder.views import results_context
    from knotwork.web.kb import get_kb
    from knotwork.web.pdf import pages_of

    kb = get_kb()
    request = rf.get("/results.pdf", {**DIMPLE_AND_BUTTOCK, "none": "1"})
    form = FinderForm(kb, request.GET)
    assert form.is_valid()
    context = results_context(kb, form.cleaned_data, alone=True)
    html = render_to_string(
        "finder/printout.html",
        {**context, "safety_yes": [], "safety_no": ["none"], "today_text": "3 December 2026"},
    )
    assert "Where it hurts" in html
    assert "How to find it:" in html
    assert html.count("<svg") == len(context["candidates"])
    assert 'href="#map-' not in html  # every small map carries its own silhouette
    assert len(pages_of(html).pages) <= 4


def test_the_more_closeups_are_drawn_when_asked_with_the_marks_so_far(client: Client) -> None:
    page = text(get(client, "/"))
    assert '<details class="more-closeups" hx-get="/closeups/"' in page
    assert page.count('class="map closeup') == 1  # only the low back's on the page itself
    part = text(get(client, "/closeups/", {"r": ["front.face.jaw.right", "nope"]}))
    assert part.count('class="map closeup') == 5
    assert 'data-region="front.face.jaw.right"' in part
    jaw = re.search(r'<[a-z]+ class="selected" data-region="front.face.jaw.right"', part)
    assert jaw, "the marked region is drawn marked"
