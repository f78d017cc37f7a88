"""Time the finder on the shipped knowledge base and on generated ones.

Run: make bench   (or: .venv/bin/python benchmarks/finder.py)
Prints Markdown tables; docs/benchmarks.md holds the figures from one run.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fixture_kb import EVIDENCE, RED_FLAGS, SOURCES, VOCABULARY, _muscle, _tp, write_kb

from knotwork.core.finder import FinderIndex, Mark, PainReport, find, interpret
from knotwork.core.kb import KnowledgeBase, default_kb, load_kb


def generated_kb(trigger_points: int, region_keys: int = 100, seed: int = 7) -> KnowledgeBase:
    """A synthetic KB: ``region_keys`` paired keys (2x regions), ``trigger_points`` points."""
    rnd = random.Random(seed)
    keys = [f"back.zone{i:03d}" for i in range(region_keys)]
    regions = [
        {
            "key": k,
            "name": f"zone {i}",
            "view": "back",
            "area": "low_back",
            "paired": True,
            "choir": {"left": 218, "right": 219},
        }
        for i, k in enumerate(keys)
    ]
    files: dict[str, Any] = {
        "regions.yaml": {"regions": regions},
        "vocabulary.yaml": VOCABULARY,
        "sources.yaml": SOURCES,
        "red_flags.yaml": RED_FLAGS,
        "evidence.yaml": EVIDENCE,
    }
    per_muscle = 4
    for m in range(0, trigger_points, per_muscle):
        tps = []
        for t in range(min(per_muscle, trigger_points - m)):
            zone = rnd.sample(keys, rnd.randint(2, 8))
            n_ess = rnd.randint(1, min(4, len(zone) - 1))
            tps.append(
                _tp(
                    f"p{t}",
                    rnd.choice(keys),
                    zone[:n_ess],
                    zone[n_ess:],
                    rnd.choice(["very_common", "common", "occasional", "uncommon"]),
                )
            )
        mid = f"m{m // per_muscle:04d}"
        files[f"muscles/{mid}.yaml"] = _muscle(mid, "low_back", tps)
    first = "m0000/p0"
    files["spots.yaml"] = {
        "spots": [
            {
                "number": 1,
                "title": "A spot",
                "summary": "A generated spot.",
                "conditions": ["test"],
                "pain_locations": [keys[0]],
                "trigger_points": [first],
                "sources": [{"source": "ts_vol2"}],
            }
        ]
    }
    with tempfile.TemporaryDirectory(prefix="knotwork-bench-") as tmp:
        return load_kb(write_kb(Path(tmp), files))


def reports(kb: KnowledgeBase, n: int, seed: int = 11) -> list[PainReport]:
    rnd = random.Random(seed)
    regions = sorted(kb.regions)
    aggs = sorted(kb.aggravators)
    return [
        PainReport.build(
            [Mark(r) for r in rnd.sample(regions, rnd.randint(1, 4))],
            aggravators=rnd.sample(aggs, rnd.randint(0, 2)),
        )
        for _ in range(n)
    ]


def time_queries(kb: KnowledgeBase, queries: list[PainReport]) -> dict[str, float]:
    find(kb, queries[0])  # build the index outside the timing
    samples = []
    for q in queries:
        start = time.perf_counter()
        find(kb, q)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "mean": statistics.fmean(samples),
        "p50": samples[len(samples) // 2],
        "p95": samples[int(len(samples) * 0.95)],
        "max": samples[-1],
    }


def time_phrases(kb: KnowledgeBase, n: int) -> float:
    phrases = [
        ["right back dimple", "top of right buttock"],
        ["outer left hip", "left groin"],
        ["coccyx (tailbone)"],
        ["right pit of my low back", "right sit bone"],
    ]
    interpret(kb, phrases[0])
    start = time.perf_counter()
    for i in range(n):
        find(kb, interpret(kb, phrases[i % len(phrases)], worse=["leaning over the sink"]).report)
    return (time.perf_counter() - start) * 1000 / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{args.queries} random queries of 1-4 regions each\n"
    )
    kb = default_kb()
    start = time.perf_counter()
    FinderIndex.build(kb)
    build_ms = (time.perf_counter() - start) * 1000
    stats = time_queries(kb, reports(kb, args.queries))
    print(
        "| knowledge base | trigger points | regions | index build (ms) | mean (ms) "
        "| p50 (ms) | p95 (ms) | max (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| shipped | {len(kb.trigger_points)} | {len(kb.regions)} | {build_ms:.1f} | "
        f"{stats['mean']:.3f} | {stats['p50']:.3f} | {stats['p95']:.3f} | {stats['max']:.3f} |"
    )
    for size in (250, 500, 1000, 2000):
        gkb = generated_kb(size)
        start = time.perf_counter()
        FinderIndex.build(gkb)
        build_ms = (time.perf_counter() - start) * 1000
        stats = time_queries(gkb, reports(gkb, args.queries))
        print(
            f"| generated | {size} | {len(gkb.regions)} | {build_ms:.1f} | "
            f"{stats['mean']:.3f} | {stats['p50']:.3f} | {stats['p95']:.3f} | "
            f"{stats['max']:.3f} |"
        )
    per_phrase = time_phrases(kb, max(200, args.queries // 4))
    print(f"\nWith phrase resolution (interpret + find, shipped KB): {per_phrase:.3f} ms per query")


if __name__ == "__main__":
    main()
