"""The command-line face, driven in-process with Click's runner (plus one real process)."""

from __future__ import annotations

import json
import os
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
    assert [r["regions"] for r in data["understood"]] == [
        ["back.sacroiliac.right"],
        ["back.buttock.upper.right"],
    ]
    assert data["triage"]["checked"] is False
    assert data["triage"]["ask"]


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
    assert len(data["understood"]) == 5
    assert data["not_understood"] == []


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
    result = run("find", "-p", "right back dimple", "-p", "top of right buttock", "--no-red-flags")
    out = result.output
    assert "NO RED FLAGS" in out
    assert "We read 'right back dimple' as: back dimple (right side)" in out
    assert "Trigger points to explore" in out
    assert "main (essential) referral zone" in out
    assert "not a diagnosis" in out


def test_unresolved_phrase_is_reported_not_dropped(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "right back dimple", "--pain", "my left pinky toe", "--json")
    data = json.loads(result.output)
    assert data["not_understood"][0]["phrase"] == "my left pinky toe"
    rich = run("find", "--pain", "right back dimple", "--pain", "my left pinky toe")
    assert "Could not understand 'my left pinky toe'" in rich.output


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
    answers = ["no", "45", "n", "right back dimple, top of right buttock", "aching", "sitting"]
    result = run("ask", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "NO RED FLAGS" in result.output
    assert "Trigger points to explore" in result.output


def test_ask_an_empty_answer_is_not_a_no(run) -> None:  # type: ignore[no-untyped-def]
    answers = ["", "", "", "45", "n", "right back dimple", "", ""]
    result = run("ask", input="\n".join(answers) + "\n")
    assert "an empty line is not a no" in result.output
    assert "QUESTIONS OPEN" in result.output
    assert "NO RED FLAGS" not in result.output


def test_ask_acts_on_a_yes_by_asking_which(run) -> None:  # type: ignore[no-untyped-def]
    answers = ["yes", "2", "45", "n", "right back dimple", "", ""]
    result = run("ask", input="\n".join(answers) + "\n")
    assert "Which of them?" in result.output
    assert "URGENT" in result.output  # question 2 of the tiny knowledge base: cancer


def test_ask_emergency_answer_stops_the_questions(run) -> None:  # type: ignore[no-untyped-def]
    result = run("ask", input="1\n")
    assert "EMERGENCY" in result.output
    assert "Where does it hurt?" not in result.output.split("EMERGENCY", 1)[1]
    assert result.exit_code == 0


def test_ask_asks_again_what_it_did_not_understand(run) -> None:  # type: ignore[no-untyped-def]
    answers = ["no", "", "n", "my wobbly bit", "right back dimple", "", ""]
    result = run("ask", input="\n".join(answers) + "\n")
    assert "Could not understand 'my wobbly bit'" in result.output
    assert "Say the part we did not understand another way" in result.output
    assert "Trigger points to explore" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("--pain", "I can't feel it when I wipe"),
        ("--flag", "I can't feel it when I wipe"),
        ("--flag", "peeing is weird since yesterday"),
        ("--pain", "numb between my legs, can't pee"),
        ("--pain", "chest pain going into my left arm and jaw, sweaty"),
        ("--flag", "trouble peeing"),
    ],
)
def test_lay_warning_signs_are_emergencies(run, args: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = run("find", *args, "--json", kb_dir=None)
    assert json.loads(result.output)["triage"]["level"] == "emergency"


def test_no_answers_is_never_no_red_flags(run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "find", "--pain", "front.chest.left, front.upper_arm.left, front.face.jaw.left", kb_dir=None
    )
    assert "NO RED FLAGS" not in result.output
    assert "QUESTIONS OPEN" in result.output
    data = json.loads(run("find", "--pain", "front.chest.left", "--json", kb_dir=None).output)
    assert data["triage"]["checked"] is False
    assert data["triage"]["ask"][0] in {"chest_pain_breathless", "chest_pain_spreading"}


def test_too_much_input_is_refused_with_the_option_named(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", " " * 100_000)
    assert result.exit_code == 2
    assert "--pain" in result.output
    commas = run("find", "--worse", ",".join(["word"] * 15_000), "--pain", "low back")
    assert commas.exit_code == 2
    assert "--worse" in commas.output


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


@pytest.mark.parametrize("pain", ["", "   "])
def test_find_with_an_empty_place_is_a_usage_error(run, pain: str) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", pain)
    assert result.exit_code == 2
    assert "--pain was empty" in result.output
    assert "NO RED FLAGS" not in result.output


def test_bytes_that_are_not_utf8_in_the_arguments_give_valid_json() -> None:
    """A shell passes bytes; Python keeps undecodable ones as lone surrogates, which would
    make the JSON answer invalid UTF-8. A real process, so argv is really bytes."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from knotwork.cli import main; main()",
            "find",
            "--pain",
            b"low back \xff".decode("utf-8", "surrogateescape"),
            "--json",
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))  # strict: invalid UTF-8 would raise
    assert data["understood"][0]["phrase"] == "low back \ufffd"


def test_an_intensity_over_ten_is_shown_not_dropped(run) -> None:  # type: ignore[no-untyped-def]
    result = run("find", "--pain", "low back:11")
    assert "intensity 11 not used" in result.output


def test_version_starts_without_loading_the_core() -> None:
    """Each command group is imported when it runs: `--version` needs none of them."""
    code = (
        "import sys\n"
        "from knotwork.cli import main\n"
        "try:\n"
        "    main(['--version'], prog_name='knotwork')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('knotwork.core'))\n"
        "print('LOADED', loaded)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "knotwork, version" in out
    assert "LOADED []" in out


def test_json_from_a_compiled_copy_imports_no_rich_yaml_or_fuzzy_matcher(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Start-up is mostly imports: a `find --json` whose phrases need no typo fixing, read
    from a compiled copy, imports neither Rich (human output only), PyYAML (building the
    copy only) nor rapidfuzz (typing slips only)."""
    code = (
        "import sys\n"
        "from knotwork.cli import main\n"
        "try:\n"
        "    main(['find', '--pain', 'low back', '--no-red-flags', '--json'],\n"
        "         prog_name='knotwork')\n"
        "except SystemExit:\n"
        "    pass\n"
        "tops = {m.split('.')[0] for m in sys.modules}\n"
        "print('LOADED', sorted(tops & {'rich', 'yaml', 'rapidfuzz'}))\n"
    )
    env = {**os.environ, "KNOTWORK_CACHE_DIR": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert first.returncode == 0, first.stderr
    assert "LOADED ['yaml']" in first.stdout  # the first run builds the copy from YAML
    second = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert second.returncode == 0, second.stderr
    assert '"candidates"' in second.stdout
    assert "LOADED []" in second.stdout


def test_show_says_the_precautions_and_a_sensitive_area() -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["show", "longissimus_thoracis/thoracolumbar"]).output
    assert "With osteoporosis or long-term steroids:" in out
    assert "With blood thinners or a bleeding disorder:" in out
    pelvic = runner.invoke(main, ["show", "levator_ani/main"]).output
    assert "A sensitive area:" in pelvic
