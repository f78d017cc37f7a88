"""The body map drawn: a pure-Python SVG renderer over the geometry of
:mod:`knotwork.core.geometry` (one shape per region key, drawn for the person's right side
or the midline, and mirrored here for the left).

:func:`render_bodymap` returns one view (``"front"`` or ``"back"``) as an inline
``<svg>`` string. Every concrete region is one shape element::

    <path data-region="back.buttock.upper.right"
          role="button" tabindex="-1" aria-pressed="false"
          aria-label="the top of your right buttock" d="..."/>

(a map that is only shown, not pressed, names its marked regions with a ``<title>``).

It looks right without any CSS: colours are presentation attributes (which any CSS
rule overrides) and highlights are patterns defined inside the SVG, so they print.
Nothing is shown by colour alone:

* ``selected``: class ``selected``, a striped fill and a thick outline;
* ``essential``: class ``essential``, a dark cross-hatched fill;
* ``spillover``: class ``spillover``, a light dotted fill;
* ``marker``: a circle with an "×" at the region's centre, class ``trigger-point``.

Pattern ids are ``{id_prefix}-{view}-selected``, ``-essential`` and ``-spillover``,
for stylesheets or scripts that restyle a region (``fill: url(#bm-back-selected)``).
A stylesheet that sets ``fill`` on ``[data-region]`` should leave ``.selected``,
``.essential`` and ``.spillover`` alone, or give them a pattern of its own. A script
that toggles a region should flip ``aria-pressed`` and the ``selected`` class, and
set (or remove, to fall back to the group's defaults) the ``fill``, ``stroke`` and
``stroke-width`` attributes as this module does.

``selected``, ``essential``, ``spillover`` and ``marker`` take concrete region ids
(``back.sacroiliac.right``); a side-neutral key (``back.sacroiliac``) stands for all
of its sides. Ids of the other view, and unknown ids, are ignored.

This module is pure: standard library, PyYAML and :mod:`knotwork.core` only.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from knotwork.core.geometry import (
    GEOMETRY_PATH,
    Closeup,
    Geometry,
    GeometryError,
    Point,
    Shape,
    ViewGeometry,
    load_geometry,
    missing_shapes,
    unknown_shapes,
)
from knotwork.core.i18n import _, language
from knotwork.core.kb import KnowledgeBase, Region
from knotwork.core.schema import Side

__all__ = [
    "GEOMETRY_PATH",
    "Closeup",
    "Geometry",
    "GeometryError",
    "Shape",
    "ViewGeometry",
    "load_geometry",
    "missing_shapes",
    "render_bodymap",
    "unknown_shapes",
]


# fallback presentation, used when no stylesheet says otherwise
_BODY_FILL = "#f4efe9"
_BODY_STROKE = "#6b5a4e"
_REGION_FILL = "#e8dccf"
_REGION_STROKE = "#9c8574"
_INK = "#3b2f27"
_SELECTED_STROKE = "#12355b"
_MARKER_STROKE = "#5c1410"

_PATTERNS = (
    # selected: blue with dark stripes
    (
        "selected",
        '<pattern id="{id}" width="5" height="5" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="5" height="5" fill="#9cc3e8"/>'
        '<path d="M2.5 0V5" stroke="#12355b" stroke-width="1.8"/></pattern>',
    ),
    # essential: dark red, cross-hatched
    (
        "essential",
        '<pattern id="{id}" width="4" height="4" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="4" height="4" fill="#b9473d"/>'
        '<path d="M0 2H4M2 0V4" stroke="#4a0f0a" stroke-width="0.9"/></pattern>',
    ),
    # spillover: light red, dotted
    (
        "spillover",
        '<pattern id="{id}" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#f5cfc2"/>'
        '<circle cx="2" cy="2" r="0.9" fill="#9a3328"/></pattern>',
    ),
)


def _description(state: str) -> str:
    return {
        "selected": _("marked"),
        "essential": _("where the pain is mainly felt"),
        "spillover": _("where the pain can spread"),
    }[state]


# --------------------------------------------------------------------------- drawing


def _num(value: float) -> str:
    r = round(value, 1)
    if r == int(r):
        return str(int(r))
    return f"{r:.1f}"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{_esc(value)}"' for name, value in pairs)


def _sign(view: str, side: Side) -> int:
    """+1 when the design frame's dx runs to the viewer's right for this side."""
    if side is Side.midline:
        return 1
    right_goes_right = view != "front"
    return 1 if (side is Side.right) == right_goes_right else -1


def _catmull_rom(points: Sequence[Point]) -> str:
    """A smooth closed path through ``points``."""
    n = len(points)
    out = [f"M{_num(points[0][0])} {_num(points[0][1])}"]
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append("C" + " ".join(_num(v) for v in (c1[0], c1[1], c2[0], c2[1], p2[0], p2[1])))
    return "".join(out) + "Z"


@functools.lru_cache(maxsize=4096)
def _geometry_attrs(
    shape: Shape, centre_x: float, sign: int
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The SVG element name and geometry attributes of ``shape`` placed on one side.

    Cached: the same shapes are placed on every page that shows a map.
    """

    def x(dx: float) -> float:
        return centre_x + sign * dx

    if shape.kind == "ellipse":
        cdx, cy, rx, ry, angle = shape.numbers
        attrs = [("cx", _num(x(cdx))), ("cy", _num(cy)), ("rx", _num(rx)), ("ry", _num(ry))]
        if angle:
            attrs.append(("transform", f"rotate({_num(sign * angle)} {_num(x(cdx))} {_num(cy)})"))
        return "ellipse", tuple(attrs)
    if shape.kind == "rect":
        cdx, cy, w, h, r = shape.numbers
        attrs = [
            ("x", _num(x(cdx) - w / 2)),
            ("y", _num(cy - h / 2)),
            ("width", _num(w)),
            ("height", _num(h)),
        ]
        if r:
            attrs.append(("rx", _num(r)))
        return "rect", tuple(attrs)
    if shape.kind == "polygon":
        vertices = " ".join(f"{_num(x(px))},{_num(py)}" for px, py in shape.points)
        return "polygon", (("points", vertices),)
    if shape.kind == "blob":
        return "path", (("d", _catmull_rom([(x(px), py) for px, py in shape.points])),)
    parts = []
    for cmd, pts in shape.commands:
        parts.append(cmd + " ".join(f"{_num(x(px))} {_num(py)}" for px, py in pts))
    return "path", (("d", "".join(parts)),)


