"""The template engine for our own pages: Jinja2, with Django's translations, URLs and static files.

Jinja2 compiles a template to Python once, so a page costs a few function calls per
tag instead of a walk over Django template nodes (the finder's results page spent most
of its time there; docs/decisions.md). Third-party templates (form errors, the API's
docs) still use Django's engine.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.http import HttpRequest
from django.template.defaultfilters import capfirst, floatformat
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, gettext, ngettext, override
from django_htmx.jinja import htmx_script
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup


def whole(value: float) -> str:
    """A number rounded to a whole one, halves up: what ``floatformat(0)`` gives for the
    finder's scores, without its locale lookups (it was a tenth of the results page)."""
    return str(Decimal(repr(float(value))).quantize(_ONE, ROUND_HALF_UP) + 0)


_ONE = Decimal(1)


def url(name: str, *args: Any) -> str:
    """The path of a named URL, as Django's ``{% url %}`` tag gives it."""
    return _reverse(get_script_prefix(), name, args)


@functools.lru_cache(maxsize=4096)
def _reverse(prefix: str, name: str, args: tuple[Any, ...]) -> str:
    # a page asks for the same dozen paths on every request; the URL map never changes
    return reverse(name, args=args)


class _Catalogue:
    """One language's messages, each looked up once: a page asks for about sixty, and
    Django's lookup goes through the request's thread-local state every time."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.messages: dict[str, str] = {}
        self.plurals: dict[tuple[str, str, int], str] = {}
        self.done: dict[str, str] = {}
        """Messages without values, ready for an escaping template."""

    def gettext(self, message: str) -> str:
        found = self.messages.get(message)
        if found is None:
            with override(self.language):
                found = self.messages[message] = gettext(message)
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = (singular, plural, n)
        found = self.plurals.get(key)
        if found is None:
            with override(self.language):
                found = ngettext(singular, plural, n)
            if len(self.plurals) < 4096:  # n is a count shown on the page: keep only some
                self.plurals[key] = found
        return found


@functools.lru_cache(maxsize=64)
def _catalogue(language: str) -> _Catalogue:
    return _Catalogue(language)


def translations(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the messages of the request's language (LocaleMiddleware's)."""
    return {"_catalogue": _catalogue(get_language() or "")}


@pass_context
def _gettext(context: Context, message: str, **variables: Any) -> str:
    """``_()`` and ``{% trans %}``: Jinja2's newstyle gettext (always a format string,
    escaped where the template escapes) in one call instead of three, and a message
    without values is formatted once per language."""
    found = context.get("_catalogue")
    if not isinstance(found, _Catalogue):
        found = _catalogue(get_language() or "")
    if not context.eval_ctx.autoescape:
        return found.gettext(message) % variables
    if variables:
        return Markup(found.gettext(message)) % variables
    done = found.done.get(message)
    if done is None:
        done = found.done[message] = Markup(found.gettext(message)) % {}
    return done


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int, **variables: Any) -> str:
    found = context.get("_catalogue")
    if not isinstance(found, _Catalogue):
        found = _catalogue(get_language() or "")
    variables.setdefault("num", n)
    text = found.ngettext(singular, plural, n)
    return (Markup(text) if context.eval_ctx.autoescape else text) % variables


def environment(**options: Any) -> Environment:
    """The Jinja2 environment Django's backend builds (settings.TEMPLATES)."""
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # the translation of the request being answered (LocaleMiddleware), looked up per call;
    # the extension's own newstyle wrappers are replaced by ours, which do the same in one call
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(_=_gettext, gettext=_gettext, ngettext=_ngettext)
    env.policies["ext.i18n.trimmed"] = True
    env.globals.update(url=url, static=static, htmx_script=htmx_script, language=get_language)
    env.filters.update(capfirst=capfirst, floatformat=floatformat, whole=whole)
    return env
