"""`consult-placement`: advice whose consult note stands in another section, far from it."""

from __future__ import annotations

from typing import Iterator

from healthlint import advice
from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds import consult_note

FIELDS = ()
PLACEHOLDERS = {"advice", "line", "nearest"}
validate_settings = consult_note.validate_settings  # the same settings as the consult-note rule


def compile(rule) -> None:
    return None


def _near(a: advice.Advice, note: advice.Note, within: int, paragraphs: list[int]) -> bool:
    """Same section, or at most `within` paragraphs apart (headings not counted)."""
    if a.block.section == note.block.section:
        return True
    lo, hi = sorted((a.block.index, note.block.index))
    return sum(1 for i in paragraphs if lo < i <= hi) <= within


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    s = active.settings
    if s.get("require") == "never" or s.get("placement") != "near-advice":
        return
    notes = analysis.fact(advice.consult_notes)
    if not notes:
        return  # no note at all is disclaimer/missing-consult-note's finding
    paragraphs = [b.index for b in analysis.doc.blocks if b.kind != "heading"]
    within = s.get("within-paragraphs", 3)
    reported: set[int] = set()
    for a in analysis.fact(advice.health_advice):
        if a.block.section in reported or any(_near(a, n, within, paragraphs) for n in notes):
            continue
        reported.add(a.block.section)  # one finding per section is enough to act on
        line = analysis.doc.position(a.block.source_offset(a.start))[0]
        nearest = min(notes, key=lambda n: abs(n.block.index - a.block.index))
        nearest_line = analysis.doc.position(nearest.block.source_offset(nearest.start))[0]
        message = active.rule.message.format(advice=a.noun(), line=line, nearest=f"; the nearest is at line {nearest_line}", **s)
        yield analysis.finding(active, a.block, a.start, a.end, message)
