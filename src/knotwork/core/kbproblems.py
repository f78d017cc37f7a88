"""What can be wrong with a knowledge base, said so a person can fix it: the file, the
entry and the field of each problem, the cause first."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

"""Tiers in order of seriousness (Tier is declared least to most serious)."""


@dataclass(frozen=True, order=True)
class KBProblem:
    """One problem in the knowledge base, located as precisely as we can."""

    file: str
    entry: str
    field: str
    message: str
    cause: bool = dataclasses.field(default=False, compare=False)
    """A file that could not be read at all: listed first, the rest may follow from it."""

    def __str__(self) -> str:
        where = " > ".join(part for part in (self.entry, self.field) if part)
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


class KBError(Exception):
    """The knowledge base did not load; :attr:`problems` says why."""

    def __init__(self, problems: Sequence[KBProblem]) -> None:
        # files that could not be read come first: the problems after them may follow
        self.problems = sorted(problems, key=lambda p: (not p.cause, p))
        super().__init__("\n".join(str(p) for p in self.problems))
