"""`supplement-disclaimer`: a supplement's structure/function statement without the US disclaimer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.patterns import matching
from healthlint.recognisers import claims
from healthlint.text.document import Block


@dataclass(frozen=True)
class Compiled:
    statement: matching.Alternation
    context: matching.Alternation  # words that show the article is about a supplement
    elements: tuple[tuple[str, matching.Alternation], ...]  # (what the element says, how it is written)


def compile(rule) -> Compiled:
    statement = matching.compile_alternation([], matching.strings(rule, "statements"), False, "statements")
    context = matching.compile_alternation(matching.strings(rule, "context"), [], False, "context")
    elements = rule.data.get("elements")
    if not isinstance(elements, dict) or not elements:
        raise KindError("key 'elements' must be a table of element descriptions to lists of patterns")
    compiled = []
    for name, patterns in elements.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns) or not patterns:
            raise KindError(f"key 'elements.{name}' must be a list of non-empty strings")
        compiled.append((name, matching.compile_alternation([], patterns, False, f"elements.{name}")))
    if statement is None or context is None:
        raise KindError("needs 'statements' and 'context'")
    return Compiled(statement, context, tuple(compiled))


def _first(pattern: matching.Alternation, blocks: list[Block]) -> tuple[Block, regex.Match] | None:
    """The first match and its block; blocks without the pattern's trigger words are not searched."""
    for block in blocks:
        m = next(matching.finditer(pattern, block.text, tokens=block.tokens), None)
        if m:
            return block, m
    return None


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    vocabulary = analysis.fact(claims.vocabulary)

    def prose(pattern: matching.Alternation) -> list[Block]:
        return [b for b in vocabulary.holding(pattern.words) if b.kind != "heading"]

    if not _first(c.context, prose(c.context)):
        return
    first = _first(c.statement, prose(c.statement))
    if first is None:
        return
    missing = [name for name, p in c.elements if not _first(p, vocabulary.holding(p.words))]
    if missing:
        block, m = first
        message = active.rule.message.format(match=m.group(), missing="; ".join(missing), **active.settings)
        yield analysis.finding(active, block, m.start(), m.end(), message)


KIND = Kind("supplement-disclaimer", fields=("statements", "context", "elements"), placeholders=frozenset({"match", "missing"}), compile=compile, check=check)
