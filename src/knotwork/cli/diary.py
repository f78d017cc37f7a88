"""``knotwork diary``: the web app's diary from the terminal, as its local person.

Same database as ``knotwork serve`` (KNOTWORK_DATA_DIR, or KNOTWORK_DATABASE_URL), so a
rating logged here shows on the diary page and the other way round.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from knotwork.cli.common import console


def _setup() -> Any:
    """Django configured and migrated; the local person."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(f"a setting is wrong: {exc}") from None
    from knotwork.cli.serve import _migrate_lock

    with _migrate_lock():
        call_command("migrate", interactive=False, verbosity=0)
    from knotwork.web.diary.access import local_person

    return local_person()


def _kb_regions() -> Any:
    from knotwork.web.kb import get_kb

    return get_kb().regions


def _day(value: str | None) -> datetime.date:
    from django.utils import timezone

    today = timezone.localdate()
    if value is None:
        return today
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r}: give a date as YYYY-MM-DD", param_hint="--date"
        ) from None
    if day > today:
        raise click.BadParameter("the day cannot be in the future", param_hint="--date")
    return day


NRS = click.IntRange(0, 10)


@click.group("diary")
def diary() -> None:
    """Your pain diary: daily ratings, sessions, and what seems to help."""


@diary.command("log")
@click.option("--pain", type=NRS, required=True, help="Pain right now, 0-10.")
@click.option(
    "--average", type=NRS, help="Average pain over the last 24 hours, 0-10 (default: --pain)."
)
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day (default: today).")
@click.option("--note", default="", help="A short note.")
def log_command(pain: int, average: int | None, day: str | None, note: str) -> None:
    """Log today's pain (a second entry for a day replaces the first)."""
    owner = _setup()
    from knotwork.web.diary.models import DailyRating

    when = _day(day)
    if len(note) > 2000:
        raise click.BadParameter("keep the note under 2,000 characters", param_hint="--note")
    DailyRating.objects.update_or_create(
        owner=owner,
        day=when,
        defaults={
            "pain_average": pain if average is None else average,
            "pain_now": pain,
            "note": note,
        },
    )
    console.print(f"Saved {when}: average {pain if average is None else average}, now {pain}.")


@diary.command("session")
@click.option(
    "--spot",
    "spots",
    multiple=True,
    required=True,
    metavar="TP_ID",
    help="A trigger point pressed, e.g. quadratus_lumborum/deep_upper (repeatable).",
)
@click.option("--side", type=click.Choice(["left", "right", "both"]), default="both")
@click.option("--minutes", type=click.FloatRange(0.5, 30), required=True, help="Minutes per spot.")
@click.option("--before", type=NRS, help="Pain right before, 0-10.")
@click.option("--after", type=NRS, help="Pain right after, 0-10.")
@click.option(
    "--reason",
    type=click.Choice(["planned", "flare", "experiment", "other"]),
    default="planned",
    help="Why today (flare-day sessions are allowed for).",
)
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day (default: today).")
def session_command(
    spots: tuple[str, ...],
    side: str,
    minutes: float,
    before: int | None,
    after: int | None,
    reason: str,
    day: str | None,
) -> None:
    """Log a self-treatment session."""
    owner = _setup()
    from django.db import transaction

    from knotwork.web.diary.models import Session, SessionSpot
    from knotwork.web.kb import get_kb

    kb = get_kb()
    unknown = [s for s in spots if s not in kb.trigger_points]
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)}: not a trigger point id (see `knotwork show MUSCLE`, "
            "e.g. quadratus_lumborum/deep_upper)",
            param_hint="--spot",
        )
    when = _day(day)
    with transaction.atomic():
        s = Session.objects.create(
            owner=owner, day=when, reason=reason, pain_before=before, pain_after=after
        )
        SessionSpot.objects.bulk_create(
            SessionSpot(
                session=s,
                order=i,
                trigger_point=ref,
                side=side,
                minutes=Decimal(str(round(minutes, 1))),
            )
            for i, ref in enumerate(spots, start=1)
        )
    console.print(f"Saved the session of {when}: {', '.join(spots)} ({side}, {minutes:g} min).")


