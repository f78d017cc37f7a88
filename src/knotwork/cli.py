"""The command-line face of Knotwork: a thin Click + Rich layer over ``knotwork.core``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from knotwork.core.describe import describe_muscle, describe_region, describe_spot, find_entity
from knotwork.core.finder import (
    DEFAULT_LIMIT,
    DISCLAIMER,
    FinderResult,
    Interpretation,
    find,
    interpret,
    result_json,
)
from knotwork.core.kb import KBError, KnowledgeBase, default_kb, load_kb
from knotwork.core.quality import export, lint, sources_index, stats
from knotwork.core.schema import Tier
from knotwork.core.triage import Level

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

LEVEL_STYLE = {
    Level.none: ("green", "NO RED FLAGS"),
    Level.see_doctor: ("yellow", "SEE A DOCTOR"),
    Level.urgent: ("bold red", "URGENT"),
    Level.emergency: ("bold white on red", "EMERGENCY"),
}


def _kb(ctx: click.Context) -> KnowledgeBase:
    """Load the knowledge base once per command, turning data problems into a clean exit."""
    root = ctx.find_root().params.get("kb_dir")
    try:
        return load_kb(root) if root else default_kb()
    except KBError as exc:
        err_console.print(f"[bold red]The knowledge base has {len(exc.problems)} problem(s):[/]")
        for problem in exc.problems:
            err_console.print(f"  {problem}", markup=False, soft_wrap=True)
        ctx.exit(2)
        raise  # unreachable: ctx.exit raises


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--kb-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KNOTWORK_KB_DIR",
    help="Use the knowledge base in this folder instead of the shipped one.",
)
@click.version_option(package_name="knotwork")
def main(kb_dir: Path | None) -> None:
    """Knotwork: find the muscle knots behind your pain, and how to treat them yourself.

    Suggestions are hypotheses to explore, not diagnoses. Red-flag questions are
    checked first.
    """


# --------------------------------------------------------------------------- find


@main.command("find")
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
    help="Red-flag answers that apply, e.g. 'fever', 'numb saddle area'.",
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
    age: int | None,
    limit: int,
    as_json: bool,
) -> None:
    """Rank the trigger points that could explain where it hurts.

    Red flags are checked first. Example:

        knotwork find --pain "right back dimple" --pain "top of right buttock"
    """
    kb = _kb(ctx)
    if not pain and not flags:
        raise click.UsageError("say where it hurts with --pain (or answer red flags with --flag)")
    interpretation = interpret(kb, pain, quality, worse, flags, age)
    result = find(kb, interpretation.report, limit=limit)
    if as_json:
        _print_json(result_json(kb, result, interpretation))
    else:
        _print_result(kb, result, interpretation)
    if interpretation.unresolved and not interpretation.resolved:
        ctx.exit(1)


def _term_label(kb: KnowledgeBase, kind: str, term_id: str) -> str:
    if kind == "region":
        return kb.regions[term_id].label
    if kind == "quality":
        return kb.qualities[term_id].label
    if kind == "aggravator":
        return kb.aggravators[term_id].label
    return term_id.replace("_", " ")


def _print_result(kb: KnowledgeBase, result: FinderResult, interp: Interpretation) -> None:
    t = result.triage
    style, word = LEVEL_STYLE[t.level]
    body = f"[{style}] {word} [/]  [bold]{escape(t.headline)}[/]\n{escape(t.action)}"
    for reason in t.reasons:
        body += f"\n  • {escape(reason.text)}"
    console.print(Panel(body, title="Safety check", expand=False))
    for r in interp.resolved:
        names = ", ".join(_term_label(kb, r.kind, i) for i in r.ids)
        extra = f" ({r.note})" if r.note else ""
        console.print(
            f"[dim]Understood {r.kind} '{escape(r.phrase)}' as {escape(names)}{escape(extra)}[/]"
        )
    for u in interp.unresolved:
        hint = f"; did you mean: {', '.join(u.suggestions)}?" if u.suggestions else ""
        console.print(
            f"[yellow]Could not understand {u.kind} '{escape(u.phrase)}'{escape(hint)}[/]"
        )
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
            c.side,
            f"{c.score:.0f}",
            c.confidence,
            ", ".join(f"No. {n}" for n in c.record.spots) or "-",
        )
    console.print(table)
    for c in result.candidates[:3]:
        console.print(
            f"\n[bold]{c.rank}. {escape(c.record.muscle.name)}[/] "
            f"({escape(c.record.point.name)}, {c.side} side)"
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


# --------------------------------------------------------------------------- browse


@main.command("spots")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
@click.pass_context
def spots_command(ctx: click.Context, as_json: bool) -> None:
    """List the 14 Perfect Spots."""
    kb = _kb(ctx)
    if as_json:
        _print_json([describe_spot(kb, s) for s in sorted(kb.spots)])
        return
    table = Table(title="The Perfect Spots")
    table.add_column("No.", justify="right")
    table.add_column("Spot")
    table.add_column("For")
    table.add_column("Muscles")
    for number in sorted(kb.spots):
        spot = kb.spots[number]
        muscles = dict.fromkeys(kb.trigger_points[r].muscle.name for r in spot.trigger_points)
        table.add_row(str(number), spot.title, ", ".join(spot.conditions), ", ".join(muscles))
    console.print(table)


@main.command("regions")
@click.option("--view", type=click.Choice(["front", "back"]), help="Only one view.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
@click.pass_context
def regions_command(ctx: click.Context, view: str | None, as_json: bool) -> None:
    """List the body regions you can mark, with their ids."""
    kb = _kb(ctx)
    regions = [r for r in kb.regions.values() if view is None or r.view.value == view]
    if as_json:
        _print_json([describe_region(r) for r in regions])
        return
    table = Table(title="Body regions")
    table.add_column("Id")
    table.add_column("Label")
    table.add_column("View")
    table.add_column("CHOIR", justify="right")
    for r in regions:
        table.add_row(r.id, r.label, r.view.value, ", ".join(map(str, r.choir)))
    console.print(table)


@main.command("show")
@click.argument("what")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
@click.pass_context
def show_command(ctx: click.Context, what: str, as_json: bool) -> None:
    """Show a muscle, a trigger point (muscle/point) or a Perfect Spot (by number).

    WHAT can be an id, a name or a lay name, e.g. 'QL', 'gluteus_maximus/tp1_upper' or '12'.
    """
    kb = _kb(ctx)
    found = find_entity(kb, what)
    if found is None:
        err_console.print(
            f"Nothing called '{escape(what)}' in the knowledge base. "
            "Try 'knotwork spots' or a muscle name."
        )
        ctx.exit(1)
        return
    kind, key = found
    if kind == "spot":
        data = describe_spot(kb, int(key))
    else:
        muscle_id, _, tp_id = key.partition("/")
        data = describe_muscle(kb, muscle_id, only=tp_id or None)
    if as_json:
        _print_json(data)
        return
    _print_description(kind, data)


def _print_description(kind: str, data: dict[str, Any]) -> None:
    if kind == "spot":
        console.print(
            Panel(
                f"[bold]Perfect Spot No. {data['number']}: {escape(data['title'])}[/]\n"
                f"{escape(data['summary'])}\nFor: {escape(', '.join(data['conditions']))}",
                expand=False,
            )
        )
        console.print("Pain felt in: " + escape(", ".join(data["pain_locations"])))
        for tp in data["trigger_points"]:
            console.print(
                f"  • {escape(tp['muscle'])}: {escape(tp['name'])}  "
                f"[dim](knotwork show {tp['id']})[/]"
            )
        return
    console.print(
        Panel(
            f"[bold]{escape(data['name'])}[/] [dim]({escape(data['latin'])})[/]\n"
            f"{escape(data['description'])}",
            expand=False,
        )
    )
    for tp in data["trigger_points"]:
        console.print(f"\n[bold underline]{escape(tp['name'])}[/]  [dim]{tp['id']}[/]")
        if tp["spots"]:
            console.print("Perfect Spot " + ", ".join(f"No. {n}" for n in tp["spots"]))
        console.print(f"[bold]Where:[/] {escape(tp['location'])}")
        console.print("[bold]How to find it:[/]")
        for i, step in enumerate(tp["how_to_find"], 1):
            console.print(f"  {i}. {escape(step)}")
        console.print("[bold]Main pain zone:[/] " + escape(", ".join(tp["referral"]["essential"])))
        if tp["referral"]["spillover"]:
            console.print(
                "[bold]Sometimes also:[/] " + escape(", ".join(tp["referral"]["spillover"]))
            )
        for t in tp["self_treatment"]:
            console.print(
                f"[bold]Treat it — {escape(t['technique'])}[/] "
                f"(tools: {escape(', '.join(t['tools']))}; evidence: {t['evidence']})"
            )
            for label in ("position", "pressure", "angle"):
                console.print(f"  {label.capitalize()}: {escape(t[label])}")
            console.print(f"  Dose: {escape(t['dose']['summary'])}")
            for i, step in enumerate(t["steps"], 1):
                console.print(f"  {i}. {escape(step)}")
            console.print("  [bold]Stop if:[/] " + escape("; ".join(t["stop_if"])))
        console.print("[bold]Often confused with:[/] " + escape(", ".join(tp["differentials"])))
        console.print("[bold]Cautions:[/] " + escape(" ".join(tp["cautions"])))
        console.print(f"[bold]Evidence:[/] {tp['evidence']}. {escape(tp['evidence_note'])}")
        console.print("[dim]Sources: " + escape("; ".join(tp["sources"])) + "[/]")


# --------------------------------------------------------------------------- interactive


@main.command("ask")
@click.pass_context
def ask_command(ctx: click.Context) -> None:
    """Answer a few questions in the terminal and get ranked suggestions."""
    kb = _kb(ctx)
    console.print(
        Panel(
            "[bold]Knotwork[/]: where does it hurt?\n"
            "First, a safety check. Then tell us where it hurts in your own words.\n"
            "[dim]" + escape(DISCLAIMER) + "[/]",
            expand=False,
        )
    )
    serious = [f for f in kb.flags.values() if f.tier in (Tier.emergency, Tier.urgent)]
    for i, flag in enumerate(serious, 1):
        console.print(f"  {i:2}. {escape(flag.question)}")
    answer = click.prompt(
        "Type the numbers of any that apply (e.g. 1,4), or press Enter for none",
        default="",
        show_default=False,
    )
    chosen: list[str] = []
    for part in answer.replace(",", " ").split():
        if part.isdigit() and 1 <= int(part) <= len(serious):
            chosen.append(serious[int(part) - 1].id)
        else:
            console.print(f"[yellow]Ignored '{escape(part)}': type numbers from the list.[/]")
    age = click.prompt("Your age (Enter to skip)", default="", show_default=False)
    first = click.confirm("Is this the first time you have had pain like this?", default=False)
    if first:
        chosen.append("first_episode")
    pain = click.prompt(
        "Where does it hurt? (e.g. right back dimple, top of right buttock)",
        default="",
        show_default=False,
    )
    quality = click.prompt(
        "How does it feel? (e.g. deep ache; Enter to skip)", default="", show_default=False
    )
    worse = click.prompt(
        "What makes it worse? (e.g. sitting, leaning over the sink; Enter to skip)",
        default="",
        show_default=False,
    )
    age_value = int(age) if age.strip().isdigit() else None
    interpretation = interpret(
        kb,
        [pain] if pain else [],
        [quality] if quality else [],
        [worse] if worse else [],
        chosen,
        age_value,
    )
    result = find(kb, interpretation.report)
    _print_result(kb, result, interpretation)


# --------------------------------------------------------------------------- web


@main.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Keep 127.0.0.1 to stay private to this computer.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Gunicorn worker processes.",
)
def serve_command(host: str, port: int, workers: int) -> None:
    """Start the web app: apply migrations to the local database, then run gunicorn."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
    if host not in ("127.0.0.1", "localhost", "::1") and "KNOTWORK_ALLOWED_HOSTS" not in os.environ:
        os.environ["KNOTWORK_ALLOWED_HOSTS"] = f"127.0.0.1,localhost,[::1],{host}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from gunicorn.app.base import BaseApplication

    from knotwork.web.wsgi import application

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")
            self.cfg.set("preload_app", True)  # load the knowledge base once, then fork

        def load(self) -> Any:
            return application

    shown = f"[{host}]" if ":" in host else host
    console.print(f"Knotwork is running at [bold]http://{shown}:{port}/[/]  (Ctrl+C to stop)")
    Server().run()


