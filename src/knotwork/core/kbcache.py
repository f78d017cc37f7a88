"""A compiled copy of the knowledge base on disk, so a command starts in a fraction of the time.

Loading means reading 80-odd YAML files, validating them, then building the phrase reader and
the finder's index: most of a second. The result is kept in the user's cache folder
(``$XDG_CACHE_HOME/knotwork``, or ``KNOTWORK_CACHE_DIR``), named by a hash of everything it
was built from: the knowledge-base files, the code of ``knotwork.core`` and the Python
version. Any change to any of them gives a new name, so a stale copy is never used; a copy
that cannot be read is rebuilt. ``KNOTWORK_CACHE_DIR=off`` turns the cache off.

The copy is a pickle, read only from the user's own cache folder: whoever can write there can
already run programs as that user.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import BinaryIO

from knotwork.core.finder import finder_index
from knotwork.core.kb import DATA_DIR, KnowledgeBase, load_kb
from knotwork.core.resolve import resolver_for

CODE_DIR = Path(__file__).parent
KEEP = 4
"""Copies kept per cache folder (one per knowledge base and version in use)."""


def cache_dir() -> Path | None:
    """Where compiled copies live, or None when the cache is turned off."""
    configured = os.environ.get("KNOTWORK_CACHE_DIR")
    if configured:
        return None if configured.lower() in {"off", "0", "no", "false"} else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "knotwork"


def fingerprint(root: Path) -> str:
    """A hash of the knowledge base in ``root``, the core's code and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for folder in (root, CODE_DIR):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".yaml", ".yml", ".py", ".json"}:
                digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape"))
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def _unpickled(f: BinaryIO) -> object:
    """Read a pickle with the cycle collector paused: the copy is some 80,000 objects,
    none of them garbage, and the collector would walk them over and over while they
    are made (a read took 30-150 ms with it and about 20 ms without)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if was_on:
            gc.enable()


def load_compiled(root: Path | str | None = None) -> KnowledgeBase:
    """The knowledge base in ``root`` (the shipped one by default), its phrase reader and
    finder index built: from the cache when a copy of exactly this build is there."""
    folder = Path(root) if root is not None else DATA_DIR
    where = cache_dir()
    if where is None:
        return _build(folder)
    path = where / f"kb-{fingerprint(folder)}.pickle"
    # a copy that cannot be read for any reason (cut short, from another version of a
    # library) is only a cache: it is rebuilt, never an error
    with contextlib.suppress(Exception), path.open("rb") as f:
        kb = _unpickled(f)  # our own cache folder: see the module docstring
        if isinstance(kb, KnowledgeBase):
            return kb
    kb = _build(folder)  # raises KBError for a broken knowledge base: nothing is written
    with contextlib.suppress(OSError):
        _store(where, path, kb)
    return kb


def _build(folder: Path) -> KnowledgeBase:
    kb = load_kb(folder)
    resolver_for(kb)
    finder_index(kb)
    return kb


def _store(where: Path, path: Path, kb: KnowledgeBase) -> None:
    where.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    with partial.open("wb") as f:
        pickle.dump(kb, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)  # readers see the whole copy or none
    copies = sorted(where.glob("kb-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()


__all__ = ["cache_dir", "fingerprint", "load_compiled"]
