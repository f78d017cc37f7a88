"""`knotwork find`: the safety step first, then the trigger points that could explain the pain."""

from __future__ import annotations

import click

from knotwork.cli.common import _kb, _print_json, _text, console
from knotwork.core.answer import result_json
from knotwork.core.finder import (
    DEFAULT_LIMIT,
    DISCLAIMER,
    FinderResult,
    Interpretation,
    find,
    interpret,
)
from knotwork.core.kb import KnowledgeBase
from knotwork.core.labels import fit_word, level_word, side_word
from knotwork.core.resolve import InputLimitError, Reading
from knotwork.core.triage import Level, Triage

LEVEL_STYLE = {
    Level.none: "green",
    Level.see_doctor: "yellow",
    Level.urgent: "bold red",
    Level.same_day: "bold white on red",
    Level.emergency: "bold white on red",
}
OPEN_STYLE = "bold yellow"
"""Shown instead of "no red flags" while a safety question has no answer."""
QUESTIONS_SHOWN = 8


@click.command("find")
@click.option(
    "--pain",
    "-p",
    multiple=True,
    metavar="TEXT",
    help="Where it hurts: a region id or your own words, e.g. 'right back dimple'. "
    "Repeatable; comma-separated lists work. Add ':N' for intensity 0-10.",
)
@click.option(
    "--quality",
    "-q",
    multiple=True,
    metavar="TEXT",
    help="How it feels, e.g. 'deep ache', 'burning'.",
)
@click.option(
    "--worse",
    "-w",
    multiple=True,
    metavar="TEXT",
    help="What makes it worse, e.g. 'leaning over the sink'.",
)
@click.option(
    "--flag",
    "-f",
    "flags",
    multiple=True,
    metavar="TEXT",
    help="Safety questions that apply (yes), by id or in your words, e.g. 'fever'.",
)
@click.option(
    "--no-flag",
    "flags_no",
    multiple=True,
    metavar="TEXT",
    help="Safety questions that do not apply (no), by id or in your words.",
)
@click.option(
    "--no-red-flags",
    "none_apply",
    is_flag=True,
    help="None of the (other) safety questions apply to you: see them with `knotwork ask`.",
)
@click.option("--age", type=click.IntRange(0, 120), help="Your age in years.")
@click.option(
    "--limit",
    type=click.IntRange(1, 50),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="How many candidates to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead.")
@click.pass_context
def find_command(
    ctx: click.Context,
    pain: tuple[str, ...],
    quality: tuple[str, ...],
    worse: tuple[str, ...],
    flags: tuple[str, ...],
    flags_no: tuple[str, ...],
    none_apply: bool,
    age: int | None,
    limit: int,
    as_json: bool,
) -> None:
    """Rank the trigger points that could explain where it hurts.

    Red flags are checked first. Example:

        knotwork find --pain "right back dimple" --pain "top of right buttock"
    """
    kb = _kb(ctx)
    # bytes that are not UTF-8 in the arguments become U+FFFD here, so every answer, the JSON
    # above all, is valid UTF-8 (Python keeps them as lone surrogates otherwise)
    pain, quality, worse, flags, flags_no = (
        tuple(_text(v) for v in values) for values in (pain, quality, worse, flags, flags_no)
    )
    given = [v for v in pain + flags if v.strip()]
    if not given:
        what = "was empty" if pain or flags else "is missing"
        raise click.UsageError(
            f"--pain {what}: say where it hurts, e.g. --pain 'low back' "
            "(or answer red flags with --flag)"
        )
    try:
        interpretation = interpret(
            kb, pain, quality, worse, flags, age, flags_no=flags_no, none_apply=none_apply
        )
    except InputLimitError as exc:
        option = {"flags": "--flag", "flags_no": "--no-flag"}.get(
            exc.field_name, f"--{exc.field_name}"
        )
        raise click.UsageError(f"{option}: {exc.message}") from None
    result = find(kb, interpretation.report, limit=limit)
    if as_json:
        _print_json(result_json(kb, result, interpretation))
    else:
        _print_result(kb, result, interpretation)
    if interpretation.not_understood and not interpretation.understood:
        ctx.exit(1)