def _expand(kb: KnowledgeBase, ids: Iterable[str]) -> set[str]:
    """Concrete region ids for a mix of concrete ids and side-neutral keys."""
    out: set[str] = set()
    for rid in ids:
        if rid in kb.regions:
            out.add(rid)
        elif rid in kb.region_entries:
            out.update(kb.sides_of(rid))
    return out


def _view_title(view: str) -> str:
    if view == "front":
        return _("Front view: your left is on the right")
    if view == "back":
        return _("Back view: your left is on the left")
    return f"{view.capitalize()} view"


def _regions_of_view(
    kb: KnowledgeBase, geometry: Geometry, view: str
) -> Iterator[tuple[Region, Shape]]:
    """Regions of ``view`` with their shapes, in drawing order."""
    for key, shape in geometry.shapes.items():
        entry = kb.region_entries.get(key)
        if entry is None or str(entry.view) != view:
            continue
        for rid in kb.sides_of(key):
            yield kb.regions[rid], shape


def render_bodymap(
    kb: KnowledgeBase,
    view: str,
    *,
    selected: Iterable[str] = (),
    interactive: bool = True,
    essential: Iterable[str] = (),
    spillover: Iterable[str] = (),
    marker: str | None = None,
    id_prefix: str = "bm",
    title: str | None = None,
    geometry: Geometry | None = None,
    sparse: bool = False,
    defs_from: str | None = None,
    zoom: bool = False,
    closeup: Closeup | None = None,
) -> str:
    """One view of the body map as an inline ``<svg>`` string.

    ``closeup`` draws that close-up of its view instead (``view`` must be its view): the
    regions inside its box only, framed by it, so a page can show it large.

    ``zoom`` frames the highlighted regions (with some of the body around them for
    context) instead of the whole figure.

    ``sparse`` (only with ``interactive=False``) draws the silhouette and the
    highlighted regions only: a small map for lists that show many of them.
    ``defs_from`` names the ``id_prefix`` of another map of the same view on the same
    page whose silhouette and patterns this one reuses instead of repeating them.

    ``selected`` regions are shown as marked (and ``aria-pressed="true"`` when
    ``interactive``); ``essential`` and ``spillover`` regions as a referral pattern;
    ``marker`` gets a trigger-point marker at its centre. ``id_prefix`` keeps ids
    unique when a page holds more than one map. Raises :class:`ValueError` for a
    view the geometry does not have.
    """
    geometry = geometry or load_geometry()
    if view not in geometry.views:
        raise ValueError(f"unknown body-map view {view!r}; known: {', '.join(geometry.views)}")
    vg = geometry.views[view]
    base = f"{id_prefix}-{view}"
    main = _expand(kb, essential)
    states = {
        "selected": _expand(kb, selected),
        "essential": main,
        "spillover": _expand(kb, spillover) - main,
    }
    box = (0.0, 0.0, vg.width, vg.height)
    inside = None
    if closeup is not None:
        if closeup.view != view:
            raise ValueError(f"the close-up {closeup.id!r} is of the {closeup.view} view")
        dx0, y0_, dx1, y1_ = closeup.box
        box = inside = (vg.centre + dx0, y0_, vg.centre + dx1, y1_)
    if zoom:
        marked = set().union(*states.values()) | _expand(kb, [marker] if marker else [])
        box = _frame(kb, geometry, view, marked) or box
    x0, y0, x1, y1 = box
    out: list[str] = []
    out.append(
        '<svg xmlns="http://www.w3.org/2000/svg"'
        + _attrs(
            [
                ("viewBox", f"{_num(x0)} {_num(y0)} {_num(x1 - x0)} {_num(y1 - y0)}"),
                ("width", _num(x1 - x0)),
                ("height", _num(y1 - y0)),
                ("class", f"bodymap bodymap-{view}"),
                ("data-view", view),
                ("role", "group"),
                ("aria-labelledby", f"{base}-title"),
                ("font-family", "sans-serif"),
            ]
        )
        + ">"
    )
    out.append(f'<title id="{_esc(base)}-title">{_esc(title or _view_title(view))}</title>')
    shared = f"{defs_from}-{view}" if defs_from else base
    # the silhouette, patterns and labels depend on none of the marks: drawn once per
    # view, frame and language
    made, _laid_out = _made(kb, geometry)
    figure_key = ("figure", view, shared, defs_from is None, box, closeup is None, language())
    figure = made.get(figure_key)
    if figure is None:
        figure = "".join(
            _figure(
                vg,
                shared,
                write_defs=defs_from is None,
                box=box,
                # a close-up's edges are all body: the page says the sides above it
                side_labels=closeup is None,
            )
        )
        if len(made) < _MAX_MADE:
            made[figure_key] = figure
    out.append(figure)
    centres: dict[str, Point] = {}
    out += _region_elements(
        kb,
        geometry,
        view,
        states,
        interactive,
        id_prefix,
        centres,
        sparse=sparse and not interactive,
        pattern_base=shared,
        inside=inside,
    )
    for rid in sorted(_expand(kb, [marker] if marker else [])):
        if rid in centres:
            out.append(_marker(rid, *centres[rid]))
    out.append("</svg>")
    return "".join(out)


