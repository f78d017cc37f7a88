"""The body map's geometry: one shape per region key, read and checked from
``data/bodymap.yaml`` (its header documents the format), drawn for the person's right side
(or the midline) and mirrored by the drawing code (:mod:`knotwork.core.bodymap`) for the
left. Pure: standard library, PyYAML and :mod:`knotwork.core` only.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from knotwork.core.kb import DATA_DIR, KnowledgeBase

GEOMETRY_PATH = DATA_DIR / "bodymap.yaml"

Point = tuple[float, float]


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
class Closeup:
    """A part of one view drawn large, where the regions are too small to touch on the
    whole figure: only the regions whose shapes sit inside ``box``."""

    id: str
    view: str
    label: str
    box: tuple[float, float, float, float]
    """``(dx_min, y_min, dx_max, y_max)`` in the design frame (dx from the midline)."""

    @property
    def both_sides(self) -> bool:
        """Whether the box takes in both sides of the midline (then it says which is which)."""
        return self.box[0] < 0 < self.box[2]


@dataclass(frozen=True)
class Geometry:
    views: Mapping[str, ViewGeometry]
    shapes: Mapping[str, Shape]
    """Region key -> shape, in drawing order."""
    path: Path | None = field(default=None, compare=False)
    closeups: Mapping[str, Closeup] = field(default_factory=dict)
    """Close-up views by id, in the order the page shows them."""


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
    if not isinstance(data, dict) or not {"views", "shapes"} <= set(data) <= {
        "views",
        "shapes",
        "closeups",
    }:
        raise GeometryError(["the file needs views and shapes (and may have closeups)"])
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
    closeups = _parse_closeups(data.get("closeups") or [], views, problems)
    if problems:
        raise GeometryError(problems)
    return Geometry(views=views, shapes=shapes, path=path, closeups=closeups)


def _parse_closeups(
    raw: Any, views: Mapping[str, ViewGeometry], problems: list[str]
) -> dict[str, Closeup]:
    out: dict[str, Closeup] = {}
    if not isinstance(raw, list):
        problems.append("closeups: needs a list of {id, view, label, box}")
        return out
    for i, item in enumerate(raw):
        where = f"closeups[{i}]"
        if not isinstance(item, dict) or set(item) != {"id", "view", "label", "box"}:
            problems.append(f"{where}: needs exactly id, view, label and box")
            continue
        cid, view, label, box = item["id"], item["view"], item["label"], item["box"]
        if not (isinstance(cid, str) and re.fullmatch(r"[a-z][a-z0-9_]*", cid)):
            problems.append(f"{where}.id: a lower-case slug")
            continue
        if view not in views:
            problems.append(f"{where}.view: one of {', '.join(views)}")
            continue
        if not (isinstance(label, str) and label.strip()):
            problems.append(f"{where}.label: the words above the close-up")
            continue
        ok = isinstance(box, list) and len(box) == 4 and all(_is_number(n) for n in box)
        if not ok or not (box[0] < box[2] and box[1] < box[3]):
            problems.append(f"{where}.box: [dx_min, y_min, dx_max, y_max], each min below its max")
            continue
        if cid in out:
            problems.append(f"{where}.id: {cid!r} is used twice")
            continue
        out[cid] = Closeup(cid, view, label, (box[0], box[1], box[2], box[3]))
    return out


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
