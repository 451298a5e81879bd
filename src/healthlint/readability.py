"""Reading-level measurements shared by the readability rules and `healthlint stats`.

Grades come from textstat's own functions, run on the prose prepared here: paragraph,
list-item and footnote text (no headings or table cells), one sentence per sentence
of healthlint's segmenter. textstat ends a sentence at every `.`, `!` or `?`, so
inside a sentence those become `·` (not a letter, not a sentence end: every count
but the sentence count is unchanged), and a sentence without an end gets a full stop.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

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
    """Counts and grades of one piece of prose, as textstat computes them."""

    text: str  # the prepared text textstat scored
    words: int
    sentences: int
    by_formula: dict[str, float]

    @property
    def consensus(self) -> float:
        """Median of Flesch–Kincaid, Coleman–Liau and ARI: the formulas normed on gist-level reading.

        SMOG and Gunning fog aim at full comprehension and run 2–3 grades higher on the same
        text; textstat's Dale–Chall counts every plural and number as an unfamiliar word.
        """
        return statistics.median(self.by_formula[f] for f in CONSENSUS)

    def grade(self, formula: str) -> float:
        return self.consensus if formula == "consensus" else self.by_formula[formula]

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


def grades(text: str) -> Grades:
    ts = textstat()
    return Grades(
        text=text,
        words=ts.lexicon_count(text),
        sentences=ts.sentence_count(text),
        by_formula={
            "flesch-kincaid": ts.flesch_kincaid_grade(text),
            "smog": ts.smog_index(text),
            "coleman-liau": ts.coleman_liau_index(text),
            "ari": ts.automated_readability_index(text),
            "gunning-fog": ts.gunning_fog(text),
            "dale-chall": dale_chall_grade(ts.dale_chall_readability_score(text)),
        },
    )


def reading(analysis: Analysis) -> Reading:
    """Use as `analysis.fact(reading)`."""
    blocks = prose_blocks(analysis.doc)
    paragraphs = tuple(ParagraphGrade(b, grades(prepare_block(b))) for b in blocks)
    return Reading(grades(prepare(blocks)), paragraphs)


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
