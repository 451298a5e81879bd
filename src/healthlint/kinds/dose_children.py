"""`dose-children`: a dose for children that gives no age or weight band to choose it by."""

from __future__ import annotations

from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.recognisers.dosing import doses


def compile(rule) -> None:
    return None


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    for d in analysis.fact(doses):
        if d.kind == "instruction" and d.for_children and not d.age_or_weight:
            message = active.rule.message.format(found=d.found, **active.settings)
            yield analysis.finding(active, d.block, d.start, d.end, message)


KIND = Kind("dose-children", fields=(), placeholders=frozenset({"found"}), compile=compile, check=check)
