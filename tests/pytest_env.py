"""Loaded with ``-p tests.pytest_env`` before Django is configured (see pyproject.toml).

The web app keeps its database and secret key in KNOTWORK_DATA_DIR: point it at a fresh
temporary folder so tests never touch a developer's own data.
"""

import os
import tempfile

os.environ.setdefault("KNOTWORK_DATA_DIR", tempfile.mkdtemp(prefix="knotwork-test-data-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests
# compiled knowledge bases (core/kbcache.py) go to a fresh folder too, never ~/.cache
os.environ.setdefault("KNOTWORK_CACHE_DIR", tempfile.mkdtemp(prefix="knotwork-test-cache-"))

# KNOTWORK_TEST_DB=postgres: the same suite on a private PostgreSQL server, started here
# in the first process (pytest-xdist's workers inherit its address) and stopped at exit
if os.environ.get("KNOTWORK_TEST_DB") == "postgres" and not os.environ.get("KNOTWORK_DATABASE_URL"):
    from tests.pgcluster import start

    os.environ["KNOTWORK_DATABASE_URL"] = start()
