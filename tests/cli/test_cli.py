"""The command-line face, driven in-process with Click's runner (plus one real process)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from knotwork.cli import main
from tests.fixture_kb import fixture_files, write_kb


@pytest.fixture
def run(tiny_kb_dir: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def _run(*args: str, kb_dir: Path | None = tiny_kb_dir, input: str | None = None):  # type: ignore[no-untyped-def]
        prefix = ["--kb-dir", str(kb_dir)] if kb_dir else []
        return runner.invoke(main, [*prefix, *args], input=input, catch_exceptions=False)

    return _run


def test_find_json(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "right back dimple", "--pain", "top of right buttock", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["triage"]["level"] == "none"
    assert data["candidates"][0]["trigger_point"]["id"] == "alpha/upper"
    assert data["candidates"][0]["side"] == "right"
    assert [r["ids"] for r in data["resolved"]] == [
        ["back.sacroiliac.right"],
        ["back.buttock.upper.right"],
    ]


def test_find_accepts_comma_lists_and_all_options(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "find",
        "--pain",
        "right back dimple, right outer hip",
        "--quality",
        "aching",
        "--worse",
        "turning over in bed,leaning over the sink",
        "--age",
        "40",
        "--json",
    )
    data = json.loads(result.output)
    assert len(data["resolved"]) == 5
    assert data["unresolved"] == []


def test_emergency_flag_in_json(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "right back dimple", "--flag", "numb saddle area", "--json")
    data = json.loads(result.output)
    assert data["triage"]["level"] == "emergency"
    assert data["candidates"] == []
    assert data["withheld"] is True


def test_emergency_in_rich_output_leads_and_shows_no_treatment(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "right back dimple", "--flag", "numb saddle area")
    assert result.exit_code == 0
    assert "EMERGENCY" in result.output
    assert "No self-treatment suggestions" in result.output
    assert "Trigger points to explore" not in result.output


def test_rich_output_explains(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "-p", "right back dimple", "-p", "top of right buttock")
    out = result.output
    assert "NO RED FLAGS" in out
    assert "Trigger points to explore" in out
    assert "main (essential) referral zone" in out
    assert "not a diagnosis" in out


def test_unresolved_phrase_is_reported_not_dropped(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "right back dimple", "--pain", "my left pinky toe", "--json")
    data = json.loads(result.output)
    assert data["unresolved"][0]["phrase"] == "my left pinky toe"
    rich = run("find", "--pain", "right back dimple", "--pain", "my left pinky toe")
    assert "Could not understand region 'my left pinky toe'" in rich.output


def test_nothing_understood_exits_non_zero(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "qwerty")
    assert result.exit_code == 1


def test_find_needs_pain(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find")
    assert result.exit_code == 2
    assert "--pain" in result.output


def test_bad_age_says_what_is_accepted(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "dimple", "--age", "200")
    assert result.exit_code == 2
    assert "0<=x<=120" in result.output


def test_show_spot_muscle_and_trigger_point(run) -> None:  # type: ignore[no-untyped-def]
    spot = run("show", "12")
    assert "Perfect Spot No. 12" in spot.output
    muscle = run("show", "Alpha", "--json")
    assert json.loads(muscle.output)["id"] == "alpha"
    tp = run("show", "alpha/upper")
    assert "How to find it" in tp.output
    assert "Stop if" in tp.output
    missing = run("show", "nonsense")
    assert missing.exit_code == 1


def test_spots_and_regions(run) -> None:  # type: ignore[no-untyped-def]
    assert "Top of the buttock" in run("spots").output
    regions = json.loads(run("regions", "--json").output)
    assert {"id", "label", "view", "side", "choir", "parent"} <= set(regions[0])
    back = json.loads(run("regions", "--view", "front", "--json").output)
    assert {r["view"] for r in back} == {"front"}


def test_kb_check_ok(run) -> None:  # type: ignore[no-untyped-def]
    result = run("kb", "check")
    assert result.exit_code == 0
    assert "Knowledge base OK" in result.output


def test_kb_check_names_file_entry_and_field_without_traceback(tmp_path: Path) -> None:
    files = fixture_files()
    files["muscles/alpha.yaml"]["muscle"]["trigger_points"][0]["referral"]["essential"][0] = (
        "back.x"
    )
    broken = write_kb(tmp_path, files)
    result = CliRunner().invoke(main, ["--kb-dir", str(broken), "kb", "check"])
    assert result.exit_code == 2
    assert (
        "muscles/alpha.yaml: muscle alpha > trigger point upper > referral.essential[0]: "
        "unknown region 'back.x'"
    ) in result.output
    assert "Traceback" not in result.output


def test_ask_walks_through_questions(run) -> None:  # type: ignore[no-untyped-def]
    answers = (
        "\n".join(["", "45", "n", "right back dimple, top of right buttock", "aching", "sitting"])
        + "\n"
    )
    result = run("ask", input=answers)
    assert result.exit_code == 0, result.output
    assert "Trigger points to explore" in result.output


def test_ask_emergency_answer(run) -> None:  # type: ignore[no-untyped-def]
    result = run("ask", input="1\n\nn\nright back dimple\n\n\n")
    assert "EMERGENCY" in result.output


def test_console_script_runs_as_a_real_process(tiny_kb_dir: Path) -> None:
    exe = shutil.which("knotwork", path=str(Path(sys.executable).parent))
    assert exe, "the knotwork console script is not installed"
    proc = subprocess.run(
        [exe, "--kb-dir", str(tiny_kb_dir), "find", "--pain", "right back dimple", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["candidates"]
