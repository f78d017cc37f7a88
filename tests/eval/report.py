"""`make eval`: print the finder's accuracy on the vignettes and on the lay test set.

`python -m tests.eval.report --dev-failures` also lists what the development half of the
lay set got wrong (never the held-out half's).
"""

from __future__ import annotations

import sys

from knotwork.core.kb import default_kb
from tests.eval.evaluate import evaluate, format_report, load_vignettes
from tests.eval.lay import evaluate_lay, format_lay_report


def main() -> None:
    kb = default_kb()
    print(format_report(evaluate(kb, load_vignettes())))
    print(format_lay_report(evaluate_lay(kb), failures="--dev-failures" in sys.argv))


if __name__ == "__main__":
    main()
