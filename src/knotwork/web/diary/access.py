"""Whose diary a request may see: the local person on a local install, else the signed-in user.

A local install (``make run``: every allowed host is loopback, KNOTWORK_REQUIRE_LOGIN not
set) behaves like a desktop program: one local person, no password. Even then a request
that did not come from this machine is treated as hosted. Every diary response is marked
``Cache-Control: no-store``.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port

LOCAL_USERNAME = "local-person"


def local_person() -> AbstractBaseUser:
    """The one person of a local install (made on first use, with no usable password)."""
    user_model = get_user_model()
    user, made = user_model.objects.get_or_create(username=LOCAL_USERNAME)
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _from_this_machine(request: HttpRequest) -> bool:
    try:
        addr = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    host, _port = split_domain_port(request.get_host())
    return addr.is_loopback and host in settings.LOOPBACK_HOSTS


def local_mode(request: HttpRequest) -> bool:
    return not settings.REQUIRE_LOGIN and _from_this_machine(request)


def diary_owner(request: HttpRequest) -> AbstractBaseUser | None:
    if local_mode(request):
        return local_person()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user  # type: ignore[no-any-return]
    return None


def diary_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A diary page: reached only by its owner; never cached by the browser."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        owner = diary_owner(request)
        if owner is None:
            response: HttpResponse = redirect_to_login(request.get_full_path())
        else:
            request.owner = owner  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    wrapper.diary_view = True  # type: ignore[attr-defined]  # the URL-map test looks for it
    return wrapper
