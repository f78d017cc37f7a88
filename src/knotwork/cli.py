"""The command-line face of Knotwork: a thin Click + Rich layer over ``knotwork.core``."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from knotwork.core.answer import result_json
from knotwork.core.describe import describe_muscle, describe_region, describe_spot, find_entity
from knotwork.core.finder import (
    DEFAULT_LIMIT,
    DISCLAIMER,
    FinderResult,
    Interpretation,
    find,
    interpret,
)
from knotwork.core.kb import KBError, KnowledgeBase, default_kb, load_kb
from knotwork.core.kbtools import export, lint, sources_index, stats
from knotwork.core.labels import fit_word, level_word, side_word
from knotwork.core.resolve import InputLimitError, Reading, resolver_for
from knotwork.core.triage import Level, Triage, screening_flags
from knotwork.core.words import whole_number

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

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


def _text(value: str) -> str:
    """An argument as text: bytes that were not UTF-8 become U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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


def _print_triage(t: Triage) -> None:
    style = OPEN_STYLE if t.level is Level.none and not t.checked else LEVEL_STYLE[t.level]
    word = level_word(t.level, t.checked).upper()
    body = f"[{style}] {word} [/]  [bold]{escape(t.headline)}[/]\n{escape(t.action)}"
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


# --------------------------------------------------------------------------- browse


@main.command("spots")
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
    """Answer a few questions in the terminal and get ranked suggestions.

    The safety questions come first, in short groups; an emergency answer ends the
    questions at once. Words that were not understood are asked again.
    """
    kb = _kb(ctx)
    console.print(
        Panel(
            "[bold]Knotwork[/]: where does it hurt?\n"
            "First, a few short groups of safety questions. Then tell us where it hurts "
            "in your own words.\n[dim]" + escape(DISCLAIMER) + "[/]",
            expand=False,
        )
    )
    yes: list[str] = []
    no: list[str] = []
    groups: dict[str | None, list[str]] = {}
    for flag in screening_flags(kb):
        groups.setdefault(flag.group, []).append(flag.id)
    for gid, ids in groups.items():
        title = kb.flag_groups[gid].title if gid in kb.flag_groups else "Other questions"
        chosen = _ask_group(kb, title, ids)
        if chosen is None:
            console.print("[yellow]Left open: we will treat these as not answered.[/]")
            continue
        yes += chosen
        no += [i for i in ids if i not in chosen]
        if any(kb.flags[i].tier.value == "emergency" for i in chosen):
            break  # no more questions about pain: what matters now is getting help
    early = find(kb, interpret(kb, flags=yes, flags_no=no).report)
    if early.triage.level is Level.emergency:
        _print_triage(early.triage)
        console.print("[bold]No self-treatment suggestions are shown: get medical help first.[/]")
        return
    age: int | None = None
    for _attempt in range(3):
        age_text = click.prompt("Your age (Enter to skip)", default="", show_default=False)
        text = age_text.strip()
        if not text:
            break
        number = whole_number(text, most_digits=3)
        if number is not None and number <= 120:
            age = number
            break
        console.print("[yellow]Type your age as a whole number from 0 to 120, or press Enter.[/]")
    first = kb.flags.get("first_episode")
    if first is not None:
        # the question's words come from the knowledge base; Enter leaves it open, never "no"
        said = click.prompt(
            f"{first.question} (yes / no, Enter to skip)", default="", show_default=False
        )
        if said.strip().lower() in {"y", "yes"}:
            yes.append(first.id)
        elif said.strip().lower() in {"n", "no"}:
            no.append(first.id)
    pain = _ask_words(
        kb, "pain", "Where does it hurt? (e.g. right back dimple, top of right buttock)"
    )
    quality = _ask_words(kb, "quality", "How does it feel? (e.g. deep ache; Enter to skip)")
    worse = _ask_words(
        kb, "worse", "What makes it worse? (e.g. sitting, leaning over the sink; Enter to skip)"
    )
    interpretation = interpret(kb, pain, quality, worse, yes, age, flags_no=no)
    result = find(kb, interpretation.report)
    _print_result(kb, result, interpretation)


