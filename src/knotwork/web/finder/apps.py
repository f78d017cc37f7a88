"""The finder app: core's messages translated in the language of each request."""

import contextvars
import functools
from collections.abc import Callable

from django.apps import AppConfig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language


class FinderConfig(AppConfig):
    name = "knotwork.web.finder"
    label = "finder"

    def ready(self) -> None:
        # core's sentences (reasons, region labels, map captions) go through Django's
        # translation catalogue like the templates' own, in the language of the request:
        # `request_language` (after LocaleMiddleware) notes it once per request, since
        # Django's get_language costs microseconds and a page asks hundreds of times. Each
        # message is looked up once per language.
        from django.utils.translation import gettext

        from knotwork.core.i18n import set_translator

        @functools.lru_cache(maxsize=8192)
        def lookup(language: str, message: str) -> str:
            return gettext(message)

        set_translator(lambda message: lookup(CURRENT.get(), message), language=CURRENT.get)


CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("knotwork_language", default="")
"""The language of the request being answered, as LocaleMiddleware chose it."""


def request_language(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: note the request's language for core's messages (after LocaleMiddleware)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        token = CURRENT.set(get_language() or "")
        try:
            return get_response(request)
        finally:
            CURRENT.reset(token)

    return middleware
