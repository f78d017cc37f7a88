"""Questionnaires as data: loading, scoring, the change that matters, and the licence gate."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from knotwork.core import instruments as ins
from knotwork.core.instruments import ScoreError, change_text, load_instruments, score
from knotwork.core.kbproblems import KBError

ROOT = Path(__file__).resolve().parents[2]
SHINGLES = ROOT / "tests" / "licence" / "score_only_shingles.sha256"


@pytest.fixture(scope="module")
def shipped() -> dict[str, ins.Instrument]:
    return dict(load_instruments())


def test_the_shipped_set(shipped: dict[str, ins.Instrument]) -> None:
    assert {"nrs-pain-now", "nrs-pain-avg-24h", "nrs-pain-avg-week", "psfs"} <= set(shipped)
    assert {"global-change-7", "session-relief", "odi", "rmdq"} <= set(shipped)
    # our own items say so; the score-only ones hold no item text at all
    for own in ("global-change-7", "session-relief"):
        assert not shipped[own].validated
    for only in ("odi", "rmdq"):
        assert shipped[only].licence.status is ins.LicenceStatus.score_only
        assert shipped[only].score_entry
        assert not any(i.text for i in shipped[only].items)
    # no pack is shipped
    assert not [i for i in shipped.values() if i.licence.status is ins.LicenceStatus.pack]


def test_nrs_and_psfs_scores(shipped: dict[str, ins.Instrument]) -> None:
    assert score(shipped["nrs-pain-avg-24h"], {"pain": 6}).total == 6
    psfs = score(shipped["psfs"], {"activity-1": 3, "activity-2": 6, "activity-3": None})
    assert (psfs.total, psfs.answered) == (4.5, 2)
    with pytest.raises(ScoreError, match="0 to 10"):
        score(shipped["nrs-pain-now"], {"pain": 11})
    with pytest.raises(ScoreError, match="no question"):
        score(shipped["nrs-pain-now"], {"worst": 3})
    with pytest.raises(ScoreError, match="at least 1"):
        score(shipped["psfs"], {"activity-1": None})


def test_odi_from_section_values_and_its_missing_rule(shipped: dict[str, ins.Instrument]) -> None:
    odi = shipped["odi"]
    nine = {str(n): 2 for n in range(1, 10)}  # nine sections answered, all 2 of 5
    assert score(odi, nine).total == 40.0  # 18 / 45 x 100
    assert score(odi, nine).band == "moderate disability"
    seven = {str(n): 5 for n in range(1, 8)}
    with pytest.raises(ScoreError, match="at least 8"):
        score(odi, seven)
    with pytest.raises(ScoreError, match="0 to 5"):
        score(odi, {**nine, "10": 6})
    with pytest.raises(ScoreError, match="numbered 1 to 10"):
        score(odi, {**nine, "11": 1})
    assert score(odi, total=34).total == 34
    with pytest.raises(ScoreError, match="between 0 and 100"):
        score(odi, total=101)


def test_rmdq_counts_what_applies(shipped: dict[str, ins.Instrument]) -> None:
    answers = {str(n): int(n <= 7) for n in range(1, 25)}
    assert score(shipped["rmdq"], answers).total == 7
    assert score(shipped["rmdq"], total=7).total == 7


def test_start_back_cut_points_from_a_pack(tmp_path: Path) -> None:
    # a pack instrument made for the test (placeholder text, not Keele's)
    pack = tmp_path / "pack"
    pack.mkdir()
    items = "\n".join(
        f"    - {{id: q{n}, text: placeholder {n}, min: 0, max: {4 if n == 9 else 1}}}"
        for n in range(1, 10)
    )
    (pack / "start-back.yaml").write_text(
        f"""instrument:
  id: start-back
  name: STarT Back (test pack)
  version: "1"
  recall: the last 2 weeks
  intended_user: clinician
  validated: true
  about: A test stand-in.
  items:
{items}
  scoring: {{method: start_back, missing_rule: all nine, min_answered: 9, score_max: 9}}
  licence:
    status: pack
    holder: Keele University
    terms: test
    copyright_notice: test
  fhir: {{questionnaire_url: "https://knotwork.invalid/fhir/Questionnaire/start-back"}}