def _ask_group(kb: KnowledgeBase, title: str, ids: list[str]) -> list[str] | None:
    """The numbers that apply in one group; ``None`` when no clear answer came."""
    console.print(f"\n[bold]{escape(title)}[/]")
    for i, fid in enumerate(ids, 1):
        console.print(f"  {i}. {escape(kb.flags[fid].question)}")
    prompt = "Type the numbers that apply (e.g. 1,3), or 'no' if none of them do"
    for _attempt in range(3):
        answer = click.prompt(prompt, default="", show_default=False).strip().lower()
        if answer in {"no", "n", "none", "0"}:
            return []
        parts = answer.replace(",", " ").split()
        if not parts:
            console.print("[yellow]Please answer: an empty line is not a no.[/]")
            continue
        if parts[0] in {"yes", "y"} and len(parts) == 1:
            if len(ids) == 1:
                return list(ids)
            console.print("[yellow]Which of them? Type their numbers.[/]")
            continue
        picked = [p for p in parts if 1 <= (whole_number(p) or 0) <= len(ids)]
        wrong = [p for p in parts if p not in picked and p not in {"yes", "y"}]
        if wrong or not picked:
            console.print(
                f"[yellow]'{escape(' '.join(wrong or parts))}' is not one of the numbers "
                f"1 to {len(ids)}; try again.[/]"
            )
            continue
        return [ids[int(p) - 1] for p in dict.fromkeys(picked)]
    return None


def _ask_words(kb: KnowledgeBase, field_name: str, prompt: str) -> list[str]:
    """Ask for words; ask again, with suggestions, for what was not understood."""
    resolver = resolver_for(kb)
    kept: list[str] = []
    text = click.prompt(prompt, default="", show_default=False)
    for _attempt in range(3):
        if not text.strip():
            break
        try:
            readings = resolver.read_field(field_name, [text])  # type: ignore[arg-type]
        except InputLimitError as exc:
            console.print(f"[yellow]{escape(exc.message)}[/]")
            readings = []
        missed = [r for r in readings if not r.understood]
        kept += [r.phrase for r in readings if r.understood]
        print_readings(tuple(readings))
        if not missed:
            break
        text = click.prompt(
            "Say the part we did not understand another way (Enter to skip)",
            default="",
            show_default=False,
        )
    return kept


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
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Start the web app: apply migrations to the local database, then run gunicorn."""
    import os

    kb_dir = ctx.find_root().params.get("kb_dir")
    _kb(ctx)  # a knowledge base with problems stops here, each problem named
    if kb_dir:
        os.environ["KNOTWORK_KB_DIR"] = str(Path(kb_dir).resolve())  # the one served
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotwork.web.settings")
    if host not in ("127.0.0.1", "localhost", "::1") and "KNOTWORK_ALLOWED_HOSTS" not in os.environ:
        os.environ["KNOTWORK_ALLOWED_HOSTS"] = ",".join(_host_names(host))
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import call_command

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(f"a setting is wrong: {exc}") from None
    _check_port(host, port)
    with _migrate_lock():
        call_command("migrate", interactive=False, verbosity=0)
    from gunicorn.app.base import BaseApplication

    from knotwork.web.wsgi import application

    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            # threads: a request sent slowly holds one thread, not a whole worker, and a
            # connection that sends nothing is dropped after the timeout (docs/deploy.md)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", 8)
            self.cfg.set("timeout", 30)
            self.cfg.set("keepalive", 5)
            self.cfg.set("limit_request_line", 8190)
            self.cfg.set("limit_request_fields", 100)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")
            self.cfg.set("preload_app", True)  # load the knowledge base once, then fork

        def load(self) -> Any:
            return application

    shown = f"[{host}]" if ":" in host else host
    console.print(f"Knotwork is running at [bold]http://{shown}:{port}/[/]  (Ctrl+C to stop)")
    Server().run()


def _host_names(host: str) -> list[str]:
    """The names a browser may use to reach this server: for 0.0.0.0 or :: (every
    address), this machine's names and addresses, never the literal "0.0.0.0"."""
    import socket

    names = ["127.0.0.1", "localhost", "[::1]"]
    if host not in ("0.0.0.0", "::"):
        return [*names, f"[{host}]" if ":" in host else host]
    machine = {socket.gethostname(), socket.getfqdn()}
    for name in list(machine):
        try:
            for info in socket.getaddrinfo(name, None):
                machine.add(str(info[4][0]))
        except OSError:
            continue
    return names + sorted(f"[{n}]" if ":" in n else n for n in machine if n)


def _check_port(host: str, port: int) -> None:
    """Say plainly when the port is taken, before gunicorn fails with tracebacks."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise click.ClickException(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}): another program is "
                f"using the port. Choose another with: knotwork serve --port {port + 1}"
            ) from None


@contextlib.contextmanager
def _migrate_lock() -> Iterator[None]:
    """One migration at a time on one data folder: first starts may run side by side."""
    from django.conf import settings

    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".migrate.lock", "w", encoding="utf-8") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: one local person, one start at a time
            pass
        yield


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
