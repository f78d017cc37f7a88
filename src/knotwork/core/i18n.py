"""Marking core's sentences for translation without importing a framework.

Core writes every sentence a person reads as ``_("... {placeholder} ...")`` and fills the
placeholders after translating, so catalogue tools (xgettext, Django's makemessages)
find the messages. A face installs its translator with :func:`set_translator` (the web
app installs Django's gettext when it starts); until then the text is English.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: list[Callable[[str], str]] = [str]


def set_translator(
    translate: Callable[[str], str], language: Callable[[], str] | None = None
) -> None:
    """Route every core message through ``translate`` from now on; ``language`` names the
    language of the moment, so what core remembers (read phrases) is kept per language."""
    _translator[0] = translate
    _installs[0] += 1
    _language[0] = language
    _fixed[0] = None if language else f"{_installs[0]}:"


_installs = [0]
_language: list[Callable[[], str] | None] = [None]
_fixed: list[str | None] = ["0:"]
"""The key while the face names no language: worked out once (it is asked on every read)."""


def language() -> str:
    """The language of the moment, as a key for what core remembers: the face's name for
    it, and which translator is installed (a new one makes every remembered text new)."""
    fixed = _fixed[0]
    if fixed is not None:
        return fixed
    named = _language[0]
    return f"{_installs[0]}:{named() if named else ''}"


def _(message: str) -> str:
    """Translate ``message`` with the installed translator."""
    return _translator[0](message)


gettext = _
"""The same as :func:`_`, under the name catalogue tools also look for."""
