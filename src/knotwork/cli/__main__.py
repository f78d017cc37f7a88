"""``python -m knotwork.cli``: the same as the ``knotwork`` command."""

from knotwork.cli import main

main()