def escape(text: str) -> str:
    """Text made safe inside Rich markup (Rich is imported only for human output)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _print_triage(t: Triage) -> None:
    from rich.panel import Panel

    style = OPEN_STYLE if t.level is Level.none and not t.checked else LEVEL_STYLE[t.level]
    word = level_word(t.level, t.checked)
    # the badge, then the headline unless it only says the badge again
    head = "" if t.headline.lower() == word.lower() else f"  [bold]{escape(t.headline)}[/]"
    body = f"[{style}] {word.upper()} [/]{head}\n{escape(t.action)}"
    for reason in t.reasons:
        body += f"\n  • {escape(reason.text)}"
    console.print(Panel(body, title="Safety check", expand=False))


def _print_questions(t: Triage) -> None:
    if t.checked or not t.questions:
        return
    console.print("[bold]Safety questions still open[/] (answer before any self-treatment):")
    for q in t.questions[:QUESTIONS_SHOWN]:
        why = f" [dim](asked first: {escape(q.because)})[/]" if q.because else ""
        console.print(f"  • {escape(q.question)} [dim]\\[{q.id}][/]{why}")
    more = len(t.questions) - QUESTIONS_SHOWN
    if more > 0:
        console.print(f"  … and {more} more: see them all with `knotwork ask`.")
    console.print(
        "  Answer with --flag ID for a yes, --no-flag ID for a no, or --no-red-flags "
        "when none of them apply."
    )


def print_readings(readings: tuple[Reading, ...]) -> None:
    """Say how every phrase was read, and which were not understood."""
    for r in readings:
        if r.understood:
            extra = f" ({'; '.join(r.notes)})" if r.notes else ""
            unused = f" — words not used: {', '.join(r.unused)}" if r.unused else ""
            console.print(
                f"[dim]We read '{escape(r.phrase)}' as: {escape(r.read_as)}"
                f"{escape(extra)}{escape(unused)}[/]"
            )
        else:
            hint = f"; try: {', '.join(r.suggestions)}" if r.suggestions else ""
            warn = (
                " It may be about a warning sign: answer the safety questions."
                if (r.warning_like)
                else ""
            )
            console.print(
                f"[yellow]Could not understand '{escape(r.phrase)}'{escape(hint)}.{warn}[/]"
            )


def _print_result(kb: KnowledgeBase, result: FinderResult, interp: Interpretation) -> None:
    t = result.triage
    _print_triage(t)
    print_readings(interp.readings)
    _print_questions(t)
    if result.withheld:
        console.print("[bold]No self-treatment suggestions are shown: get medical help first.[/]")
        return
    if not result.candidates:
        console.print("No trigger point in the knowledge base refers pain to those regions.")
        return
    if not t.self_treatment_allowed:
        console.print(
            "[bold red]Hold off on self-treatment until a clinician has seen you.[/] "
            "The list below is for that conversation."
        )
    from rich.table import Table

    table = Table(title="Trigger points to explore", show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("Trigger point")
    table.add_column("Side")
    table.add_column("Fit", justify="right")
    table.add_column("Confidence")
    table.add_column("Spot")
    for c in result.candidates:
        table.add_row(
            str(c.rank),
            f"{escape(c.record.muscle.name)}: {escape(c.record.point.name)}",
            side_word(c.side),
            f"{c.score:.0f}",
            fit_word(c.confidence),
            ", ".join(f"No. {n}" for n in c.record.spots) or "-",
        )
    console.print(table)
    for c in result.candidates[:3]:
        console.print(
            f"\n[bold]{c.rank}. {escape(c.record.muscle.name)}[/] "
            f"({escape(c.record.point.name)}, {side_word(c.side)})"
        )
        for reason in c.reasons:
            console.print(f"   • {escape(reason.text)}")
        if c.companions:
            names = "; ".join(
                f"{kb.trigger_points[r].muscle.name}: {kb.trigger_points[r].point.name}"
                for r in c.companions
            )
            console.print(f"   Check together with: {escape(names)}")
        confused = ", ".join(kb.differentials[d].label for d in c.record.point.differentials)
        console.print(f"   Often confused with: {escape(confused)}")
        grade = c.record.point.evidence.value.replace("_", " ")
        console.print(f"   Evidence: {grade}. {escape(c.record.point.evidence_note)}")
        console.print(f"   [dim]More: knotwork show {c.record.ref}[/]")
    console.print(f"\n[dim]{escape(DISCLAIMER)}[/]")
