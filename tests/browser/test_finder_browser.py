"""From "my back dimple and the top of my buttock hurt" to a ranked list and a timed
routine: by mouse, by keyboard alone, and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import narrow_text, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DIMPLE = "back.sacroiliac.right"
TOP_OF_BUTTOCK = "back.buttock.upper.right"


def shape(page: Page, region: str):  # type: ignore[no-untyped-def]
    """The region on the whole back view (a close-up draws it too)."""
    return page.locator(f'figure.map-back:not(.closeup) [data-region="{region}"][role="button"]')


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


def _arrow_to(page: Page, region: str, limit: int = 20) -> int:
    """Arrow keys from the focused region to ``region`` in the same map; the presses."""
    for presses in range(limit):
        where = page.evaluate(
            """(target) => {
                const here = document.activeElement;
                const there = here.ownerSVGElement.querySelector(`[data-region="${target}"]`);
                if (here === there) { return null; }
                const a = here.getBoundingClientRect(), b = there.getBoundingClientRect();
                return [b.left + b.width / 2 - a.left - a.width / 2,
                        b.top + b.height / 2 - a.top - a.height / 2];
            }""",
            region,
        )
        if where is None:
            return presses
        dx, dy = where
        key = (
            ("ArrowRight" if dx > 0 else "ArrowLeft")
            if abs(dx) >= abs(dy)
            else ("ArrowDown" if dy > 0 else "ArrowUp")
        )
        page.keyboard.press(key)
    raise AssertionError(f"the arrow keys never reached {region}")


def test_keyboard_path_to_results_for_the_back_dimple(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """From a fresh page to the results for the right back dimple: under 40 key presses."""
    page.goto(live_server.url + "/")
    presses = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("!!document.activeElement.closest('figure.closeup')"):
            break
    presses += _arrow_to(page, DIMPLE)
    page.keyboard.press("Space")
    presses += 1
    expect(page.locator("ol.candidates article h3").first).to_be_visible()
    print(f"keyboard presses to the results for the right back dimple: {presses}")
    assert presses < 40, presses
    # the region's name is shown beside the map, not only in a tooltip
    expect(page.locator("figure.closeup .map-name").first).to_contain_text("right back dimple")
    expect(page.locator("figure.closeup .map-name").first).to_contain_text("marked")
    # one Tab stop per map: the next Tab leaves the close-up for the whole back view
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('figure').classList.contains('map-back')")


def test_keyboard_alone(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    _tab_to(page, "() => !!document.activeElement.closest('figure.map-back:not(.closeup)')")
    for region in (DIMPLE, TOP_OF_BUTTOCK):
        _arrow_to(page, region)
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
        ("diary", "/diary/"),
        ("diary-session", "/diary/sessions/new/?tp=quadratus_lumborum/deep_upper:right:5"),
        ("diary-helps", "/diary/helps/"),
        ("diary-delete", "/diary/delete/"),
        ("diary-data", "/diary/data/"),
        ("diary-questionnaires", "/diary/questionnaires/"),
        ("diary-psfs", "/diary/questionnaires/psfs/"),
        ("diary-odi", "/diary/questionnaires/odi/"),
        ("diary-tests", "/diary/tests/"),
        ("diary-maps", "/diary/maps/"),
        ("diary-map-new", "/diary/maps/new/?r=back.sacroiliac.right&r=back.buttock.upper.right"),
        ("sign-in", "/accounts/login/"),
        ("sign-up", "/accounts/signup/"),
        ("password-reset", "/accounts/password/reset/"),
    ],
)
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations(
    page: Page, live_server, name: str, path: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    serious = serious_violations(page)
    screenshot(page, f"page-{name}-{'phone' if width < 500 else 'desktop'}")
    assert serious == []
    if width < 500:  # laid out for a phone: no text squeezed into a narrow column
        assert narrow_text(page) == []


def test_every_closeup_target_is_big_enough_to_touch_on_a_phone(
    phone_page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 target size: at least 24 by 24 CSS pixels, at 390 pixels wide."""
    page = phone_page
    page.goto(live_server.url + "/")
    page.locator("details.more-closeups summary").tap()  # the face, hands and feet too
    expect(page.locator("#more-closeups svg")).to_have_count(5)  # drawn when opened
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('figure.closeup [data-region][role=button]')]
            .map(e => { const r = e.getBoundingClientRect();
                        return [e.getAttribute('data-region'), r.width, r.height]; })"""
    )
    assert len(sizes) > 50
    small = [(rid, round(w), round(h)) for rid, w, h in sizes if w < 24 or h < 24]
    assert small == []
    # by touch: a tap on the close-up marks the dimple everywhere it is drawn
    page.locator(f'figure.closeup [data-region="{DIMPLE}"]').tap()
    expect(
        page.locator(f'figure.map-back:not(.closeup) [data-region="{DIMPLE}"]')
    ).to_have_attribute("aria-pressed", "true")
    expect(page.locator("ol.candidates article h3").first).to_be_visible()
    screenshot(page, "finder-closeup-phone")
    # and on to a routine, by touch
    page.locator("#id_none").tap()
    expect(page.locator("#triage")).to_contain_text("No red flags in your answers")
    page.get_by_role("button", name="Plan my session").tap()
    page.wait_for_url(re.compile(r"/session/"))
    expect(page.locator("ol.routine > li.step").first).to_be_visible()
    screenshot(page, "session-phone")


def test_the_results_print_in_at_most_four_pages(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """Printed from the browser: the results, not the blank form, on A4."""
    page.goto(live_server.url + f"/?r={DIMPLE}&r={TOP_OF_BUTTOCK}&none=1")
    expect(page.locator("ol.candidates article h3").first).to_be_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 4, pages
    page.emulate_media(media="print")
    expect(page.locator("form#finder")).to_be_hidden()
    expect(page.locator("#results .print-only")).to_be_visible()


def test_copy_the_link_to_the_results(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(live_server.url + f"/?r={DIMPLE}&none=1")
    button = page.get_by_role("button", name="Copy the link")
    expect(button).to_be_visible()  # shown only where copying works
    button.click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert DIMPLE in copied
    # start over: an empty finder
    page.get_by_role("link", name="Start over").click()
    expect(page.locator("p.empty")).to_be_visible()
    context.close()
