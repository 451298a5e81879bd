"""`substitution`: a term and the everyday word to use instead, offered as the suggestion.

With `allow-defined = true`, a term the writer defines is fine: "hypertension (high
blood pressure)" or "high blood pressure (hypertension)" is what plain-language
guides ask for when a medical word must appear.
"""

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
    swap: dict[str, str]
    exceptions: matching.Alternation | None
    scope: frozenset[str]
    allow_defined: bool


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("‐", "-").replace("‑", "-").split())


def compile(rule) -> Compiled:
    swap = rule.data.get("swap")
    if not isinstance(swap, dict) or not swap:
        raise KindError("key 'swap' must be a table of term = \"replacement\"")
    for term, repl in swap.items():
        if not isinstance(repl, str) or not repl.strip() or not term.strip():
            raise KindError(f"key 'swap.{term}' must map a term to a non-empty replacement")
    keys = {_key(t): r for t, r in swap.items()}
    if len(keys) != len(swap):
        raise KindError("key 'swap' lists the same term twice")
    sensitive = matching.case_sensitive(rule)
    pattern = matching.compile_alternation(list(swap), [], sensitive, "swap")
    exceptions = matching.compile_alternation(
        matching.strings(rule, "exceptions"), matching.strings(rule, "exception-patterns"), False, "exception-patterns"
    )
    allow_defined = rule.data.get("allow-defined", False)
    if not isinstance(allow_defined, bool):
        raise KindError("key 'allow-defined' must be true or false")
    return Compiled(pattern, keys, exceptions, matching.scope(rule), allow_defined)


def _defined(text: str, start: int, end: int, plain: str) -> bool:
    """The term sits in brackets, a definition in brackets follows it, or its plain word follows close by."""
    after = text[end : end + 60]
    if after.lstrip().startswith("(") or plain.lower() in after[:40].lower():
        return True
    window = max(0, start - 200)
    opened = text.rfind("(", window, start)
    return opened >= 0 and text.find(")", opened, start) < 0 and text.find(")", end, end + 200) >= 0


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    for block, m in matching.block_matches(analysis.doc.blocks, c.pattern, c.exceptions, c.scope):
        plain = c.swap[_key(m.group())]
        if c.allow_defined and _defined(block.text, m.start(), m.end(), plain):
            continue
        suggestion = matching.match_case(plain, m.group())
        message = active.rule.message.format(match=m.group(), suggestion=suggestion, **active.settings)
        yield analysis.finding(active, block, m.start(), m.end(), message, suggestion)


KIND = Kind("substitution", fields=("swap", "exceptions", "exception-patterns", "case", "scope", "allow-defined"), placeholders=frozenset({"match", "suggestion"}), compile=compile, check=check)
