"""Writing a file so that readers see the old version or the new one, never half of one."""

from __future__ import annotations

import os
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place.

    Two runs sharing a folder, or a run killed half-way, never leave a partial file.
    Raises OSError when the folder cannot be written; callers that keep caches skip it.
    """
    import tempfile  # only when writing: most runs only read

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
