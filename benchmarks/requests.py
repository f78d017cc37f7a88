"""Time of one request inside one process (Django's test client, no network, no server):
the finder API, the full results page, the empty finder page and /healthz. Compare two
versions of the code by running it from each checkout. Prints a Markdown table.

    .venv/bin/python benchmarks/requests.py
"""

from __future__ import annotations

import json
import os
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
os.environ.setdefault("KNOTWORK_SECRET_KEY", "benchmark-only")
os.environ.setdefault("KNOTWORK_DATA_DIR", tempfile.mkdtemp(prefix="knotwork-bench-"))
os.environ.setdefault("KNOTWORK_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.test import Client  # noqa: E402

BODY = json.dumps(
    {
        "pain": ["right back dimple", "top of right buttock"],
        "worse": ["leaning over the sink"],
        "age": 45,
    }
)
PAGE = "/?r=back.sacroiliac.right&r=back.buttock.upper.right"


def _ms(call: object, runs: int) -> float:
    for _ in range(5):
        call()  # type: ignore[operator]
    start = time.perf_counter()
    for _ in range(runs):
        call()  # type: ignore[operator]
    return (time.perf_counter() - start) / runs * 1000


def main() -> None:
    c = Client()
    rows = [
        (
            "POST /api/v1/find",
            lambda: c.post("/api/v1/find", BODY, content_type="application/json"),
            200,
        ),
        ("GET results page", lambda: c.get(PAGE), 200),
        ("GET empty finder page", lambda: c.get("/"), 200),
        ("GET /healthz", lambda: c.get("/healthz"), 1000),
    ]
    print("| request | runs | ms per request |")
    print("|---|---:|---:|")
    for name, call, runs in rows:
        print(f"| {name} | {runs} | {_ms(call, runs):.2f} |")


if __name__ == "__main__":
    main()
