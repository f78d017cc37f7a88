"""Page weight: HTML plus every stylesheet and script it loads, uncompressed.

Run: .venv/bin/python benchmarks/page_weight.py   (figures go in docs/benchmarks.md)
Inline SVG is part of the HTML. Aim: under 200 KB per page.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
os.environ.setdefault("KNOTWORK_DATA_DIR", tempfile.mkdtemp(prefix="knotwork-weigh-"))
os.environ.setdefault("KNOTWORK_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = {
    "finder": "/",
    "results (no JS, full page)": "/?r=back.sacroiliac.right&r=back.buttock.upper.right",
    "results update (htmx partial)": "/results/?r=back.sacroiliac.right&r=back.buttock.upper.right",
    "Perfect Spots": "/spots/",
    "muscle (quadratus lumborum)": "/muscles/quadratus_lumborum/",
    "session": "/session/?tp=quadratus_lumborum/deep_upper&tp=gluteus_medius/tp1_posterior"
    "&minutes=60&helper=1",
}


def weigh(client: Client, path: str) -> tuple[int, int, int]:
    html = client.get(path).content
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    asset_bytes = 0
    for url in dict.fromkeys(a.decode() for a in assets):
        found = finders.find(url.removeprefix("/static/"))
        asset_bytes += Path(str(found)).stat().st_size if found else 0
    svg = sum(len(m) for m in re.findall(rb"<svg.*?</svg>", html, re.S))
    return len(html), svg, asset_bytes


def main() -> None:
    client = Client()
    print("| page | HTML (KB) | of which inline SVG (KB) | CSS + JS (KB) | total (KB) |")
    print("|---|---:|---:|---:|---:|")
    for name, path in PAGES.items():
        html, svg, assets = weigh(client, path)
        if "partial" in name:
            assets = 0  # swapped into a page that already has its CSS and JS
        total = html + assets
        print(
            f"| {name} | {html / 1000:.1f} | {svg / 1000:.1f} | {assets / 1000:.1f} | "
            f"{total / 1000:.1f} |"
        )


if __name__ == "__main__":
    main()
