"""Time the resolver: phrases per second, and the worst cases of huge input.

Run: .venv/bin/python benchmarks/resolver.py   (figures go in docs/benchmarks.md)

Phrases come from the lay test set (both halves: timing tunes nothing). Each phrase is
read by a fresh resolver's uncached path (`Resolver._read`), then the last 1,000 through
the cache as the faces use it (the cache is bounded by size; the whole set no longer
fits). The worst cases are what a hostile request could send: 100 KB of spaces, 100 KB
of unclosed brackets, and one item of 15,000 comma-separated words, each through
`interpret` (which refuses them) and straight into the reader (which reads at most
MAX_PHRASE_CHARS of a phrase).
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.eval.lay import load_lay_vignettes, load_phrases

from knotwork.core.finder import interpret
from knotwork.core.kb import load_kb
from knotwork.core.resolve import InputLimitError, Resolver
from knotwork.core.words import split_phrases


def _clock(fn: object, repeat: int = 5) -> float:
    """Best of ``repeat`` runs, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    kb = load_kb()
    start = time.perf_counter()
    resolver = Resolver(kb)
    build_ms = (time.perf_counter() - start) * 1000
    items: list[tuple[str, str]] = [(p.field, p.text) for p in load_phrases()]
    for v in load_lay_vignettes():
        for field, values in (("pain", v.pain), ("quality", v.quality), ("worse", v.worse)):
            items += [(field, t) for t in split_phrases(values)]
        items += [("flags", t) for t in split_phrases(v.flags)]
    times = []
    for field, text in items:
        t0 = time.perf_counter()
        resolver._read(field, text)  # type: ignore[arg-type]
        times.append((time.perf_counter() - t0) * 1000)
    # the cache is bounded by the characters it holds (CACHE_CHARS): the whole set no longer
    # fits, and a pass over all of it in order would measure its forgetting, so the cached
    # pass reads the last 1,000 phrases (warmed first), as a worker sees repeated phrases
    recent = items[-1000:]
    for f, t in recent:
        resolver.read(f, t)  # type: ignore[arg-type]
    cached = _clock(lambda: [resolver.read(f, t) for f, t in recent])  # type: ignore[arg-type]
    times.sort()
    print(f"Python {platform.python_version()}, {platform.machine()}")
    print(f"resolver build: {build_ms:.1f} ms; {len(resolver.entries)} known phrases\n")
    print("| reading | phrases | phrases/s | mean (ms) | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = sum(times)
    print(
        f"| uncached | {len(times)} | {len(times) / total * 1000:,.0f} | "
        f"{statistics.mean(times):.3f} | {times[len(times) // 2]:.3f} | "
        f"{times[int(len(times) * 0.95)]:.3f} | {times[-1]:.3f} |"
    )
    print(f"| cached | {len(recent)} | {len(recent) / cached * 1000:,.0f} | | | | |")

    print("\n| worst case | interpret (ms) | answer | reader alone (ms) |")
    print("|---|---:|---|---:|")
    hostile = {
        "100 KB of spaces": " " * 100_000,
        "100 KB of unclosed brackets": "low back " + "(" * 100_000,
        "15,000-word comma list": ",".join(["word"] * 15_000),
        "300-character phrase of words": ("top of my right buttock " * 13)[:300],
    }
    for name, text in hostile.items():

        def run_interpret(text: str = text) -> str:
            try:
                interpret(kb, [text])
            except InputLimitError as exc:
                return f"refused: {exc.message}"
            return "read"

        answer = run_interpret()
        ms = _clock(run_interpret)
        reader = _clock(lambda text=text: Resolver._read(resolver, "pain", text[:300]))
        print(f"| {name} | {ms:.2f} | {answer} | {reader:.2f} |")


if __name__ == "__main__":
    main()
