"""`consult-placement`: advice whose consult note stands in another section, far from it."""

from __future__ import annotations

import bisect
from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds import consult_note
from healthlint.kinds.kind import Kind
from healthlint.recognisers import advice


def compile(rule) -> advice.Vocabulary:
    return advice.compile_vocabulary(rule)


class Notes:
    """The notes sorted by block, so finding the nearest to a piece of advice is a binary search."""

    def __init__(self, notes: list[advice.Note], paragraphs: list[int]):
        self.notes = notes  # in document order
        self.indices = [n.block.index for n in notes]
        self.sections = {n.block.section for n in notes}
        self.paragraphs = paragraphs  # block indices of the non-heading blocks, ascending

    def nearest(self, index: int) -> advice.Note:
        """The note closest to block `index`, the earlier one on a tie (the first in its block)."""
        after = bisect.bisect_left(self.indices, index)
        if after == len(self.notes):
            return self._first_in_block(after - 1)
        if after == 0 or self.indices[after] == index:
            return self.notes[after]
        before = self._first_in_block(after - 1)
        return before if index - before.block.index <= self.indices[after] - index else self.notes[after]

    def _first_in_block(self, i: int) -> advice.Note:
        return self.notes[bisect.bisect_left(self.indices, self.indices[i])]

    def near(self, a: advice.Advice, within: int) -> bool:
        """A note in the advice's section, or at most `within` paragraphs away (headings not counted).
        The paragraphs between grow with distance, so only the nearest note on each side can be near."""
        if a.block.section in self.sections:
            return True
        index = a.block.index
        after = bisect.bisect_left(self.indices, index)
        sides = [self.indices[i] for i in (after - 1, after) if 0 <= i < len(self.indices)]
        return any(self._between(*sorted((index, n))) <= within for n in sides)

    def _between(self, lo: int, hi: int) -> int:
        """How many paragraphs stand in lo < index <= hi."""
        return bisect.bisect_right(self.paragraphs, hi) - bisect.bisect_right(self.paragraphs, lo)


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    s = active.settings
    if s.get("require") == "never" or s.get("placement") != "near-advice":
        return
    vocab = active.rule.compiled
    given = analysis.fact(advice.health_advice, vocab)
    found = analysis.fact(advice.consult_notes, vocab) if given else None  # no advice, nothing to place
    if not found:
        return  # no note at all is disclaimer/missing-consult-note's finding
    notes = Notes(found, [b.index for b in analysis.doc.blocks if b.kind != "heading"])
    within = s.get("within-paragraphs", 3)
    reported: set[int] = set()
    for a in given:
        if a.block.section in reported or notes.near(a, within):
            continue
        reported.add(a.block.section)  # one finding per section is enough to act on
        line = analysis.doc.position(a.block.source_offset(a.start))[0]
        nearest = notes.nearest(a.block.index)
        nearest_line = analysis.doc.position(nearest.block.source_offset(nearest.start))[0]
        message = active.rule.message.format(advice=a.noun(), line=line, nearest=f"; the nearest is at line {nearest_line}", **s)
        yield analysis.finding(active, a.block, a.start, a.end, message)


KIND = Kind("consult-placement", fields=consult_note.VOCABULARY, placeholders=frozenset({"advice", "line", "nearest"}), compile=compile, check=check, validate_settings=consult_note.validate_settings)
