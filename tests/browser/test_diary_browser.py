"""The diary in a real browser: a rating by keyboard alone, a session logged, what helps."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_todays_rating_by_keyboard_alone(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/diary/")
    # Tab into the 0-10 row (after the skip link, the site and diary menus), arrows, Enter
    five = page.get_by_role("radio", name="5", exact=True).first
    five.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="7", exact=True).first).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Done")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Saved your rating")
    expect(page.locator("table.diary-table tbody td").nth(1)).to_have_text("7")
    screenshot(page, "diary-after-rating")


def test_a_session_logged_from_a_routine_shows_on_its_page(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/diary/sessions/new/?tp=quadratus_lumborum/deep_upper:right:5")
    page.get_by_label("Why today").select_option("flare")
    page.get_by_role("group", name="Pain right before (optional)").get_by_role(
        "radio", name="7", exact=True
    ).click()
    page.get_by_role("group", name="Pain right after (optional)").get_by_role(
        "radio", name="4", exact=True
    ).click()
    page.get_by_role("button", name="Save the session").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session of")
    expect(page.locator("dl")).to_contain_text("a flare-up")
    expect(page.locator("table")).to_contain_text("Quadratus lumborum")
    page.get_by_role("link", name="What seems to help").click()
    expect(page.locator(".finding")).to_contain_text("Not enough data yet")


ACCOUNT_PAGES = [
    ("account-email", "/accounts/email/"),
    ("account-password", "/accounts/password/change/"),
    ("account-2fa", "/accounts/2fa/"),
    ("account-2fa-activate", "/accounts/2fa/totp/activate/"),
    ("account-sessions", "/accounts/sessions/"),
    ("account-delete", "/diary/account/delete/"),
]


def test_signing_in_by_keyboard_and_every_account_page_is_accessible(
    page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from tests.browser.conftest import narrow_text, serious_violations

    user = get_user_model().objects.create_user("alice", "alice@example.org", "x" * 16)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").focus()
    page.keyboard.type("alice@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("x" * 16)
    page.keyboard.press("Enter")
    # a local install still lets a signed-in account through to its own pages
    expect(page).to_have_url(live_server.url + "/diary/")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in ACCOUNT_PAGES:
            page.goto(live_server.url + path)
            expect(page.locator("main h1, main h2").first).to_be_visible()
            serious = serious_violations(page)
            screenshot(page, f"page-{name}-{'phone' if width < 500 else 'desktop'}")
            assert serious == [], path
            if width < 500:
                assert narrow_text(page) == [], path


def test_a_report_kept_in_the_diary_and_the_helps_chart_are_accessible(
    page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    import datetime

    from django.utils import timezone

    from knotwork.web.diary.access import local_person
    from knotwork.web.diary.models import Session, SessionSpot
    from tests.browser.conftest import narrow_text, serious_violations

    page.goto(live_server.url + "/?r=back.sacroiliac.right&r=back.buttock.upper.right")
    page.get_by_role("link", name="Keep where it hurts in my diary").click()
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_role("status")).to_contain_text("Kept where it hurts today")
    owner = local_person()
    for n in range(3):  # sessions with pain around them, for the relief chart
        s = Session.objects.create(
            owner=owner,
            day=timezone.localdate() - datetime.timedelta(days=n),
            pain_before=7,
            pain_after=4 + n % 2,
            pain_next_morning=5,
        )
        SessionSpot.objects.create(
            session=s, trigger_point="quadratus_lumborum/deep_upper", minutes=5
        )
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in (
            ("diary-maps-kept", "/diary/maps/"),
            ("diary-helps-relief", "/diary/helps/"),
        ):
            page.goto(live_server.url + path)
            serious = serious_violations(page)
            screenshot(page, f"page-{name}-{'phone' if width < 500 else 'desktop'}")
            assert serious == [], path
            if width < 500:
                assert narrow_text(page) == [], path
    session_page = f"/diary/sessions/{s.id}/"
    page.goto(live_server.url + session_page)
    assert serious_violations(page) == []
    screenshot(page, "page-diary-session-phone")


def test_the_summary_for_a_clinician_reads_on_a_phone_and_downloads_as_a_pdf(
    page: Page, live_server
) -> None:  # type: ignore[no-untyped-def]
    from tests.browser.conftest import ARTIFACTS, narrow_text, serious_violations
    from tests.web.test_diary_summary import twelve_weeks

    twelve_weeks()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/diary/")
        page.get_by_role("link", name="Summary for a clinician").click()
        expect(page.locator("main")).to_contain_text("down 3.0 points")
        serious = serious_violations(page)
        screenshot(page, f"page-diary-summary-{'phone' if width < 500 else 'desktop'}")
        assert serious == []
        if width < 500:
            assert narrow_text(page) == []
    # by keyboard: the last four weeks, then the PDF with a name typed in
    page.get_by_role("radio", name="the last 4 weeks").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Show this period").press("Enter")
    expect(page.locator("main")).to_contain_text("Rated on 28 of 28 days")
    page.get_by_label("Name to print on it (optional; not kept)").fill("Ana Example")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").press("Enter")
    assert download.value.suggested_filename.startswith("knotwork-diary-summary-")
    target = ARTIFACTS / "diary-summary.pdf"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Ana" not in page.url


def test_a_diary_file_imports_from_the_data_page(page: Page, live_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tests.browser.conftest import serious_violations
    from tests.core.test_diary_export import a_diary

    bad = a_diary()
    bad["daily_ratings"][1]["pain_average"] = 12
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(a_diary()), encoding="utf-8")
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + "/diary/")
    page.get_by_role("link", name="Export, import or delete").click()
    picker = page.get_by_label("A Knotwork diary file (.json, at most 10 MB)")
    picker.set_input_files(str(tmp_path / "bad.json"))
    page.get_by_role("button", name="Import this file").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text(
        "bad.json: daily_ratings[2]: pain_average must be at most 10, not 12. Nothing was imported."
    )
    assert serious_violations(page) == []
    screenshot(page, "diary-import-refused-phone")
    page.get_by_label("A Knotwork diary file (.json, at most 10 MB)").set_input_files(
        str(tmp_path / "good.json")
    )
    page.get_by_role("button", name="Import this file").click()
    expect(page.get_by_role("status")).to_contain_text("Imported 2 daily ratings, 1 session")
    expect(page.locator("p.lead")).to_contain_text("2 daily ratings, 1 session,")
