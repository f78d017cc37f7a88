"""Write the JSON Schema of every knowledge-base, questionnaire and diary-export file type
(``make schema``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from knotwork.core.diary_export import DiaryExport
from knotwork.core.instruments import InstrumentFile
from knotwork.core.schema import (
    EvidenceFile,
    KBExport,
    MuscleFile,
    PhrasingFile,
    RedFlagsFile,
    RegionsFile,
    RoutinesFile,
    SourcesFile,
    SpotsFile,
    VocabularyFile,
)

SCHEMAS: dict[str, type[BaseModel]] = {
    "regions": RegionsFile,
    "vocabulary": VocabularyFile,
    "sources": SourcesFile,
    "red_flags": RedFlagsFile,
    "spots": SpotsFile,
    "routines": RoutinesFile,
    "evidence": EvidenceFile,
    "muscle": MuscleFile,
    "phrasing": PhrasingFile,
    "kb-export": KBExport,
    "instrument": InstrumentFile,
    "diary-export": DiaryExport,
}


def schema_documents() -> dict[str, str]:
    """File name -> JSON text of each schema, stable for comparison."""
    out: dict[str, str] = {}
    for name, model in SCHEMAS.items():
        doc: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"knotwork/{name}.schema.json",
            **model.model_json_schema(),
        }
        out[f"{name}.schema.json"] = json.dumps(doc, indent=2, sort_keys=True) + "\n"
    return out


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "schema")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in schema_documents().items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"wrote {target / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
