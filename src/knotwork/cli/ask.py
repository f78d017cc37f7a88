"""`knotwork ask`: the finder as a conversation, safety questions first."""

from __future__ import annotations

import click
from rich.markup import escape
from rich.panel import Panel

from knotwork.cli.common import _kb, console
from knotwork.cli.find import _print_result, _print_triage, print_readings
from knotwork.core.finder import (
    DISCLAIMER,
    find,
    interpret,
)
from knotwork.core.kb import KnowledgeBase
from knotwork.core.resolve import InputLimitError, resolver_for
from knotwork.core.triage import Level, screening_flags
from knotwork.core.words import whole_number


@click.command("ask")
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
    for alone in (f for f in kb.flags.values() if f.ask_alone):
        # which questions and their words come from the knowledge base; Enter leaves the
        # question open, never "no"
        said = click.prompt(
            f"{alone.question} (yes / no, Enter to skip)", default="", show_default=False
        )
        if said.strip().lower() in {"y", "yes"}:
            yes.append(alone.id)
        elif said.strip().lower() in {"n", "no"}:
            no.append(alone.id)
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
