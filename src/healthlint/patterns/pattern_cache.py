"""Compiled patterns, and what healthlint reads from patterns, kept between runs in the
user's cache folder.

Compiling the built-in packs' patterns and the recognisers' took about 0.13 s of every
run. A `regex` pattern read back (`regex` pickles its compiled form) takes about 15 µs;
a stdlib `re` pattern is kept as the code `re` hands to its engine. The file is tied to
the versions of `regex` and Python that wrote it, and only `regex`'s own constructor may
be called while reading it. What is read from a pattern (its trigger words) is kept under
the source of the code that read it, so a change to that code reads every pattern again.
"""

from __future__ import annotations

import _sre  # what `re.compile` hands its compiled code to
import hashlib
import io
import pickle
import re
import sys
from pathlib import Path
from re import _compiler as _re_compiler
from re import _parser as _re_parser
from typing import Callable, TypeVar

import regex

from healthlint import user_cache

T = TypeVar("T")

FORMAT = "healthlint-patterns-1"
MAX_KEPT = 5_000  # a file past this holds old users' patterns: start it again

# (pattern, flags) -> pickled `regex` pattern; ("re", pattern, flags) -> `re`'s code for it;
# (reader, pattern) -> what the reader read from the pattern
_kept: dict[tuple, object] | None = None  # read from the file on first use
_new: dict[tuple, object] = {}


class _OnlyRegex(pickle.Unpickler):
    """Reads plain data and compiled `regex` patterns; refuses anything else a pickle could name."""

    def find_class(self, module: str, name: str):
        if (module, name) == ("regex._regex", "compile"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")


def _load(data: bytes):
    return _OnlyRegex(io.BytesIO(data)).load()


def _path() -> Path | None:
    folder = user_cache.folder()
    if folder is None:
        return None
    key = hashlib.sha256(f"{FORMAT}\0{regex.__version__}\0{sys.version}".encode()).hexdigest()[:20]
    return folder / f"patterns-{key}.pickle"


def _read() -> dict[tuple, object]:
    path = _path()
    try:
        kept = _load(path.read_bytes()) if path else {}
    except Exception:  # missing, half-written by an old version, or not ours: compile afresh
        return {}
    return kept if isinstance(kept, dict) else {}


def _store() -> dict:
    global _kept
    if _kept is None:
        _kept = _read()
    return _kept


def derived(reader: str, pattern: str, read: Callable[[str], T], valid: Callable[[object], bool]) -> T:
    """`read(pattern)`, kept under `reader`, which names the reading code and its version.
    The value must be plain immutable data (None, str, int, tuple, frozenset); a kept value
    that is not `valid` is read again."""
    key = (reader, pattern)
    kept = _store()
    value = kept.get(key, kept)
    if value is kept or not valid(value):
        value = kept[key] = _new[key] = read(pattern)
    return value  # type: ignore[return-value]


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile`, from the cache when this pattern was compiled by an earlier run."""
    key = (pattern, int(flags))
    data = _store().get(key)
    if data is not None:
        try:
            compiled = _load(data)
            if isinstance(compiled, regex.Pattern) and compiled.pattern == pattern:
                return compiled
        except Exception:
            pass
    compiled = regex.compile(pattern, flags)
    _new[key] = pickle.dumps(compiled)
    return compiled


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile`, from the cache when an earlier run compiled this pattern. The stdlib compiles
    in Python (2.5 ms for a consult-note form) and pickles a pattern as its text, so the compiled
    code is kept instead and handed to `_sre.compile`, as `re` does as its last step; `_sre` checks
    the code it is given, and the file belongs to one Python version."""
    flags = int(flags)
    if flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = ("re", pattern, flags)
    kept = _store().get(key)
    if _re_form(kept):
        try:
            return _sre.compile(pattern, *kept)
        except Exception:  # not code this Python accepts: compile afresh
            pass
    tree = _re_parser.parse(pattern, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    code = list(map(int, _re_compiler._code(tree, flags)))  # plain ints: the stdlib's named ones do not pickle
    args = (flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup))
    compiled = _sre.compile(pattern, *args)
    _new[key] = args
    return compiled


def _re_form(kept: object) -> bool:
    return (
        isinstance(kept, tuple)
        and len(kept) == 5
        and isinstance(kept[0], int)
        and isinstance(kept[1], list)
        and isinstance(kept[2], int)
        and isinstance(kept[3], dict)
        and isinstance(kept[4], tuple)
    )


def save() -> None:
    """Keep what this run compiled for the next one; a folder that cannot be written is skipped."""
    if not _new:
        return
    path = _path()
    if path is None:
        return
    kept = {**_read(), **_new}
    if len(kept) > MAX_KEPT:
        kept = dict(_new)
    user_cache.write(path, pickle.dumps(kept))
    _new.clear()
