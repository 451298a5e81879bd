"""The user's cache folder, where tables and compiled patterns that never change between runs are kept."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from healthlint import atomic


def folder() -> Path | None:
    """`$XDG_CACHE_HOME/healthlint`, else `~/.cache/healthlint`; None without a home folder."""
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "healthlint"
    except RuntimeError:  # no home folder
        return None


def path_for(source: Path, kind: str, form: str, suffix: str = ".txt") -> Path | None:
    """Where the compact form (`form`) of this copy of `source` lives; None when it cannot be kept."""
    root = folder()
    try:
        st = source.stat()
    except OSError:
        return None
    if root is None:
        return None
    key = hashlib.sha256(f"{form}\0{source}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()[:20]
    return root / f"{kind}-{key}{suffix}"


# Files are named `kind-key.ext`, the key a hash of what they were made from (healthlint's
# and its libraries' versions, their install); a file whose key no longer matches is never
# read again. Of each kind, the file just written and the newest other are kept, so two
# installs in use on one machine do not remake each other's files.
KEEP = 2


def write(path: Path, data: bytes) -> bool:
    """Write atomically (temporary file, then rename); a folder that cannot be written is skipped (False)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, data)
    except OSError:
        return False
    _prune(path)
    return True


def _prune(path: Path) -> None:
    """Remove older files of `path`'s kind, so the folder does not grow with each upgrade."""
    kind, _, key = path.stem.rpartition("-")
    same = re.compile(rf"{re.escape(kind)}-[0-9a-f]{{{len(key)}}}{re.escape(path.suffix)}")
    try:
        others = [(p.stat().st_mtime, p) for p in path.parent.iterdir() if p.name != path.name and same.fullmatch(p.name)]
        for _, old in sorted(others, reverse=True)[KEEP - 1 :]:
            old.unlink()
    except OSError:  # another run removed it first, or the folder is read-only
        pass
