"""Time to lay out a routine as an A4 PDF with WeasyPrint (the printout's HTML, its maps
and the site's print styles), in one warm process: the seed's 3-step session and a
6-step routine. Median and range of N runs each (default 7). Prints a Markdown table.

    .venv/bin/python benchmarks/routine_pdf.py [N]
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
os.environ.setdefault("KNOTWORK_SECRET_KEY", "benchmark-only")
os.environ.setdefault("KNOTWORK_DATA_DIR", tempfile.mkdtemp(prefix="knotwork-bench-"))

import django

django.setup()

from knotwork.core.routine import StepSpec, build, from_template  # noqa: E402
from knotwork.web.kb import get_kb  # noqa: E402
from knotwork.web.pdf import pages_of, pdf_of  # noqa: E402
from knotwork.web.routines.views import printout_html  # noqa: E402

SIX = [
    "gluteus_maximus/tp1_upper:both",
    "longissimus_thoracis/lumbosacral:both",
    "multifidus/lumbar:both",
    "quadratus_lumborum/deep_upper:right::side_lying",
    "quadratus_lumborum/deep_upper:left::side_lying",
    "gluteus_medius/tp1_posterior:both::prone",
]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    kb = get_kb()
    seed = kb.routines["therapist_ql_gluteus_medius_60"]
    cases = {
        "seed session, 3 steps": (build(kb, from_template(seed), helper=True), seed),
        "6 steps": (build(kb, [StepSpec.parse(s) for s in SIX]), None),
    }
    today = datetime.date(2026, 12, 3)
    pdf_of(printout_html(None, kb, cases["6 steps"][0], None, "", today))  # warm: imports, fonts
    print("| routine | pages | median (s) | fastest (s) | slowest (s) | PDF (KB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (routine, template) in cases.items():
        times, size = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            html = printout_html(None, kb, routine, template, "Sam Example", today)
            size = len(pdf_of(html))
            times.append(time.perf_counter() - start)
        pages = len(pages_of(html).pages)
        print(
            f"| {name} | {pages} | {statistics.median(times):.3f} | {min(times):.3f} "
            f"| {max(times):.3f} | {size // 1024} |"
        )


if __name__ == "__main__":
    main()
