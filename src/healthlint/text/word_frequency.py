"""How common an English word is, from the `wordfreq` package's data, read offline and only when first asked.

wordfreq (code Apache-2.0, data CC BY-SA 4.0, Robyn Speer) pools subtitles, news, books,
Wikipedia, web text and social media into one frequency per word. Its "small" English
list holds the 29,000 words used at least once per million words (Zipf 3.0 or more), in
bands of a hundredth of a Zipf step. Importing wordfreq costs about half a second (it
loads langcodes and ftfy), so its data file is read here with msgpack, as its README
documents the cBpack format, and kept in the user's cache folder as the words in band order
and the size of each band, which loads in a few milliseconds. Nothing is downloaded: the data ships with the
package.
"""

from __future__ import annotations

import gzip
from functools import cache
from itertools import chain, repeat
from importlib.util import find_spec
from pathlib import Path

from healthlint import user_cache

FLOOR = 3.0  # the small list's lowest Zipf value: rarer words are not in it
_FORMAT = "healthlint-wordfreq 1"


def zipf(word: str) -> float:
    """The word's Zipf frequency (log10 of uses per billion words), 0.0 when rarer than `FLOOR`.

    `word` is lowercased here; wordfreq keeps "it's" with a straight apostrophe."""
    return _table().get(word.lower().replace("’", "'"), 0.0)


@cache
def _table() -> dict[str, float]:
    source = data_file()
    saved = user_cache.path_for(source, "wordfreq", _FORMAT)
    found = _read_saved(saved) if saved else None
    if found is None:
        bands = _read_cbpack(source)
        found = [len(b) for b in bands], [w for b in bands for w in b]
        if saved:
            text = "\n".join([_FORMAT, " ".join(map(str, found[0])), " ".join(found[1]), "end"])
            user_cache.write(saved, text.encode("utf-8"))
    sizes, words = found
    # Band i holds the words of frequency 10^(-i/100); a word is in one band only.
    values = chain.from_iterable(repeat(round(9 - i / 100, 2), n) for i, n in enumerate(sizes))
    return dict(zip(words, values))


def data_file() -> Path:
    """wordfreq's small English list, found without importing wordfreq."""
    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        raise RuntimeError("the wordfreq package is not installed (pip install wordfreq)")
    return Path(spec.origin).parent / "data" / "small_en.msgpack.gz"


def _read_cbpack(path: Path) -> list[list[str]]:
    """wordfreq's cBpack: a header, then one list of words per centibel band, most frequent first."""
    import msgpack

    header, *bands = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    if header != {"format": "cB", "version": 1}:
        raise RuntimeError(f"{path}: not a wordfreq cBpack file of version 1")
    return bands


def _read_saved(path: Path) -> tuple[list[int], list[str]] | None:
    """(words per band, the words in band order), or None when the file is missing or was not written out in full."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if len(lines) != 4 or lines[0] != _FORMAT or lines[-1] != "end":
        return None
    sizes, words = list(map(int, lines[1].split(" "))), lines[2].split(" ")
    return (sizes, words) if sum(sizes) == len(words) else None
