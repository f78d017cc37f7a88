"""The routine builder and the session page, in-process: every button works without
JavaScript, the routine lives in the address, and bad input keeps what was typed."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SEED = "therapist_ql_gluteus_medius_60"
QL = "quadratus_lumborum/deep_upper"
GMED = "gluteus_medius/tp1_posterior"


def get(client: Client, params: list[tuple[str, str]] | dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    query = urlencode(params or {}, doseq=True)
    return client.get("/session/" + ("?" + query if query else ""))


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def seconds(page: str) -> list[str]:
    return re.findall(r'<li class="step" id="step-\d+" data-seconds="(\d+)"', page)


def steps_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.status_code
    query = urlsplit(response["Location"]).query
    return [v for k, v in parse_qsl(query) if k == "step"]


def rows(*specs: tuple[str, str, str, str, str]) -> list[tuple[str, str]]:
    out = []
    for ref, side, minutes, pos, tool in specs:
        out += [("ref", ref), ("side", side), ("min", minutes), ("pos", pos), ("tool", tool)]
    return out


def test_the_seed_session_from_its_template(client: Client) -> None:
    response = get(client, {"template": SEED})
    page = text(response)
    assert response.status_code == 200
    assert seconds(page) == ["1200", "1200", "1200"]
    assert "Quadratus lumborum — right side" in page
    assert "Quadratus lumborum — left side" in page
    assert "Gluteus medius — both sides" in page
    assert "20 minutes, lying on your side" in page
    assert "20 minutes, lying face down" in page
    assert "60 minutes in all, 3 steps." in page
    assert "A 60-minute massage session" in page
    # the page's own link holds the routine and reads back the same
    link = re.search(r'id="routine-link" type="text" readonly value="([^"]+)"', page)
    assert link
    again = text(client.get(link.group(1).replace("&amp;", "&")))
    assert seconds(again) == seconds(page)
    assert "A 60-minute massage session" in again


def test_building_the_seed_session_from_an_empty_page(client: Client) -> None:
    """What a therapist does in the page, button by button (the browser test clicks them)."""
    assert get(client).status_code == 200
    # search a muscle with several trigger points: the page asks which one
    asked = get(client, {"act": "find", "q": "quadratus lumborum"})
    assert asked.status_code == 200
    assert f'value="add-{QL}"' in text(asked)
    one = steps_of(get(client, {"act": f"add-{QL}"}))
    assert one == [f"{QL}:both"]
    # set it to the right side, 20 minutes, lying on the side; add the gluteus medius
    two = steps_of(
        get(
            client,
            [*rows((QL, "right", "20", "side_lying", "")), ("act", "add-" + GMED)],
        )
    )
    assert two == [f"{QL}:right:20:side_lying", f"{GMED}:both"]
    # a second QL step for the left side, found by its Perfect-Spot-free name
    three = steps_of(
        get(
            client,
            [
                *rows((QL, "right", "20", "side_lying", ""), (GMED, "both", "20", "prone", "")),
                ("act", "add-" + QL),
            ],
        )
    )
    four = steps_of(
        get(
            client,
            [
                *rows(
                    (QL, "right", "20", "side_lying", ""),
                    (GMED, "both", "20", "prone", ""),
                    (QL, "left", "20", "side_lying", ""),
                ),
                ("act", "up-2"),
            ],
        )
    )
    assert len(three) == 3
    assert four == [
        f"{QL}:right:20:side_lying",
        f"{QL}:left:20:side_lying",
        f"{GMED}:both:20:prone",
    ]
    page = text(get(client, [("step", s) for s in four] + [("helper", "1")]))
    assert seconds(page) == ["1200", "1200", "1200"]


def test_order_by_position_and_remove(client: Client) -> None:
    mixed = rows(
        (GMED, "both", "10", "prone", ""),
        ("gluteus_maximus/tp1_upper", "both", "", "standing", ""),
        (QL, "left", "5", "side_lying", ""),
        (QL, "right", "5", "side_lying", ""),
    )
    grouped = steps_of(get(client, [*mixed, ("act", "group")]))
    assert [s.split(":")[0] for s in grouped] == ["gluteus_maximus/tp1_upper", QL, QL, GMED]
    assert [s.split(":")[1] for s in grouped][1:3] == ["right", "left"]  # one turn over
    fewer = steps_of(get(client, [*mixed, ("act", "remove-0")]))
    assert len(fewer) == 3
    assert GMED not in " ".join(fewer)
    # removing the last step leaves the empty builder
    empty = get(client, [*rows((GMED, "both", "", "", "")), ("act", "remove-0")])
    assert empty.status_code == 303
    assert empty["Location"] == "/session/"


def test_a_search_with_one_match_adds_it_and_keeps_the_helper(client: Client) -> None:
    response = get(
        client,
        [*rows((GMED, "both", "", "", "")), ("q", "spot 12"), ("act", "find"), ("helper", "1")],
    )
    assert steps_of(response) == [f"{GMED}:both", "gluteus_maximus/tp1_upper:both"]
    assert "helper=1" in response["Location"]


def test_a_search_with_no_match_says_what_to_type_and_keeps_the_routine(client: Client) -> None:
    response = get(client, [*rows((GMED, "both", "12", "", "")), ("q", "xyzzy"), ("act", "find")])
    page = text(response)
    assert response.status_code == 400
    assert "Nothing in the library matches “xyzzy”" in page
    assert f'name="ref" value="{GMED}"' in page
    assert 'value="12"' in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (rows((GMED, "both", "ten", "", "")), "Step 1: minutes must be a whole number"),
        (rows((GMED, "both", "99", "", "")), "Step 1: minutes must be a whole number"),
        (rows((GMED, "middle", "", "", "")), "Step 1: side must be left, right or both"),
        (rows((GMED, "both", "", "upside_down", "")), "Step 1: the position must be one of"),
    ],
)
def test_a_bad_row_is_named_and_kept_as_typed(
    client: Client, params: list[tuple[str, str]], message: str
) -> None:
    response = get(client, [*params, ("act", "update")])
    page = text(response)
    assert response.status_code == 400
    assert message in page
    assert f'name="ref" value="{GMED}"' in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"step": "gluteus_maximus/tp1_upper", "helper": "1", "from": "nope"}, None),
        ({"step": "nope/none"}, "unknown trigger point"),
        ({"step": "multifidus/lumbar:both::side_lying"}, "not worked lying on your side"),
        ({"step": "multifidus/lumbar:both:::cane"}, "no technique with &#39;cane&#39;"),
        ({"step": ["multifidus/lumbar"] * 31}, "at most 30 steps"),
        ({"template": "nope"}, "no routine template with that name"),
        ({"act": "up-7"}, "That step is not in the routine."),
        ({"act": "template", "template_id": "nope"}, "Choose a routine template."),
        ({"act": "find", "q": "x" * 101}, "at most 100 characters"),
        ({"tp": "gluteus_maximus/tp1_upper", "minutes": "lots"}, "whole number of minutes"),
        # digits str.isdigit takes and int() refuses: a 400 that says why, never a 500
        ({"tp": "gluteus_maximus/tp1_upper", "minutes": "\u00b2"}, "whole number of minutes"),
        ({"tp": "gluteus_maximus/tp1_upper", "minutes": "\u0663\u0660"}, "whole number of minutes"),
        ({"tp": "gluteus_maximus/tp1_upper", "minutes": "9" * 40}, "whole number of minutes"),
        ({"tp": "nope/none"}, "unknown trigger point"),
        ({"tp": "gluteus_maximus/tp1_upper:middle"}, "left, right or both"),
    ],
)
def test_bad_input_says_why(client: Client, params: dict[str, object], message: str | None) -> None:
    response = get(client, params)
    if message is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400, text(response)[:300]
    assert message in text(response)


def test_the_planner_gives_no_step_more_than_its_dose_and_says_so(client: Client) -> None:
    response = get(
        client,
        {"tp": [f"{QL}:both", f"{GMED}:both"], "minutes": 60, "helper": "1"},
    )
    page = text(response)
    assert response.status_code == 200
    # QL 4 minutes a side; gluteus medius 5-10 a side, both in one step face down
    assert seconds(page) == ["240", "240", "1200"]
    assert "You asked for 60 minutes; these spots' doses add up to at most 28" in page
    assert "32 minutes are left free" in page
    assert "Stop if:" in page


def test_the_name_on_the_printout_is_never_sent(client: Client) -> None:
    page = text(get(client, {"template": SEED}))
    field = re.search(r'<input id="print-name"[^>]*>', page)
    assert field
    # sent only with the PDF's POST form, so never in an address (the builder is a GET)
    assert 'name="for" form="pdf-form"' in field.group(0)
    assert '<form id="pdf-form" method="post"' in page
    assert 'autocomplete="off"' in field.group(0)
    builder = page[page.index('<section id="builder"') :]
    assert 'name="for"' not in builder


def test_every_builder_control_has_a_label(client: Client) -> None:
    page = text(get(client, {"template": SEED}))
    ids = re.findall(r'<(?:select|input)[^>]* id="([^"]+)"', page)
    assert ids
    for control in ids:
        if control in {"pressure"}:
            continue
        assert f'for="{control}"' in page, control


def test_library_and_finder_lead_to_the_builder(client: Client) -> None:
    point = text(client.get("/muscles/gluteus_medius/tp1_posterior/"))
    assert 'action="/session/"' in point


def test_the_routine_as_a_pdf(client: Client) -> None:
    seed = [
        f"{QL}:right:20:side_lying",
        f"{QL}:left:20:side_lying",
        f"{GMED}:both:20:prone:thumb",
    ]
    response = client.post(
        "/session/pdf/", {"step": seed, "helper": "1", "from": SEED, "for": "Sam  Example"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="knotwork-routine-')
    assert response.content.startswith(b"%PDF-")
    assert client.get("/session/pdf/").status_code == 405
    bad = client.post("/session/pdf/", {"step": "nope/none"})
    assert bad.status_code == 400
    assert "unknown trigger point" in bad.content.decode()


def test_the_pdf_holds_the_routine_in_at_most_four_pages(kb) -> None:  # type: ignore[no-untyped-def]
    import datetime

    from knotwork.core.routine import build, from_template
    from knotwork.web.pdf import pages_of
    from knotwork.web.routines.views import printout_html

    template = kb.routines[SEED]
    routine = build(kb, from_template(template), helper=True)
    html = printout_html(None, kb, routine, template, "Sam  Example", datetime.date(2026, 12, 3))
    assert "For: Sam Example" in html
    assert "3 December 2026" in html
    assert html.count("<svg") == 3  # each step's map
    assert "Landmarks:" in html
    assert len(pages_of(html).pages) <= 4


def test_back_to_the_finder_keeps_the_answers(client: Client) -> None:
    report = "r=back.sacroiliac.right&none=1"
    results = text(client.get("/?" + report))
    assert f'<input type="hidden" name="back" value="{report.replace("&", "&amp;")}">' in results
    page = text(get(client, {"tp": f"{GMED}:both", "back": report}))
    assert f'href="/?{report.replace("&", "&amp;")}">Back to the finder</a>' in page
    # the builder keeps it through its buttons
    moved = get(client, [*rows((GMED, "both", "", "", "")), ("act", "update"), ("back", report)])
    assert moved.status_code == 303
    assert "back=r%3Dback.sacroiliac.right%26none%3D1" in moved["Location"]
    # a report too long to be one is dropped, never an error
    long = text(get(client, {"tp": f"{GMED}:both", "back": "r=" + "x" * 5000}))
    assert 'href="/">Back to the finder</a>' in long
