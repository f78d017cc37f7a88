"""Time of reading the compiled knowledge base (``load_compiled``) in fresh processes,
with the cycle collector paused during the read (as shipped) and running (as before),
alternately. Prints a Markdown table.

    .venv/bin/python benchmarks/kb_read.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys

ONE = """
import pickle, sys, time
import knotwork.core.kbcache as kc
if sys.argv[1] == "running":
    kc._unpickled = pickle.load
start = time.perf_counter()
kc.load_compiled()
print(time.perf_counter() - start)
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    subprocess.run([sys.executable, "-c", ONE, "paused"], check=True, capture_output=True)
    times: dict[str, list[float]] = {"paused": [], "running": []}
    for _ in range(runs):
        for mode, found in times.items():
            out = subprocess.run(
                [sys.executable, "-c", ONE, mode], check=True, capture_output=True, text=True
            )
            found.append(float(out.stdout) * 1000)
    print("| collector during the read | runs | median (ms) | min (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|")
    for mode, found in times.items():
        print(
            f"| {mode} | {runs} | {statistics.median(found):.0f} | {min(found):.0f}"
            f" | {max(found):.0f} |"
        )


if __name__ == "__main__":
    main()