""",
        encoding="utf-8",
    )
    got = load_instruments(pack=str(pack))
    sb = got["start-back"]

    def group(yes: set[int], q9: int) -> str | None:
        answers = {f"q{n}": int(n in yes) for n in range(1, 9)} | {"q9": q9}
        return score(sb, answers).band

    assert group({1, 2, 3}, 0) == "low"  # total 3
    assert group({1, 2, 3, 5}, 2) == "medium"  # total 4, subscale 1; "moderately" is not positive
    assert group({1, 5, 6, 7}, 0) == "medium"  # total 4, subscale 3
    assert group({5, 6, 7}, 3) == "high"  # subscale 4 with "very much"
    assert "start-back" not in load_instruments(pack="")


def test_a_pack_file_in_the_repository_is_refused(tmp_path: Path) -> None:
    src = (ins.DATA_DIR / "psfs.yaml").read_text(encoding="utf-8")
    (tmp_path / "psfs.yaml").write_text(src.replace("status: bundled", "status: pack"))
    with pytest.raises(KBError, match="cannot live in the repository"):
        load_instruments(root=str(tmp_path), pack="")


def test_a_score_only_file_with_item_text_is_refused(tmp_path: Path) -> None:
    src = (ins.DATA_DIR / "nrs-pain-now.yaml").read_text(encoding="utf-8")
    (tmp_path / "nrs-pain-now.yaml").write_text(
        src.replace("status: bundled", "status: score_only")
    )
    with pytest.raises(KBError, match="carries no item text"):
        load_instruments(root=str(tmp_path), pack="")


def test_change_is_shown_against_the_change_that_matters(
    shipped: dict[str, ins.Instrument],
) -> None:
    nrs = shipped["nrs-pain-avg-24h"]
    assert "down 2.5 points; 2 points or 30% is the change that matters" in change_text(nrs, 6, 3.5)
    assert "a change that matters, for the better" in change_text(nrs, 6, 3.5)
    assert "smaller than the change that matters" in change_text(nrs, 6, 5)
    # 30% of a low score counts: 3 to 2 is a third
    assert "matters, for the better" in change_text(nrs, 3, 2)
    assert "for the worse" in change_text(nrs, 3, 6)
    psfs = shipped["psfs"]  # higher is better
    assert "for the better" in change_text(psfs, 3, 5)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _wanted() -> set[str]:
    return {
        line.strip()
        for line in SHINGLES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def _holding(paths: list[Path], wanted: set[str]) -> list[Path]:
    """The files with a six-word run whose hash is in ``wanted``."""
    found = []
    for path in paths:
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        try:
            words = _words(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        for i in range(len(words) - 5):
            if hashlib.sha256(" ".join(words[i : i + 6]).encode()).hexdigest() in wanted:
                found.append(path)
                break
    return found


def test_no_score_only_item_text_anywhere_in_the_repository() -> None:
    wanted = _wanted()
    assert len(wanted) > 100
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    found = _holding([ROOT / name for name in listed if name], wanted)
    assert found == [], f"score-only questionnaire text in: {found}"


def test_the_gate_finds_a_listed_run_however_it_is_written(tmp_path: Path) -> None:
    planted = "one two three four five six"
    wanted = _wanted() | {hashlib.sha256(planted.encode()).hexdigest()}
    note = tmp_path / "note.md"
    note.write_text("Copied: One, TWO three\nfour five -- six!", encoding="utf-8")
    clean = tmp_path / "clean.md"
    clean.write_text("one two three four five seven", encoding="utf-8")
    assert _holding([note, clean], wanted) == [note]
