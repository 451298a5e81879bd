"""`supplement-disclaimer`: a supplement's structure/function statement without the US disclaimer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from healthlint import matching
from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds import KindError

FIELDS = ("statements", "context", "elements")
PLACEHOLDERS = {"match", "missing"}


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


def _found(pattern: matching.Alternation, block) -> regex.Match | None:
    """The first match in the block; blocks without the pattern's trigger words are not searched."""
    if not pattern.could_match(block):
        return None
    return next(matching.finditer(pattern, block.text, tokens=block.tokens), None)


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    blocks = [b for b in analysis.doc.blocks if b.kind != "heading"]
    if not any(_found(c.context, b) for b in blocks):
        return
    first = next(((b, m) for b in blocks if (m := _found(c.statement, b))), None)
    if first is None:
        return
    missing = [name for name, p in c.elements if not any(_found(p, b) for b in analysis.doc.blocks)]
    if missing:
        block, m = first
        message = active.rule.message.format(match=m.group(), missing="; ".join(missing), **active.settings)
        yield analysis.finding(active, block, m.start(), m.end(), message)
