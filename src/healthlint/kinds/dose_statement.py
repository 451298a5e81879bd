"""`dose-statement`: one finding per dosing statement the recogniser found, of one kind."""

from __future__ import annotations

from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.recognisers.dosing import doses

KINDS = ("instruction", "titration")


def compile(rule) -> str:
    kind = rule.data.get("statement")
    if kind not in KINDS:
        raise KindError(f"key 'statement' must be one of {', '.join(KINDS)}")
    return kind


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    for dose in analysis.fact(doses):
        if dose.kind == active.rule.compiled:
            message = active.rule.message.format(found=dose.found, **active.settings)
            yield analysis.finding(active, dose.block, dose.start, dose.end, message)


KIND = Kind("dose-statement", fields=("statement",), placeholders=frozenset({"found"}), compile=compile, check=check)
