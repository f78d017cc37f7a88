"""A tiny knowledge base built by code, so engine tests do not move when content is edited."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

CITE = [{"source": "ts_vol2", "detail": "test chapter"}]


def _region(
    key: str,
    name: str,
    area: str,
    paired: bool = True,
    parent: str | None = None,
    near: list[str] | None = None,
    synonyms: list[str] | None = None,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "key": key,
        "name": name,
        "view": key.split(".", maxsplit=1)[0],
        "area": area,
        "paired": paired,
        "choir": {"left": 218, "right": 219} if paired else [218, 219],
    }
    if parent:
        entry["parent"] = parent
    if near:
        entry["near"] = near
    if synonyms:
        entry["synonyms"] = synonyms
    return entry


REGIONS = {
    "regions": [
        _region("back.low_back", "lower back", "low_back", synonyms=["low back", "lumbar"]),
        _region(
            "back.low_back.paraspinal_lower",
            "pit of the low back",
            "low_back",
            parent="back.low_back",
            near=["back.low_back.spine"],
        ),
        _region(
            "back.low_back.spine",
            "lower spine",
            "low_back",
            paired=False,
            near=["back.low_back.paraspinal_lower"],
            synonyms=["middle of the low back"],
        ),
        _region("back.low_back.flank", "side of the waist", "low_back", parent="back.low_back"),
        _region(
            "back.sacroiliac",
            "back dimple",
            "low_back",
            parent="back.low_back",
            synonyms=["si joint", "dimple"],
        ),
        _region("back.sacrum", "sacrum", "low_back", paired=False),
        _region("back.coccyx", "tailbone (coccyx)", "buttock", paired=False, synonyms=["coccyx"]),
        _region("back.buttock", "buttock", "buttock", synonyms=["butt", "glutes"]),
        _region("back.buttock.upper", "top of the buttock", "buttock", parent="back.buttock"),
        _region(
            "back.buttock.lower",
            "lower buttock",
            "buttock",
            parent="back.buttock",
            synonyms=["sit bone"],
        ),
        _region("back.hip.lateral", "outer hip", "hip", synonyms=["side of the hip", "trochanter"]),
        _region("back.thigh", "back of the thigh", "thigh", synonyms=["hamstrings"]),
        _region("front.groin", "groin", "groin"),
    ]
}

VOCABULARY = {
    "areas": [
        {"id": a, "label": a.replace("_", " ").title()}
        for a in ("low_back", "buttock", "hip", "thigh", "groin")
    ],
    "qualities": [
        {"id": "deep_ache", "label": "deep ache", "synonyms": ["aching", "dull"]},
        {"id": "burning", "label": "burning"},
    ],
    "aggravators": [
        {"id": "prolonged_sitting", "label": "sitting for a long time", "synonyms": ["sitting"]},
        {"id": "turning_in_bed", "label": "turning over in bed"},
        {
            "id": "leaning_over_sink",
            "label": "leaning over a sink",
            "synonyms": ["leaning over the sink", "doing dishes"],
        },
        {"id": "walking", "label": "walking"},
    ],
    "differentials": [
        {
            "id": "si_joint_pain",
            "label": "SI joint pain",
            "description": "joint pain at the dimple",
            "how_to_tell": "provocation tests by a clinician",
        },
    ],
    "tools": [
        {"id": "thumb", "label": "thumb", "description": "your thumb"},
        {"id": "ball_wall", "label": "ball against a wall", "description": "a ball on a wall"},
    ],
}

SOURCES = {
    "sources": [
        {
            "id": "ts_vol2",
            "kind": "book",
            "title": "Trigger Point Manual, Volume 2",
            "authors": ["Travell JG", "Simons DG"],
            "year": 1992,
        },
    ]
}

RED_FLAGS = {
    "tiers": [
        {"tier": t, "headline": f"{t} headline", "action": f"{t} action"}
        for t in ("emergency", "same_day", "urgent", "see_doctor", "context")
    ],
    "flags": [
        {
            "id": "saddle_numbness",
            "question": "Numb saddle area?",
            "tier": "emergency",
            "synonyms": ["numb saddle area"],
            "why": "nerve compression",
            "sources": CITE,
        },
        {
            "id": "cancer_history",
            "question": "Ever had cancer?",
            "tier": "urgent",
            "synonyms": ["cancer"],
            "why": "spread to spine",
            "sources": CITE,
        },
        {
            "id": "stable_sciatica",
            "question": "Leg pain below the knee?",
            "tier": "see_doctor",
            "why": "nerve root",
            "sources": CITE,
        },
        {
            "id": "first_episode",
            "question": "First time?",
            "tier": "context",
            "why": "combined with age",
            "sources": CITE,
        },
    ],
    "rules": [
        {
            "id": "new_pain_over_50",
            "label": "new pain after 50",
            "tier": "urgent",
            "all_of": ["first_episode"],
            "age_over": 50,
            "sources": CITE,
        },
    ],
}


def _treatment() -> dict[str, Any]:
    return {
        "technique": "ball against a wall",
        "tools": ["ball_wall"],
        "position": "standing",
        "posture": "standing",
        "pressure": "firm but bearable",
        "angle": "straight in",
        "dose": {"summary": "one minute", "minutes_per_side": 2.0, "hold_seconds": 60},
        "steps": ["place the ball", "lean in"],
        "stop_if": ["sharp pain"],
        "evidence": "expert_opinion",
    }


def _tp(
    tp_id: str,
    location: str,
    essential: list[str],
    spillover: list[str],
    commonness: str = "common",
    aggravators: list[str] | None = None,
    companions: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": tp_id,
        "name": f"{tp_id} point",
        "location": "somewhere on the back",
        "location_region": location,
        "landmarks": ["a bone"],
        "how_to_find": ["feel for the bone", "press beside it"],
        "referral": {"essential": essential, "spillover": spillover},
        "qualities": ["deep_ache"],
        "aggravators": aggravators or ["prolonged_sitting"],
        "perpetuating_factors": ["sitting still"],
        "self_treatment": [_treatment()],
        "companions": companions or [],
        "differentials": ["si_joint_pain"],
        "cautions": ["go gently"],
        "commonness": commonness,
        "evidence": "expert_opinion",
        "evidence_note": "an expert description",
        "sources": CITE,
    }


def _muscle(mid: str, area: str, tps: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "muscle": {
            "id": mid,
            "name": mid.title(),
            "latin": f"Musculus {mid}",
            "area": area,
            "description": f"The {mid} muscle.",
            "trigger_points": tps,
        }
    }


MUSCLES = {
    "alpha": _muscle(
        "alpha",
        "buttock",
        [
            _tp(
                "upper",
                "back.buttock.upper",
                ["back.sacroiliac", "back.buttock.upper"],
                ["back.thigh"],
                "very_common",
                companions=["beta/low"],
            ),
        ],
    ),
    "beta": _muscle(
        "beta",
        "low_back",
        [
            _tp(
                "low",
                "back.low_back.paraspinal_lower",
                ["back.low_back.paraspinal_lower", "back.buttock"],
                [],
                "common",
                companions=["alpha/upper"],
            ),
        ],
    ),
    "gamma": _muscle(
        "gamma",
        "low_back",
        [
            _tp(
                "side",
                "back.low_back.flank",
                ["back.hip.lateral"],
                ["back.thigh", "front.groin"],
                "common",
                aggravators=["turning_in_bed", "leaning_over_sink"],
            ),
        ],
    ),
    "delta": _muscle(
        "delta",
        "low_back",
        [
            _tp("band", "back.sacrum", ["back.sacroiliac@both"], ["back.coccyx"], "uncommon"),
        ],
    ),
}

SPOTS = {
    "spots": [
        {
            "number": 12,
            "title": "Top of the buttock",
            "summary": "A spot under the dimple.",
            "conditions": ["low back pain"],
            "pain_locations": ["back.low_back", "back.buttock"],
            "trigger_points": ["alpha/upper"],
            "sources": CITE,
        },
    ]
}


EVIDENCE = {
    "summaries": [
        {
            "id": "referral_maps",
            "question": "Are referral maps validated?",
            "summary": "They are expert descriptions.",
            "grade": "expert_opinion",
            "certainty": "not_rated",
            "sources": CITE,
        },
    ]
}


def fixture_files() -> dict[str, Any]:
    """Relative path -> YAML data of the tiny knowledge base (deep copies, safe to edit)."""
    files: dict[str, Any] = {
        "regions.yaml": REGIONS,
        "vocabulary.yaml": VOCABULARY,
        "sources.yaml": SOURCES,
        "red_flags.yaml": RED_FLAGS,
        "spots.yaml": SPOTS,
        "evidence.yaml": EVIDENCE,
    }
    for mid, data in MUSCLES.items():
        files[f"muscles/{mid}.yaml"] = data
    return copy.deepcopy(files)


def write_kb(root: Path, files: dict[str, Any] | None = None) -> Path:
    """Write the tiny knowledge base (or ``files``) into ``root`` and return it."""
    for rel, data in (files if files is not None else fixture_files()).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return root
