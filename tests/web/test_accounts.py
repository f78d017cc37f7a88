"""Accounts on a hosted install: allauth's pages in our layout, lockout on every form that
takes a password or a code, password reset that still asks for the second step, and the
idle and absolute limits of a sign-in (docs/security.md)."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def _person(name: str):  # type: ignore[no-untyped-def]
    email = f"{name}@example.org"
    user = get_user_model().objects.create_user(name, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


@pytest.fixture
def alice():  # type: ignore[no-untyped-def]
    return _person("alice")


@pytest.fixture
def bob():  # type: ignore[no-untyped-def]
    return _person("bob")


def _sign_in(c: Client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return c.post("/accounts/login/", {"login": email, "password": password})


def _with_totp(user) -> str:  # type: ignore[no-untyped-def]
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _code(secret: str, at: datetime.datetime) -> str:
    return format_hotp_value(hotp_value(secret, int(at.timestamp()) // 30))


# --- our layout ---


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"],
)
def test_the_sign_in_pages_wear_our_layout(path: str) -> None:
    page = Client().get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="en">' in html
    assert "/static/knotwork/css/site.css" in html
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "Find my knot" in html
    assert "My diary" in html
    assert "hypotheses to explore, not diagnoses" in html
    assert "Menu:" not in html  # allauth's bare layout is gone


def test_the_account_pages_name_every_part_of_the_account(alice) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(alice)
    for path in (
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/sessions/",
    ):
        html = c.get(path).content.decode()
        assert 'aria-label="Your account"' in html, path
        for link in (
            "/accounts/sessions/",
            "/accounts/2fa/",
            "/diary/account/delete/",
            "/accounts/logout/",
        ):
            assert f'href="{link}"' in html, (path, link)


# --- lockout ---


def test_five_wrong_passwords_pause_signing_in_to_that_account(alice, bob) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _sign_in(c, "alice@example.org", "wrong password").status_code == 200
    paused = _sign_in(c, "Alice@Example.org ", "wrong password")  # case and spaces: same account
    assert paused.status_code == 429
    assert "Sign-in paused" in paused.content.decode()
    # now even the right password is refused, and nothing signed in
    again = _sign_in(c, "alice@example.org")
    assert again.status_code == 429
    assert "_auth_user_id" not in c.session
    # another account from the same place is not paused
    assert _sign_in(Client(), "bob@example.org").status_code == 302
    # and the pause ends after the hour
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=61)):
        assert _sign_in(Client(), "alice@example.org").status_code == 302


def test_asking_for_the_password_again_counts_wrong_tries_too(alice) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(alice)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        page = c.post("/accounts/reauthenticate/", {"password": "wrong password"})
        assert page.status_code == 200
    assert c.post("/accounts/reauthenticate/", {"password": "wrong password"}).status_code == 429
    assert _sign_in(Client(), "alice@example.org").status_code == 429  # the same account


def test_the_delete_account_form_is_no_side_door_for_guessing(alice) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(alice)
    form = {"password": "wrong password", "confirm": "delete my account"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert c.post("/diary/account/delete/", form).status_code == 400
    assert c.post("/diary/account/delete/", form).status_code == 429
    right = {"password": PASSWORD, "confirm": "delete my account"}
    assert c.post("/diary/account/delete/", right).status_code == 429
    assert get_user_model().objects.filter(username="alice").exists()


def test_wrong_two_step_codes_are_limited_and_a_used_code_is_refused(alice) -> None:  # type: ignore[no-untyped-def]
    secret = _with_totp(alice)
    with time_machine.travel(START, tick=False):
        c = Client()
        stage = _sign_in(c, "alice@example.org")
        assert stage.status_code == 302
        assert stage["Location"] == "/accounts/2fa/authenticate/"
        for _ in range(10):  # ACCOUNT_RATE_LIMITS: ten in a quarter of an hour
            page = c.post("/accounts/2fa/authenticate/", {"code": "000000"})
            assert page.status_code == 200
            assert "_auth_user_id" not in c.session
        # the eleventh try, even with the right code, is refused
        refused = c.post("/accounts/2fa/authenticate/", {"code": _code(secret, START)})
        assert refused.status_code == 200
        assert "_auth_user_id" not in c.session
    later = START + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        c = Client()
        _sign_in(c, "alice@example.org")
        code = _code(secret, later)
        assert c.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
        assert "_auth_user_id" in c.session
        # the same code a second time, in another browser, is refused
        other = Client()
        _sign_in(other, "alice@example.org")
        other.post("/accounts/2fa/authenticate/", {"code": code})
        assert "_auth_user_id" not in other.session


# --- password reset and the second step ---


def test_a_password_reset_still_asks_for_the_two_step_code(alice) -> None:  # type: ignore[no-untyped-def]
    secret = _with_totp(alice)
    c = Client()
    assert c.post("/accounts/password/reset/", {"email": "alice@example.org"}).status_code == 302
    (message,) = mail.outbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", message.body)
    assert link is not None
    form_page = c.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new = "a brand new passphrase 42"
    done = c.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert done.status_code == 302
    assert "_auth_user_id" not in c.session  # a reset never signs in by itself
    stage = _sign_in(c, "alice@example.org", new)
    assert stage["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in c.session
    assert c.get("/diary/").status_code == 302  # the diary is still closed
    now = datetime.datetime.now(datetime.UTC)
    c.post("/accounts/2fa/authenticate/", {"code": _code(secret, now)})
    assert "_auth_user_id" in c.session
    assert c.get("/diary/").status_code == 200


# --- how long a sign-in lasts ---


def test_a_sign_in_ends_after_half_an_hour_without_a_request(alice) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        c = Client()
        assert _sign_in(c, "alice@example.org").status_code == 302
        clock.shift(datetime.timedelta(minutes=29))
        assert c.get("/diary/").status_code == 200  # still in, and the clock restarts
        clock.shift(datetime.timedelta(minutes=29))
        assert c.get("/diary/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        out = c.get("/diary/")
        assert out.status_code == 302
        assert out["Location"].startswith("/accounts/login/")
        login = c.get(out["Location"])
        assert "signed out after 30 minutes without activity" in login.content.decode()
        assert "_auth_user_id" not in c.session


def test_a_sign_in_ends_thirty_days_after_it_began_however_busy(alice) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(START, tick=False) as clock:
        c = Client()
        _sign_in(c, "alice@example.org")
        for _ in range(30 * 24 * 3 - 1):  # a request every 20 minutes for 30 days
            clock.shift(datetime.timedelta(minutes=20))
            c.get("/healthz")
        assert c.get("/diary/").status_code == 200
        clock.shift(datetime.timedelta(minutes=20))
        out = c.get("/diary/")
        assert out.status_code == 302
        assert "lasts 30 days at most" in c.get(out["Location"]).content.decode()


def test_the_finder_is_untouched_by_the_limits() -> None:
    c = Client()
    assert c.get("/").status_code == 200
    assert not c.cookies  # no session, nothing stamped
