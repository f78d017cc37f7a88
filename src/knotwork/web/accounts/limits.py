"""How long a sign-in lasts (an idle and an absolute limit) and whom a failed login counts against.

A signed-in session ends after ``KNOTWORK_SESSION_IDLE_MINUTES`` without a request (30 by
default) and ``KNOTWORK_SESSION_MAX_DAYS`` after the sign-in however busy it is (30 by
default; the session cookie lasts no longer). Both are written in docs/security.md. The
local person of a local install never signs in, so neither limit touches them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

SIGNED_IN_AT = "knotwork_signed_in_at"
SEEN_AT = "knotwork_seen_at"
_SEEN_STEP = 60
"""Seconds between writes of the last-seen time: a busy person's session is saved at
most once a minute for it, and the idle limit is exact to within that minute."""


def stamp_sign_in(request: HttpRequest | None) -> None:
    """Called on every sign-in: the absolute limit counts from here."""
    session = getattr(request, "session", None)
    if session is not None:
        now = time.time()
        session[SIGNED_IN_AT] = now
        session[SEEN_AT] = now


def session_limits(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware (after authentication and messages): sign out a session past either limit."""

    def middleware(request: HttpRequest) -> HttpResponse:
        session = request.session
        # a request without a session cookie loads nothing here
        if session.session_key is not None and SESSION_KEY in session:
            now = time.time()
            signed_in = session.get(SIGNED_IN_AT)
            seen = session.get(SEEN_AT)
            if signed_in is None or seen is None:  # a session from before these limits
                stamp_sign_in(request)
            elif now - seen > settings.SESSION_IDLE_SECONDS:
                _sign_out(request, _idle_message())
            elif now - signed_in >= settings.SESSION_COOKIE_AGE:
                _sign_out(
                    request,
                    _("You were signed out: a sign-in lasts %(days)d days at most.")
                    % {"days": settings.SESSION_COOKIE_AGE // 86400},
                )
            elif now - seen >= _SEEN_STEP:
                session[SEEN_AT] = now
        return get_response(request)

    return middleware


def _idle_message() -> str:
    minutes = settings.SESSION_IDLE_SECONDS // 60
    return _(
        "You were signed out after %(minutes)d minutes without activity. Sign in again to go on."
    ) % {"minutes": minutes}


def _sign_out(request: HttpRequest, message: str) -> None:
    logout(request)
    messages.info(request, message)


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The account a failed login counts against, for django-axes: its email address.

    allauth passes ``email`` (sign-in) or ``username`` and maybe ``email`` (asking for
    the password again); a form post carries ``login``. Case and spaces do not make a new
    account to guess at.
    """
    found: Any = None
    if credentials:
        found = credentials.get("email") or credentials.get("login")
        if not found and credentials.get("username"):
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(username=credentials["username"]).first()
            found = (user.email if user is not None else "") or credentials["username"]
    elif request is not None:
        found = request.POST.get("login")
    if not found:
        return None
    return str(found).strip().casefold()
