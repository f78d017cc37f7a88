"""Small referral-zone maps for lists of trigger points (results, spots, muscle pages)."""

from __future__ import annotations

from collections.abc import Iterable

from knotwork.core.bodymap import render_bodymap
from knotwork.core.kb import KnowledgeBase


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
    shown = [
        *essential,
        *(spillover if with_spillover_views else []),
        *([marker] if marker else []),
    ]
    views = sorted({kb.regions[r].view.value for r in shown})
    return [
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
    ]
