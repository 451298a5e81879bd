"""What the report shows of one article: its prose blocks, each sentence's grade, and where each finding sits.

Findings are placed in the prose the reader sees (markup stripped) through each block's map back
to the source, so an underline covers exactly the words the finding names. A finding that covers
a whole paragraph of several sentences (its grade, its length) is a note on the paragraph
instead; one outside all prose (a comment) is listed apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterator

from healthlint.analysis import Analysis
from healthlint.checking import Checked, Checker
from healthlint.errors import SourceError
from healthlint.findings import Finding, Severity
from healthlint.linter import Linter
from healthlint.recognisers import readability
from healthlint.recognisers.grades import Grades
from healthlint.recognisers.word_difficulty import Vocabulary
from healthlint.setup.config import Overrides
from healthlint.stats import file_stats
from healthlint.text.document import Block, Document
from healthlint.text.sources import read_source, source_from_bytes

GRADE_RULE = "readability/grade"
SCORED = readability.PROSE_KINDS  # the blocks whose sentences the grade is made of
# Bands of a sentence's grade, as grades past the top of the target's own (grade 8 runs to 8.9).
BAND_LIMITS = (0, 2, 5)


@dataclass(frozen=True)
class Mark:
    """A finding placed in a block's prose: [start, end) of its text."""

    number: int  # the finding's place in the article's list, from 1
    finding: Finding
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    grade: float
    band: int  # 0: at or under the target; 3: far over it


@dataclass(frozen=True)
class Piece:
    """One block as the report shows it."""

    block: Block
    start: tuple[int, int]  # its first character's line and column
    sentences: tuple[Sentence, ...]  # empty for blocks the grade does not score (headings, table cells)
    marks: tuple[Mark, ...]  # underlined words
    notes: tuple[Mark, ...]  # findings about the whole paragraph


@dataclass(frozen=True)
class ArticleReport:
    name: str
    pieces: tuple[Piece, ...] = ()
    findings: tuple[Finding, ...] = ()
    placed: frozenset[int] = frozenset()  # numbers of the findings shown in the text
    stats: dict | None = None  # `healthlint stats --format json` for the article
    grade: float | None = None  # None: too short to grade
    formula: str = "default"
    target: int = 8
    error: str | None = None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def band(grade: float, target: int) -> int:
    over = grade - (target + 1)
    return next((i for i, limit in enumerate(BAND_LIMITS) if over < limit), len(BAND_LIMITS))


def band_label(i: int, target: int) -> str:
    """The grades a band holds, in words: "grade 9 to 10"."""
    if i == 0:
        return f"grade {target} or under"
    low = target + 1 + BAND_LIMITS[i - 1]
    if i == len(BAND_LIMITS):
        return f"grade {low} and over"
    return f"grade {low} to {target + BAND_LIMITS[i]}"


def measure_all(paths: tuple[str, ...]) -> Iterator[ArticleReport]:
    """Each article found as `healthlint check` finds them, measured."""
    checker = Checker()
    for target in Linter(Overrides()).discover(paths):
        if target.error:
            yield ArticleReport(target.name, error=target.error)
            continue
        try:
            text = read_source(target.name).text
        except SourceError as err:
            yield ArticleReport(target.name, error=f"{target.name}: {err}")
            continue
        yield measure(checker, target.name, text)


def measure(checker: Checker, name: str, text: str) -> ArticleReport:
    checked = checker.check(name, text)
    if checked.error or checked.doc is None:
        return ArticleReport(name, error=checked.error or f"{name}: excluded by the configuration")
    settings, target, vocabulary = _grade_settings(checker, name)
    formula = readability.formula(settings, GRADE_RULE)
    reading = Analysis(checked.doc).fact(readability.reading, vocabulary)
    # As the rule: a text under `min-words` words gets no grade, every formula being noisy there.
    grade = reading.document.grade(formula) if reading.document.words >= settings.get("min-words", 0) and reading.document.words else None
    pieces, placed = _pieces(checked, formula, target, vocabulary)
    stats = file_stats(source_from_bytes(text.encode("utf-8"), name)).to_json()
    return ArticleReport(os.path.normpath(name), pieces, checked.findings, placed, stats, grade, formula, target)


def _grade_settings(checker: Checker, name: str) -> tuple[dict, int, Vocabulary]:
    """The grade rule's settings for this file (its formula and target), even when the rule is off, and its vocabulary."""
    config, rules = checker.linter.rules_for(name)
    active = {a.id: a for a in rules.active}
    settings = active[GRADE_RULE].settings if GRADE_RULE in active else dict(rules.rules[GRADE_RULE].settings)
    return settings, readability.target(settings, GRADE_RULE), rules.rules[GRADE_RULE].compiled.vocabulary


def _pieces(checked: Checked, formula: str, target: int, vocabulary: Vocabulary) -> tuple[tuple[Piece, ...], frozenset[int]]:
    doc = checked.doc
    marks: dict[int, list[Mark]] = {}
    notes: dict[int, list[Mark]] = {}
    for number, f in enumerate(checked.findings, 1):
        where = _place(doc, f)
        if where is None:
            continue
        index, start, end = where
        block = doc.blocks[index]
        whole = start == 0 and end >= len(block.text) and len(block.sentences) > 1
        (notes if whole else marks).setdefault(index, []).append(Mark(number, f, start, end))
    pieces = []
    for i, block in enumerate(doc.blocks):
        sentences = tuple(_sentences(block, formula, target, vocabulary)) if block.kind in SCORED else ()
        start = doc.position(block.source_offset(0))
        pieces.append(Piece(block, start, sentences, tuple(marks.get(i, ())), tuple(notes.get(i, ()))))
    shown = frozenset(m.number for group in (*marks.values(), *notes.values()) for m in group)
    return tuple(pieces), shown


def _sentences(block: Block, formula: str, target: int, vocabulary: Vocabulary) -> Iterator[Sentence]:
    for start, end in block.sentences:
        text = readability.prepare_block(block, [block.text[start:end]])
        grade = Grades(text, vocabulary).grade(formula)
        yield Sentence(start, end, grade, band(grade, target))


def _place(doc: Document, f: Finding) -> tuple[int, int, int] | None:
    """(block index, start, end) of the finding in a block's prose, or None outside all prose."""
    start = doc.line_starts[f.line - 1] + f.column - 1
    end = doc.line_starts[f.end_line - 1] + f.end_column - 1
    for i, block in enumerate(doc.blocks):
        if not block.text or not block.runs:
            continue
        first, last = block.runs[0][1], block.source_offset(len(block.text) - 1)
        if first <= start <= last:
            prose_end = _prose(block, max(start, end - 1), after=False)
            return i, _prose(block, start, after=True), min(len(block.text), prose_end + 1)
    return None


def _prose(block: Block, source: int, after: bool) -> int:
    """The prose offset of a source offset; one in markup between runs moves to the next run
    (`after`) or the end of the one before."""
    runs = block.runs
    before = 0
    for i, (prose, src) in enumerate(runs):
        length = (runs[i + 1][0] if i + 1 < len(runs) else len(block.text)) - prose
        if src <= source < src + length:
            return prose + source - src
        if src > source:
            return prose if after else max(0, prose - 1)
        before = prose + length - 1
    return before
