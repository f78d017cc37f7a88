"""The house rules a reader cannot see in one file: each grammar is read in one place."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from knotwork.core.kb import KnowledgeBase, parse_zone_ref

SRC = Path(__file__).resolve().parent.parent / "src" / "knotwork"


def test_the_zone_reference_grammar_is_read_in_one_place() -> None:
    reads = re.compile(r"""(partition|split)\(\s*["']@["']""")
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reads.search(line)
    ]
    assert len(found) == 1, found  # parse_zone_ref, and nowhere else
    assert found[0].startswith("core/kb.py:"), found


def test_zone_references_to_regions(kb: KnowledgeBase) -> None:
    assert parse_zone_ref("back.buttock.upper") == ("back.buttock.upper", False)
    assert parse_zone_ref("back.low_back@both") == ("back.low_back", True)
    assert kb.zone_regions("back.buttock.upper", "left") == ["back.buttock.upper.left"]
    assert kb.zone_regions("back.low_back@both", "left") == [
        "back.low_back.left",
        "back.low_back.right",
    ]
    assert kb.zone_regions("back.sacrum", "right") == ["back.sacrum.midline"]


def test_mypy_checks_the_whole_package_and_core_strictly() -> None:
    pyproject = SRC.parent.parent / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["packages"] == ["knotwork"]
    assert "mypy_django_plugin.main" in config["plugins"]
    strict = [o for o in config["overrides"] if o["module"] == "knotwork.core.*"]
    assert strict
    assert strict[0]["strict"] is True


def test_every_module_says_what_it_is_for() -> None:
    """A newcomer can name each module's purpose from its name and first line."""
    import ast

    missing = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        first = (doc or "").strip().split("\n")[0]
        if len(first) < 20:
            missing.append(str(path.relative_to(SRC)))
    assert missing == []


def test_no_face_names_a_red_flag_by_its_id() -> None:
    """Which questions a face asks, and how, is knowledge-base content, not code."""
    from knotwork.core.kb import default_kb

    ids = set(default_kb().flags)
    faces = [p for p in SRC.rglob("*.py") if "core" not in p.parts]
    found = [
        f"{path.relative_to(SRC)}: {fid}"
        for path in faces
        for fid in ids
        if re.search(rf"""["']{fid}["']""", path.read_text(encoding="utf-8"))
    ]
    assert found == []
