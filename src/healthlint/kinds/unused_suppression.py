"""`unused-suppression`: a suppression comment that suppressed nothing, so it can go."""

from __future__ import annotations

from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind, Stage


def compile(rule) -> None:
    return None


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    for d in analysis.unused_suppressions:
        text = f"healthlint-{d.action}" + (" " + " ".join(sorted(d.ids)) if d.ids else "")
        yield analysis.finding_at(active, d.comment.start, d.comment.end, active.rule.message.format(directive=text))


KIND = Kind("unused-suppression", fields=(), placeholders=frozenset({"directive"}), compile=compile, check=check, stage=Stage.AFTER_SUPPRESSIONS)
