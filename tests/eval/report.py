"""`make eval`: print the finder's accuracy on the vignettes and on the lay test set.

`python -m tests.eval.report --dev-failures` also lists what the development half of the
lay set got wrong (never the held-out half's). `python -m tests.eval.report --by-set` prints
how much of each development phrase set is understood, the sets waiting in
`tests/eval/lay/incoming/` included: the figures "arrived at" and "went to" in docs/finder.md.
"""

from __future__ import annotations

import sys

from knotwork.core.kb import default_kb
from tests.eval.evaluate import evaluate, format_report, load_vignettes
from tests.eval.lay import LAY_DIR, evaluate_lay, format_lay_report, load_phrases, score_phrase


def by_set() -> None:
    """Each development phrase file's share understood (never a held-out phrase)."""
    kb = default_kb()
    for path in sorted(LAY_DIR.glob("phrases*.yaml")) + sorted(
        (LAY_DIR / "incoming").glob("phrases*.yaml")
    ):
        dev = [p for p in load_phrases(path.parent, path.name) if p.half == "dev"]
        read = sum(score_phrase(kb, p).understood for p in dev)
        where = path.relative_to(LAY_DIR)
        print(f"{where}: {read}/{len(dev)} = {read / len(dev):.1%}" if dev else f"{where}: -")


def main() -> None:
    if "--by-set" in sys.argv:
        by_set()
        return
    kb = default_kb()
    print(format_report(evaluate(kb, load_vignettes())))
    print(format_lay_report(evaluate_lay(kb), failures="--dev-failures" in sys.argv))


if __name__ == "__main__":
    main()
