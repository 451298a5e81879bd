"""What the editor shows on a finding: what the rule flags and why, with flagged and fine examples, and its page."""

from __future__ import annotations

from typing import Iterable

from healthlint.findings import Finding, docs_url
from healthlint.setup.rulepack import Rule

EXAMPLES = 2  # of each: a hover is read at a glance


def covers(f: Finding, line: int, column: int) -> bool:
    """Whether healthlint's position (line, column) is on the finding (its end included, as editors hover)."""
    return (f.line, f.column) <= (line, column) <= (f.end_line, f.end_column)


def hover_text(findings: Iterable[Finding], rules: dict[str, Rule]) -> str:
    """Markdown for the findings under the cursor, one section each."""
    return "\n\n---\n\n".join(_section(f, rules.get(f.rule)) for f in findings)


def _section(f: Finding, rule: Rule | None) -> str:
    lines = [f"**{f.rule}** ({f.severity.label}): {_escape(f.message)}"]
    if rule is None:
        return lines[0]
    if rule.what:
        lines += ["", _escape(" ".join(rule.what.split()))]
    lines += ["", "Why: " + _escape(" ".join(rule.why.split()))]
    if rule.bad:
        lines += ["", "Flagged:"] + [f"- {_escape(_one_line(e))}" for e in rule.bad[:EXAMPLES]]
    if rule.good:
        lines += ["", "Fine:"] + [f"- {_escape(_one_line(e))}" for e in rule.good[:EXAMPLES]]
    lines += ["", f"[{f.rule}]({docs_url(f.rule)})" + (f" · [guideline]({rule.link})" if rule.link else "")]
    return "\n".join(lines)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str) -> str:
    """Text shown as written: Markdown's marks and HTML are not interpreted by the editor."""
    return "".join("\\" + c if c in "\\`*_{}[]<>#|~" else c for c in text)