ZOOM_MARGIN = 26.0
ZOOM_MIN_SIZE = 120.0


def _frame(
    kb: KnowledgeBase, geometry: Geometry, view: str, region_ids: set[str]
) -> tuple[float, float, float, float] | None:
    """A box around the given regions, padded and at least ZOOM_MIN_SIZE square."""
    vg = geometry.views[view]
    xs: list[float] = []
    ys: list[float] = []
    for rid in region_ids:
        region = kb.regions.get(rid)
        shape = geometry.shapes.get(region.key) if region else None
        if region is None or shape is None or region.view.value != view:
            continue
        sign = _sign(view, region.side)
        bx0, by0, bx1, by1 = shape.bbox
        xs += [vg.centre + sign * bx0, vg.centre + sign * bx1]
        ys += [by0, by1]
    if not xs:
        return None
    x0, x1 = min(xs) - ZOOM_MARGIN, max(xs) + ZOOM_MARGIN
    y0, y1 = min(ys) - ZOOM_MARGIN, max(ys) + ZOOM_MARGIN
    if x1 - x0 < ZOOM_MIN_SIZE:
        grow = (ZOOM_MIN_SIZE - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    if y1 - y0 < ZOOM_MIN_SIZE:
        grow = (ZOOM_MIN_SIZE - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    x0, y0 = max(0.0, x0), max(0.0, y0)
    x1, y1 = min(vg.width, x1), min(vg.height, y1)
    return round(x0), round(y0), round(x1), round(y1)


def _figure(
    vg: ViewGeometry,
    base: str,
    *,
    write_defs: bool = True,
    box: tuple[float, float, float, float] | None = None,
    side_labels: bool = True,
) -> list[str]:
    """Patterns, the silhouette, the side labels and the captions.

    Without ``write_defs`` the patterns and silhouette of ``base`` are referenced, not
    written: another map on the page defines them.
    """
    centre_x = vg.centre
    body_id = f"{base}-body"
    out: list[str] = []
    if write_defs:
        out.append("<defs>")
        for name, template in _PATTERNS:
            out.append(template.format(id=_esc(f"{base}-{name}")))
        out.append(f'<g id="{_esc(body_id)}">')
        for part in vg.outline:
            for sign in (1, -1) if part.paired else (1,):
                tag, attrs = _geometry_attrs(part, centre_x, sign)
                out.append(f"<{tag}{_attrs(attrs)}/>")
        out.append("</g></defs>")
    # a thick outlined pass, then a fill-only pass over it: the parts merge into one
    # figure with a single outer line
    out.append(
        '<g class="outline" aria-hidden="true">'
        f'<use href="#{_esc(body_id)}" fill="{_BODY_FILL}" stroke="{_BODY_STROKE}"'
        ' stroke-width="3" stroke-linejoin="round"/>'
        f'<use href="#{_esc(body_id)}" fill="{_BODY_FILL}"/></g>'
    )
    # side labels in the person's own frame: on the front view their left is on our right
    bx0, by0, bx1, by1 = box or (0.0, 0.0, vg.width, vg.height)
    # the labels keep their size on the page however large a close-up is drawn
    scale = min(1.0, (bx1 - bx0) / vg.width)
    size, pad = 11 * scale, 6 * scale
    left_x, right_x = (bx0 + pad, bx1 - pad) if vg.name != "front" else (bx1 - pad, bx0 + pad)
    middle = (bx0 + bx1) / 2
    for text, lx in ((_("Your left"), left_x), (_("Your right"), right_x)) if side_labels else ():
        anchor = "start" if lx < middle else "end"
        out.append(
            f'<text class="side-label" x="{_num(lx)}" y="{_num(by0 + 14 * scale)}"'
            f' text-anchor="{anchor}" font-size="{_num(size)}" fill="{_INK}" aria-hidden="true">'
            f"{_esc(text)}</text>"
        )
    for cap in vg.captions:
        x, y = centre_x + cap.at[0], cap.at[1]
        if not (bx0 <= x <= bx1 and by0 <= y <= by1):
            continue  # outside a close-up's frame
        out.append(
            f'<text class="caption" x="{_num(x)}" y="{_num(y)}"'
            f' text-anchor="middle" font-size="{_num(9 * scale)}" fill="{_INK}"'
            f' aria-hidden="true">{_esc(cap.text)}</text>'
        )
    return out


def _region_elements(
    kb: KnowledgeBase,
    geometry: Geometry,
    view: str,
    states: Mapping[str, set[str]],
    interactive: bool,
    id_prefix: str,
    centres: dict[str, Point],
    *,
    sparse: bool = False,
    pattern_base: str | None = None,
    inside: tuple[float, float, float, float] | None = None,
) -> list[str]:
    """One element per concrete region; fills ``centres`` with each region's centre.

    ``sparse`` leaves out the regions that have no state to show; ``inside`` (a box in
    the view's frame) the regions whose shapes do not lie within it.
    """
    vg = geometry.views[view]
    base = pattern_base or f"{id_prefix}-{view}"
    out = [
        f'<g class="regions" fill="{_REGION_FILL}" stroke="{_REGION_STROKE}"'
        ' stroke-width="0.6" stroke-linejoin="round">'
    ]
    shown = set().union(*states.values())
    made, laid_out = _made(kb, geometry)
    lang = language()
    if view not in laid_out:
        laid_out[view] = [
            (region, shape, sign, (vg.centre + sign * shape.centre[0], shape.centre[1]))
            for region, shape in _regions_of_view(kb, geometry, view)
            for sign in (_sign(view, region.side),)
        ]
    if not sparse and not any(ids for name, ids in states.items() if name != "selected"):
        # the finder's own maps, where only marks change: every region drawn unmarked, once
        # (per language), with the marked ones swapped in
        regions = laid_out[view]
        if inside is not None:
            regions = [r for r in regions if _within(r[1], r[2], vg.centre, inside)]
        drawn = _drawn_unmarked(kb, geometry, view, interactive, base, lang, regions, inside)
        centres.update(drawn.centres)
        body = drawn.body
        for rid in sorted(states.get("selected", ()) & drawn.marked.keys()):
            off, on_element = drawn.marked[rid]
            body = body.replace(off, on_element, 1)
        out.append(body)
        out.append("</g>")
        return out
    for region, shape, sign, centre in laid_out[view]:
        if inside is not None and not _within(shape, sign, vg.centre, inside):
            continue
        centres[region.id] = centre
        if sparse and region.id not in shown:
            continue
        on = [name for name, ids in states.items() if region.id in ids]
        # the same region in the same state draws the same element: drawn once (per
        # language) and remembered, since every finder page draws all 168 of them
        key = (region.id, view, interactive, tuple(on), base, lang)
        element = made.get(key)
        if element is None:
            element = _region_element(region, shape, vg.centre, sign, on, interactive, base)
            if len(made) < _MAX_MADE:
                made[key] = element
        out.append(element)
    out.append("</g>")
    return out


@dataclass(frozen=True)
class _Unmarked:
    """A view's regions drawn with nothing marked, and each region's element both ways."""

    body: str
    marked: dict[str, tuple[str, str]]
    centres: dict[str, Point]


def _drawn_unmarked(
    kb: KnowledgeBase,
    geometry: Geometry,
    view: str,
    interactive: bool,
    base: str,
    lang: str,
    laid_out: _LaidOut,
    inside: tuple[float, float, float, float] | None = None,
) -> _Unmarked:
    held = kb.cache.get("bodymap_unmarked")
    if not isinstance(held, tuple) or held[0] is not geometry:
        held = kb.cache["bodymap_unmarked"] = (geometry, {})  # drawn for this geometry only
    kept: dict[tuple[object, ...], _Unmarked] = held[1]
    key = (view, interactive, base, lang, inside)
    found = kept.get(key)
    if isinstance(found, _Unmarked):
        return found
    vg = geometry.views[view]
    marked: dict[str, tuple[str, str]] = {}
    centres: dict[str, Point] = {}
    for region, shape, sign, centre in laid_out:
        centres[region.id] = centre
        off = _region_element(region, shape, vg.centre, sign, [], interactive, base)
        on = _region_element(region, shape, vg.centre, sign, ["selected"], interactive, base)
        marked[region.id] = (off, on)
    drawn = _Unmarked("".join(off for off, _on in marked.values()), marked, centres)
    if len(kept) < 64:  # views x maps x languages
        kept[key] = drawn
    return drawn


CLOSEUP_SLACK = 4.0
"""How far (design units) a region's shape may reach past a close-up's box and still be
drawn in it."""


def _within(
    shape: Shape, sign: int, centre_x: float, box: tuple[float, float, float, float]
) -> bool:
    """Whether ``shape``, placed on the side ``sign``, lies inside ``box``."""
    dx0, y0, dx1, y1 = shape.bbox
    xs = sorted((centre_x + sign * dx0, centre_x + sign * dx1))
    bx0, by0, bx1, by1 = box
    slack = CLOSEUP_SLACK
    return xs[0] >= bx0 - slack and xs[1] <= bx1 + slack and y0 >= by0 - slack and y1 <= by1 + slack


_MAX_MADE = 20_000
"""Remembered region elements: regions x states x maps x languages, bounded."""


_LaidOut = list[tuple[Region, Shape, int, Point]]


def _made(
    kb: KnowledgeBase, geometry: Geometry
) -> tuple[dict[tuple[object, ...], str], dict[str, _LaidOut]]:
    """What is worked out once for this knowledge base and this geometry: the region
    elements drawn so far, and each view's regions with their shapes, signs and centres."""
    kept = kb.cache.get("bodymap_drawn")
    if not isinstance(kept, tuple) or kept[0] is not geometry:
        kept = (geometry, {}, {})
        kb.cache["bodymap_drawn"] = kept
    return kept[1], kept[2]


def _region_element(
    region: Region,
    shape: Shape,
    centre_x: float,
    sign: int,
    on: list[str],
    interactive: bool,
    base: str,
) -> str:
    """The element for one region in the states ``on``."""
    tag, geo = _geometry_attrs(shape, centre_x, sign)
    # no id and no "region" class per shape: scripts and stylesheets find a region by
    # its data-region, and those 336 ids and classes were 10 KB of every finder page
    attrs: list[tuple[str, str]] = [("class", " ".join(on))] if on else []
    attrs.append(("data-region", region.id))
    described = ", ".join(_description(s) for s in on if s != "selected" or not interactive)
    if interactive:
        attrs += [
            ("role", "button"),
            # one Tab stop per map: the page's script makes one shape 0 and moves it with
            # the arrow keys; without a script the shapes do nothing, so none is a stop
            ("tabindex", "-1"),
            ("aria-pressed", "true" if "selected" in on else "false"),
            ("aria-label", region.label),
        ]
        if described:
            attrs.append(("aria-description", described))
    elif on:
        attrs += [("role", "img"), ("aria-label", f"{region.label}: {described}")]
    else:
        attrs.append(("aria-hidden", "true"))
    attrs += geo
    # the referral pattern wins the fill; a marked region also gets a thick outline
    fill = next((s for s in ("essential", "spillover", "selected") if s in on), None)
    if fill:
        attrs.append(("fill", f"url(#{base}-{fill})"))
    if "selected" in on:
        attrs += [("stroke", _SELECTED_STROKE), ("stroke-width", "1.8")]
    if interactive:
        # named by aria-label, and on the page beside the map on hover, focus and touch
        # (the page's script): a tooltip too would repeat every name in every map
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}><title>{_esc(region.label)}</title></{tag}>"


def _marker(rid: str, mx: float, my: float) -> str:
    """A trigger-point marker: a circle with an "×", letting clicks through."""
    d = 2.6
    cross = (
        f"M{_num(mx - d)} {_num(my - d)}L{_num(mx + d)} {_num(my + d)}"
        f"M{_num(mx + d)} {_num(my - d)}L{_num(mx - d)} {_num(my + d)}"
    )
    name = _esc(_("trigger point"))
    return (
        f'<g class="trigger-point" data-region="{_esc(rid)}" role="img"'
        f' aria-label="{name}" pointer-events="none">'
        f"<title>{name}</title>"
        f'<circle cx="{_num(mx)}" cy="{_num(my)}" r="5.5" fill="#fff"'
        f' stroke="{_MARKER_STROKE}" stroke-width="1.6"/>'
        f'<path d="{cross}" stroke="{_MARKER_STROKE}" stroke-width="1.6"'
        ' stroke-linecap="round"/></g>'
    )
