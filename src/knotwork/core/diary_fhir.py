"""A diary export as a FHIR R4 Bundle (type collection), for a clinician's system.

Daily pain is an Observation coded LOINC 72514-3 (pain severity 0-10); each session a
Procedure performed by the person, its spots as body sites with the knowledge-base id;
pain right before and after a session are Observations part of that Procedure; each
questionnaire a QuestionnaireResponse. The Patient is pseudonymous: no name, no contact.
Input is the diary's JSON export (``web/diary/records.py``), so this needs no database.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Mapping
from typing import Any

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
KB_SYSTEM = "https://knotwork.invalid/kb/trigger-point"
REGION_SYSTEM = "https://knotwork.invalid/kb/body-region"
NAMESPACE = uuid.UUID("6f1d7c1e-2b7e-4a53-9d53-6b1f5a0c9e11")


def _urn(*parts: object) -> str:
    return "urn:uuid:" + str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _pain(
    patient: str, value: int, when: str, label: str, key: tuple[object, ...]
) -> dict[str, Any]:
    return {
        "fullUrl": _urn("obs", *key),
        "resource": {
            "resourceType": "Observation",
            "status": "final",
            "category": [
                {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                            "code": "survey",
                        }
                    ]
                }
            ],
            "code": {
                "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
                "text": label,
            },
            "subject": {"reference": patient},
            "effectiveDateTime": when,
            "valueInteger": value,
        },
    }


def bundle(
    doc: Mapping[str, Any],
    *,
    person: str = "local-person",
    spot_name: Callable[[str], str] = str,
    region_name: Callable[[str], str] = str,
) -> dict[str, Any]:
    """The Bundle as plain JSON-ready data (validated against FHIR R4 in the tests)."""
    patient = _urn("patient", person)
    entries: list[dict[str, Any]] = [
        {
            "fullUrl": patient,
            "resource": {
                "resourceType": "Patient",
                "identifier": [
                    {
                        "system": "https://knotwork.invalid/person",
                        "value": _urn("person", person)[9:],
                    }
                ],
            },
        }
    ]
    for r in doc.get("daily_ratings", []):
        entries.append(
            _pain(
                patient,
                r["pain_average"],
                r["day"],
                "average pain over the last 24 hours",
                ("avg", r["day"]),
            )
        )
        if r.get("pain_now") is not None:
            entries.append(
                _pain(patient, r["pain_now"], r["day"], "pain right now", ("now", r["day"]))
            )
    for s in doc.get("sessions", []):
        proc = _urn("session", s["id"])
        entries.append(
            {
                "fullUrl": proc,
                "resource": {
                    "resourceType": "Procedure",
                    "status": "completed",
                    "code": {"text": "self-administered trigger point pressure"},
                    "subject": {"reference": patient},
                    "performedDateTime": s["day"],
                    "performer": [{"actor": {"reference": patient}}],
                    "reasonCode": [{"text": s["reason"]}],
                    "bodySite": [
                        {
                            "coding": [{"system": KB_SYSTEM, "code": sp["trigger_point"]}],
                            "text": f"{spot_name(sp['trigger_point'])} ({sp['side']}), "
                            f"{sp['minutes']:g} min",
                        }
                        for sp in s["spots"]
                    ],
                    **(
                        {"complication": [{"text": s["adverse"]}]}
                        if s.get("adverse") not in (None, "", "none")
                        else {}
                    ),
                },
            }
        )
        for field, label in (
            ("pain_before", "pain right before the session"),
            ("pain_after", "pain right after the session"),
            ("pain_next_morning", "pain the morning after the session"),
        ):
            if s.get(field) is not None:
                day = s["day"]
                if field == "pain_next_morning":
                    day = (
                        datetime.date.fromisoformat(day) + datetime.timedelta(days=1)
                    ).isoformat()
                obs = _pain(patient, s[field], day, label, (field, s["id"]))
                obs["resource"]["partOf"] = [{"reference": proc}]
                entries.append(obs)
    for i, q in enumerate(doc.get("instrument_responses", [])):
        items = [
            {"linkId": str(k), "answer": [{"valueInteger": int(v)}]}
            for k, v in sorted(q.get("answers", {}).items())
            if v is not None
        ]
        entries.append(
            {
                "fullUrl": _urn("qr", person, i, q["instrument"], q["day"]),
                "resource": {
                    "resourceType": "QuestionnaireResponse",
                    "status": "completed",
                    "questionnaire": f"https://knotwork.invalid/fhir/Questionnaire/{q['instrument']}",
                    "subject": {"reference": patient},
                    "authored": q["day"],
                    "item": items
                    or [{"linkId": "total", "answer": [{"valueDecimal": float(q["total"])}]}],
                },
            }
        )
    for i, m in enumerate(doc.get("pain_maps", [])):
        names = [region_name(r) for r in m["regions"]]
        entries.append(
            {
                "fullUrl": _urn("map", person, i, m["day"]),
                "resource": {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"text": "where it hurts, as marked on the Knotwork body map"},
                    "subject": {"reference": patient},
                    "effectiveDateTime": m["day"],
                    "valueString": "; ".join(names),
                    "component": [
                        {
                            "code": {"text": "area marked"},
                            "valueCodeableConcept": {
                                "coding": [{"system": REGION_SYSTEM, "code": r}],
                                "text": name,
                            },
                        }
                        for r, name in zip(m["regions"], names, strict=True)
                    ],
                    **({"note": [{"text": m["note"]}]} if m.get("note") else {}),
                },
            }
        )
    out: dict[str, Any] = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    if doc.get("exported_at"):
        out["timestamp"] = doc["exported_at"]
    return out
