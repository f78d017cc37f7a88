"""Pages drawn once with a marker in each place that changes, then filled per request.

A template that is the same for everyone in a language but for a few parts (what a
person ticked, the results) is rendered once per language with a marker in each such
part; a request then joins the fixed text and its own parts, instead of running the
template again. The markers are private-use characters, which neither escaping nor our
texts ever produce.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

_MARK = "\ue000{}\ue001"
_MARKS = re.compile("\ue000([a-z0-9_]+)\ue001")


def markers(names: list[str] | tuple[str, ...] | Mapping[str, object]) -> dict[str, Markup]:
    """A marker for each slot name, safe to put anywhere in a template's context."""
    return {name: Markup(_MARK.format(name)) for name in names}


@dataclass(frozen=True)
class Skeleton:
    """The fixed text of a drawn template and the slots between its pieces."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def of(cls, html: str, names: Mapping[str, object] | list[str] | tuple[str, ...]) -> Skeleton:
        """Split ``html``, drawn with :func:`markers`, at its markers. Each slot must
        appear exactly once (a slot inside a condition that was false would be lost)."""
        parts = _MARKS.split(html)
        skeleton = cls(tuple(parts[0::2]), tuple(parts[1::2]))
        if sorted(skeleton.slots) != sorted(names):
            raise ValueError(f"the template does not use each slot once: {skeleton.slots}")
        return skeleton

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with each slot's HTML in its place."""
        out = [self.pieces[0]]
        for name, piece in zip(self.slots, self.pieces[1:], strict=True):
            out.append(values[name])
            out.append(piece)
        return "".join(out)
