"""A progress line on stderr for long runs on a terminal.

No library: a carriage-return line, redrawn at most ten times a second, is
all a long `jxlint check` needs. It stays silent when stderr is not a
terminal (CI, pipes, pre-commit), with --quiet, and for short runs.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Optional, TextIO

MIN_FILES = 20


class Progress:
    def __init__(self, total: int, stream: Optional[TextIO] = None, enabled: Optional[bool] = None):
        self.total = total
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = (total >= MIN_FILES and not os.environ.get("CI")
                       and hasattr(self.stream, "isatty") and self.stream.isatty())
        self.enabled = enabled
        self.done = 0
        self._last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done >= self.total:
            self._last = now
            width = 30
            filled = int(width * self.done / max(1, self.total))
            self.stream.write(f"\r检查中 [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
