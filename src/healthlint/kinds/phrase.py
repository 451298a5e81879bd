"""`phrase`: words, phrases or patterns that should not appear, matched on word boundaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.patterns import matching


@dataclass(frozen=True)
class Compiled:
    pattern: matching.Alternation
    exceptions: matching.Alternation | None
    scope: frozenset[str]
    suggestion: str | None


def compile(rule) -> Compiled:
    sensitive = matching.case_sensitive(rule)
    pattern = matching.compile_alternation(matching.strings(rule, "terms"), matching.strings(rule, "patterns"), sensitive, "patterns")
    if pattern is None:
        raise KindError("needs 'terms' or 'patterns'")
    exceptions = matching.compile_alternation(
        matching.strings(rule, "exceptions"), matching.strings(rule, "exception-patterns"), False, "exception-patterns"
    )
    suggestion = rule.data.get("suggestion")
    if suggestion is not None and not isinstance(suggestion, str):
        raise KindError("key 'suggestion' must be a string")
    return Compiled(pattern, exceptions, matching.scope(rule), suggestion)


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    for block, m in matching.block_matches(analysis.doc.blocks, c.pattern, c.exceptions, c.scope):
        message = active.rule.message.format(match=m.group(), suggestion=c.suggestion or "", **active.settings)
        yield analysis.finding(active, block, m.start(), m.end(), message, c.suggestion)


KIND = Kind("phrase", fields=("terms", "patterns", "exceptions", "exception-patterns", "case", "scope", "suggestion"), placeholders=frozenset({"match", "suggestion"}), compile=compile, check=check)
