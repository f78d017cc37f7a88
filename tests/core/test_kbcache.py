"""The compiled knowledge base on disk: used only when built from exactly these files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knotwork.core.finder import find, interpret
from knotwork.core.kb import KBError
from knotwork.core.kbcache import fingerprint, load_compiled


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("KNOTWORK_CACHE_DIR", str(where))
    return where


@pytest.fixture
def kb_dir(tiny_kb_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "kb"
    shutil.copytree(tiny_kb_dir, copy)
    return copy


def _answer(kb_dir: Path) -> list[str]:
    kb = load_compiled(kb_dir)
    words = interpret(kb, ["right back dimple"], none_apply=True)
    return [c.record.ref for c in find(kb, words.report).candidates]


def test_a_second_start_reads_the_compiled_copy_and_answers_the_same(
    cache: Path, kb_dir: Path
) -> None:
    first = _answer(kb_dir)
    copies = list(cache.glob("kb-*.pickle"))
    assert len(copies) == 1
    assert copies[0].name == f"kb-{fingerprint(kb_dir)}.pickle"
    assert _answer(kb_dir) == first


def test_an_edited_knowledge_base_is_never_served_from_an_old_copy(
    cache: Path, kb_dir: Path
) -> None:
    before = fingerprint(kb_dir)
    load_compiled(kb_dir)
    some_file = next(kb_dir.rglob("*.yaml"))
    some_file.write_text(some_file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(kb_dir) != before
    load_compiled(kb_dir)
    assert len(list(cache.glob("kb-*.pickle"))) == 2


def test_a_damaged_copy_is_rebuilt(cache: Path, kb_dir: Path) -> None:
    first = _answer(kb_dir)
    copy = next(cache.glob("kb-*.pickle"))
    copy.write_bytes(b"not a pickle")
    assert _answer(kb_dir) == first
    assert copy.read_bytes() != b"not a pickle"


def test_a_broken_knowledge_base_says_so_and_writes_nothing(cache: Path, kb_dir: Path) -> None:
    some_file = next(kb_dir.rglob("*.yaml"))
    some_file.write_text("muscle: [unclosed\n", encoding="utf-8")
    with pytest.raises(KBError):
        load_compiled(kb_dir)
    assert not list(cache.glob("kb-*.pickle"))


def test_the_cache_can_be_turned_off(
    kb_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KNOTWORK_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_compiled(kb_dir)
    assert not (tmp_path / "xdg").exists()


@pytest.mark.parametrize("collector_on", [True, False])
def test_reading_the_copy_leaves_the_cycle_collector_as_it_was(
    cache: Path, kb_dir: Path, collector_on: bool
) -> None:
    """The collector is paused while the copy is read (it is all live objects); it must
    come back on afterwards, and stay off for a caller that had turned it off."""
    import gc

    load_compiled(kb_dir)  # builds and writes the copy
    was = gc.isenabled()
    try:
        (gc.enable if collector_on else gc.disable)()
        assert _answer(kb_dir)  # read from the copy
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was else gc.disable)()
