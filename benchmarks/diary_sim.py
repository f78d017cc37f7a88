"""The simulation figures quoted in docs/diary.md: how often the diary's analysis and the
planned test claim something in worlds with and without an effect. Prints a Markdown table.

    .venv/bin/python benchmarks/diary_sim.py [diaries]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.core.diary_sim import simulate
from tests.core.trial_sim import ks_uniform, simulate_outcomes

from knotwork.core.diary import naive_change, what_helps
from knotwork.core.trial import analyse, plan


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rows = []
    for label, kw in (
        ("no effect, flare days only, 90 days", {"days": 90, "planned": 0.0}),
        ("no effect, flare days and 40% of others, 90 days", {"days": 90}),
        ("2-point effect, flare days and 40% of others, 56 days", {"days": 56, "effect": -2.0}),
    ):
        lower = either = 0
        naive = []
        for k in range(n):
            ratings, sessions = simulate(
                kw["days"],
                effect=kw.get("effect", 0.0),
                planned=kw.get("planned", 0.4),
                seed=10_000 + k,
            )
            f = what_helps(ratings, sessions, resamples=299)[0]
            either += f.tier == "seems_associated"
            lower += f.tier == "seems_associated" and (f.estimate or 0) < 0
            c = naive_change(ratings, sessions)
            naive.append(c if c is not None else 0.0)
        rows.append(
            (
                f"diary: {label}",
                f"lower {lower / n:.1%}, either way {either / n:.1%}, "
                f"naive next-day change {sum(naive) / n:+.2f}",
            )
        )
    for pairs, effect in ((14, 0.0), (14, -2.0), (7, -2.0)):
        ps, found = [], 0
        for k in range(n):
            p = plan(date(2026, 1, 5), pairs, seed=k)
            r = analyse(p, simulate_outcomes(p, effect, seed=20_000 + k), permutations=499, seed=k)
            ps.append(r.p_value or 1.0)
            found += (r.p_value or 1.0) < 0.05 and (r.difference or 0) < 0
        extra = f", KS distance from uniform {ks_uniform(ps):.3f}" if effect == 0 else ""
        rows.append(
            (
                f"planned test: {pairs} pairs, effect {effect:+g}",
                f"p < 0.05 and lower {found / n:.1%}, any p < 0.05 "
                f"{sum(x < 0.05 for x in ps) / n:.1%}{extra}",
            )
        )
    print(f"| world ({n} each) | result |\n|---|---|")
    for a, b in rows:
        print(f"| {a} | {b} |")


if __name__ == "__main__":
    main()
