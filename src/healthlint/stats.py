"""`healthlint stats`: the numbers behind the reading-level rules, per file, for writers to look at."""

from __future__ import annotations

from dataclasses import dataclass

from healthlint.analysis import Analysis
from healthlint.kinds.readability import NAMES
from healthlint.recognisers.readability import (
    FORMULAS,
    SMOG_MIN_SENTENCES,
    STEADY_WORDS,
    Grades,
    reading,
)
from healthlint.text import document
from healthlint.text.sources import Source

HARDEST = 3


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

    def to_json(self) -> dict:
        g = self.grades
        return {
            "path": self.path,
            "words": g.words,
            "sentences": g.sentences,
            "average_sentence_words": round(g.words_per_sentence, 1),
            "reading_minutes": round(g.reading_minutes, 1),
            "grades": {"consensus": round(g.consensus, 1), **{f: round(g.grade(f), 1) for f in FORMULAS}},
            "hardest_paragraphs": [
                {"line": p.line, "column": p.column, "grade": round(p.grade, 1), "words": p.words} for p in self.hardest
            ],
        }


def file_stats(source: Source) -> FileStats:
    doc = document.parse(source.text, source.path, fmt=source.format)
    measured = Analysis(doc).fact(reading)
    hardest = []
    for p in measured.hardest("consensus", HARDEST):
        line, column = doc.position(p.block.source_offset(0))
        hardest.append(Paragraph(line, column, p.grades.consensus, p.grades.words, p.block.text))
    return FileStats(source.path, measured.document, hardest)


def render_text(stats: FileStats) -> str:
    """A block per file: counts, each formula's grade, then where to start rewriting."""
    g = stats.grades
    lines = [
        stats.path,
        f"  words               {g.words}",
        f"  sentences           {g.sentences}",
        f"  average sentence    {g.words_per_sentence:.1f} words",
        f"  reading time        {_minutes(g.reading_minutes)}",
        f"  grade (consensus)   {g.consensus:.1f}   median of Flesch–Kincaid, Coleman–Liau and ARI",
    ]
    for f in FORMULAS:
        lines.append(f"    {NAMES[f]:<17} {g.grade(f):.1f}{_caveat(f, g)}")
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
    if formula == "dale-chall":
        return "   (counts plurals and numbers as unfamiliar words)"
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
