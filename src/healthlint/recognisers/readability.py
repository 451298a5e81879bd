"""Reading-level measurements shared by the readability rules and `healthlint stats`.

Grades are textstat 0.7.13's, on the prose prepared here: paragraph, list-item and
footnote text (no headings or table cells), one sentence per sentence of healthlint's
segmenter. textstat ends a sentence at every `.`, `!` or `?`, so inside a sentence
those become `·` (not a letter, not a sentence end: every count but the sentence
count is unchanged), and a sentence without an end gets a full stop. The counts and
formulas are in `grades`; the words readers are unlikely to know in `word_difficulty`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate, compress, repeat
from operator import attrgetter, itemgetter, not_
from typing import Callable

from healthlint.analysis import Analysis
from healthlint.errors import ConfigError
from healthlint.recognisers.grades import (
    _LETTER_RUNS,
    _PLAIN_TOKEN,
    _WORD_RUNS,
    _WORD_TOKEN,
    FORMULAS,
    Grades,
    _utf8,
)
from healthlint.recognisers.word_difficulty import Vocabulary
from healthlint.text.document import Block, Document

NAMED = ("default", "consensus", *FORMULAS)  # every grade a rule or `stats` can name
AUDIENCES = {"easy": 6, "general": 8, "professional": 12}
PROSE_KINDS = ("paragraph", "footnote")
SMOG_MIN_SENTENCES = 30  # SMOG was normed on samples of 30 sentences; below, the message says so
STEADY_WORDS = 40  # below this a paragraph's grade is too noisy to rank
STEADY_SENTENCES = 2  # one sentence's grade is its length: long-sentence reports that

_TAIL = re.compile(r"[.!?]+[\"'”’)\]]*$")
_INNER_END = re.compile(r"[.!?]")
_CLOSERS = "\"'”’)]"  # the closing marks `_TAIL` allows after a sentence's ends
_ENDS = frozenset(".!?")
_LAST = itemgetter(-1)


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


def prepare(blocks: list[Block]) -> str:
    return "\n".join(prepare_block(b) for b in blocks)


def reading(analysis: Analysis, vocabulary: Vocabulary) -> Reading:
    """Use as `analysis.fact(reading, vocabulary)`: the vocabulary of the word-difficulty rule, for the default grade."""
    counted = analysis.fact(block_words)
    texts = [prepare_block(c.block, c.sentences) for c in counted]
    words = list(map(sum, map(_TEXTSTAT, counted)))
    # textstat's sentences in a paragraph: its sentences of three words or more (see `_long_sentences`).
    long_sentences = list(map(sum, map(map, repeat((2).__lt__), map(_TEXTSTAT, counted))))
    is_steady = [n >= STEADY_WORDS and long >= STEADY_SENTENCES for n, long in zip(words, long_sentences)]  # .steady(STEADY_WORDS)
    each = list(zip(counted, texts, words, long_sentences))
    steady = tuple(_paragraph(*p, vocabulary) for p in compress(each, is_steady))

    def graded() -> tuple[ParagraphGrade, ...]:
        made = iter(steady)
        return tuple(next(made) if s else _paragraph(*p, vocabulary) for p, s in zip(each, is_steady))

    # The paragraphs graded on their own are counted once, for themselves and for the document.
    rest = list(map(not_, is_steady))
    known = {"words": sum(compress(words, rest)), "long-sentences": sum(compress(long_sentences, rest))}
    parts = (*(p.grades for p in steady), Grades("\n".join(compress(texts, rest)), vocabulary, known))
    return Reading(Grades("\n".join(texts), vocabulary, parts=parts), steady, graded)


def _paragraph(counted: BlockWords, text: str, words: int, long_sentences: int, vocabulary: Vocabulary) -> ParagraphGrade:
    return ParagraphGrade(counted.block, Grades(text, vocabulary, {"words": words, "long-sentences": long_sentences}))


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
    name = settings.get("formula", "default")
    if name not in NAMED:
        raise ConfigError(f"{rule_id}: setting 'formula' must be one of {', '.join(NAMED)}, not {name!r}")
    return name
