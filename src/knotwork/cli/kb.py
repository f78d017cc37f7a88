"""`knotwork kb ...`: check, lint, count, cite and export the knowledge base."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from knotwork.cli.common import _kb, _print_json, console, err_console
from knotwork.core.kbtools import export, lint, sources_index, stats


@click.group()
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
