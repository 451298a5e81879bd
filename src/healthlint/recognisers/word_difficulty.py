"""Words a general reader is unlikely to know: uncommon words, abbreviations and statistics.

A word is uncommon when wordfreq puts it below the vocabulary's Zipf threshold (3.0:
rarer than once in a million words) and it is not on the vocabulary's list of familiar
words; a hyphenated word is uncommon when it and one of its parts are. An abbreviation
is a token with two capitals or more, or a capital and digits together ("Th17", "SGLT-2"),
that is not on the list of familiar ones (DNA, HIV, UK). A statistic is a number with
a decimal point or a per cent sign ("1.53", "95%"). Plain numbers, names (a capitalised
word inside a sentence) and common words written in capitals count as familiar, as Dale
and Chall count numbers and names. The vocabulary is the `readability/word-difficulty`
rule's data; every reading-level rule reads it from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from healthlint.errors import KindError
from healthlint.text import word_frequency

UNCOMMON, ABBREVIATION, STATISTIC = "uncommon", "abbreviation", "statistic"
PROSE_KINDS = ("paragraph", "footnote")  # as the grades score

# A token: from a letter or digit to a letter or digit, through apostrophes, hyphens, dots, slashes
# (and `·`, the full stop inside a sentence of prepared prose), with a per cent sign after a number.
TOKEN = re.compile(r"[^\W_](?:[\w'’\-./·]*[^\W_])?%?")
_PARTS = re.compile(r"[-/]")
_CAMEL_NAME = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")
_POSSESSIVE = ("'s", "’s")


def key_of(abbreviation: str) -> str:
    """The abbreviation its plural is a use of: "GPs" and "GP" are one."""
    return abbreviation[:-1] if abbreviation.endswith("s") and not abbreviation[-2:-1].islower() else abbreviation


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
        if token[0].isdigit():  # a number and its unit or ending: "500mg", "24h", "3rd"
            return None
        digits = any(c.isdigit() for c in token)
        capitals = sum(c.isupper() for c in token)
        if digits and not capitals:  # "to10", "h2o": a slip of the keyboard or a unit, not an abbreviation
            return None
        parts = [p for p in _PARTS.split(token) if p]
        titled = not digits and all(p[:1].isupper() and p[1:].islower() for p in parts)
        if "." in token.strip("."):  # "U.S.", "Ph.D.", "a.m.", "nhs.uk": written out as a reader knows them
            return None
        if len(parts) > 1 and (digits or capitals >= 2) and not titled:  # "Non-WHO", "T-Cell": by their parts
            return ABBREVIATION if any(self._abbreviation(p) for p in parts if any(c.isalpha() for c in p)) else None
        if (digits or capitals >= 2) and not titled:  # "Guillain-Barré" is a name
            return None if token in self.abbreviations or key_of(token) in self.abbreviations else ABBREVIATION
        return UNCOMMON if self._uncommon(token) else None

    def _abbreviation(self, part: str) -> bool:
        """A part of a hyphenated token is an abbreviation: two capitals, or a capital and digits, and not familiar."""
        capitals = sum(c.isupper() for c in part)
        digits = any(c.isdigit() for c in part)
        return (capitals >= 2 or (capitals and digits)) and part not in self.abbreviations and key_of(part) not in self.abbreviations

    def _uncommon(self, word: str) -> bool:
        if word.endswith(_POSSESSIVE):
            word = word[:-2]
        lower = word.lower()
        if lower in self.familiar or word_frequency.zipf(lower) >= self.uncommon_below:
            return False
        parts = [p for p in _PARTS.split(lower) if p]
        return len(parts) < 2 or any(p not in self.familiar and word_frequency.zipf(p) < self.uncommon_below for p in parts)


VOCABULARY = ("uncommon-below", "familiar-words", "familiar-abbreviations", "default-grade")  # the pack keys
_VOCABULARIES: dict[tuple, Vocabulary] = {}


def compile_vocabulary(data: dict) -> Vocabulary:
    """The vocabulary of a rule's data; rules with the same lists share one, and so share its facts."""
    missing = [k for k in VOCABULARY if k not in data]
    if missing:
        raise KindError(f"key {missing[0]!r} is missing from the vocabulary")
    below, grade = data["uncommon-below"], data["default-grade"]
    if isinstance(below, bool) or not isinstance(below, (int, float)) or not word_frequency.FLOOR <= below <= 8.0:
        raise KindError("key 'uncommon-below' must be a Zipf frequency from 3.0 (wordfreq's floor) to 8.0")
    if not isinstance(grade, dict) or set(grade) != {"weight", "plain-share"} or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in grade.values()
    ):
        raise KindError("key 'default-grade' must be a table of numbers 'weight' and 'plain-share'")
    lists = []
    for key in ("familiar-words", "familiar-abbreviations"):
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KindError(f"key {key!r} must be a list of words")
        lists.append(tuple(value))
    key = (float(below), *lists, float(grade["weight"]), float(grade["plain-share"]))
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = Vocabulary(key[0], frozenset(w.lower() for w in key[1]), frozenset(key[2]), key[3], key[4])
    return _VOCABULARIES[key]


@dataclass(frozen=True)
class HardWord:
    start: int
    end: int
    text: str
    kind: str


def hard_words(text: str, vocabulary: Vocabulary) -> tuple[int, list[HardWord]]:
    """How many tokens `text` holds, and its hard ones with their offsets."""
    matches = list(TOKEN.finditer(text))
    kinds = _kinds(text, matches, vocabulary)
    return len(matches), [HardWord(m.start(), m.end(), m.group(), k) for m, k in zip(matches, kinds) if k is not None]


def _kinds(text: str, matches: list, vocabulary: Vocabulary) -> list[str | None]:
    """Each token's kind, read in its sentence. A capitalised word inside a sentence is a name
    ("Zagreb", "Genentech"), familiar as Dale and Chall count names; a common word in capitals
    is a word written in capitals ("DO NOT CRUSH", "BOSTON"), not an abbreviation."""
    tokens = [m.group() for m in matches]
    kinds = list(map(vocabulary.kind, tokens))
    for i, k in enumerate(kinds):
        if k is None or k == STATISTIC:
            continue
        token = tokens[i]
        if k == UNCOMMON:
            if token[0].isupper() and not _starts_sentence(text, matches[i].start()):
                kinds[i] = None
        elif _CAMEL_NAME.fullmatch(token):  # "HealthDay", "AstraZeneca"
            kinds[i] = None
        elif _shouted(token, vocabulary) and (
            len(token) >= 5
            or (len(token) >= 3 and word_frequency.zipf(token.lower()) >= 5.5)  # "YOU", "CAN", not "OR", "FIT"
            or any(_shouted(tokens[j], vocabulary) and max(len(token), len(tokens[j])) >= 3 for j in (i - 1, i + 1) if 0 <= j < len(tokens))
        ):
            kinds[i] = None
    return kinds


def _shouted(token: str, vocabulary: Vocabulary) -> bool:
    """A common word written in capitals ("NOT", "TABLETS")."""
    return token.isalpha() and token.isupper() and word_frequency.zipf(token.lower()) >= vocabulary.uncommon_below


def _starts_sentence(text: str, at: int) -> bool:
    """Only spaces, quotes or brackets stand between `at` and the text's start or a sentence end."""
    before = text[max(0, at - 8) : at].rstrip(" \t\"'“‘([")
    return not before or before[-1] in ".!?:\n"


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
    matches = list(TOKEN.finditer(text))
    return len(matches), sum(1 for k in _kinds(text, matches, vocabulary) if k is not None)


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
