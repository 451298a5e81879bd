"""Counts and grades of a prepared text, exactly as textstat 0.7.13 computes them, and healthlint's default grade.

textstat recounts the text in every formula, one regex pass per count; here each count
is textstat's own, worked out once per text (see "textstat's counts" below), with each
word's syllables looked up once per process (`syllables.count`). Dale–Chall is the
published method, not textstat's (`word_difficulty.dale_chall_unfamiliar`), and the
default grade adds the share of words readers are unlikely to know to Flesch–Kincaid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import repeat
from typing import Callable

from healthlint.recognisers import word_difficulty
from healthlint.text import syllables

FORMULAS = ("flesch-kincaid", "smog", "coleman-liau", "ari", "gunning-fog", "dale-chall")
CONSENSUS = ("flesch-kincaid", "coleman-liau", "ari")
WORDS_PER_MINUTE = 200

@dataclass(eq=False, slots=True)
class Grades:
    """Counts and grades of one piece of prose, exactly as textstat computes them on `text`.

    Each count is taken once, when a formula first needs it: on `text`, or as the sum of
    the counts of `parts` when given (every count of textstat's adds up over texts joined
    by newlines, each ending in a sentence end). `known` may hold counts taken elsewhere.
    """

    text: str  # the prepared text textstat would score
    vocabulary: word_difficulty.Vocabulary | None = field(default=None, repr=False)  # for the default grade
    known: dict = field(default_factory=dict, repr=False)
    parts: tuple[Grades, ...] = field(default=(), repr=False)

    def count(self, name: str) -> int:
        known = self.known
        if name not in known:
            if self.parts:
                known[name] = sum(p.count(name) for p in self.parts)
            elif name in _CHARACTER_COUNTS:  # taken together: ARI and Coleman–Liau ask for all three
                known.update(zip(_CHARACTER_COUNTS, _character_counts(self.text)))
            elif name in _DIFFICULTY_COUNTS:
                if self.vocabulary is None:
                    raise ValueError("the default grade needs the word-difficulty vocabulary")
                known.update(zip(_DIFFICULTY_COUNTS, word_difficulty.counts(self.text, self.vocabulary)))
            else:
                known[name] = _COUNTS[name](self.text)
        return known[name]

    @property
    def words(self) -> int:
        return self.count("words")

    @property
    def sentences(self) -> int:
        """textstat's: none for empty text, else at least one (sentences of two words or fewer are not counted)."""
        return max(1, self.count("long-sentences")) if self.text else 0

    def grade(self, formula: str) -> float:
        known = self.known
        if formula not in known:  # the consensus too: the rules ask for it several times
            known[formula] = self.consensus if formula == "consensus" else _FORMULA[formula](self)
        return known[formula]

    @property
    def consensus(self) -> float:
        """Median of Flesch–Kincaid, Coleman–Liau and ARI: the formulas normed on gist-level reading.

        SMOG and Gunning fog aim at full comprehension and run 2–3 grades higher on the same text.
        """
        return sorted(self.grade(f) for f in CONSENSUS)[1]  # statistics.median's, faster

    @property
    def hard_share(self) -> float:
        """Hard words (uncommon words, abbreviations, statistics) per 100 tokens."""
        return 100 * _per(self.count("hard-words"), self.count("difficulty-tokens"))

    @property
    def by_formula(self) -> dict[str, float]:
        return {f: self.grade(f) for f in FORMULAS}

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE



def count_words(text: str) -> int:
    """Words as healthlint counts them, tokens with a letter or digit: "2.5", "e.g." and
    "well-known" are one word each, a dash none (textstat also counts "_")."""
    raw = _utf8(text)
    return len(_PLAIN_TOKEN.findall(text)) if raw is None else _utf8_words(raw, _LETTER_RUNS)



def dale_chall_grade(score: float) -> float:
    """New Dale–Chall score to a grade, following its published bands (6.0–6.9 is grade 7–8)."""
    if score < 9:
        return 2 * score - 5
    return min(16.0, 13 + 3 * (score - 9))


# -- textstat's counts
#
# Each function below is the count textstat 0.7.13 takes (backend/counts), worked out
# without it. textstat's words are the whitespace-separated tokens left after removing
# punctuation (`[^\w\s']`, and apostrophes but those of contractions), that is the tokens
# holding a `\w` character. Text whose characters beyond ASCII are all punctuation (`·`,
# `–`, `“`), nearly all of it, is counted in its UTF-8 bytes with bytes.translate: for a
# word count whitespace becomes " ", a word character "w", punctuation is deleted, and
# each word is left as one run of "w". Other text is counted with textstat's regexes.

