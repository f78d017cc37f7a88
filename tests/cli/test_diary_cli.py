"""`knotwork diary` as a person uses it: real processes on one data folder."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

QL = "quadratus_lumborum/deep_upper"


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("knotwork", path=str(Path(sys.executable).parent))
    assert exe
    env = {**os.environ, "KNOTWORK_DATA_DIR": str(data), "COLUMNS": "120"}
    env.pop("KNOTWORK_DATABASE_URL", None)  # the local default: SQLite in the data folder
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [exe, "diary", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_log_session_show_helps_export_import(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _cli(data, "log", "--pain", "6", "--average", "5").returncode == 0
    done = _cli(
        data,
        "session",
        "--spot",
        QL,
        "--side",
        "right",
        "--minutes",
        "20",
        "--before",
        "7",
        "--after",
        "5",
        "--reason",
        "flare",
    )
    assert done.returncode == 0, done.stderr
    # the web app's database, as its local person
    db = sqlite3.connect(data / "knotwork.sqlite3")
    owner = db.execute("SELECT username FROM auth_user").fetchall()
    assert owner == [("local-person",)]
    assert db.execute("SELECT pain_average, pain_now FROM diary_dailyrating").fetchall() == [(5, 6)]
    assert db.execute("SELECT trigger_point, side FROM diary_sessionspot").fetchall() == [
        (QL, "right")
    ]
    db.close()
    shown = _cli(data, "show")
    assert QL in shown.stdout
    helps = json.loads(_cli(data, "helps", "--json").stdout)
    assert helps[0]["spot"] == QL
    assert helps[0]["tier"] == "not_enough_data"
    exported = _cli(data, "export", "--format", "json")
    doc = json.loads(exported.stdout)
    assert doc["daily_ratings"][0]["pain_average"] == 5
    fhir = json.loads(_cli(data, "export", "--format", "fhir").stdout)
    assert fhir["resourceType"] == "Bundle"
    assert _cli(data, "export", "--format", "csv", "-o", str(tmp_path / "csv")).returncode == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "daily_ratings.csv",
        "instrument_responses.csv",
        "pain_maps.csv",
        "session_spots.csv",
        "sessions.csv",
    ]
    # into a second, empty diary
    (tmp_path / "x.json").write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other"
    assert "Imported 1 rating, 1 session" in _cli(other, "import", str(tmp_path / "x.json")).stdout
    twice = _cli(other, "import", str(tmp_path / "x.json")).stdout
    assert "0 sessions" in twice
    assert "1 entry already in the diary not added again." in twice


def test_mistakes_get_a_clear_line_and_no_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bad = [
        (("log", "--pain", "11"), "11 is not in the range"),
        (("log", "--pain", "3", "--date", "2999-01-01"), "cannot be in the future"),
        (("log", "--pain", "3", "--date", "yesterday"), "give a date as YYYY-MM-DD"),
        (("session", "--spot", "nope/x", "--minutes", "2"), "not a trigger point id"),
        (("session", "--spot", QL, "--minutes", "90"), "0.5<=x<=30"),
    ]
    for args, words in bad:
        got = _cli(data, *args)
        assert got.returncode != 0, args
        assert words in got.stderr, (args, got.stderr)
        assert "Traceback" not in got.stderr
    (tmp_path / "bad.json").write_text(
        '{"format": "knotwork-diary", "version": 1, '
        '"daily_ratings": [{"day": "x", "pain_average": 3}]}'
    )
    got = _cli(data, "import", str(tmp_path / "bad.json"))
    assert "daily_ratings[1]: day must be a date" in got.stderr
    assert "nothing was imported" in got.stderr
    (tmp_path / "junk.json").write_text("not json")
    assert "not a JSON file" in _cli(data, "import", str(tmp_path / "junk.json")).stderr
