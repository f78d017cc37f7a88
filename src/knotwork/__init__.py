"""Knotwork: find the muscle knots (myofascial trigger points) behind everyday pain, and
how to treat them yourself, after a safety check that sends red flags to medical care.

The product as a library: ``knotwork.core`` holds the knowledge base, the reader of
people's words, the triage and the finder (see its docstring for an example);
``knotwork.cli`` and ``knotwork.web`` are the faces.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("knotwork")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
