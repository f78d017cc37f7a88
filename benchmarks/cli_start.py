"""Whole-process time of the CLI, as a person feels it: `--version`, and `find` without and
with the compiled knowledge base (core/kbcache.py). Prints a Markdown table.

    .venv/bin/python benchmarks/cli_start.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KNOTWORK = [sys.executable, "-m", "knotwork.cli"]
FIND = ["find", "--pain", "low back", "--no-red-flags", "--json"]


def _time(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(KNOTWORK + args, env=env, check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    cache = Path(tempfile.mkdtemp(prefix="knotwork-bench-cache-"))
    # as on a person's machine: Python keeps compiled bytecode of our modules (this
    # sandbox sets PYTHONDONTWRITEBYTECODE, which makes every start compile them anew)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    rows = [
        ("knotwork --version", ["--version"], {**base, "KNOTWORK_CACHE_DIR": "off"}),
        ("knotwork find, no compiled copy", FIND, {**base, "KNOTWORK_CACHE_DIR": "off"}),
    ]
    warm = {**base, "KNOTWORK_CACHE_DIR": str(cache)}
    subprocess.run(KNOTWORK + FIND, env=warm, check=True, capture_output=True)  # build it
    rows.append(("knotwork find, compiled copy", FIND, warm))
    print("| command | runs | median (s) | min (s) | max (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, args, env in rows:
        times = _time(args, env, runs)
        print(
            f"| {name} | {runs} | {statistics.median(times):.2f} | {min(times):.2f} "
            f"| {max(times):.2f} |"
        )


if __name__ == "__main__":
    main()
