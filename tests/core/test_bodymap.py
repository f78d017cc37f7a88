"""The body map: geometry covers every region, and the SVG is correct and accessible."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from knotwork.core.bodymap import (
    GeometryError,
    load_geometry,
    missing_shapes,
    render_bodymap,
    unknown_shapes,
)
from knotwork.core.kb import KnowledgeBase

SVG = "{http://www.w3.org/2000/svg}"
VIEWS = ("front", "back")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def regions(root: ET.Element) -> dict[str, ET.Element]:
    found: dict[str, ET.Element] = {}
    for el in root.iter():
        if el.get("data-region") and "trigger-point" not in el.get("class", "").split():
            rid = el.get("data-region", "")
            assert rid not in found, f"{rid} drawn twice"
            found[rid] = el
    return found


def centre_x(el: ET.Element) -> float:
    """The horizontal middle of a drawn shape, from its own attributes."""
    tag = el.tag.removeprefix(SVG)
    if tag in {"ellipse", "circle"}:
        return float(el.get("cx", "nan"))
    if tag == "rect":
        return float(el.get("x", "nan")) + float(el.get("width", "nan")) / 2
    text = el.get("points") if tag == "polygon" else el.get("d")
    numbers = [float(n) for n in NUMBER.findall(text or "")]
    xs = numbers[0::2]
    return (min(xs) + max(xs)) / 2


def view_keys(kb: KnowledgeBase, view: str) -> list[str]:
    return [key for key, entry in kb.region_entries.items() if str(entry.view) == view]


# --------------------------------------------------------------------------- geometry


def test_every_region_key_has_a_shape(kb: KnowledgeBase) -> None:
    geometry = load_geometry()
    assert missing_shapes(kb, geometry) == []
    assert unknown_shapes(kb, geometry) == []


def test_missing_shapes_names_what_is_missing(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "bodymap.yaml"
    path.write_text(
        "views:\n  back: {width: 100, height: 100, outline: [{ellipse: [0, 50, 10, 40]}]}\n"
        "shapes:\n  back.sacrum: {rect: [0, 50, 10, 10]}\n",
        encoding="utf-8",
    )
    missing = missing_shapes(kb, load_geometry(path))
    assert "back.sacrum" not in missing
    assert "back.buttock.upper" in missing
    assert "front.groin" in missing  # the view itself is missing


def test_the_default_geometry_is_cached() -> None:
    assert load_geometry() is load_geometry()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("views: {}\n", "needs views and shapes"),
        (
            "views:\n  back: {width: 10, height: 10, outline: [{ellipse: [0, 5, 1, 1]}]}\n"
            "shapes:\n  side.thing: {ellipse: [0, 5, 1, 1]}\n",
            "must start with a view",
        ),
        (
            "views:\n  back: {width: 10, height: 10, outline: [{ellipse: [0, 5, 1, 1]}]}\n"
            "shapes:\n  back.a: {ellipse: [0, 5, 1]}\n",
            "needs [cdx, cy, rx, ry",
        ),
        (
            "views:\n  back: {width: 10, height: 10, outline: [{ellipse: [0, 5, 1, 1]}]}\n"
            "shapes:\n  back.a: {path: 'M 0 0 L 1'}\n",
            "L takes 2 numbers",
        ),
        (
            "views:\n  back: {width: 10, height: 10, outline: [{ellipse: [0, 5, 1, 1]}]}\n"
            "shapes:\n  back.a: {rect: [0, 5, 1, 1], polygon: [[0, 0], [1, 1], [2, 0]]}\n",
            "exactly one of",
        ),
    ],
)
def test_bad_geometry_is_reported(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bodymap.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GeometryError) as info:
        load_geometry(path)
    assert needle in str(info.value)


def test_parents_are_drawn_before_their_children(kb: KnowledgeBase) -> None:
    order = list(load_geometry().shapes)
    for key, entry in kb.region_entries.items():
        if entry.parent is not None and entry.parent in order:
            assert order.index(entry.parent) < order.index(key), f"{key} is under its parent"


def test_children_sit_inside_their_parents(kb: KnowledgeBase) -> None:
    shapes = load_geometry().shapes
    slack = 1.0
    for key, entry in kb.region_entries.items():
        if entry.parent is None or str(kb.region_entries[entry.parent].view) != str(entry.view):
            continue
        cx, cy = shapes[key].centre
        x0, y0, x1, y1 = shapes[entry.parent].bbox
        assert x0 - slack <= cx <= x1 + slack, f"{key} lies beside {entry.parent}"
        assert y0 - slack <= cy <= y1 + slack, f"{key} lies above or below {entry.parent}"


# --------------------------------------------------------------------------- the SVG


@pytest.mark.parametrize("view", VIEWS)
def test_output_is_xml_and_small(kb: KnowledgeBase, view: str) -> None:
    svg = render_bodymap(kb, view)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert len(svg.encode("utf-8")) < 60_000


@pytest.mark.parametrize("view", VIEWS)
def test_every_region_appears_once(kb: KnowledgeBase, view: str) -> None:
    root = parse(render_bodymap(kb, view, id_prefix="m"))
    drawn = regions(root)
    expected = {rid for key in view_keys(kb, view) for rid in kb.sides_of(key)}
    assert set(drawn) == expected
    for rid, el in drawn.items():
        assert el.get("data-region") == rid
        # named once, by aria-label (the page shows the name beside the map)
        assert el.find(f"{SVG}title") is None
        assert el.get("aria-label") == kb.regions[rid].label
        assert el.get("role") == "button"
        assert el.get("tabindex") == "-1"  # the script makes one per map a Tab stop
    ids = Counter(el.get("id") for el in root.iter() if el.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_a_region_label_reads_in_the_persons_frame(kb: KnowledgeBase) -> None:
    el = regions(parse(render_bodymap(kb, "back")))["back.buttock.upper.right"]
    assert el.get("aria-label") == "the top of your right buttock"


def test_aria_pressed_follows_selected(kb: KnowledgeBase) -> None:
    chosen = {"back.sacroiliac.right", "back.buttock.upper.right"}
    drawn = regions(parse(render_bodymap(kb, "back", selected=chosen)))
    for rid, el in drawn.items():
        pressed = rid in chosen
        assert el.get("aria-pressed") == ("true" if pressed else "false")
        classes = el.get("class", "").split()
        assert ("selected" in classes) == pressed
        if pressed:
            # not colour alone: a pattern fill and a thick outline
            assert el.get("fill") == "url(#bm-back-selected)"
            assert float(el.get("stroke-width", "0")) > 1


def test_every_region_marked_alone_is_the_only_one_pressed(kb: KnowledgeBase) -> None:
    # the unmarked map is drawn once and marked regions are swapped in: each swap must hit
    # its own region and no other, in both views, and leave the rest as drawn unmarked
    for view in ("back", "front"):
        plain = render_bodymap(kb, view)
        for rid in list(regions(parse(plain))):
            drawn = regions(parse(render_bodymap(kb, view, selected=[rid])))
            assert [r for r, el in drawn.items() if el.get("aria-pressed") == "true"] == [rid]
    # and the same regions marked with a referral pattern (drawn region by region) agree
    chosen = ["back.sacroiliac.right"]
    one = regions(parse(render_bodymap(kb, "back", selected=chosen, essential=["back.calf.left"])))
    assert one["back.sacroiliac.right"].get("aria-pressed") == "true"


def test_a_key_selects_every_side(kb: KnowledgeBase) -> None:
    drawn = regions(parse(render_bodymap(kb, "back", selected=["back.sacroiliac", "nonsense"])))
    assert drawn["back.sacroiliac.left"].get("aria-pressed") == "true"
    assert drawn["back.sacroiliac.right"].get("aria-pressed") == "true"


def test_non_interactive_has_no_buttons(kb: KnowledgeBase) -> None:
    svg = render_bodymap(
        kb, "back", interactive=False, selected=["back.sacrum.midline"], essential=["back.coccyx"]
    )
    assert 'role="button"' not in svg
    assert "tabindex" not in svg
    assert "aria-pressed" not in svg
    drawn = regions(parse(svg))
    assert drawn["back.sacrum.midline"].get("role") == "img"
    assert drawn["back.coccyx.midline"].get("role") == "img"
    assert drawn["back.buttock.upper.left"].get("aria-hidden") == "true"


@pytest.mark.parametrize("view", VIEWS)
def test_left_and_right_are_mirrored(kb: KnowledgeBase, view: str) -> None:
    root = parse(render_bodymap(kb, view))
    drawn = regions(root)
    width = float(root.get("viewBox", "").split()[2])
    for key in view_keys(kb, view):
        if not kb.region_entries[key].paired:
            assert abs(centre_x(drawn[f"{key}.midline"]) - width / 2) < 3, key
            continue
        left, right = centre_x(drawn[f"{key}.left"]), centre_x(drawn[f"{key}.right"])
        assert abs((left + right) / 2 - width / 2) < 0.2, key
        if view == "back":  # your right is on the viewer's right
            assert right > left, key
        else:  # facing you: your right is on the viewer's left
            assert right < left, key


@pytest.mark.parametrize(
    ("view", "title", "left_side"),
    [
        ("back", "Back view: your left is on the left", "viewer-left"),
        ("front", "Front view: your left is on the right", "viewer-right"),
    ],
)
def test_titles_and_labels_give_the_orientation(
    kb: KnowledgeBase, view: str, title: str, left_side: str
) -> None:
    root = parse(render_bodymap(kb, view, id_prefix="q"))
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == f"q-{view}-title"
    first = root.find(f"{SVG}title")
    assert first is not None
    assert first.get("id") == f"q-{view}-title"
    assert first.text == title
    labels = {el.text: float(el.get("x", "nan")) for el in root.iter(f"{SVG}text")}
    middle = float(root.get("viewBox", "").split()[2]) / 2
    if left_side == "viewer-left":
        assert labels["Your left"] < middle < labels["Your right"]
    else:
        assert labels["Your right"] < middle < labels["Your left"]


def test_a_title_can_be_given_and_is_escaped(kb: KnowledgeBase) -> None:
    svg = render_bodymap(kb, "front", title="Where <it> hurts & why")
    assert "Where &lt;it&gt; hurts &amp; why" in svg
    root = parse(svg)
    first = root.find(f"{SVG}title")
    assert first is not None
    assert first.text == "Where <it> hurts & why"


def test_the_outline_is_decorative(kb: KnowledgeBase) -> None:
    root = parse(render_bodymap(kb, "back"))
    outlines = [el for el in root.iter() if el.get("class") == "outline"]
    assert outlines
    assert all(el.get("aria-hidden") == "true" for el in outlines)


def test_referral_and_marker(kb: KnowledgeBase) -> None:
    svg = render_bodymap(
        kb,
        "back",
        interactive=False,
        essential=["back.iliac_crest.right", "back.sacrum.midline"],
        spillover=["back.buttock.mid.right", "back.sacrum.midline"],
        marker="back.buttock.upper.right",
        id_prefix="tp",
    )
    root = parse(svg)
    drawn = regions(root)
    crest = drawn["back.iliac_crest.right"]
    assert "essential" in crest.get("class", "").split()
    assert crest.get("fill") == "url(#tp-back-essential)"
    mid = drawn["back.buttock.mid.right"]
    assert "spillover" in mid.get("class", "").split()
    assert mid.get("fill") == "url(#tp-back-spillover)"
    # essential wins when a region is listed in both
    assert drawn["back.sacrum.midline"].get("class") == "essential"
    assert "essential" not in drawn["back.iliac_crest.left"].get("class", "")
    # the patterns are inside the SVG, so highlights print without CSS
    pattern_ids = {el.get("id") for el in root.iter(f"{SVG}pattern")}
    assert {"tp-back-selected", "tp-back-essential", "tp-back-spillover"} <= pattern_ids
    markers = [el for el in root.iter() if el.get("class") == "trigger-point"]
    assert len(markers) == 1
    title = markers[0].find(f"{SVG}title")
    assert title is not None
    assert title.text == "trigger point"
    circle = markers[0].find(f"{SVG}circle")
    assert circle is not None
    assert centre_x(circle) > float(root.get("viewBox", "").split()[2]) / 2


def test_a_marker_on_the_other_view_is_not_drawn(kb: KnowledgeBase) -> None:
    assert "trigger-point" not in render_bodymap(kb, "front", marker="back.buttock.upper.right")


def test_two_maps_on_one_page_have_distinct_ids(kb: KnowledgeBase) -> None:
    page = "<div>" + render_bodymap(kb, "back", id_prefix="a")
    page += render_bodymap(kb, "back", id_prefix="b") + "</div>"
    ids = Counter(el.get("id") for el in ET.fromstring(page).iter() if el.get("id"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_unknown_view(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown body-map view"):
        render_bodymap(kb, "side")


def test_the_soles_are_captioned(kb: KnowledgeBase) -> None:
    root = parse(render_bodymap(kb, "back"))
    assert "soles" in [el.text for el in root.iter(f"{SVG}text")]


def test_zoom_frames_the_highlighted_regions(kb) -> None:  # type: ignore[no-untyped-def]
    import re as _re

    full = render_bodymap(kb, "back", interactive=False, essential=["back.sacroiliac.right"])
    zoomed = render_bodymap(
        kb,
        "back",
        interactive=False,
        essential=["back.sacroiliac.right"],
        zoom=True,
        sparse=True,
    )
    box = [float(v) for v in _re.search(r'viewBox="([^"]+)"', zoomed).group(1).split()]  # type: ignore[union-attr]
    whole = [float(v) for v in _re.search(r'viewBox="([^"]+)"', full).group(1).split()]  # type: ignore[union-attr]
    assert box[2] < whole[2]
    assert box[3] < whole[3]
    assert "Your left" in zoomed
    assert "Your right" in zoomed
    assert 'data-region="back.sacroiliac.right"' in zoomed


# --------------------------------------------------------------- issue 9: close-ups


def test_a_closeup_draws_only_the_regions_inside_its_box(kb: KnowledgeBase) -> None:
    geometry = load_geometry()
    closeup = geometry.closeups["low_back"]
    root = parse(
        render_bodymap(
            kb, "back", closeup=closeup, id_prefix="z", selected=["back.sacroiliac.right"]
        )
    )
    drawn = regions(root)
    assert {"back.sacroiliac.right", "back.coccyx.midline", "back.buttock.upper.left"} <= set(drawn)
    assert not {r for r in drawn if r.startswith(("back.head", "back.calf", "back.shoulder"))}
    assert drawn["back.sacroiliac.right"].get("aria-pressed") == "true"
    dx0, y0, dx1, y1 = closeup.box
    width = geometry.views["back"].width
    assert root.get("viewBox") == f"{width / 2 + dx0:g} {y0:g} {dx1 - dx0:g} {y1 - y0:g}"
    with pytest.raises(ValueError, match="of the back view"):
        render_bodymap(kb, "front", closeup=closeup)


@pytest.mark.parametrize(
    ("closeups", "message"),
    [
        ("[{id: a, view: side, label: x, box: [0, 0, 1, 1]}]", "closeups[0].view: one of back"),
        ("[{id: a, view: back, label: x, box: [1, 0, 0, 1]}]", "each min below its max"),
        ("[{id: A, view: back, label: x, box: [0, 0, 1, 1]}]", "closeups[0].id"),
        ("[{id: a, view: back, box: [0, 0, 1, 1]}]", "needs exactly id, view, label and box"),
        (
            "[{id: a, view: back, label: x, box: [0, 0, 1, 1]},"
            " {id: a, view: back, label: y, box: [0, 0, 1, 1]}]",
            "used twice",
        ),
    ],
)
def test_a_bad_closeup_is_named(tmp_path: Path, closeups: str, message: str) -> None:
    path = tmp_path / "bodymap.yaml"
    path.write_text(
        "views:\n  back: {width: 10, height: 10, outline: [{ellipse: [0, 5, 1, 1]}]}\n"
        "shapes:\n  back.a: {ellipse: [0, 5, 1, 1]}\n"
        f"closeups: {closeups}\n"
    )
    with pytest.raises(GeometryError) as caught:
        load_geometry(path)
    assert message in str(caught.value)
