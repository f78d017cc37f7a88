"""The routine builder and timer in a real browser: the seed's 60-minute session built by
hand and from its template, printed and downloaded; the timer's cues, its clock across a
locked screen, and the keyboard."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

SEED_ADDRESS = re.compile(r"/session/\?step=")


def _seconds(page: Page) -> list[str | None]:
    steps = page.locator("ol.routine > li.step")
    return [steps.nth(i).get_attribute("data-seconds") for i in range(steps.count())]


def _add(page: Page, words: str, choice: str | None = None) -> None:
    page.get_by_label("Add a trigger point").fill(words)
    page.get_by_role("button", name="Find and add").click()
    if choice:
        page.get_by_role("button", name=choice).click()
    page.wait_for_url(SEED_ADDRESS)


def _set(page: Page, n: int, side: str, minutes: str, position: str) -> None:
    step = page.locator("ol.builder-steps > li").nth(n - 1)
    step.get_by_label("Side").select_option(side)
    step.get_by_label("Minutes").fill(minutes)
    step.get_by_label("Position").select_option(label=position)


def test_a_therapist_builds_the_seed_session_by_hand_and_prints_it(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    page.goto(live_server.url + "/session/")
    _add(
        page,
        "quadratus lumborum",
        "Add Quadratus lumborum: Deep quadratus lumborum at waist level beside the spine",
    )
    _set(page, 1, "right", "20", "lying on your side")
    _add(
        page,
        "glute med",
        "Add Gluteus medius: Back part of gluteus medius, below the hip bone near the back dimple",
    )
    _set(page, 2, "both", "20", "lying face down")
    _add(
        page,
        "quadratus lumborum",
        "Add Quadratus lumborum: Deep quadratus lumborum at waist level beside the spine",
    )
    _set(page, 3, "left", "20", "lying on your side")
    page.get_by_label("A helper or a therapist does the work").check()
    page.get_by_role("button", name="Update the routine").click()
    page.get_by_role("button", name="Order by position (fewer turns over)").click()
    page.wait_for_url(SEED_ADDRESS)
    headings = page.locator("ol.routine > li.step h2")
    expect(headings.nth(0)).to_contain_text("Quadratus lumborum — right side")
    expect(headings.nth(1)).to_contain_text("Quadratus lumborum — left side")
    expect(headings.nth(2)).to_contain_text("Gluteus medius — both sides")
    assert _seconds(page) == ["1200", "1200", "1200"]
    expect(page.locator("p.lead")).to_contain_text("60 minutes in all, 3 steps.")
    built = time.monotonic() - started
    # the printout: the name typed on the page, the date, a map per step, no controls
    page.get_by_label("Name on the printout").fill("Sam Example")
    page.emulate_media(media="print")
    expect(page.locator("#builder")).to_be_hidden()
    expect(page.locator("#timer")).to_be_hidden()
    expect(page.locator("ol.routine .zone-maps svg")).to_have_count(3)
    expect(page.locator(".print-head")).to_contain_text("Date:")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    screenshot(page, "routine-printout")
    page.emulate_media(media="screen")
    # and the PDF the server makes, with the name sent in the POST body only
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a PDF").click()
    assert download.value.suggested_filename.startswith("knotwork-routine-")
    assert "Sam" not in page.url
    # the figure: well under the minute the issue allows, with the browser's own waits
    print(f"built the seed session by hand in {built:.1f} s")
    assert built < 60, built


def test_the_seed_session_from_its_template_in_two_clicks(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/session/")
    page.get_by_label("Or start from a ready-made routine").select_option(
        "therapist_ql_gluteus_medius_60"
    )
    page.get_by_role("button", name="Start from this one").click()
    page.wait_for_url(SEED_ADDRESS)
    expect(page.get_by_role("heading", level=1)).to_contain_text("A 60-minute massage session")
    assert _seconds(page) == ["1200", "1200", "1200"]
    for width, name in ((1280, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"routine-template-{name}")
    # at phone width nothing is squeezed: every text block is at least 280 px wide
    narrow = page.evaluate(
        """() => [...document.querySelectorAll('ol.routine p, ol.routine dd, .builder legend')]
            .map(e => e.getBoundingClientRect().width).filter(w => w > 0 && w < 280).length"""
    )
    assert narrow == 0


CUES = """
window.__cues = [];
window.AudioContext = function () {
  this.currentTime = 0; this.destination = {};
  this.createGain = function () {
    return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
  };
  this.createOscillator = function () {
    return {
      frequency: {}, connect() {}, stop() {},
      start() { window.__cues.push(this.frequency.value); },
    };
  };
};
navigator.vibrate = function (p) { window.__cues.push("vibrate"); return true; };
"""


def test_the_timer_cues_a_switch_and_keeps_time_across_a_locked_screen(
    page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    page.add_init_script(CUES)  # the browser's audio and vibration, mocked at the boundary
    page.clock.install()
    page.goto(live_server.url + "/session/?template=therapist_ql_gluteus_medius_60")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("#timer-step")).to_contain_text("Step 1 of 3")
    # the pressed button is disabled now: focus moves to Pause, never to the page
    assert page.evaluate("document.activeElement.id") == "timer-pause"
    assert page.evaluate("window.__cues.length") == 0
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("#timer-step")).to_contain_text("Step 2 of 3")
    cues = page.evaluate("window.__cues")
    assert "vibrate" in cues
    assert len([c for c in cues if c != "vibrate"]) == 2  # the switch's two tones
    # the screen locks for 25 minutes: the timer comes back in step 3, 15 minutes left
    page.clock.fast_forward("25:00")
    expect(page.locator("#timer-step")).to_contain_text("Step 3 of 3")
    expect(page.locator("#timer-clock")).to_have_text(re.compile(r"1[45]:\d\d"))
    expect(page.locator("ol.routine > li.step").nth(2)).to_have_class(re.compile("current"))
    # previous and restart
    page.get_by_role("button", name="Previous step").click()
    expect(page.locator("#timer-step")).to_contain_text("Step 2 of 3")
    expect(page.locator("#timer-clock")).to_have_text(re.compile(r"(20:00|19:5\d)"))
    # muted: no more cues
    page.get_by_role("button", name="Sound and vibration").click()
    expect(page.get_by_role("button", name="Sound and vibration")).to_have_attribute(
        "aria-pressed", "false"
    )
    before = page.evaluate("window.__cues.length")
    page.get_by_role("button", name="Next step").click()
    assert page.evaluate("window.__cues.length") == before
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("document.activeElement.id") == "timer-start"
    screenshot(page, "routine-timer")


def test_the_builder_by_keyboard_alone(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/session/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    page.keyboard.type("spot 12")
    page.keyboard.press("Enter")
    page.wait_for_url(SEED_ADDRESS)
    expect(page.locator("ol.routine > li.step h2").first).to_contain_text("Gluteus maximus")


def test_the_builder_without_javascript(page_without_js: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page = page_without_js
    page.goto(live_server.url + "/session/")
    _add(page, "piriformis", "Add Piriformis: Outer piriformis, near the bony point of the hip")
    expect(page.locator("ol.routine > li.step")).to_have_count(1)
    expect(page.locator("#timer")).to_be_hidden()
    screenshot(page, "routine-no-js")


def test_the_timer_logs_the_session_it_ran_in_the_diary(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    from knotwork.web.diary.models import Session

    page.add_init_script(CUES)
    page.clock.install()
    page.goto(live_server.url + "/session/?template=therapist_ql_gluteus_medius_60")
    expect(page.get_by_label("Log it in my diary when the timer ends")).to_be_checked()
    page.get_by_role("button", name="Start", exact=True).click()
    page.clock.fast_forward("10:30")  # half way: the pressure check
    page.get_by_label(re.compile("Pressure check")).fill("6")
    page.clock.fast_forward("09:32")  # step 1 ends after its 20 minutes
    expect(page.locator("#timer-step")).to_contain_text("Step 2 of 3")
    page.clock.fast_forward("00:08")
    page.get_by_role("button", name="Next step").click()  # step 2 skipped after 10 s
    expect(page.locator("#timer-step")).to_contain_text("Step 3 of 3")
    page.clock.fast_forward("20:30")
    result = page.locator("#timer-log-result")
    expect(result).to_contain_text("Logged in your diary.")
    screenshot(page, "routine-timer-logged")
    (session,) = Session.objects.all()
    spots = [(s.trigger_point, s.side, float(s.minutes), s.pressure) for s in session.spots.all()]
    assert spots[0][1:] == ("right", 20.0, 6)
    assert spots[1][0].startswith("gluteus_medius/")
    assert spots[1][2] == 20.0
    assert len(spots) == 2
    result.get_by_role("link", name="Add how it felt").click()
    expect(page.get_by_role("heading", name="How it felt")).to_be_visible()
    page.get_by_role("group", name="Pain right after (optional)").get_by_role(
        "radio", name="3", exact=True
    ).click()
    page.get_by_role("button", name="Save how it felt").click()
    expect(page.get_by_role("status").filter(has_text="Saved how the session felt")).to_be_visible()
    session.refresh_from_db()
    assert session.pain_after == 3
