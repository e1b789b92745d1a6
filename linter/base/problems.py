"""The one error a data file raises when it cannot be used.

Rule packs, configurations and layout templates are all data a user edits;
each problem is a line that names the file (and line) and says what is
wrong, so all of them are reported at once instead of the first only.
"""
from __future__ import annotations

from typing import Sequence


class DataError(Exception):
    """A pack, configuration or template that cannot be used; `problems` are
    lines naming the file, the line and what is wrong."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)
