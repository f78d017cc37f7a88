"""The body map: region geometry as data, and a pure-Python SVG renderer.

The geometry lives in ``data/bodymap.yaml`` (its header documents the format): one
shape per region key of ``regions.yaml``, drawn for the person's right side (or the
midline) and mirrored here for the left.

:func:`render_bodymap` returns one view (``"front"`` or ``"back"``) as an inline
``<svg>`` string. Every concrete region is one shape element::

    <path data-region="back.buttock.upper.right"
          role="button" tabindex="0" aria-pressed="false" aria-label="the top of your right buttock"
          d="..."><title>the top of your right buttock</title></path>

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
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from knotwork.core.i18n import _
from knotwork.core.kb import DATA_DIR, KnowledgeBase, Region
from knotwork.core.schema import Side

__all__ = [
    "GEOMETRY_PATH",
    "Geometry",
    "GeometryError",
    "Shape",
    "ViewGeometry",
    "load_geometry",
    "missing_shapes",
    "render_bodymap",
    "unknown_shapes",
]

GEOMETRY_PATH = DATA_DIR / "bodymap.yaml"

Point = tuple[float, float]

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


# --------------------------------------------------------------------------- geometry


class GeometryError(ValueError):
    """The body-map geometry did not load; :attr:`problems` says why."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Shape:
    """One shape in the design frame (dx from the midline, y down)."""

    kind: str
    """``polygon``, ``blob``, ``ellipse``, ``rect`` or ``path``."""
    points: tuple[Point, ...] = ()
    """Vertices of a polygon or blob."""
    numbers: tuple[float, ...] = ()
    """Ellipse ``(cdx, cy, rx, ry, angle)`` or rect ``(cdx, cy, w, h, r)``."""
    commands: tuple[tuple[str, tuple[Point, ...]], ...] = ()
    """Path commands with their points."""
    centre: Point = (0.0, 0.0)
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """``(dx_min, y_min, dx_max, y_max)``."""
    paired: bool = True
    """Outline parts only: drawn on both sides (True) or once (False)."""


@dataclass(frozen=True)
class Caption:
    text: str
    at: Point


@dataclass(frozen=True)
class ViewGeometry:
    name: str
    width: float
    height: float
    outline: tuple[Shape, ...]
    captions: tuple[Caption, ...] = ()

    @property
    def centre(self) -> float:
        return self.width / 2


@dataclass(frozen=True)
class Geometry:
    views: Mapping[str, ViewGeometry]
    shapes: Mapping[str, Shape]
    """Region key -> shape, in drawing order."""
    path: Path | None = field(default=None, compare=False)


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TOKEN = re.compile(rf"\s*(?:([MLCQZ])|({_NUMBER}))\s*,?")
_ARITY = {"M": 2, "L": 2, "C": 6, "Q": 4, "Z": 0}


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _parse_points(value: Any, where: str, problems: list[str]) -> tuple[Point, ...]:
    if not isinstance(value, list) or len(value) < 3:
        problems.append(f"{where}: needs a list of at least three [dx, y] points")
        return ()
    points: list[Point] = []
    for i, p in enumerate(value):
        if not (isinstance(p, list) and len(p) == 2 and all(_is_number(n) for n in p)):
            problems.append(f"{where}[{i}]: a point is [dx, y]")
            return ()
        points.append((float(p[0]), float(p[1])))
    return tuple(points)


def _parse_path(
    value: Any, where: str, problems: list[str]
) -> tuple[tuple[str, tuple[Point, ...]], ...]:
    if not isinstance(value, str):
        problems.append(f"{where}: a path is a string of M/L/C/Q/Z commands")
        return ()
    text = value.strip()
    pos = 0
    commands: list[tuple[str, list[float]]] = []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            problems.append(
                f"{where}: cannot read {text[pos : pos + 12]!r} (absolute M/L/C/Q/Z only)"
            )
            return ()
        pos = m.end()
        if m.group(1):
            commands.append((m.group(1), []))
        elif not commands:
            problems.append(f"{where}: must start with M")
            return ()
        else:
            commands[-1][1].append(float(m.group(2)))
    if not commands or commands[0][0] != "M":
        problems.append(f"{where}: must start with M")
        return ()
    out: list[tuple[str, tuple[Point, ...]]] = []
    for cmd, nums in commands:
        arity = _ARITY[cmd]
        if (arity == 0 and nums) or (arity and (not nums or len(nums) % arity)):
            problems.append(f"{where}: {cmd} takes {arity or 'no'} numbers, got {len(nums)}")
            return ()
        pts = tuple((nums[i], nums[i + 1]) for i in range(0, len(nums), 2))
        out.append((cmd, pts))
    return tuple(out)


