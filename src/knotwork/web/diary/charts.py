"""Charts drawn on the server as SVG (they print, and need no script). Each chart has a
table beside it in the page for screen readers, so the picture carries nothing alone."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from knotwork.core.diary import Relief
from knotwork.web.diary.models import DailyRating, Session

W, H = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 40

_PAINTS = {
    "grid": 'stroke="#d8cfc6"',
    "tick": 'fill="#5f544c"',
    "pain": 'fill="none" stroke="#7a3e1d" stroke-width="2"',
    "pain-dot": 'fill="#7a3e1d"',
    "session-mark": 'fill="#2b2420"',
    "row-label": 'fill="#2b2420"',
    "relief-line": 'stroke="#2b2420" stroke-width="2"',
    "before-dot": 'fill="#fff" stroke="#2b2420" stroke-width="2"',
    "after-dot": 'fill="#7a3e1d" stroke="#2b2420"',
    "morning-mark": 'fill="#2b2420"',
}
PAINT = {name: f'class="{name}" {paint}' for name, paint in _PAINTS.items()}
"""Each shape's class and its colours written on it: the site's CSS overrides them on
screen, and the PDF maker (which does not style an SVG inside the page) uses them."""


def pain_chart(
    ratings: Sequence[DailyRating],
    sessions: Sequence[Session],
    first: datetime.date,
    last: datetime.date,
) -> Markup:
    """Daily average pain as a line with dots, sessions as marks under the axis."""
    days = max((last - first).days, 1)
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(d: datetime.date) -> float:
        return LEFT + plot_w * (d - first).days / days

    def y(p: float) -> float:
        return TOP + plot_h * (1 - p / 10)

    parts = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="chart-t chart-d" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-t">Average pain each day</title>',
        f'<desc id="chart-d">{len(ratings)} daily ratings from {first} to {last}, on a scale '
        f"of 0 to 10, and {len(sessions)} self-treatment sessions marked below the axis. The "
        "same figures are in the table after the chart.</desc>",
    ]
    for p in (0, 2, 4, 6, 8, 10):
        parts.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(p):.1f}" y2="{y(p):.1f}" {PAINT["grid"]}/>'
            f'<text x="{LEFT - 6}" y="{y(p) + 4:.1f}" text-anchor="end" {PAINT["tick"]}>{p}</text>'
        )
    run: list[str] = []
    previous: datetime.date | None = None
    lines = []
    for r in ratings:
        if previous is not None and (r.day - previous).days > 1 and run:
            lines.append(run)
            run = []
        run.append(f"{x(r.day):.1f},{y(r.pain_average):.1f}")
        previous = r.day
    if run:
        lines.append(run)
    for points in lines:
        if len(points) > 1:
            parts.append(f'<polyline points="{" ".join(points)}" {PAINT["pain"]}/>')
    for r in ratings:
        parts.append(
            f'<circle cx="{x(r.day):.1f}" cy="{y(r.pain_average):.1f}" r="3" {PAINT["pain-dot"]}>'
            f"<title>{escape(str(r.day))}: {r.pain_average}</title></circle>"
        )
    base = TOP + plot_h
    for s in sessions:
        sx = x(s.day)
        parts.append(
            f'<path d="M{sx:.1f},{base + 6} l-5,9 h10 z" {PAINT["session-mark"]}>'
            f"<title>{escape(str(s.day))}: session</title></path>"
        )
    parts.append(
        f'<text x="{LEFT}" y="{H - 4}" {PAINT["tick"]}>{first:%d %b}</text>'
        f'<text x="{W - RIGHT}" y="{H - 4}" text-anchor="end" {PAINT["tick"]}>{last:%d %b}</text>'
        f'<text x="{W / 2:.0f}" y="{H - 4}" text-anchor="middle" {PAINT["tick"]}>'
        "▲ marks a session</text>"
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def relief_chart(rows: Sequence[tuple[str, Relief]]) -> Markup:
    """Per spot: mean pain right before (open circle), right after (filled circle) and the
    next morning (diamond) on one 0-10 line each; shapes, not colours, tell them apart."""
    row_h, top, left, right = 44, 28, 16, 16
    height = top + row_h * len(rows) + 8
    plot_w = W - left - right

    def x(p: float) -> float:
        return left + plot_w * p / 10

    parts = [
        f'<svg class="chart relief-chart" viewBox="0 0 {W} {height}" role="img" '
        'aria-labelledby="relief-t relief-d" xmlns="http://www.w3.org/2000/svg">',
        '<title id="relief-t">Pain around the sessions, spot by spot</title>',
        f'<desc id="relief-d">For {len(rows)} spots, the average pain right before the '
        "sessions that included it, right after, and the next morning, on a scale of 0 to "
        "10. The same figures are in the table after the chart.</desc>",
    ]
    for p in range(0, 11, 2):
        parts.append(
            f'<line x1="{x(p):.1f}" x2="{x(p):.1f}" y1="{top - 6}" y2="{height - 8}" '
            f"{PAINT['grid']}/>"
            f'<text x="{x(p):.1f}" y="{top - 10}" text-anchor="middle" {PAINT["tick"]}>{p}</text>'
        )
    for n, (label, r) in enumerate(rows):
        y0 = top + n * row_h
        cy = y0 + 28
        parts.append(f'<text x="{left}" y="{y0 + 12}" {PAINT["row-label"]}>{escape(label)}</text>')
        parts.append(
            f'<line x1="{x(r.mean_before):.1f}" x2="{x(r.mean_after):.1f}" y1="{cy}" y2="{cy}" '
            f"{PAINT['relief-line']}/>"
        )
        parts.append(
            f'<circle cx="{x(r.mean_before):.1f}" cy="{cy}" r="6" {PAINT["before-dot"]}>'
            f"<title>before: {r.mean_before:g}</title></circle>"
            f'<circle cx="{x(r.mean_after):.1f}" cy="{cy}" r="6" {PAINT["after-dot"]}>'
            f"<title>right after: {r.mean_after:g}</title></circle>"
        )
        if r.mean_next_morning is not None:
            mx = x(r.mean_next_morning)
            parts.append(
                f'<path d="M{mx:.1f},{cy - 8} l7,8 l-7,8 l-7,-8 z" {PAINT["morning-mark"]}>'
                f"<title>next morning: {r.mean_next_morning:g}</title></path>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
