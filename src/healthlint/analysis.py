"""What rules see: the document, facts shared between rules, and a way to report findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from healthlint.document import Block, Document
from healthlint.findings import Finding, Severity

T = TypeVar("T")


@dataclass(frozen=True)
class ActiveRule:
    """A rule as configured for one file: its effective severity and settings."""

    rule: Any  # rulepack.Rule
    severity: Severity
    settings: dict[str, Any]

    @property
    def id(self) -> str:
        return self.rule.id


class Analysis:
    """One document under lint. Facts several rules need (doses, advice) are computed once."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._facts: dict[Callable, Any] = {}
        self.unused_suppressions: list = []  # set by the suppression stage

    def fact(self, compute: Callable[["Analysis"], T]) -> T:
        """The result of `compute(self)`, computed on first use and shared by every rule."""
        if compute not in self._facts:
            self._facts[compute] = compute(self)
        return self._facts[compute]

    def finding(
        self,
        rule: ActiveRule,
        block: Block,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding on prose offsets [start, end) of a block."""
        s, e = block.source_span(start, end)
        return self.finding_at(rule, s, e, message, suggestion)

    def finding_at(self, rule: ActiveRule, start: int, end: int, message: str, suggestion: str | None = None) -> Finding:
        """A finding on source offsets [start, end)."""
        line, col = self.doc.position(start)
        end_line, end_col = self.doc.position(max(end, start))
        return Finding(self.doc.path, line, col, end_line, end_col, rule.id, rule.severity, message, suggestion)
