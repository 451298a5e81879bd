"""`undefined-abbreviation`: an abbreviation used before it is spelled out, once, at its first use."""

from __future__ import annotations

from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.recognisers import abbreviations, word_difficulty


def compile(rule) -> word_difficulty.Vocabulary:
    return word_difficulty.compile_vocabulary(rule.data)


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    for found in analysis.fact(abbreviations.undefined, active.rule.compiled):
        first, later = found.first, found.later
        where = ""
        if later is not None:
            line = analysis.doc.position(later.block.source_offset(later.start))[0]
            where = f" here (it is spelled out later, at line {line})"
        message = active.rule.message.format_map({**active.settings, "match": first.text, "later": where, "uses": found.uses})
        yield analysis.finding(active, first.block, first.start, first.end, message)


KIND = Kind(
    "undefined-abbreviation",
    fields=word_difficulty.VOCABULARY,
    placeholders=frozenset({"match", "later", "uses"}),
    compile=compile,
    check=check,
)
