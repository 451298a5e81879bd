"""`healthlint stats`: the numbers behind the reading-level rules, per file, for writers to look at."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from healthlint.analysis import Analysis
from healthlint.kinds.readability import NAMES
from healthlint.recognisers import word_difficulty
from healthlint.recognisers.grades import FORMULAS, Grades
from healthlint.recognisers.readability import SMOG_MIN_SENTENCES, STEADY_WORDS, reading
from healthlint.setup.registry import builtin_rules
from healthlint.text import document
from healthlint.text.sources import Source

HARDEST = 3
HARD_WORDS = 12  # the hard words shown, most frequent first
VOCABULARY_RULE = "readability/word-difficulty"


@dataclass(frozen=True)
class HardWord:
    text: str
    kind: str
    count: int
    line: int  # where it is first used


@dataclass(frozen=True)
class Difficulty:
    """The words readers are unlikely to know: how many, which, and the abbreviations among them."""

    tokens: int
    hard: int
    words: list[HardWord]  # uncommon words and statistics, most used first
    abbreviations: list[HardWord]  # every abbreviation not on the familiar list, in order of first use

    @property
    def share(self) -> float:
        return 100 * self.hard / self.tokens if self.tokens else 0.0


@dataclass(frozen=True)
class Paragraph:
    line: int
    column: int
    grade: float
    words: int
    text: str


@dataclass(frozen=True)
class FileStats:
    path: str
    grades: Grades
    hardest: list[Paragraph]
    difficulty: Difficulty

    def to_json(self) -> dict:
        g = self.grades
        return {
            "path": self.path,
            "words": g.words,
            "sentences": g.sentences,
            "average_sentence_words": round(g.words_per_sentence, 1),
            "reading_minutes": round(g.reading_minutes, 1),
            "grades": {
                "default": round(g.grade("default"), 1),
                "consensus": round(g.consensus, 1),
                **{f: round(g.grade(f), 1) for f in FORMULAS},
            },
            "word_difficulty": {
                "hard_share": round(self.difficulty.share, 1),
                "hard_words": self.difficulty.hard,
                "tokens": self.difficulty.tokens,
                "words": [{"word": w.text, "kind": w.kind, "count": w.count, "line": w.line} for w in self.difficulty.words],
            },
            "abbreviations": [{"abbreviation": a.text, "count": a.count, "line": a.line} for a in self.difficulty.abbreviations],
            "hardest_paragraphs": [
                {"line": p.line, "column": p.column, "grade": round(p.grade, 1), "words": p.words} for p in self.hardest
            ],
        }


def file_stats(source: Source) -> FileStats:
    doc = document.parse(source.text, source.path, fmt=source.format)
    vocabulary = builtin_rules()[VOCABULARY_RULE].compiled.vocabulary
    analysis = Analysis(doc)
    measured = analysis.fact(reading, vocabulary)
    hardest = []
    for p in measured.hardest("default", HARDEST):
        line, column = doc.position(p.block.source_offset(0))
        hardest.append(Paragraph(line, column, p.grades.grade("default"), p.grades.words, p.block.text))
    return FileStats(source.path, measured.document, hardest, _difficulty(analysis, vocabulary))


def _difficulty(analysis: Analysis, vocabulary: word_difficulty.Vocabulary) -> Difficulty:
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], int] = {}
    tokens = hard = 0
    for found in analysis.fact(word_difficulty.blocks, vocabulary):
        tokens += found.tokens
        hard += len(found.hard)
        for w in found.hard:
            key = (w.text if w.kind == word_difficulty.ABBREVIATION else w.text.lower(), w.kind)
            counts[key] += 1
            if key not in first:
                first[key] = analysis.doc.position(found.block.source_offset(w.start))[0]
    made = [HardWord(text, kind, n, first[text, kind]) for (text, kind), n in counts.items()]
    words = sorted((w for w in made if w.kind != word_difficulty.ABBREVIATION), key=lambda w: (-w.count, w.line))
    abbreviations = sorted((w for w in made if w.kind == word_difficulty.ABBREVIATION), key=lambda w: w.line)
    return Difficulty(tokens, hard, words[:HARD_WORDS], abbreviations)


def render_text(stats: FileStats) -> str:
    """A block per file: counts, each formula's grade, then where to start rewriting."""
    g = stats.grades
    lines = [
        stats.path,
        f"  words               {g.words}",
        f"  sentences           {g.sentences}",
        f"  average sentence    {g.words_per_sentence:.1f} words",
        f"  reading time        {_minutes(g.reading_minutes)}",
        f"  grade (default)     {g.grade('default'):.1f}   Flesch–Kincaid and the share of hard words",
        f"    consensus         {g.consensus:.1f}   median of Flesch–Kincaid, Coleman–Liau and ARI",
    ]
    for f in FORMULAS:
        lines.append(f"    {NAMES[f]:<17} {g.grade(f):.1f}{_caveat(f, g)}")
    d = stats.difficulty
    lines.append(f"  hard words          {d.share:.1f}%   {d.hard} of {d.tokens}: uncommon words, abbreviations, statistics")
    if d.words:
        lines.append("    most used         " + ", ".join(f"{w.text} ({w.count})" if w.count > 1 else w.text for w in d.words))
    if d.abbreviations:
        lines.append("  abbreviations       " + ", ".join(f"{a.text} (line {a.line})" for a in d.abbreviations))
    if not stats.hardest:
        lines.append(f"  hardest paragraphs  none long enough to grade ({STEADY_WORDS}+ words, 2+ sentences)")
    else:
        lines.append("  hardest paragraphs")
        for p in stats.hardest:
            words = p.text.split()
            start = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
            lines.append(f"    line {p.line:<5} grade {p.grade:4.1f}  {start}")
    return "\n".join(lines)


def _caveat(formula: str, g: Grades) -> str:
    if formula == "smog" and g.sentences < SMOG_MIN_SENTENCES:
        return f"   (unreliable under {SMOG_MIN_SENTENCES} sentences)"
    return ""


def _minutes(minutes: float) -> str:
    if minutes < 1:
        return "under 1 minute"
    return f"{round(minutes)} minute{'s' if round(minutes) != 1 else ''}"


def collect(paths: tuple[str, ...], stdin: bytes | None = None) -> tuple[list[FileStats], list[tuple[str, str]]]:
    """Stats for each file found as `check` finds them; (path, message) for each file that cannot be read."""
    from healthlint.errors import SourceError
    from healthlint.linter import Linter
    from healthlint.setup.config import Overrides
    from healthlint.text.sources import read_source, source_from_bytes

    results, errors = [], []
    for target in Linter(Overrides()).discover(paths):
        if target.error:
            errors.append((target.name, target.error))
            continue
        try:
            source = source_from_bytes(stdin or b"", target.name) if target.stdin else read_source(target.name)
        except SourceError as err:
            errors.append((target.name, f"{target.name}: {err}"))
            continue
        results.append(file_stats(source))
    return results, errors
