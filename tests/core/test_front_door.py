"""The product as a library: ``import knotwork`` and ``knotwork.core``'s public names."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

import knotwork
import knotwork.core


def test_the_version_is_the_installed_one() -> None:
    assert knotwork.__version__ == version("knotwork")


def test_the_docstring_example_runs() -> None:
    from knotwork.core import default_kb, find, interpret

    kb = default_kb()
    words = interpret(kb, pain=["right back dimple", "top of my right buttock"], none_apply=True)
    answer = find(kb, words.report)
    assert answer.triage.checked
    assert answer.candidates


def test_every_public_name_is_there_and_unknown_ones_are_not() -> None:
    from knotwork.core import _EXPORTS

    assert sorted(knotwork.core.__all__) == sorted(_EXPORTS)
    for name in knotwork.core.__all__:
        assert getattr(knotwork.core, name) is not None
    assert set(knotwork.core.__all__) <= set(dir(knotwork.core))
    with pytest.raises(AttributeError):
        _ = knotwork.core.no_such_name  # type: ignore[attr-defined]


def test_importing_the_front_door_loads_no_face_and_no_django() -> None:
    code = (
        "import sys, knotwork, knotwork.core; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('django', 'click', 'rich') or m.startswith(('knotwork.web', 'knotwork.cli'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
