"""Tools over the whole knowledge base: lint, statistics, citations, export.

``kb check`` (in :mod:`knotwork.core.kb`) says whether the data is *valid*; this module
says whether it is *good*: no placeholders, no copy-pasted text between entries, no
run-on sentences, no vocabulary or regions that nothing uses, companions that point
both ways, and every region explained by some trigger point.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from knotwork.core.kb import KnowledgeBase, TriggerPointRecord, parse_zone_ref
from knotwork.core.precautions import danger_applies
from knotwork.core.schema import KBExport

Severity = Literal["error", "warning"]

PLACEHOLDER = re.compile(
    r"\b(todo|tbd|tbc|fixme|xxx+|lorem ipsum|placeholder|fill (?:this )?in)\b"
    r"|^\s*(\.\.\.|-|n/?a|none|\?+)\s*$",
    re.IGNORECASE,
)
LONG_SENTENCE_WORDS = 40
REPEAT_MIN_WORDS = 9
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, order=True)
class LintFinding:
    severity: Severity
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a model dump, with a dotted path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{path}[{i}]")


def _prose(record: TriggerPointRecord) -> Iterator[tuple[str, str]]:
    """The free-text fields of a trigger point (not ids)."""
    tp = record.point
    dump = tp.model_dump(
        mode="json",
        include={
            "name",
            "location",
            "landmarks",
            "how_to_find",
            "perpetuating_factors",
            "self_treatment",
            "cautions",
            "evidence_note",
        },
    )
    for path, text in _texts(dump, ""):
        if path.endswith(("tools", "evidence")) or re.search(r"tools\[\d+\]$", path):
            continue
        yield path, text


def explained_region_keys(kb: KnowledgeBase) -> set[str]:
    """Region keys that some trigger point's essential or spillover zone covers.

    A zone key covers itself and its children; a coarse region counts as explained
    when one of its children is.
    """
    zone_keys = {
        parse_zone_ref(ref)[0]
        for record in kb.trigger_points.values()
        for ref in (*record.point.referral.essential, *record.point.referral.spillover)
    }
    explained: set[str] = set()
    for key in kb.region_entries:
        chain = key
        while chain:
            if chain in zone_keys:
                explained.add(key)
                break
            parent = kb.region_entries[chain].parent if chain in kb.region_entries else None
            chain = parent or ""
    for key in list(explained):
        parent = kb.region_entries[key].parent
        while parent:
            explained.add(parent)
            parent = kb.region_entries[parent].parent
    return explained


def lint(kb: KnowledgeBase) -> list[LintFinding]:
    """Content problems: errors must be fixed; warnings are worth a look."""
    findings: list[LintFinding] = []

    def add(severity: Severity, where: str, message: str) -> None:
        findings.append(LintFinding(severity, where, message))

    sentences: dict[str, set[str]] = defaultdict(set)
    for ref, record in kb.trigger_points.items():
        for path, text in _prose(record):
            where = f"{ref} {path}"
            if PLACEHOLDER.search(text):
                add("error", where, f"placeholder text: {text!r}")
            for sentence in _SENTENCE.split(text):
                words = sentence.split()
                if len(words) > LONG_SENTENCE_WORDS:
                    add("warning", where, f"sentence of {len(words)} words; split it")
                if len(words) >= REPEAT_MIN_WORDS:
                    sentences[" ".join(w.lower().strip(".,;:") for w in words)].add(ref)
        tp = record.point
        if len(tp.how_to_find) < 2:
            add("error", ref, "how_to_find needs at least two steps")
        if not tp.companions:
            add("warning", ref, "lists no companions (trigger points that often come with it)")
        for i, treatment in enumerate(tp.self_treatment):
            named = {p.precaution for p in treatment.precautions}
            for pid, precaution in kb.precautions.items():
                if pid not in named and danger_applies(kb, precaution, tp, treatment):
                    add(
                        "error",
                        f"{ref} self_treatment[{i}].precautions",
                        f"over a danger area of {pid!r}: name it and how it changes this "
                        f"technique (default: {precaution.default.change.value})",
                    )
            dose = treatment.dose
            if not (dose.hold_seconds or dose.strokes or dose.passes):
                add(
                    "warning",
                    f"{ref} self_treatment[{i}].dose",
                    "give hold_seconds, strokes or passes as well as minutes",
                )
    for sentence, refs in sorted(sentences.items()):
        if len(refs) > 1:
            add(
                "warning",
                ", ".join(sorted(refs)),
                f"same sentence in several entries: {sentence[:60]!r}...",
            )

    used: dict[str, Counter[str]] = {
        k: Counter() for k in ("quality", "aggravator", "differential", "tool")
    }
    for record in kb.trigger_points.values():
        tp = record.point
        used["quality"].update(tp.qualities)
        used["aggravator"].update(tp.aggravators)
        used["differential"].update(tp.differentials)
        for t in tp.self_treatment:
            used["tool"].update(t.tools)
    for kind, vocab in (
        ("quality", kb.qualities),
        ("aggravator", kb.aggravators),
        ("differential", kb.differentials),
        ("tool", kb.tools),
    ):
        for vid in sorted(set(vocab) - set(used[kind])):
            add("warning", f"vocabulary.yaml {kind} {vid}", "not used by any trigger point")
    for key in sorted(set(kb.region_entries) - explained_region_keys(kb)):
        add(
            "warning",
            f"regions.yaml region {key}",
            "no trigger point refers pain here (essential or spillover)",
        )
    cited = {source for _, source, _ in kb.citations()}
    for sid in sorted(set(kb.sources) - cited):
        add("warning", f"sources.yaml source {sid}", "not cited by any entry")

    companion_of: dict[str, set[str]] = defaultdict(set)
    for ref, record in kb.trigger_points.items():
        for comp in record.point.companions:
            companion_of[comp].add(ref)
    for ref, record in kb.trigger_points.items():
        listed = set(record.point.companions)
        for other in sorted(companion_of[ref] - listed):
            add("warning", ref, f"{other} lists it as a companion but it does not list {other}")
        spot_mates = {
            mate
            for number in record.spots
            for mate in kb.spots[number].trigger_points
            if mate != ref
        }
        if spot_mates and not listed:
            add(
                "warning",
                ref,
                "shares a Perfect Spot with other trigger points but lists no companions",
            )
    return sorted(findings)


# --------------------------------------------------------------------------- statistics


def stats(kb: KnowledgeBase) -> dict[str, Any]:
    """Counts by body area, how full the optional fields are, and what is cited."""
    by_area: dict[str, dict[str, int]] = {}
    for area in kb.areas:
        muscles = [m for m in kb.muscles.values() if m.area == area]
        by_area[area] = {
            "muscles": len(muscles),
            "trigger_points": sum(len(m.trigger_points) for m in muscles),
        }
    tps = [r.point for r in kb.trigger_points.values()]
    treatments = [t for tp in tps for t in tp.self_treatment]

    def share(n: int, d: int) -> float:
        return round(n / d, 3) if d else 0.0

    filled = {
        "spillover zone": share(sum(bool(tp.referral.spillover) for tp in tps), len(tps)),
        "companions": share(sum(bool(tp.companions) for tp in tps), len(tps)),
        "muscle prevalence in low back pain": share(
            sum(m.prevalence_lbp is not None for m in kb.muscles.values()), len(kb.muscles)
        ),
        "dose with hold time, strokes or passes": share(
            sum(bool(t.dose.hold_seconds or t.dose.strokes or t.dose.passes) for t in treatments),
            len(treatments),
        ),
        "dose with times per day": share(
            sum(t.dose.times_per_day is not None for t in treatments), len(treatments)
        ),
        "second self-treatment technique": share(
            sum(len(tp.self_treatment) > 1 for tp in tps), len(tps)
        ),
    }
    cites = Counter(source for _, source, _ in kb.citations())
    explained = explained_region_keys(kb)
    return {
        "muscles": len(kb.muscles),
        "trigger_points": len(kb.trigger_points),
        "regions": len(kb.regions),
        "region_keys": len(kb.region_entries),
        "region_keys_explained": len(explained & set(kb.region_entries)),
        "spots": len(kb.spots),
        "red_flags": len(kb.flags),
        "sources": len(kb.sources),
        "by_area": by_area,
        "required_fields_filled": 1.0,  # the schema requires them; kb check enforces it
        "optional_fields_filled": filled,
        "evidence_grades": dict(Counter(tp.evidence.value for tp in tps)),
        "technique_evidence_grades": dict(Counter(t.evidence.value for t in treatments)),
        "citations_by_source": dict(sorted(cites.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def sources_index(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Source id -> the entries that cite it (with detail), in order."""
    out: dict[str, list[str]] = {sid: [] for sid in kb.sources}
    for entry, source, detail in kb.citations():
        out[source].append(f"{entry} ({detail})" if detail else entry)
    return out


