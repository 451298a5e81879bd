"""`dose-no-maximum`: an over-the-counter dose and schedule with no maximum anywhere in the article.

A dose is for an over-the-counter product when it, or the article's title, names one of the
rule's `otc-terms` (pain relievers, antihistamines, supplements, "over-the-counter").
"""

from __future__ import annotations

from typing import Iterator

import regex

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.patterns import matching
from healthlint.recognisers.dosing import doses


def compile(rule) -> regex.Pattern:
    pattern = matching.compile_alternation(matching.strings(rule, "otc-terms"), [], False, "otc-terms")
    if pattern is None:
        raise KindError("needs 'otc-terms'")
    return pattern


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    found = analysis.fact(doses)
    if any(d.maximum for d in found):
        return
    otc: regex.Pattern = active.rule.compiled
    scheduled = [d for d in found if d.kind == "instruction" and d.amount and d.schedule]
    if not scheduled:
        return
    if not otc.search(_title(analysis)):
        scheduled = [d for d in scheduled if otc.search(d.text)]
    if scheduled:
        first = scheduled[0]
        message = active.rule.message.format(found=first.found, **active.settings)
        yield analysis.finding(active, first.block, first.start, first.end, message)


def _title(analysis: Analysis) -> str:
    """The front-matter title, else a top-level heading."""
    title = analysis.doc.metadata.get("title")
    if isinstance(title, str):
        return title
    return next((b.text for b in analysis.doc.headings if b.heading_level == 1), "")


KIND = Kind("dose-no-maximum", fields=("otc-terms",), placeholders=frozenset({"found"}), compile=compile, check=check)
