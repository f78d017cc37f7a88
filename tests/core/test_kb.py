"""Loading, validating and cross-checking the knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from knotwork.core.export_schema import schema_documents
from knotwork.core.kb import KBError, KnowledgeBase, load_kb
from tests.fixture_kb import fixture_files, write_kb

ROOT = Path(__file__).resolve().parents[2]


def test_tiny_kb_loads(tiny_kb: KnowledgeBase) -> None:
    assert set(tiny_kb.muscles) == {"alpha", "beta", "gamma", "delta"}
    assert tiny_kb.trigger_points["alpha/upper"].spots == (12,)
    # paired entries become two regions, midline entries one
    assert {"back.buttock.upper.left", "back.buttock.upper.right"} <= set(tiny_kb.regions)
    assert "back.sacrum.midline" in tiny_kb.regions
    assert tiny_kb.regions["back.buttock.upper.right"].parent == "back.buttock.right"


def test_region_labels_speak_in_the_persons_frame(tiny_kb: KnowledgeBase) -> None:
    assert tiny_kb.regions["back.buttock.upper.right"].label == "the top of your right buttock"
    assert tiny_kb.regions["back.sacroiliac.left"].label == "your left back dimple"
    assert tiny_kb.regions["back.sacrum.midline"].label == "your sacrum"


def test_schema_files_match_the_models() -> None:
    """Fails when schema.py changes without `make schema`."""
    for name, text in schema_documents().items():
        path = ROOT / "schema" / name
        assert path.exists(), f"{path} missing: run `make schema`"
        assert path.read_text(encoding="utf-8") == text, f"{name} is stale: run `make schema`"


def _break(files: dict[str, Any], rel: str, path: list[Any], value: Any) -> None:
    node = files[rel]
    for part in path[:-1]:
        node = node[part]
    if value is _DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value


_DELETE = object()
TP = ["muscle", "trigger_points", 0]

BROKEN = [
    # (id, file, path inside it, new value, expected fragments of one problem line)
    (
        "unknown-field",
        "muscles/alpha.yaml",
        [*TP, "colour"],
        "red",
        ["muscles/alpha.yaml", "muscle alpha > trigger point upper", "colour", "unknown field"],
    ),
    (
        "missing-field",
        "muscles/alpha.yaml",
        [*TP, "sources"],
        _DELETE,
        ["muscles/alpha.yaml", "trigger point upper", "sources", "required field is missing"],
    ),
    (
        "wrong-type",
        "muscles/alpha.yaml",
        [*TP, "self_treatment", 0, "dose", "minutes_per_side"],
        "five",
        ["muscles/alpha.yaml", "trigger point upper", "self_treatment[0].dose.minutes_per_side"],
    ),
    (
        "bad-enum",
        "muscles/alpha.yaml",
        [*TP, "evidence"],
        "anecdote",
        ["muscles/alpha.yaml", "trigger point upper", "evidence"],
    ),
    (
        "unknown-region",
        "muscles/alpha.yaml",
        [*TP, "referral", "essential", 0],
        "back.elbowz",
        ["muscles/alpha.yaml", "trigger point upper", "referral.essential[0]", "unknown region"],
    ),
    (
        "unknown-aggravator",
        "muscles/alpha.yaml",
        [*TP, "aggravators", 0],
        "juggling",
        ["muscles/alpha.yaml", "trigger point upper", "aggravators[0]", "unknown aggravator"],
    ),
    (
        "unknown-tool",
        "muscles/alpha.yaml",
        [*TP, "self_treatment", 0, "tools", 0],
        "hammer",
        ["muscles/alpha.yaml", "self_treatment[0].tools[0]", "unknown tool"],
    ),
    (
        "unknown-source",
        "muscles/alpha.yaml",
        [*TP, "sources", 0, "source"],
        "wikipedia",
        ["muscles/alpha.yaml", "trigger point upper", "sources[0].source", "unknown source"],
    ),
    (
        "unknown-companion",
        "muscles/alpha.yaml",
        [*TP, "companions", 0],
        "beta/nowhere",
        ["muscles/alpha.yaml", "companions[0]", "unknown trigger point"],
    ),
    (
        "both-on-midline",
        "muscles/delta.yaml",
        [*TP, "referral", "spillover", 0],
        "back.coccyx@both",
        ["muscles/delta.yaml", "referral.spillover[0]", "midline region"],
    ),
    (
        "spot-unknown-tp",
        "spots.yaml",
        ["spots", 0, "trigger_points", 0],
        "alpha/lower",
        ["spots.yaml", "spot 12", "trigger_points[0]", "unknown trigger point"],
    ),
    (
        "bad-region-pattern",
        "regions.yaml",
        ["regions", 0, "key"],
        "Back.Low Back",
        ["regions.yaml", "key", "pattern"],
    ),
    (
        "unknown-parent",
        "regions.yaml",
        ["regions", 1, "parent"],
        "back.nowhere",
        ["regions.yaml", "region back.low_back.paraspinal_lower", "parent", "unknown region"],
    ),
    (
        "bad-tier",
        "red_flags.yaml",
        ["flags", 0, "tier"],
        "panic",
        ["red_flags.yaml", "flag saddle_numbness", "tier"],
    ),
    (
        "rule-unknown-flag",
        "red_flags.yaml",
        ["rules", 0, "all_of", 0],
        "first_time",
        ["red_flags.yaml", "rule new_pain_over_50", "unknown flag"],
    ),
    (
        "bad-choir",
        "regions.yaml",
        ["regions", 0, "choir", "left"],
        999,
        ["regions.yaml", "region back.low_back", "choir"],
    ),
]


@pytest.mark.parametrize(
    ("file", "path", "value", "expected"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_broken_file_is_named_precisely(
    tmp_path: Path, file: str, path: list[Any], value: Any, expected: list[str]
) -> None:
    files = fixture_files()
    _break(files, file, path, value)
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    lines = [str(p) for p in caught.value.problems]
    assert any(all(fragment in line for fragment in expected) for line in lines), lines


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    files: dict[str, Any] = fixture_files()
    files["muscles/beta.yaml"] = "muscle:\n  id: beta\n  name: [unclosed\n"
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    (problem,) = [p for p in caught.value.problems if p.file == "muscles/beta.yaml"]
    assert "not valid YAML" in problem.message
    assert problem.entry.startswith("line ")


def test_empty_file_is_reported(tmp_path: Path) -> None:
    files: dict[str, Any] = fixture_files()
    files["muscles/gamma.yaml"] = ""
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    assert any(
        p.file == "muscles/gamma.yaml" and "empty" in p.message for p in caught.value.problems
    )


def test_file_name_must_match_muscle_id(tmp_path: Path) -> None:
    files = fixture_files()
    files["muscles/omega.yaml"] = files.pop("muscles/gamma.yaml")
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    assert any("file name should be gamma.yaml" in str(p) for p in caught.value.problems)


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    files = fixture_files()
    files["regions.yaml"]["regions"].append(dict(files["regions.yaml"]["regions"][0]))
    files["vocabulary.yaml"]["tools"].append(dict(files["vocabulary.yaml"]["tools"][0]))
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "regions.yaml: region back.low_back > key: duplicate id" in text
    assert "vocabulary.yaml: tool thumb > id: duplicate id" in text


def test_every_problem_is_collected_not_just_the_first(tmp_path: Path) -> None:
    files = fixture_files()
    for _, file, path, value, _ in BROKEN[:6]:
        _break(files, file, path, value)
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    assert len(caught.value.problems) >= 4


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KBError, match="not found"):
        load_kb(tmp_path / "nope")


def test_yaml_is_read_safely(tmp_path: Path) -> None:
    files: dict[str, Any] = fixture_files()
    files["sources.yaml"] = "sources: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    assert any("not valid YAML" in p.message for p in caught.value.problems)


def test_fixture_is_plain_yaml() -> None:
    for data in fixture_files().values():
        assert yaml.safe_load(yaml.safe_dump(data)) == data


def _with_parent(files: dict[str, Any], key: str, parent: str) -> None:
    for region in files["regions.yaml"]["regions"]:
        if region["key"] == key:
            region["parent"] = parent
            return
    raise AssertionError(key)


@pytest.mark.parametrize("kind", ["self", "cycle"])
def test_a_parent_cycle_is_refused_not_walked_forever(tmp_path: Path, kind: str) -> None:
    files = fixture_files()
    keys = [r["key"] for r in files["regions.yaml"]["regions"]]
    paired = [
        r["key"]
        for r in files["regions.yaml"]["regions"]
        if r.get("paired", True) and "parent" not in r and r["key"].startswith("back.")
    ]
    a, b = paired[0], paired[1]
    _with_parent(files, a, a if kind == "self" else b)
    if kind == "cycle":
        _with_parent(files, b, a)
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    lines = [str(p) for p in caught.value.problems]
    assert any("parents go round" in line and a in line for line in lines), (keys, lines)


def test_a_byte_that_is_not_utf8_names_the_file_and_line(tmp_path: Path) -> None:
    root = write_kb(tmp_path)
    path = root / "muscles" / "beta.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\n# caf\xe9\n", 2))
    with pytest.raises(KBError) as caught:
        load_kb(root)
    (problem,) = [p for p in caught.value.problems if p.file == "muscles/beta.yaml"]
    assert "not UTF-8" in problem.message
    assert problem.entry == "line 2"


def test_a_key_given_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    root = write_kb(tmp_path)
    path = root / "muscles" / "beta.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("muscle:\n", "muscle:\n  id: beta\n", 1), encoding="utf-8")
    with pytest.raises(KBError) as caught:
        load_kb(root)
    (problem,) = [p for p in caught.value.problems if p.file == "muscles/beta.yaml"]
    assert "given twice" in problem.message
    assert problem.entry.startswith("line ")


def test_a_file_that_cannot_be_read_is_listed_before_what_follows_from_it(tmp_path: Path) -> None:
    files: dict[str, Any] = fixture_files()
    files["muscles/beta.yaml"] = "muscle:\n  id: beta\n  name: [unclosed\n"
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    first = caught.value.problems[0]
    assert first.file == "muscles/beta.yaml"
    assert "not valid YAML" in first.message


def test_an_aggravator_may_only_be_a_kind_of_one_that_exists(tmp_path: Path) -> None:
    files = fixture_files()
    term = files["vocabulary.yaml"]["aggravators"][0]
    term["kind_of"] = ["no_such_thing", term["id"]]
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    text = "\n".join(str(p) for p in caught.value.problems)
    assert (
        f"aggravator {term['id']} > kind_of[0]: unknown or own aggravator 'no_such_thing'" in text
    )
    assert f"kind_of[1]: unknown or own aggravator '{term['id']}'" in text


def test_both_faces_must_name_known_regions_of_two_views(tmp_path: Path) -> None:
    files = fixture_files()
    files["phrasing.yaml"] = {
        "both_faces": [
            {"words": ["hip"], "regions": ["back.low_back", "back.nowhere"]},
            {"words": ["back"], "regions": ["back.low_back", "back.low_back.paraspinal_lower"]},
        ]
    }
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    lines = [str(p) for p in caught.value.problems]
    assert any("both_faces[0]" in line and "unknown region" in line for line in lines), lines
    assert any("both_faces[1]" in line and "two regions of one view" in line for line in lines)


def test_a_broken_routine_template_is_named_precisely(tmp_path: Path) -> None:
    files: dict[str, Any] = fixture_files()
    step = {"trigger_point": "alpha/upper", "side": "right"}
    files["routines.yaml"] = {
        "routines": [
            {
                "id": "broken",
                "title": "A broken routine",
                "summary": "Every step is wrong in one way.",
                "steps": [
                    {**step, "trigger_point": "alpha/nowhere"},
                    {**step, "posture": "prone"},
                    {**step, "tool": "cane"},
                    {**step, "minutes": 0},
                ],
                "sources": [{"source": "nobody_2020"}],
            }
        ]
    }
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    lines = [str(p) for p in caught.value.problems]
    # the shape first: a minutes of 0 stops the file before the cross-checks
    assert any("routines.yaml" in line and "steps[3].minutes" in line for line in lines), lines
    files["routines.yaml"]["routines"][0]["steps"].pop()
    with pytest.raises(KBError) as caught:
        load_kb(write_kb(tmp_path, files))
    lines = [str(p) for p in caught.value.problems]
    for fragment in (
        "steps[0].trigger_point: unknown trigger point 'alpha/nowhere'",
        "steps[1].posture: alpha/upper has no technique done prone (it has: standing)",
        "steps[2].tool: alpha/upper has no technique with the tool 'cane'",
        "sources[0].source: unknown source 'nobody_2020'",
    ):
        assert any(
            "routines.yaml" in line and "routine broken" in line and fragment in line
            for line in lines
        ), (
            fragment,
            lines,
        )