_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())  # what str.split() and \s split at
_ASCII_WORD = bytes(c for c in range(128) if re.match(r"\w", chr(c)))
_PUNCT = bytes(c for c in range(256) if c not in _ASCII_SPACE and c not in _ASCII_WORD)  # bytes 128-255 too
_RUN_MARKS = bytes.maketrans(_ASCII_SPACE + _ASCII_WORD, b" " * len(_ASCII_SPACE) + b"w" * len(_ASCII_WORD))
_WORD_RUNS = (_RUN_MARKS, _PUNCT)
_LETTER_RUNS = (_RUN_MARKS, _PUNCT + b"_")  # healthlint's words: a letter or digit, "_" alone is none
_TOKEN_MARKS = bytes(32 if c in _ASCII_SPACE else 120 for c in range(256))  # " " or "x": b" x" starts a token
_NOT_WORD_BYTES = bytes(c for c in range(256) if c not in _ASCII_WORD)
_LOWERCASE = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))  # str.lower() on ASCII
_ASCII = bytes(range(128))
_WORD_OR_SPACE = re.compile(r"[\w\s]")
_WORD_TOKEN = re.compile(r"\w\S*")  # from a token's first word character to its end: one match per word
_PLAIN_TOKEN = re.compile(r"[^\W_]\S*")
_SPACES = re.compile(r"\s")
_NOT_WORD = re.compile(r"\W")
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")  # textstat's, from utils/constants
_PUNCTUATION = re.compile(r"[^\w\s']")
_PUNCT_BUT_APOSTROPHE = _PUNCT.replace(b"'", b"")


@lru_cache(maxsize=8)
def _utf8(text: str) -> bytes | None:
    """`text` in UTF-8 when all its characters beyond ASCII are punctuation, else None."""
    raw = text.encode()
    if len(raw) != len(text) and _WORD_OR_SPACE.search(raw.translate(None, _ASCII).decode()):
        return None
    return raw


def _utf8_words(raw: bytes, runs: tuple[bytes, bytes] = _WORD_RUNS) -> int:
    marks = raw.translate(*runs)
    return marks.count(b" w") + marks.startswith(b"w")


def _words(text: str) -> int:
    """textstat's `count_words(text)`."""
    raw = _utf8(text)
    return len(_WORD_TOKEN.findall(text)) if raw is None else _utf8_words(raw)


def _character_counts(text: str) -> tuple[int, int, int]:
    """textstat's `count_letters` (word characters), `count_chars(text, ignore_spaces=True)` and
    `count_words(text, rm_punctuation=False)` (every whitespace-separated token)."""
    raw = _utf8(text)
    if raw is None:
        return len(_NOT_WORD.sub("", text)), len(_SPACES.sub("", text)), len(text.split())
    spaces = len(raw) - len(raw.translate(None, _ASCII_SPACE))
    letters = len(raw.translate(None, _NOT_WORD_BYTES))
    return letters, len(text) - spaces, (b" " + raw.translate(_TOKEN_MARKS)).count(b" x")


def _without_punctuation(text: str) -> str:
    """textstat's `remove_punctuation(text, rm_apostrophe=False)`."""
    if "'" in text:
        text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    raw = _utf8(text)
    return _PUNCTUATION.sub("", text) if raw is None else raw.translate(None, _PUNCT_BUT_APOSTROPHE).decode()


def _syllables(text: str) -> int:
    """textstat's `count_syllables`: each lowercased word's, from cmudict or else pyphen.

    `_without_punctuation(text).lower()`, lowercased by the same translation on ASCII-like text.
    """
    if "'" in text:
        text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    raw = _utf8(text)
    words = _PUNCTUATION.sub("", text).lower() if raw is None else raw.translate(_LOWERCASE, _PUNCT_BUT_APOSTROPHE).decode()
    return syllables.count(words.split())


@lru_cache(maxsize=4096)
def _word_syllables(word: str) -> int:
    """textstat's `count_syllables` of one of its words, which strips and lowercases it again."""
    return _syllables(word)


def _polysyllables(text: str) -> int:
    """textstat's `count_polysyllable_words`: words of three syllables or more."""
    return sum(1 for w in _without_punctuation(text).split() if _word_syllables(w) >= 3)


