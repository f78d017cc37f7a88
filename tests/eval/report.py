"""`make eval`: print the finder's accuracy on the vignettes."""

from __future__ import annotations

from knotwork.core.kb import default_kb
from tests.eval.evaluate import evaluate, format_report, load_vignettes


def main() -> None:
    print(format_report(evaluate(default_kb(), load_vignettes())))


if __name__ == "__main__":
    main()
