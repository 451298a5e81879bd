"""The user's cache folder, where tables and compiled patterns that never change between runs are kept."""

from __future__ import annotations

import os
from pathlib import Path

from healthlint import atomic


def folder() -> Path | None:
    """`$XDG_CACHE_HOME/healthlint`, else `~/.cache/healthlint`; None without a home folder."""
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "healthlint"
    except RuntimeError:  # no home folder
        return None


def write(path: Path, data: bytes) -> bool:
    """Write atomically (temporary file, then rename); a folder that cannot be written is skipped (False)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, data)
    except OSError:
        return False
    return True