def _fog_hard_words(text: str) -> int:
    """textstat's `count_difficult_words(text, lang, 3)`: words of three syllables or more not on
    the Dale–Chall list of easy words."""
    easy = _easy_words()
    return sum(1 for w in _without_punctuation(text).split() if w.lower() not in easy and _word_syllables(w.lower()) >= 3)


def _dale_chall_unfamiliar(text: str) -> int:
    """Words not on the Dale–Chall list by its authors' rules (word_difficulty.dale_chall_unfamiliar),
    one per textstat word: hyphens are kept for the test, other punctuation goes as textstat removes it."""
    if "'" in text:
        text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    words = [w for w in map(_PUNCT_BUT_HYPHEN.sub, repeat(""), text.split()) if _WORD_CHAR.search(w)]
    return word_difficulty.dale_chall_unfamiliar(words, _easy_words())


@cache
def _easy_words() -> set[str]:
    return syllables.textstat().backend.utils.get_lang_easy_words(syllables.LANG)


def _long_sentences(text: str) -> int:
    """textstat's `count_sentences` before its floor of one: its matches of three words or more.

    On prepared prose each match runs from a sentence's first word character to its end,
    so `reading` counts a paragraph's as its sentences of three words or more.
    """
    return sum(1 for s in _TEXTSTAT_SENTENCE.findall(text) if _words(s) > 2)


def _per(part: int, whole: int) -> float:
    """textstat's ratios: 0.0 when the whole is zero."""
    return part / whole if whole else 0.0


# Each formula as textstat 0.7.13 writes it (backend/metrics), from the counts above, in the
# same order of operations so the floats come out bit for bit the same.
def _flesch_kincaid(g: Grades) -> float:
    sentence_length = _per(g.words, g.sentences)
    syllables = _per(g.count("syllables"), g.words)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59


def _coleman_liau(g: Grades) -> float:
    letters = _per(g.count("letters"), g.words) * 100
    sentences = _per(g.sentences, g.words) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def _ari(g: Grades) -> float:
    chars = _per(g.count("characters"), g.count("tokens"))  # tokens: punctuation-only ones too
    words = _per(g.words, g.sentences)
    if chars == 0 or words == 0:
        return 0.0
    return (4.71 * chars) + (0.5 * words) - 21.43


def _smog(g: Grades) -> float:
    if not g.sentences:
        return 0.0
    return (1.043 * (30 * (g.count("polysyllables") / g.sentences)) ** 0.5) + 3.1291


def _gunning_fog(g: Grades) -> float:
    if not g.words:
        return 0.0
    return 0.4 * (_per(g.words, g.sentences) + 100 * g.count("fog-hard-words") / g.words)


def _dale_chall(g: Grades) -> float:
    return dale_chall_grade(_dale_chall_score(g))


def _dale_chall_score(g: Grades) -> float:
    if not g.words:
        return 0.0
    unfamiliar = 100 * g.count("unfamiliar-words") / g.words
    score = (0.1579 * unfamiliar) + (0.0496 * _per(g.words, g.sentences))
    if unfamiliar > 5:
        score += 3.6365
    return score


def _default(g: Grades) -> float:
    """Flesch–Kincaid, plus `weight` grades for each hard word in 100 beyond `plain_share`."""
    v = g.vocabulary
    if v is None:
        raise ValueError("the default grade needs the word-difficulty vocabulary")
    if not g.words:
        return 0.0
    return g.grade("flesch-kincaid") + v.weight * (g.hard_share - v.plain_share)


_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_CHARACTER_COUNTS = ("letters", "characters", "tokens")
_COUNTS: dict[str, Callable[[str], int]] = {
    "words": _words,
    "long-sentences": _long_sentences,
    "syllables": _syllables,
    **{name: lambda t, i=i: _character_counts(t)[i] for i, name in enumerate(_CHARACTER_COUNTS)},
    "polysyllables": _polysyllables,
    "fog-hard-words": _fog_hard_words,
    "unfamiliar-words": _dale_chall_unfamiliar,
}
_DIFFICULTY_COUNTS = ("difficulty-tokens", "hard-words")
_PUNCT_BUT_HYPHEN = re.compile(r"[^\w\s'\-]")
_WORD_CHAR = re.compile(r"[^\W_]")
_FORMULA: dict[str, Callable[[Grades], float]] = {
    "flesch-kincaid": _flesch_kincaid,
    "smog": _smog,
    "coleman-liau": _coleman_liau,
    "ari": _ari,
    "gunning-fog": _gunning_fog,
    "dale-chall": _dale_chall,
    "default": _default,
}

