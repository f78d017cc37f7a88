"""Pages as PDFs (WeasyPrint): a printout's HTML and the site's print styles, with
nothing fetched from anywhere (no network, no files: data: URIs only)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

A4 = """
@page { size: A4; margin: 14mm 14mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #555; } }
html, body, main { background: #fff; }
body { font-size: 10pt; }
.routine .mini svg { width: 7.5rem; }
.routine > li { break-inside: auto; }
.routine h2 { break-after: avoid; font-size: 13pt; }
.step-body { display: block; }
.step-body .zone-maps { float: left; width: 8rem; margin: 0 1rem .5rem 0; }
.step-body::after { content: ""; display: block; clear: both; }
/* a grid costs a third of the layout time in WeasyPrint; floats give the same page */
.routine dl { display: block; }
.routine dt { float: left; clear: left; width: 6rem; font-weight: 600; }
.routine dd { margin: 0 0 .15rem 6.5rem; }
/* the diary summary: rows and figures whole on a page, headings kept with what follows */
tr, figure { break-inside: avoid; }
.diary-summary h2, .diary-summary h3, .diary-summary caption { break-after: avoid; }
.diary-summary .map-row { display: block; }
.diary-summary figure.mini { display: inline-block; width: 8rem; vertical-align: top; }
/* the maps are 240 by 560; an inline SVG here would push the figure to the next page */
.diary-summary figure.mini svg { display: block; width: 8rem; height: 18.7rem; }
.diary-summary .table-scroll { overflow: visible; }
"""


@functools.cache
def _stylesheets() -> tuple[object, ...]:
    from weasyprint import CSS, URLFetcher  # imported for the first PDF: it is heavy

    site = Path(__file__).parent / "static" / "knotwork" / "css" / "site.css"
    fetcher = URLFetcher(allowed_protocols=["data"])
    return (
        CSS(string=site.read_text(encoding="utf-8"), url_fetcher=fetcher),
        CSS(string=A4, url_fetcher=fetcher),
    )


def pages_of(html: str) -> Any:
    """``html`` (a whole page) laid out on A4 pages: a WeasyPrint document."""
    from weasyprint import HTML, URLFetcher

    page = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    return page.render(stylesheets=list(_stylesheets()))


def pdf_of(html: str) -> bytes:
    """``html`` (a whole page) as an A4 PDF."""
    data = pages_of(html).write_pdf()
    assert data is not None
    return bytes(data)
