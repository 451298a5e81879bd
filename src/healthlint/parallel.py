"""Lint many files over several processes; results come back in the order the files were given.

The first file is linted in this process before workers start, so the rule packs,
parser and word tables it loads are shared with the workers instead of loaded again.
"""

from __future__ import annotations

import os
import sys
from itertools import chain, islice
from typing import Iterable, Iterator

from healthlint.findings import FileResult
from healthlint.linter import Linter, Target

# Below this many files per worker, starting workers costs more than it saves.
FILES_PER_WORKER = 16
MAX_CHUNK = 32  # files sent to a worker at once

_linter: Linter | None = None
_stdin: bytes | None = None


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def workers(jobs: int | None, files: int) -> int:
    """Processes to use: `jobs` if given (1 = this process only), else as many as pay off."""
    if jobs is not None:
        return max(1, min(jobs, files))
    return max(1, min(cpu_count(), files // FILES_PER_WORKER))


def lint_all(
    linter: Linter,
    targets: Iterable[Target],
    stdin: bytes | None = None,
    jobs: int | None = None,
) -> Iterator[FileResult]:
    """Lint every target, yielding results in the order given, one at a time, so a
    reporter can write each file's findings and let them go."""
    pending = iter(targets)
    # Enough files to choose workers and their share as the whole list would; the rest are found as linting goes.
    head = list(islice(pending, 1 + 8 * MAX_CHUNK * (jobs or cpu_count())))
    n = workers(jobs, len(head))
    if n > 1:
        yield linter.lint(head.pop(0), stdin)
    if n <= 1 or len(head) < 2:
        for target in chain(head, pending):
            yield linter.lint(target, stdin)
        return
    import multiprocessing  # only here: most runs lint a few files in this process

    chunk = max(1, min(MAX_CHUNK, len(head) // (n * 8)))
    method = "fork" if sys.platform == "linux" else None
    context = multiprocessing.get_context(method)
    with context.Pool(n, initializer=_init, initargs=(linter, stdin)) as pool:
        yield from pool.imap(_lint_one, chain(head, pending), chunksize=chunk)


def _init(linter: Linter, stdin: bytes | None) -> None:
    global _linter, _stdin
    _linter, _stdin = linter, stdin


def _lint_one(target: Target) -> FileResult:
    assert _linter is not None
    return _linter.lint(target, _stdin)
