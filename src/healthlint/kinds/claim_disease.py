"""`claim-disease`: a product or practice said to cure, treat or relieve a condition, with no citation.

The recognition lives in `healthlint.claims` so other rule families share the same claims.
"""

from __future__ import annotations

from typing import Iterator

from healthlint import matching
from healthlint.analysis import ActiveRule, Analysis
from healthlint.claims import disease_claims
from healthlint.findings import Finding

FIELDS = ("scope",)
PLACEHOLDERS = {"match"}


def compile(rule) -> frozenset[str]:
    return matching.scope(rule)


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    kinds: frozenset[str] = active.rule.compiled
    for claim in analysis.fact(disease_claims):
        if not claim.cited and claim.block.kind in kinds:
            message = active.rule.message.format(match=claim.text, **active.settings)
            yield analysis.finding(active, claim.block, claim.start, claim.end, message)
