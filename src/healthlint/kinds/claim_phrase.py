"""`claim-phrase`: claim wording from a list, skipped when negated and, if the rule says so,
when a citation supports it or the figures it needs stand nearby.

Keys beyond `phrase`'s: `unless-cited` ("sentence", "next-sentence" or "paragraph"),
`unless-nearby` (patterns that, in the same or next sentence, resolve the claim),
`requires` (patterns that must also stand in the sentence), `negatable` (default true).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from healthlint import matching
from healthlint.analysis import ActiveRule, Analysis
from healthlint.claims import is_cited, negated, sentence_of, vocabulary
from healthlint.findings import Finding
from healthlint.kinds import KindError

FIELDS = ("terms", "patterns", "exceptions", "case", "scope", "unless-cited", "unless-nearby", "requires", "negatable")
PLACEHOLDERS = {"match"}
CITATION_SCOPES = ("sentence", "next-sentence", "paragraph")


@dataclass(frozen=True)
class Compiled:
    pattern: matching.Alternation
    exceptions: matching.Alternation | None
    scope: frozenset[str]
    unless_cited: str | None
    unless_nearby: matching.Alternation | None
    requires: matching.Alternation | None
    negatable: bool


def compile(rule) -> Compiled:
    sensitive = matching.case_sensitive(rule)
    pattern = matching.compile_alternation(matching.strings(rule, "terms"), matching.strings(rule, "patterns"), sensitive, "patterns")
    if pattern is None:
        raise KindError("needs 'terms' or 'patterns'")
    exceptions = matching.compile_alternation(matching.strings(rule, "exceptions"), [], False, "exceptions")
    unless_cited = rule.data.get("unless-cited")
    if unless_cited is not None and unless_cited not in CITATION_SCOPES:
        raise KindError(f"key 'unless-cited' must be one of {', '.join(CITATION_SCOPES)}")
    nearby = matching.compile_alternation([], matching.strings(rule, "unless-nearby"), False, "unless-nearby")
    requires = matching.compile_alternation([], matching.strings(rule, "requires"), False, "requires")
    negatable = rule.data.get("negatable", True)
    if not isinstance(negatable, bool):
        raise KindError("key 'negatable' must be true or false")
    return Compiled(pattern, exceptions, matching.scope(rule), unless_cited, nearby, requires, negatable)


def _sentence_window(block, start: int, following: int) -> tuple[int, int]:
    sents = block.sentences
    i = sentence_of(block, start)
    return sents[i][0], sents[min(i + following, len(sents) - 1)][1]


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    blocks = analysis.fact(vocabulary).holding(c.pattern.words)
    for block, m in matching.block_matches(blocks, c.pattern, c.exceptions, c.scope):
        if c.negatable and negated(block, m.start()):
            continue
        if c.unless_cited and is_cited(analysis, block, m.start(), c.unless_cited):
            continue
        if c.requires:
            lo, hi = _sentence_window(block, m.start(), 0)
            if not any(True for _ in matching.finditer(c.requires, block.text, lo, hi)):
                continue
        if c.unless_nearby:
            lo, hi = _sentence_window(block, m.start(), 1)
            if any(True for _ in matching.finditer(c.unless_nearby, block.text, lo, hi)):
                continue
        message = active.rule.message.format(match=m.group(), **active.settings)
        yield analysis.finding(active, block, m.start(), m.end(), message)