def _centroid(points: Sequence[Point]) -> Point:
    area = cx = cy = 0.0
    n = len(points)
    for i in range(n):
        x0, y0 = points[i]
        x1, y1 = points[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:
        return (sum(p[0] for p in points) / n, sum(p[1] for p in points) / n)
    return (cx / (3 * area), cy / (3 * area))


def _bbox(points: Iterable[Point]) -> tuple[float, float, float, float]:
    pts = list(points)
    return (
        min(p[0] for p in pts),
        min(p[1] for p in pts),
        max(p[0] for p in pts),
        max(p[1] for p in pts),
    )


_SHAPE_KINDS = ("polygon", "blob", "ellipse", "rect", "path")


def _parse_shape(
    data: Any, where: str, problems: list[str], *, outline: bool = False
) -> Shape | None:
    if not isinstance(data, dict):
        problems.append(f"{where}: a shape is a mapping such as {{ellipse: [dx, y, rx, ry]}}")
        return None
    allowed = {*_SHAPE_KINDS, "centre", *(("paired",) if outline else ())}
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
        return None
    kinds = [k for k in _SHAPE_KINDS if k in data]
    if len(kinds) != 1:
        problems.append(f"{where}: give exactly one of {', '.join(_SHAPE_KINDS)}")
        return None
    kind = kinds[0]
    value = data[kind]
    before = len(problems)
    points: tuple[Point, ...] = ()
    numbers: tuple[float, ...] = ()
    commands: tuple[tuple[str, tuple[Point, ...]], ...] = ()
    if kind in {"polygon", "blob"}:
        points = _parse_points(value, f"{where}.{kind}", problems)
        if not points:
            return None
        centre = _centroid(points)
        bbox = _bbox(points)
    elif kind in {"ellipse", "rect"}:
        if not (
            isinstance(value, list) and len(value) in {4, 5} and all(_is_number(n) for n in value)
        ):
            fields = "cdx, cy, rx, ry[, angle]" if kind == "ellipse" else "cdx, cy, w, h[, r]"
            problems.append(f"{where}.{kind}: needs [{fields}]")
            return None
        numbers = (*(float(n) for n in value), *((0.0,) if len(value) == 4 else ()))
        cdx, cy, a, b, _ = numbers
        if a <= 0 or b <= 0:
            problems.append(f"{where}.{kind}: sizes must be positive")
            return None
        centre = (cdx, cy)
        if kind == "ellipse":
            # a turned ellipse stays within the circle of its longer radius
            reach_x, reach_y = (max(a, b), max(a, b)) if numbers[4] else (a, b)
        else:
            reach_x, reach_y = a / 2, b / 2
        bbox = (cdx - reach_x, cy - reach_y, cdx + reach_x, cy + reach_y)
    else:
        commands = _parse_path(value, f"{where}.path", problems)
        if not commands:
            return None
        ends = [pts[-1] for _, pts in commands if pts]
        centre = _centroid(ends)
        bbox = _bbox(p for _, pts in commands for p in pts)
    if "centre" in data:
        c = data["centre"]
        if not (isinstance(c, list) and len(c) == 2 and all(_is_number(n) for n in c)):
            problems.append(f"{where}.centre: needs [dx, y]")
            return None
        centre = (float(c[0]), float(c[1]))
    paired = data.get("paired", True)
    if not isinstance(paired, bool):
        problems.append(f"{where}.paired: true or false")
        return None
    if len(problems) > before:
        return None
    return Shape(kind, points, numbers, commands, centre, bbox, paired)


def _parse_view(name: str, data: Any, problems: list[str]) -> ViewGeometry | None:
    where = f"views.{name}"
    if not isinstance(data, dict):
        problems.append(f"{where}: needs width, height and outline")
        return None
    unknown = sorted(str(k) for k in data if k not in {"width", "height", "outline", "captions"})
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
    width, height = data.get("width"), data.get("height")
    if not (_is_number(width) and _is_number(height) and width > 0 and height > 0):
        problems.append(f"{where}: width and height must be positive numbers")
        return None
    raw_outline = data.get("outline")
    if not isinstance(raw_outline, list) or not raw_outline:
        problems.append(f"{where}.outline: needs a list of shapes")
        return None
    outline = [
        _parse_shape(part, f"{where}.outline[{i}]", problems, outline=True)
        for i, part in enumerate(raw_outline)
    ]
    captions: list[Caption] = []
    for i, cap in enumerate(data.get("captions") or []):
        ok = (
            isinstance(cap, dict)
            and set(cap) == {"text", "at"}
            and isinstance(cap["text"], str)
            and isinstance(cap["at"], list)
            and len(cap["at"]) == 2
            and all(_is_number(n) for n in cap["at"])
        )
        if not ok:
            problems.append(f"{where}.captions[{i}]: needs {{text: ..., at: [dx, y]}}")
            continue
        captions.append(Caption(cap["text"], (float(cap["at"][0]), float(cap["at"][1]))))
    parts = tuple(s for s in outline if s is not None)
    if len(parts) != len(outline):
        return None
    return ViewGeometry(name, float(width), float(height), parts, tuple(captions))


def _parse_geometry(data: Any, path: Path | None) -> Geometry:
    problems: list[str] = []
    if not isinstance(data, dict) or set(data) != {"views", "shapes"}:
        raise GeometryError(["the file needs exactly two sections: views and shapes"])
    views: dict[str, ViewGeometry] = {}
    raw_views = data["views"]
    if not isinstance(raw_views, dict) or not raw_views:
        problems.append("views: needs one entry per view (front, back)")
        raw_views = {}
    for name, raw in raw_views.items():
        view = _parse_view(str(name), raw, problems)
        if view is not None:
            views[str(name)] = view
    shapes: dict[str, Shape] = {}
    raw_shapes = data["shapes"]
    if not isinstance(raw_shapes, dict):
        problems.append("shapes: needs a mapping of region key -> shape")
        raw_shapes = {}
    for raw_key, raw in raw_shapes.items():
        key = str(raw_key)
        view_name = key.split(".", 1)[0]
        if view_name not in raw_views:
            problems.append(
                f"shapes.{key}: the key must start with a view ({', '.join(raw_views)})"
            )
            continue
        shape = _parse_shape(raw, f"shapes.{key}", problems)
        if shape is not None:
            shapes[key] = shape
    if problems:
        raise GeometryError(problems)
    return Geometry(views=views, shapes=shapes, path=path)


def load_geometry(path: Path | None = None) -> Geometry:
    """Read and validate the body-map geometry; the shipped file is read once.

    Raises :class:`GeometryError` listing every problem found.
    """
    if path is None:
        return _default_geometry()
    return _read_geometry(Path(path))


@functools.cache
def _default_geometry() -> Geometry:
    return _read_geometry(GEOMETRY_PATH)


def _read_geometry(path: Path) -> Geometry:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GeometryError([f"{path}: cannot read file: {exc.strerror or exc}"]) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise GeometryError([f"{path}: not valid YAML: {exc}"]) from exc
    return _parse_geometry(data, path)


def missing_shapes(kb: KnowledgeBase, geometry: Geometry) -> list[str]:
    """Region keys of ``kb`` with no shape, or whose view the geometry lacks."""
    return sorted(
        key
        for key, entry in kb.region_entries.items()
        if key not in geometry.shapes or str(entry.view) not in geometry.views
    )


def unknown_shapes(kb: KnowledgeBase, geometry: Geometry) -> list[str]:
    """Shape keys that name no region of ``kb`` (left over after a rename)."""
    return sorted(key for key in geometry.shapes if key not in kb.region_entries)


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
) -> str:
    """One view of the body map as an inline ``<svg>`` string.

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
    out += _figure(vg, shared, write_defs=defs_from is None, box=box)
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
    bx0, by0, bx1, _by1 = box or (0.0, 0.0, vg.width, vg.height)
    left_x, right_x = (bx0 + 6, bx1 - 6) if vg.name != "front" else (bx1 - 6, bx0 + 6)
    middle = (bx0 + bx1) / 2
    for text, lx in ((_("Your left"), left_x), (_("Your right"), right_x)):
        anchor = "start" if lx < middle else "end"
        out.append(
            f'<text class="side-label" x="{_num(lx)}" y="{_num(by0 + 14)}"'
            f' text-anchor="{anchor}" font-size="11" fill="{_INK}" aria-hidden="true">'
            f"{_esc(text)}</text>"
        )
    for cap in vg.captions:
        out.append(
            f'<text class="caption" x="{_num(centre_x + cap.at[0])}" y="{_num(cap.at[1])}"'
            f' text-anchor="middle" font-size="9" fill="{_INK}" aria-hidden="true">'
            f"{_esc(cap.text)}</text>"
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
) -> list[str]:
    """One element per concrete region; fills ``centres`` with each region's centre.

    ``sparse`` leaves out the regions that have no state to show.
    """
    vg = geometry.views[view]
    base = pattern_base or f"{id_prefix}-{view}"
    out = [
        f'<g class="regions" fill="{_REGION_FILL}" stroke="{_REGION_STROKE}"'
        ' stroke-width="0.6" stroke-linejoin="round">'
    ]
    shown = set().union(*states.values())
    for region, shape in _regions_of_view(kb, geometry, view):
        sign = _sign(view, region.side)
        centres[region.id] = (vg.centre + sign * shape.centre[0], shape.centre[1])
        if sparse and region.id not in shown:
            continue
        tag, geo = _geometry_attrs(shape, vg.centre, sign)
        on = [name for name, ids in states.items() if region.id in ids]
        # no id and no "region" class per shape: scripts and stylesheets find a region by
        # its data-region, and those 336 ids and classes were 10 KB of every finder page
        attrs: list[tuple[str, str]] = [("class", " ".join(on))] if on else []
        attrs.append(("data-region", region.id))
        described = ", ".join(_description(s) for s in on if s != "selected" or not interactive)
        if interactive:
            attrs += [
                ("role", "button"),
                ("tabindex", "0"),
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
        out.append(f"<{tag}{_attrs(attrs)}><title>{_esc(region.label)}</title></{tag}>")
    out.append("</g>")
    return out


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
