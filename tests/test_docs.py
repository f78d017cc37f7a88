"""Docs kept honest: every CLI command and option appears in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import click

from knotwork.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "knotwork") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        path = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            out += _commands(cmd, path)
        else:
            out.append((path, cmd))
    return out


def test_every_command_and_option_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, cmd in _commands(main):
        if f"`{path}" not in doc:
            missing.append(path)
        for param in cmd.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and f"`{opt}" not in doc:
                        missing.append(f"{path} {opt}")
    for param in main.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--version", "--help") and f"`{opt}" not in doc:
                missing.append(f"knotwork {opt}")
    assert missing == []


def test_readme_has_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme
    assert "make test" in readme


def test_kb_statistics_in_the_docs_are_current() -> None:
    """docs/kb.md quotes `knotwork kb stats`; re-run it when content changes."""
    import re

    from knotwork.core.kb import default_kb
    from knotwork.core.kbtools import stats

    data = stats(default_kb())
    doc = (ROOT / "docs" / "kb.md").read_text(encoding="utf-8")
    found = re.search(r"- (\d+) muscles, (\d+) trigger points, (\d+) regions", doc)
    assert found, "docs/kb.md has no statistics line"
    assert tuple(int(n) for n in found.groups()) == (
        data["muscles"],
        data["trigger_points"],
        data["regions"],
    ), "docs/kb.md is stale: paste the new `knotwork kb stats`"
    flags = re.search(r"(\d+) red-flag questions, (\d+) sources", doc)
    assert flags, "docs/kb.md does not count red flags and sources"
    assert (int(flags.group(1)), int(flags.group(2))) == (data["red_flags"], data["sources"])
    # the by-area table, row by row
    rows = {
        m.group(1): (int(m.group(2)), int(m.group(3)))
        for m in re.finditer(r"^\| ([a-z_]+) \| (\d+) \| (\d+) \|$", doc, re.MULTILINE)
    }
    expected = {
        area: (counts["muscles"], counts["trigger_points"])
        for area, counts in data["by_area"].items()
    }
    assert rows == expected, "docs/kb.md's by-area table is stale: paste `knotwork kb stats`"


def test_every_api_route_is_documented() -> None:
    """The routes come from the API itself, so a new one cannot go undocumented."""
    from knotwork.web.api.views import api

    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    paths = list(api.get_openapi_schema()["paths"])
    assert "/api/v1/find" in paths
    missing = [p for p in paths if f" {p}`" not in doc]
    assert missing == []
    assert "openapi.json" in doc


def test_every_setting_is_documented() -> None:
    """Every KNOTWORK_ variable the code reads is in the settings table of docs/deploy.md."""
    import re

    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    src = ROOT / "src" / "knotwork"
    names = {
        name
        for path in src.rglob("*.py")
        for name in re.findall(r"KNOTWORK_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8"))
    }
    assert "KNOTWORK_SECRET_KEY" in names
    assert sorted(n for n in names if f"`{n}`" not in doc) == []


def test_the_help_pasted_into_docs_is_the_programs_own() -> None:
    """docs/cli.md carries every command's real --help (cog); `make docs` refreshes it."""
    import sys

    from cogapp import Cog

    sys.path.insert(0, str(ROOT))
    try:
        status = Cog().main(["cog", "--check", str(ROOT / "docs" / "cli.md")])
    finally:
        sys.path.remove(str(ROOT))
    assert status == 0, "docs/cli.md is stale: run `make docs`"
