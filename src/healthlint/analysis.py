"""What rules see: the document, facts shared between rules, and a way to report findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from healthlint.errors import PackError
from healthlint.findings import Finding, Severity
from healthlint.text.document import Block, Document

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


@dataclass(frozen=True)
class Shared:
    """What the packs give every rule rather than one: the context triggers and the named lexicons.

    setup.registry builds it from the packs' `[[context]]` and `[[lexicon]]` entries; recognisers
    read it through recognisers.context and recognisers.lexicon."""

    context: Any  # recognisers.context.ContextRules
    lexicons: dict[str, Any]  # id -> recognisers.lexicon.Lexicon

    def lexicon(self, name: str) -> Any:
        """The lexicon of that id; a pack error names it if no pack defines it."""
        if name not in self.lexicons:
            raise PackError(f"no rule pack defines the lexicon {name!r} (known: {', '.join(sorted(self.lexicons)) or 'none'})")
        return self.lexicons[name]


class Analysis:
    """One document under lint. Facts several rules need (doses, advice) are computed once."""

    def __init__(self, doc: Document, shared: Shared | None = None):
        self.doc = doc
        self.shared = shared  # the packs' context triggers and lexicons; None for an analysis that needs neither
        self._facts: dict[tuple, Any] = {}
        self.unused_suppressions: list = []  # set by the suppression stage

    def fact(self, compute: Callable[..., T], *data: Any) -> T:
        """The result of `compute(self, *data)`, computed on first use and shared by every rule that
        asks with the same data: a recogniser is handed the compiled vocabulary of the rule it serves."""
        key = (compute, *data)
        if key not in self._facts:
            self._facts[key] = compute(self, *data)
        return self._facts[key]

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
