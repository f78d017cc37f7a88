"""Small referral-zone maps for lists of trigger points (results, spots, muscle pages)."""

from __future__ import annotations

from collections.abc import Iterable

from knotwork.core.bodymap import render_bodymap
from knotwork.core.i18n import language
from knotwork.core.kb import KnowledgeBase

_MAX_KEPT = 5_000
"""Zone maps remembered per knowledge base: trigger points x sides x page slots x
languages. They are drawn from the knowledge base alone (never from what a person
marked), so keeping them keeps nothing of anyone's report."""


def zone_maps(
    kb: KnowledgeBase,
    essential: Iterable[str],
    spillover: Iterable[str],
    marker: str | None,
    prefix: str,
    *,
    title: str | None = None,
    defs_from: str | None = None,
    with_spillover_views: bool = True,
) -> list[str]:
    """One sparse map per view that shows the zone (and the trigger point's own site).

    ``defs_from`` reuses the silhouette and patterns of the page's main map when there
    is one; ``with_spillover_views`` False leaves out a view that holds only spillover.
    """
    essential, spillover = list(essential), list(spillover)
    key = (
        tuple(essential),
        tuple(spillover),
        marker,
        prefix,
        title,
        defs_from,
        with_spillover_views,
        language(),
    )
    kept = kb.cache.setdefault("zone_maps", {})
    assert isinstance(kept, dict)
    found = kept.get(key)
    if found is None:
        found = _draw(
            kb, essential, spillover, marker, prefix, title, defs_from, with_spillover_views
        )
        if len(kept) < _MAX_KEPT:
            kept[key] = found
    return list(found)


def _draw(
    kb: KnowledgeBase,
    essential: list[str],
    spillover: list[str],
    marker: str | None,
    prefix: str,
    title: str | None,
    defs_from: str | None,
    with_spillover_views: bool,
) -> tuple[str, ...]:
    shown = [
        *essential,
        *(spillover if with_spillover_views else []),
        *([marker] if marker else []),
    ]
    views = sorted({kb.regions[r].view.value for r in shown})
    return tuple(
        render_bodymap(
            kb,
            view,
            interactive=False,
            essential=essential,
            spillover=spillover,
            marker=marker if marker and kb.regions[marker].view.value == view else None,
            id_prefix=f"{prefix}-{view}" if defs_from is None else prefix,
            title=title,
            sparse=True,
            defs_from=defs_from,
            zoom=True,
        )
        for view in views
    )
