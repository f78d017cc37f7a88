"""The safety step in a real browser: own-words emergencies come into view and take focus,
the safety questions are reachable by keyboard, and nothing passes unasked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _in_view(page: Page, selector: str) -> bool:
    return bool(
        page.evaluate(
            """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                return r.top < window.innerHeight && r.bottom > 0; }""",
            selector,
        )
    )


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("#id_pain", "numb between my legs, can't pee"),
        ("#id_pain", "chest pain going into my left arm and jaw, sweaty"),
        ("#id_flags_text", "I can't feel it when I wipe"),
    ],
)
def test_own_words_emergency_is_brought_into_view(
    page: Page,
    live_server,  # type: ignore[no-untyped-def]
    field: str,
    words: str,
) -> None:
    page.goto(live_server.url + "/")
    page.fill(field, words)
    page.keyboard.press("Tab")  # the change event sends the words, as a person moving on
    box = page.locator("#triage")
    expect(box).to_contain_text("Get emergency medical help now")
    expect(box).to_have_attribute("role", "alert")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'triage'")
    assert _in_view(page, "#triage")
    expect(page.locator("ol.candidates")).to_have_count(0)
    screenshot(page, "safety-emergency-in-view")


def test_emergency_without_javascript_leads_the_page(page_without_js: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page = page_without_js
    page.goto(live_server.url + "/")
    page.fill("#id_pain", "I can't feel it when I wipe")
    page.get_by_role("button", name="Show what could cause it").click()
    top = page.locator("#triage-top")
    expect(top).to_contain_text("Get emergency medical help now")
    assert _in_view(page, "#triage-top")
    assert page.evaluate("document.activeElement.id") == "triage-top"  # autofocus


def test_keyboard_reaches_the_safety_questions_and_closes_the_check(
    page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    page.fill("#id_pain", "right back dimple")
    page.keyboard.press("Tab")
    expect(page.locator("#triage")).to_contain_text("Safety questions open")
    expect(page.locator("#triage")).not_to_contain_text("No red flags")
    # from the open-questions box, a link takes the keyboard to the safety step
    page.locator("#triage a[href='#safety']").focus()
    page.keyboard.press("Enter")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_none":
            break
    else:
        raise AssertionError("never reached 'None of the other questions apply'")
    page.keyboard.press("Space")
    expect(page.locator("#triage")).to_contain_text("No red flags in your answers")
    expect(page.locator("ol.candidates article h3").first).to_be_visible()
    screenshot(page, "safety-checked")


def test_marked_chest_arm_and_jaw_put_the_heart_questions_first(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    marks = "r=front.chest.left&r=front.upper_arm.left&r=front.face.jaw.left"
    page.goto(live_server.url + "/?" + marks)
    first = page.locator("fieldset.safety-group").first
    expect(first).to_contain_text("first, because of what you told us")
    expect(first).to_contain_text("chest pain")
    open_list = page.locator("#triage .open-questions li").first
    expect(open_list).to_contain_text("chest pain")
    expect(page.locator("#triage")).not_to_contain_text("No red flags")
    screenshot(page, "safety-heart-first")
