"""`claim-phrase`: claim wording from a list, skipped when negated and, if the rule says so,
when a citation supports it or the figures it needs stand nearby.

Keys beyond `phrase`'s: `unless-cited` ("sentence", "next-sentence" or "paragraph"),
`unless-nearby` (patterns that, in the same or next sentence, resolve the claim),
`requires` (patterns that must also stand in the sentence), `negatable` (default true).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.patterns import matching
from healthlint.patterns.triggers import required_strings, term_words, whole_words
from healthlint.recognisers.claims import (
    Vocabulary,
    is_cited,
    negated,
    sentence_marks,
    sentence_of,
    vocabulary,
)
from healthlint.text.document import Block
from healthlint.text.words import fold

CITATION_SCOPES = ("sentence", "next-sentence", "paragraph")


class Reach:
    """The blocks a rule's list can match in: those holding every word of one of its terms, or a
    trigger word and the required strings of one of its patterns (healthlint.patterns.triggers). Sharper
    than the one trigger word each is searched by: "no side effects" is not looked for in every
    block that says "effects", nor "cuts the risk of ... by 50%" in every block that says "risk"."""

    def __init__(self, alternation: matching.Alternation, terms: list[str], patterns: list[str]):
        self._alternation = alternation
        self._terms = terms
        self._patterns = patterns

    @cached_property
    def terms(self) -> tuple[tuple[frozenset[str], frozenset[str] | None], ...]:
        """Each term's words, and the one (its trigger word) by which its blocks are found first."""
        return tuple({(frozenset(whole_words(t)), term_words(t)) for t in self._terms if t.strip()})

    @cached_property
    def patterns(self) -> tuple[tuple[frozenset[str] | None, list[tuple[str, ...]]], ...]:
        """Each pattern's trigger words (None: not known) and the folded strings, one of each set, that its
        matches hold; less the sets that any trigger word holds one of ("risk" of "chance", "odds", "risk")."""
        alternation = self._alternation
        words_of = dict(zip([p.pattern for p in alternation.parts], alternation.part_words))  # read once, there
        out = []
        for p in self._patterns:
            words = words_of[p]
            strings = [ss for ss in required_strings(p) if not words or not all(any(s in w for s in ss) for w in words)]
            out.append((words, strings))
        return tuple(out)

    @cached_property
    def pattern_words(self) -> frozenset[str] | None:
        """Words one of which a match of any pattern holds; None when some pattern has none."""
        found = [words for words, _ in self.patterns]
        return None if None in found else frozenset().union(*found)

    @cached_property
    def anywhere(self) -> bool:
        """Some term or pattern has no word every match of it holds: every block is read."""
        return self.pattern_words is None or any(key is None for _, key in self.terms)

    def blocks(self, vocabulary: Vocabulary) -> list[Block]:
        if self.anywhere:
            return vocabulary.blocks
        words = vocabulary.words
        terms = [(need, key) for need, key in self.terms if need <= words]
        pattern_words = self.pattern_words or frozenset()
        blocks = vocabulary.holding(pattern_words.union(*[key for _, key in terms]) if terms else pattern_words)
        if not blocks:
            return blocks
        needs = [need for need, _ in terms]
        patterns = [(w, strings) for w, strings in self.patterns if not w.isdisjoint(words)]  # type: ignore[union-attr]
        return [b for b in blocks if any(map(operator.le, needs, repeat(b.tokens))) or _holds_one(patterns, b)]


def _holds_one(patterns: list, block: Block) -> bool:
    """The block holds a trigger word and the required strings of one of the patterns."""
    folded, tokens = "", block.tokens
    for words, strings in patterns:
        if words.isdisjoint(tokens):
            continue
        if strings:
            folded = folded or (block.text.lower() if block.text.isascii() else fold(block.text))
            if not all(any(map(folded.__contains__, ss)) for ss in strings):
                continue
        return True
    return False


@dataclass(frozen=True)
class Compiled:
    pattern: matching.Alternation
    reach: Reach
    exceptions: matching.Alternation | None
    scope: frozenset[str]
    unless_cited: str | None
    unless_nearby: matching.Alternation | None
    requires: matching.Alternation | None
    negatable: bool


def compile(rule) -> Compiled:
    sensitive = matching.case_sensitive(rule)
    terms, patterns = matching.strings(rule, "terms"), matching.strings(rule, "patterns")
    pattern = matching.compile_alternation(terms, patterns, sensitive, "patterns")
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
    return Compiled(pattern, Reach(pattern, terms, patterns), exceptions, matching.scope(rule), unless_cited, nearby, requires, negatable)


def _sentence_window(block, start: int, following: int) -> tuple[int, int]:
    sents = block.sentences
    i = sentence_of(block, start)
    return sents[i][0], sents[min(i + following, len(sents) - 1)][1]


def _holds(pattern, block, window: tuple[int, int], found: dict) -> bool:
    """Whether `pattern` matches in the window; read once per window, for all the claims in it
    (a long sentence's claims each read it again, and its time grew with the square of its length)."""
    key = (pattern, block.index, window)
    if key not in found:
        found[key] = any(True for _ in matching.finditer(pattern, block.text, *window))
    return found[key]


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    found: dict[tuple[object, int, tuple[int, int]], bool] = {}
    blocks = c.reach.blocks(analysis.fact(vocabulary))
    for block, m in matching.block_matches(blocks, c.pattern, c.exceptions, c.scope):
        if c.negatable and negated(block, m.start(), analysis.fact(sentence_marks)):
            continue
        if c.unless_cited and is_cited(analysis, block, m.start(), c.unless_cited):
            continue
        if c.requires and not _holds(c.requires, block, _sentence_window(block, m.start(), 0), found):
            continue
        if c.unless_nearby and _holds(c.unless_nearby, block, _sentence_window(block, m.start(), 1), found):
            continue
        message = active.rule.message.format(match=m.group(), **active.settings)
        yield analysis.finding(active, block, m.start(), m.end(), message)


KIND = Kind("claim-phrase", fields=("terms", "patterns", "exceptions", "case", "scope", "unless-cited", "unless-nearby", "requires", "negatable"), placeholders=frozenset({"match"}), compile=compile, check=check)