@diary.command("show")
@click.option("--days", type=click.IntRange(1, 3660), default=14, show_default=True)
def show_command(days: int) -> None:
    """The latest ratings and sessions."""
    owner = _setup()
    from rich.table import Table

    from knotwork.web.diary.models import DailyRating, Session, owned

    since = _day(None) - datetime.timedelta(days=days - 1)
    table = Table(title=f"Pain, the last {days} days")
    for col in ("day", "average", "now", "sessions"):
        table.add_column(col)
    sessions: dict[datetime.date, list[str]] = {}
    for s in owned(Session, owner).filter(day__gte=since).prefetch_related("spots"):
        sessions.setdefault(s.day, []).extend(sp.trigger_point for sp in s.spots.all())
    rated = {r.day: r for r in owned(DailyRating, owner).filter(day__gte=since)}
    for d in sorted(set(rated) | set(sessions)):
        r = rated.get(d)
        table.add_row(
            str(d),
            str(r.pain_average) if r else "",
            str(r.pain_now) if r and r.pain_now is not None else "",
            ", ".join(sessions.get(d, [])),
        )
    console.print(table if rated or sessions else "No entries yet.")


@diary.command("helps")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def helps_command(as_json: bool) -> None:
    """What seems to help: next-day pain after each spot, in honest tiers."""
    owner = _setup()
    from knotwork.core.diary import what_helps
    from knotwork.web.diary import records

    findings = what_helps(records.day_pains(owner), records.treated_days(owner))
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "spot": f.spot,
                        "tier": f.tier,
                        "estimate": f.estimate,
                        "low": f.low,
                        "high": f.high,
                        "days_with": f.days_with,
                        "days_without": f.days_without,
                        "summary": f.summary,
                        "notes": list(f.notes),
                        "relief": None
                        if f.relief is None
                        else {
                            "sessions": f.relief.sessions,
                            "mean_drop": f.relief.mean_drop,
                            "caveat": f.relief.caveat,
                        },
                    }
                    for f in findings
                ],
                indent=1,
            )
        )
        return
    out = console
    if not findings:
        out.print("No sessions logged yet.")
    for f in findings:
        out.print(f"[bold]{f.spot}[/bold]: {f.summary}")
        for n in f.notes:
            out.print(f"  {n}")


@diary.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json", "fhir"]), default="json", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="A file (json, fhir) or a folder for the CSV files; default: standard output "
    "(json, fhir) or the current folder (csv).",
)
def export_command(fmt: str, output: Path | None) -> None:
    """Export the whole diary."""
    owner = _setup()
    from knotwork.core.diary_fhir import bundle
    from knotwork.web.diary import records

    if fmt == "csv":
        folder = output or Path.cwd()
        folder.mkdir(parents=True, exist_ok=True)
        for table in records.CSV_TABLES:
            (folder / f"{table}.csv").write_text(records.export_csv(owner, table), encoding="utf-8")
        console.print(f"Wrote {len(records.CSV_TABLES)} CSV files to {folder}.")
        return
    doc = records.export_json(owner)
    if fmt == "fhir":
        regions = _kb_regions()
        data = bundle(
            doc,
            person=str(owner.pk),
            region_name=lambda r: regions[r].label if r in regions else r,
        )
    else:
        data = doc
    text = json.dumps(data, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@diary.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Add a diary exported as JSON (all of it, or nothing if any entry is wrong).

    Entries the diary already has are not added twice; a day's rating replaces the one
    there."""
    owner = _setup()
    from knotwork.web.diary import records

    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"{file}: not a JSON file ({exc})") from None
    try:
        added = records.import_json(owner, doc, known_regions=_kb_regions())
    except records.ImportError_ as exc:
        raise click.ClickException(f"{file}: {exc}; nothing was imported") from None
    already = (
        f" {_count(added['already'], 'entry', 'entries')} already in the diary not added again."
        if added["already"]
        else ""
    )
    counted = [
        _count(added["ratings"], "rating"),
        _count(added["sessions"], "session"),
        _count(added["questionnaires"], "questionnaire"),
        _count(added["maps"], "body map"),
    ]
    console.print(
        f"Imported {', '.join(counted[:3])} and {counted[3]} from {file}." + already,
        soft_wrap=True,
    )


def _count(n: int, thing: str, things: str = "") -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {things or thing + 's'}"