# --------------------------------------------------------------------------- kb


@main.group()
def kb() -> None:
    """Check and inspect the knowledge base."""


@kb.command("check")
@click.pass_context
def kb_check(ctx: click.Context) -> None:
    """Validate every file and cross-check every reference."""
    base = _kb(ctx)
    console.print(
        f"[green]Knowledge base OK[/]: {len(base.muscles)} muscles, "
        f"{len(base.trigger_points)} trigger points, {len(base.regions)} regions, "
        f"{len(base.spots)} spots, {len(base.flags)} red flags, {len(base.sources)} sources."
    )


@kb.command("lint")
@click.option("--strict", is_flag=True, help="Treat warnings as errors too.")
@click.pass_context
def kb_lint(ctx: click.Context, strict: bool) -> None:
    """Look for content problems: placeholders, repeated text, run-on sentences, unused items."""
    base = _kb(ctx)
    findings = lint(base)
    errors = [f for f in findings if f.severity == "error"]
    for finding in findings:
        style = "red" if finding.severity == "error" else "yellow"
        console.print(
            f"[{style}]{finding.severity}[/]: {escape(finding.where)}: {escape(finding.message)}",
            soft_wrap=True,
        )
    warnings = len(findings) - len(errors)
    console.print(f"{len(errors)} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        ctx.exit(1)


@kb.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
@click.pass_context
def kb_stats(ctx: click.Context, as_json: bool) -> None:
    """Counts by body area, fields filled, sources cited."""
    data = stats(_kb(ctx))
    if as_json:
        _print_json(data)
        return
    console.print(
        f"{data['muscles']} muscles, {data['trigger_points']} trigger points, "
        f"{data['regions']} regions ({data['region_keys_explained']} of "
        f"{data['region_keys']} region keys explained by some trigger point), "
        f"{data['spots']} spots, {data['red_flags']} red flags, "
        f"{data['sources']} sources."
    )
    table = Table(title="By body area")
    table.add_column("Area")
    table.add_column("Muscles", justify="right")
    table.add_column("Trigger points", justify="right")
    for area, counts in data["by_area"].items():
        table.add_row(area, str(counts["muscles"]), str(counts["trigger_points"]))
    console.print(table)
    table = Table(title="Optional fields filled")
    table.add_column("Field")
    table.add_column("Share", justify="right")
    for name, value in data["optional_fields_filled"].items():
        table.add_row(name, f"{value:.0%}")
    console.print(table)
    console.print(
        "Evidence grades (trigger points): "
        + ", ".join(f"{k} {v}" for k, v in sorted(data["evidence_grades"].items()))
    )
    console.print(
        "Evidence grades (techniques): "
        + ", ".join(f"{k} {v}" for k, v in sorted(data["technique_evidence_grades"].items()))
    )


@kb.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
@click.pass_context
def kb_sources(ctx: click.Context, as_json: bool) -> None:
    """List each source and the entries that cite it."""
    base = _kb(ctx)
    index = sources_index(base)
    if as_json:
        _print_json(index)
        return
    for sid, entries in index.items():
        source = base.sources[sid]
        console.print(
            f"[bold]{escape(sid)}[/]: {escape(source.title)} [dim]({len(entries)} citation(s))[/]",
            soft_wrap=True,
        )
        for entry in entries:
            console.print(f"  {escape(entry)}", soft_wrap=True)


@kb.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.pass_context
def kb_export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the whole validated knowledge base as one document (schema/kb-export.schema.json)."""
    doc = export(_kb(ctx))
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"wrote {output} ({fmt}, {len(text)} characters)")


if __name__ == "__main__":  # pragma: no cover
    main()
