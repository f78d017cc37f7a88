"""`knotwork spots`, `regions` and `show`: reading the knowledge base."""

from __future__ import annotations

from typing import Any

import click
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from knotwork.cli.common import _kb, _print_json, console, err_console
from knotwork.core.describe import describe_muscle, describe_region, describe_spot, find_entity


@click.command("spots")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead.")
@click.pass_context
def spots_command(ctx: click.Context, as_json: bool) -> None:
    """List the Perfect Spots (how many: the knowledge base says)."""
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


@click.command("regions")
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


@click.command("show")
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
            for a in t["precautions"]:
                console.print(f"  [bold]With {escape(a['label'])}:[/] {escape(a['say'])}")
        if tp["sensitive"]:
            console.print(
                "[bold]A sensitive area:[/] work from the outside only; a helper needs your "
                "consent first; treatment inside the body is for a pelvic health physiotherapist."
            )
        console.print("[bold]Often confused with:[/] " + escape(", ".join(tp["differentials"])))
        console.print("[bold]Cautions:[/] " + escape(" ".join(tp["cautions"])))
        console.print(f"[bold]Evidence:[/] {tp['evidence']}. {escape(tp['evidence_note'])}")
        console.print("[dim]Sources: " + escape("; ".join(tp["sources"])) + "[/]")
