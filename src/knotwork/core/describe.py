"""Knowledge-base entries as plain data for the faces (CLI, web, API)."""

from __future__ import annotations

from typing import Any

from knotwork.core.kb import KnowledgeBase, Region, parse_zone_ref
from knotwork.core.precautions import precautions_for
from knotwork.core.schema import Citation, TriggerPoint
from knotwork.core.words import normalize, whole_number


def find_entity(kb: KnowledgeBase, text: str) -> tuple[str, str] | None:
    """Find a spot (by number), trigger point (``muscle/point``) or muscle by id or name.

    Returns ``("spot", "12")``, ``("trigger_point", "gluteus_maximus/tp1_upper")`` or
    ``("muscle", "gluteus_maximus")``; None when nothing matches.
    """
    raw = text.strip().lower().removeprefix("spot").strip().removeprefix("no.").strip()
    number = whole_number(raw)
    if number is not None and number in kb.spots:
        return "spot", raw
    raw = text.strip().lower()
    if raw in kb.trigger_points:
        return "trigger_point", raw
    if raw in kb.muscles:
        return "muscle", raw
    key = normalize(text)
    for mid, muscle in kb.muscles.items():
        names = [mid.replace("_", " "), muscle.name, muscle.latin, *muscle.synonyms]
        if key in {normalize(n) for n in names}:
            return "muscle", mid
    for ref, record in kb.trigger_points.items():
        if key == normalize(record.point.name):
            return "trigger_point", ref
    return None


def cite(kb: KnowledgeBase, citation: Citation) -> str:
    """A one-line reference: authors, title, year, detail, identifiers."""
    s = kb.sources[citation.source]
    authors = ", ".join(s.authors)
    parts = [f"{authors}. {s.title}"]
    if s.journal:
        parts.append(s.journal)
    if s.year:
        parts.append(str(s.year))
    if citation.detail:
        parts.append(citation.detail)
    if s.pmid:
        parts.append(f"PMID {s.pmid}")
    if s.doi:
        parts.append(f"doi:{s.doi}")
    return ". ".join(parts)


def _zone_labels(kb: KnowledgeBase, refs: list[str]) -> list[str]:
    out = []
    for ref in refs:
        key, both = parse_zone_ref(ref)
        entry = kb.region_entries[key]
        if not entry.paired:
            out.append(entry.name)
        elif both:
            out.append(f"{entry.name} (both sides)")
        else:
            out.append(entry.name)
    return out


def is_sensitive(kb: KnowledgeBase, key: str) -> bool:
    """Whether a region (or one it lies in) is an intimate area that needs consent."""
    seen: set[str] = set()
    current: str | None = key
    while current is not None and current not in seen:
        entry = kb.region_entries.get(current)
        if entry is None:
            return False
        if entry.sensitive:
            return True
        seen.add(current)
        current = entry.parent
    return False


def describe_trigger_point(kb: KnowledgeBase, muscle_id: str, tp: TriggerPoint) -> dict[str, Any]:
    ref = f"{muscle_id}/{tp.id}"
    return {
        "id": ref,
        "name": tp.name,
        "spots": list(kb.trigger_points[ref].spots),
        "location": tp.location,
        "location_region": tp.location_region,
        "sensitive": is_sensitive(kb, tp.location_region),
        "landmarks": list(tp.landmarks),
        "how_to_find": list(tp.how_to_find),
        "referral": {
            "essential": _zone_labels(kb, list(tp.referral.essential)),
            "spillover": _zone_labels(kb, list(tp.referral.spillover)),
            "essential_ids": list(tp.referral.essential),
            "spillover_ids": list(tp.referral.spillover),
        },
        "qualities": [kb.qualities[q].label for q in tp.qualities],
        "aggravators": [kb.aggravators[a].label for a in tp.aggravators],
        "perpetuating_factors": list(tp.perpetuating_factors),
        "self_treatment": [
            {
                **t.model_dump(mode="json"),
                "tools": [kb.tools[x].label for x in t.tools],
                # the precautions as they change this technique, in the words to show
                "precautions": [
                    {
                        "id": a.id,
                        "label": a.label,
                        "change": a.change.value,
                        "say": a.say,
                        "specific": a.specific,
                    }
                    for a in precautions_for(kb, tp, t)
                ],
            }
            for t in tp.self_treatment
        ],
        "companions": list(tp.companions),
        "differentials": [kb.differentials[d].label for d in tp.differentials],
        "cautions": list(tp.cautions),
        "commonness": tp.commonness.value,
        "evidence": tp.evidence.value,
        "evidence_note": tp.evidence_note,
        "sources": [cite(kb, c) for c in tp.sources],
    }


def describe_muscle(kb: KnowledgeBase, muscle_id: str, only: str | None = None) -> dict[str, Any]:
    """A muscle and its trigger points (or only the one named ``only``)."""
    m = kb.muscles[muscle_id]
    return {
        "id": m.id,
        "name": m.name,
        "latin": m.latin,
        "synonyms": list(m.synonyms),
        "area": m.area,
        "description": m.description,
        "prevalence_lbp": m.prevalence_lbp.model_dump(mode="json") if m.prevalence_lbp else None,
        "trigger_points": [
            describe_trigger_point(kb, m.id, tp)
            for tp in m.trigger_points
            if only is None or tp.id == only
        ],
    }


def describe_spot(kb: KnowledgeBase, number: int) -> dict[str, Any]:
    spot = kb.spots[number]
    return {
        "number": spot.number,
        "title": spot.title,
        "summary": spot.summary,
        "conditions": list(spot.conditions),
        "pain_locations": _zone_labels(kb, list(spot.pain_locations)),
        "pain_location_ids": list(spot.pain_locations),
        "trigger_points": [
            {
                "id": ref,
                "name": kb.trigger_points[ref].point.name,
                "muscle": kb.trigger_points[ref].muscle.name,
            }
            for ref in spot.trigger_points
        ],
        "sources": [cite(kb, c) for c in spot.sources],
    }


def describe_region(region: Region) -> dict[str, Any]:
    """A body region as data: id, label in the person's frame, view, side, CHOIR segments."""
    return {
        "id": region.id,
        "label": region.label,
        "view": region.view.value,
        "side": region.side.value,
        "area": region.area,
        "parent": region.parent,
        "choir": list(region.choir),
        "synonyms": list(region.synonyms),
    }
