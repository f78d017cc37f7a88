from __future__ import annotations

from pathlib import Path

import pytest

from knotwork.core.kb import KnowledgeBase, default_kb, load_kb
from tests.fixture_kb import write_kb


@pytest.fixture(scope="session")
def tiny_kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_kb(tmp_path_factory.mktemp("tiny_kb"))


@pytest.fixture(scope="session")
def tiny_kb(tiny_kb_dir: Path) -> KnowledgeBase:
    return load_kb(tiny_kb_dir)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return default_kb()
