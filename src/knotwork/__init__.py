"""Knotwork: find the muscle knots (myofascial trigger points) behind everyday pain, and
how to treat them yourself, after a safety check that sends red flags to medical care.

The product as a library: ``knotwork.core`` holds the knowledge base, the reader of
people's words, the triage and the finder (see its docstring for an example);
``knotwork.cli`` and ``knotwork.web`` are the faces.
"""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use (importing the
    package metadata machinery costs a tenth of a second every command would pay)."""
    if name != "__version__":
        raise AttributeError(f"module 'knotwork' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("knotwork")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
