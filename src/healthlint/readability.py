"""Reading-level measurements shared by the readability rules and `healthlint stats`.

Grades are textstat's, on the prose prepared here (counted once per paragraph with
textstat's own counting functions, see `Grades`): paragraph,
list-item and footnote text (no headings or table cells), one sentence per sentence
of healthlint's segmenter. textstat ends a sentence at every `.`, `!` or `?`, so
inside a sentence those become `·` (not a letter, not a sentence end: every count
but the sentence count is unchanged), and a sentence without an end gets a full stop.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from typing import Callable

from healthlint.analysis import Analysis
from healthlint.config import ConfigError
from healthlint.document import Block, Document
from healthlint.syllables import textstat

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


@dataclass(frozen=True)
class Grades:
    """Counts and grades of one piece of prose, exactly as textstat computes them on `text`.

    textstat recounts the text inside each formula; here each count is taken once per
    paragraph with textstat's own counting functions, a document's counts are its
    paragraphs' sums (every count of textstat's adds up over paragraphs joined by
    newlines, each ending in a sentence end), and a formula is worked out only when asked.
    """

    text: str  # the prepared text textstat would score
    parts: tuple[Grades, ...] = ()  # a document's paragraphs, whose counts add up to its own
    _known: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def count(self, name: str) -> int:
        if name not in self._known:
            own = _COUNTS[name]
            self._known[name] = sum(p.count(name) for p in self.parts) if self.parts else own(self.text)
        return self._known[name]

    @property
    def words(self) -> int:
        return self.count("words")

    @property
    def sentences(self) -> int:
        """textstat's: none for empty text, else at least one (sentences of two words or fewer are not counted)."""
        return max(1, self.count("long-sentences")) if self.text else 0

    def grade(self, formula: str) -> float:
        if formula == "consensus":
            return self.consensus
        if formula not in self._known:
            self._known[formula] = _FORMULA[formula](self)
        return self._known[formula]

    @property
    def consensus(self) -> float:
        """Median of Flesch–Kincaid, Coleman–Liau and ARI: the formulas normed on gist-level reading.

        SMOG and Gunning fog aim at full comprehension and run 2–3 grades higher on the same
        text; textstat's Dale–Chall counts every plural and number as an unfamiliar word.
        """
        return statistics.median(self.grade(f) for f in CONSENSUS)

    @property
    def by_formula(self) -> dict[str, float]:
        return {f: self.grade(f) for f in FORMULAS}

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE


@dataclass(frozen=True)
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
    paragraphs: tuple[ParagraphGrade, ...]

    def hardest(self, formula: str, count: int = 1) -> list[ParagraphGrade]:
        """The hardest paragraphs long enough for their grade to mean something."""
        steady = [p for p in self.paragraphs if p.steady(STEADY_WORDS)]
        return sorted(steady, key=lambda p: (-p.grades.grade(formula), p.block.index))[:count]

    def anchor(self, formula: str) -> ParagraphGrade:
        """Where the document's grade is reported: its hardest paragraph, or the hardest block when all are short."""
        return (self.hardest(formula) or sorted(self.paragraphs, key=lambda p: -p.grades.grade(formula)))[0]


def prose_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind in PROSE_KINDS]


def prepare_block(block: Block) -> str:
    """The block's sentences, each ending in a sentence end textstat can see, and nowhere else."""
    out = []
    for s, e in block.sentences:
        sentence = block.text[s:e]
        tail = _TAIL.search(sentence)
        body = sentence[: tail.start()] if tail else sentence
        out.append(_INNER_END.sub("·", body) + (tail.group() if tail else "."))
    return " ".join(out)


def count_words(text: str) -> int:
    """Words as textstat counts them: "2.5", "e.g." and "well-known" are one word each, a dash none."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def prepare(blocks: list[Block]) -> str:
    return "\n".join(prepare_block(b) for b in blocks)


def dale_chall_grade(score: float) -> float:
    """New Dale–Chall score to a grade, following its published bands (6.0–6.9 is grade 7–8)."""
    if score < 9:
        return 2 * score - 5
    return min(16.0, 13 + 3 * (score - 9))


def _long_sentences(text: str) -> int:
    """textstat 0.7.13's `count_sentences` before its floor of one: its matches of three words or more."""
    count_words = textstat().backend.counts.count_words
    return sum(1 for s in _TEXTSTAT_SENTENCE.findall(text) if count_words(s) > 2)


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
_LANG = "en_US"  # textstat's default language, which healthlint never changes
_COUNTS: dict[str, Callable[[str], int]] = {
    "words": lambda t: textstat().backend.counts.count_words(t),
    "tokens": lambda t: textstat().backend.counts.count_words(t, rm_punctuation=False),
    "long-sentences": _long_sentences,
    "syllables": lambda t: textstat().backend.counts.count_syllables(t, _LANG),
    "letters": lambda t: textstat().backend.counts.count_letters(t),
    "characters": lambda t: textstat().backend.counts.count_chars(t, ignore_spaces=True),
    "polysyllables": lambda t: textstat().backend.counts.count_polysyllable_words(t, _LANG),
    "fog-hard-words": lambda t: textstat().backend.counts.count_difficult_words(t, _LANG, 3),
    "unfamiliar-words": lambda t: textstat().backend.counts.count_difficult_words(t, _LANG, 0),
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
    blocks = prose_blocks(analysis.doc)
    paragraphs = tuple(ParagraphGrade(b, Grades(prepare_block(b))) for b in blocks)
    return Reading(Grades(prepare(blocks), tuple(p.grades for p in paragraphs)), paragraphs)


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
