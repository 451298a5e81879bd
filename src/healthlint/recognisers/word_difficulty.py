"""Words a general reader is unlikely to know: uncommon words, abbreviations and statistics.

A word is uncommon when wordfreq puts it below the vocabulary's Zipf threshold (3.0:
rarer than once in a million words) and it is not on the vocabulary's list of familiar
words; a hyphenated word is uncommon when it and one of its parts are. An abbreviation
is a token with two capitals or more, or letters and digits together ("Th17", "SGLT-2"),
that is not on the list of familiar ones (DNA, HIV, UK). A statistic is a number with
a decimal point or a per cent sign ("1.53", "95%"). Plain numbers count as familiar,
as Dale and Chall count them. The vocabulary is the `readability/word-difficulty`
rule's data; every reading-level rule reads it from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from healthlint.text import word_frequency

UNCOMMON, ABBREVIATION, STATISTIC = "uncommon", "abbreviation", "statistic"
PROSE_KINDS = ("paragraph", "footnote")  # as the grades score

# A token: from a letter or digit to a letter or digit, through apostrophes, hyphens, dots, slashes
# (and `·`, the full stop inside a sentence of prepared prose), with a per cent sign after a number.
TOKEN = re.compile(r"[^\W_](?:[\w'’\-./·]*[^\W_])?%?")
_PARTS = re.compile(r"[-/]")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """What counts as hard to know, and how the default grade weighs it."""

    uncommon_below: float  # Zipf frequency under which a word is uncommon
    familiar: frozenset[str]  # lowercased words readers know though wordfreq finds them rare
    abbreviations: frozenset[str]  # abbreviations readers know, as written ("DNA", "COVID-19")
    weight: float  # grades the default adds per hard word in 100...
    plain_share: float  # ...beyond this many in 100, about the share in plain health pages
    _seen: dict = field(default_factory=dict, repr=False)

    def kind(self, token: str) -> str | None:
        """UNCOMMON, ABBREVIATION, STATISTIC or None (familiar) for one TOKEN match."""
        seen = self._seen
        if token not in seen:
            if len(seen) >= 20_000:  # memory stays flat over a corpus
                seen.clear()
            seen[token] = self._kind(token)
        return seen[token]

    def _kind(self, token: str) -> str | None:
        letters = any(c.isalpha() for c in token)
        if not letters:
            return STATISTIC if token.endswith("%") or any(c in ".·" for c in token.strip(".·")) else None
        digits = any(c.isdigit() for c in token)
        if digits or sum(c.isupper() for c in token) >= 2:
            bare = token[:-1] if token.endswith("s") and not token[-2:-1].islower() else token  # "GPs"
            return None if token in self.abbreviations or bare in self.abbreviations else ABBREVIATION
        return UNCOMMON if self._uncommon(token) else None

    def _uncommon(self, word: str) -> bool:
        if word.endswith(_POSSESSIVE):
            word = word[:-2]
        lower = word.lower()
        if lower in self.familiar or word_frequency.zipf(lower) >= self.uncommon_below:
            return False
        parts = [p for p in _PARTS.split(lower) if p]
        return len(parts) < 2 or any(p not in self.familiar and word_frequency.zipf(p) < self.uncommon_below for p in parts)


@dataclass(frozen=True)
class HardWord:
    start: int
    end: int
    text: str
    kind: str


def hard_words(text: str, vocabulary: Vocabulary) -> tuple[int, list[HardWord]]:
    """How many tokens `text` holds, and its hard ones with their offsets."""
    found, n = [], 0
    kind = vocabulary.kind
    for m in TOKEN.finditer(text):
        n += 1
        k = kind(m.group())
        if k is not None:
            found.append(HardWord(m.start(), m.end(), m.group(), k))
    return n, found


@dataclass(frozen=True)
class BlockDifficulty:
    block: object  # text.document.Block
    tokens: int
    hard: list[HardWord]

    @property
    def share(self) -> float:
        return 100 * len(self.hard) / self.tokens if self.tokens else 0.0


def blocks(analysis, vocabulary: Vocabulary) -> list[BlockDifficulty]:
    """Use as `analysis.fact(word_difficulty.blocks, vocabulary)`: each prose block's tokens and hard words."""
    out = []
    for block in analysis.doc.blocks:
        if block.kind in PROSE_KINDS:
            n, hard = hard_words(block.text, vocabulary)
            out.append(BlockDifficulty(block, n, hard))
    return out


def counts(text: str, vocabulary: Vocabulary) -> tuple[int, int]:
    """(tokens, hard tokens) of a text: what the default grade needs."""
    kind = vocabulary.kind
    tokens = TOKEN.findall(text)
    return len(tokens), sum(1 for t in tokens if kind(t) is not None)


# -- Dale–Chall's unfamiliar words, as its authors count them
#
# textstat counts a word as unfamiliar when it is not on the list of 3,000 words as
# written, so "patients", "helped", "12" and "well-known" all count. Dale and Chall
# (1948; Chall and Dale 1995) count regular plurals, possessives and the -ed, -ing,
# -er, -est and -ly forms of listed words, numbers and hyphenated words of listed
# parts as familiar.

_ENDINGS = (
    ("ies", "y"), ("ied", "y"), ("ier", "y"), ("iest", "y"), ("ily", "y"), ("es", ""), ("s", ""),
    ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("er", ""), ("er", "e"),
    ("est", ""), ("est", "e"), ("ly", ""),
)


def dale_chall_unfamiliar(words: list[str], easy: frozenset[str] | set[str]) -> int:
    """How many of textstat's words (punctuation removed) are unfamiliar by Dale and Chall's rules."""
    return sum(1 for w in words if not _dale_chall_familiar(w.lower(), easy))


@cache
def _familiar_cache() -> dict:
    return {}


def _dale_chall_familiar(word: str, easy) -> bool:
    if not any(c.isalpha() for c in word) or word in easy:
        return True
    memo = _familiar_cache()
    if word in memo:
        return memo[word]
    if len(memo) >= 20_000:
        memo.clear()
    parts = [p for p in word.split("-") if p]
    memo[word] = found = (len(parts) > 1 and all(_dale_chall_familiar(p, easy) for p in parts)) or _inflected(word, easy)
    return found


def _inflected(word: str, easy) -> bool:
    if word.endswith("'s"):
        word = word[:-2]
        if word in easy:
            return True
    for ending, base in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            if stem + base in easy:
                return True
            if ending[0] in "ei" and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in easy:  # stopped, running
                return True
    return False