# --------------------------------------------------------------------------- export


def export(kb: KnowledgeBase, licence: str = "CC-BY-SA-4.0") -> dict[str, Any]:
    """The whole validated knowledge base as one JSON document (schema/kb-export.schema.json)."""

    def dump(items: Any) -> list[Any]:
        return [i.model_dump(mode="json", exclude_none=True) for i in items]

    doc = {
        "format": "knotwork-kb",
        "format_version": 1,
        "licence": licence,
        "regions": dump(kb.region_entries.values()),
        "vocabulary": {
            "areas": dump(kb.areas.values()),
            "qualities": dump(kb.qualities.values()),
            "aggravators": dump(kb.aggravators.values()),
            "differentials": dump(kb.differentials.values()),
            "tools": dump(kb.tools.values()),
        },
        "sources": dump(kb.sources.values()),
        "red_flags": {
            "tiers": dump(kb.tiers.values()),
            "groups": dump(kb.flag_groups.values()),
            "flags": dump(kb.flags.values()),
            "rules": dump(kb.rules.values()),
        },
        "spots": dump(kb.spots[n] for n in sorted(kb.spots)),
        "evidence": dump(kb.evidence.values()),
        "muscles": dump(kb.muscles.values()),
        "phrasing": kb.phrasing.model_dump(mode="json", exclude_none=True),
    }
    # validating our own output keeps the export and its published schema in step
    KBExport.model_validate(doc)
    return doc
