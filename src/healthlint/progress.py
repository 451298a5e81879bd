"""A one-line progress bar on standard error, for long runs watched on a terminal.

Never shown when standard error is piped or logged (CI), so logs and output stay clean.
"""

from __future__ import annotations

import os
import time
from typing import Callable, TextIO

MIN_FILES = 50  # fewer files finish before a bar would help
_WIDTH = 30
_INTERVAL = 0.1  # seconds between redraws


def wanted(stream: TextIO, count: Callable[[], int]) -> int:
    """The number of files for a bar: only for many files, on an interactive terminal, outside
    CI; else 0. Files are counted only then, as counting walks the folders again."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return 0
    try:
        if not stream.isatty():
            return 0
    except (AttributeError, ValueError):
        return 0
    files = count()
    return files if files >= MIN_FILES else 0


class Progress:
    """Counts finished files and redraws at most ten times a second; `close` wipes the line."""

    def __init__(self, stream: TextIO, total: int):
        self.stream = stream
        self.total = total
        self.done = 0
        self._drawn = 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._drawn >= _INTERVAL or self.done == self.total:
            self._drawn = now
            filled = _WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} files")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * (_WIDTH + 30) + "\r")
        self.stream.flush()
