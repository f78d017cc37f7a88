"""From "my back dimple and the top of my buttock hurt" to a ranked list and a timed
routine: by mouse, by keyboard alone, and without JavaScript."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIMPLE = "back.sacroiliac.right"
TOP_OF_BUTTOCK = "back.buttock.upper.right"


def shape(page: Page, region: str):  # type: ignore[no-untyped-def]
    return page.locator(f'svg[data-view="back"] [data-region="{region}"][role="button"]')


def test_mouse_on_the_back_view(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    shape(page, DIMPLE).click()
    shape(page, TOP_OF_BUTTOCK).click()
    expect(shape(page, DIMPLE)).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f'input[name="r"][value="{DIMPLE}"]')).to_be_checked()
    headings = page.locator("ol.candidates article h3")
    expect(headings.first).to_be_visible()
    top3 = " ".join(headings.nth(i).inner_text() for i in range(3))
    assert "Gluteus maximus" in top3
    assert "Longissimus thoracis" in top3
    # the report lives in the address bar, so it can be bookmarked
    page.wait_for_function("() => location.search.includes('back.sacroiliac.right')")
    assert TOP_OF_BUTTOCK in page.url
    expect(page.locator("#results-status")).to_contain_text("Results updated")
    screenshot(page, "finder-results-mouse")
    # planning waits for the safety questions: answer them, then on to a timed routine
    expect(page.get_by_role("button", name="Plan my session")).to_have_count(0)
    page.locator("#id_none").check()
    expect(page.locator("#triage")).to_contain_text("No red flags in your answers")
    page.get_by_role("button", name="Plan my session").click()
    page.wait_for_url(re.compile(r"/session/"))
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("#timer-step")).to_contain_text("Step 1 of")
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("#timer-start")).to_have_text("Resume")
    screenshot(page, "session-timer-mouse")
    # back on the finder, unmarking by mouse updates both the map and the list
    page.go_back()
    shape(page, TOP_OF_BUTTOCK).click()
    expect(page.locator(f'input[name="r"][value="{TOP_OF_BUTTOCK}"]')).not_to_be_checked()


def _tab_to(page: Page, predicate: str, limit: int = 600) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"never reached focus where {predicate}")


def test_keyboard_alone(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    for region in (DIMPLE, TOP_OF_BUTTOCK):
        _tab_to(page, f"() => document.activeElement.getAttribute('data-region') === '{region}'")
        page.keyboard.press("Space")
    expect(shape(page, DIMPLE)).to_have_attribute("aria-pressed", "true")
    expect(shape(page, TOP_OF_BUTTOCK)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("ol.candidates article h3").first).to_be_visible()
    # focus was not stolen by the update
    assert page.evaluate("document.activeElement.getAttribute('data-region')") == TOP_OF_BUTTOCK
    _tab_to(page, "() => document.activeElement.id === 'id_none'")
    page.keyboard.press("Space")
    expect(page.locator("#triage")).to_contain_text("No red flags in your answers")
    _tab_to(page, "() => document.activeElement.textContent.trim() === 'Plan my session'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/session/"))
    _tab_to(page, "() => document.activeElement.id === 'timer-start'")
    page.keyboard.press("Enter")
    expect(page.locator("#timer-step")).to_contain_text("Step 1 of")
    expect(page.locator("ol.routine > li.current")).to_have_count(1)
    _tab_to(page, "() => document.activeElement.id === 'timer-next'", limit=10)
    page.keyboard.press("Enter")
    expect(page.locator("#timer-step")).to_contain_text("Step 2 of")
    screenshot(page, "session-timer-keyboard")


def test_without_javascript(page_without_js: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page = page_without_js
    page.goto(live_server.url + "/")
    page.locator("details.region-group summary", has_text="Lower back").click()
    page.locator(f'input[name="r"][value="{DIMPLE}"]').check()
    page.locator("details.region-group summary", has_text="Buttock").click()
    page.locator(f'input[name="r"][value="{TOP_OF_BUTTOCK}"]').check()
    page.locator("#id_none").check()
    page.get_by_role("button", name="Show what could cause it").click()
    expect(page.locator("ol.candidates article h3").first).to_be_visible()
    assert DIMPLE in page.url
    screenshot(page, "finder-results-no-js")
    page.get_by_role("button", name="Plan my session").click()
    expect(page.locator("ol.routine > li.step").first).to_be_visible()
    expect(page.locator("#timer")).to_be_hidden()
    screenshot(page, "session-no-js")


def test_emergency_path(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    shape(page, DIMPLE).click()
    page.locator('input[name="f"][value="saddle_numbness"]').check()
    expect(page.locator(".triage-emergency")).to_be_visible()
    expect(page.locator(".triage-emergency")).to_contain_text("Get emergency medical help now")
    expect(page.locator("ol.candidates")).to_have_count(0)
    expect(page.get_by_text("How to treat it")).to_have_count(0)
    screenshot(page, "finder-emergency")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("finder", "/"),
        ("results", "/?r=back.sacroiliac.right&r=back.buttock.upper.right"),
        ("spots", "/spots/"),
        ("spot", "/spots/12/"),
        ("muscle", "/muscles/quadratus_lumborum/"),
        ("trigger-point", "/muscles/gluteus_maximus/tp1_upper/"),
        ("session", "/session/?tp=quadratus_lumborum/deep_upper&minutes=20"),
        ("routine-template", "/session/?template=therapist_ql_gluteus_medius_60"),
        ("routine-builder", "/session/"),
        ("routine-choices", "/session/?act=find&q=gluteus+medius"),
    ],
)
def test_no_serious_accessibility_violations(page: Page, live_server, name: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + path)
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    screenshot(page, f"page-{name}")
    assert serious == []
