"""Where one finder answer's time goes, part by part, in one process (no Django): reading
the body, reading the phrases, triage, ranking, the reasons, the answer's dict and its JSON.
Best of five rounds of 2,000 each. Prints a Markdown table.

    .venv/bin/python benchmarks/find_parts.py
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from pydantic_core import to_json

from knotwork.core import finder
from knotwork.core.answer import result_json
from knotwork.core.finder import find, interpret
from knotwork.core.kb import load_kb
from knotwork.core.triage import triage

BODY = {
    "pain": ["right back dimple", "top of right buttock"],
    "worse": ["leaning over the sink"],
    "age": 45,
}


def best_ms(fn: Callable[[], object], n: int = 2000) -> float:
    for _ in range(50):
        fn()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - start) / n * 1000)
    return best


def main() -> None:
    kb = load_kb()
    text = json.dumps(BODY)
    it = interpret(kb, BODY["pain"], [], BODY["worse"], [], 45)
    report = it.report
    result = find(kb, report)
    answer = result_json(kb, result, it)

    def only_triage() -> object:
        return triage(
            kb,
            report.flags,
            report.age,
            flags_no=report.flags_no,
            none_apply=report.none_apply,
            marks=[m.region for m in report.marks],
            ask_first=report.ask_first,
            unclear=report.unclear,
            qualities=report.qualities,
        )

    rows = [
        ("json.loads of the body", best_ms(lambda: json.loads(text))),
        (
            "interpret (phrases to a report)",
            best_ms(lambda: interpret(kb, BODY["pain"], [], BODY["worse"], [], 45)),
        ),
        ("find, whole", best_ms(lambda: find(kb, report))),
        ("  of which triage", best_ms(only_triage)),
    ]
    reasons = finder._reasons
    finder._reasons = lambda *args: ()  # type: ignore[assignment]
    try:
        without = best_ms(lambda: find(kb, report))
    finally:
        finder._reasons = reasons
    rows.append(("  find without the reasons", without))
    rows.append(("result_json (the answer's dict)", best_ms(lambda: result_json(kb, result, it))))
    rows.append((f"to_json ({len(to_json(answer)) // 1024} KB)", best_ms(lambda: to_json(answer))))
    print("| part | ms |\n|---|---:|")
    for name, ms in rows:
        print(f"| {name} | {ms:.3f} |")


if __name__ == "__main__":
    main()
