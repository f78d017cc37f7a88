"""Marking core's sentences for translation without importing a framework.

Core writes every sentence a person reads as ``_("... {placeholder} ...")`` and fills the
placeholders after translating, so catalogue tools (xgettext, Django's makemessages)
find the messages. A face installs its translator with :func:`set_translator` (the web
app installs Django's gettext when it starts); until then the text is English.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: list[Callable[[str], str]] = [str]


def set_translator(translate: Callable[[str], str]) -> None:
    """Route every core message through ``translate`` from now on."""
    _translator[0] = translate


def _(message: str) -> str:
    """Translate ``message`` with the installed translator."""
    return _translator[0](message)


gettext = _
"""The same as :func:`_`, under the name catalogue tools also look for."""
