"""`claim-disease`: a product or practice said to cure, treat or relieve a condition, with no citation.

The recognition lives in `healthlint.recognisers.claims` so other rule families share the same claims.
"""

from __future__ import annotations

from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.patterns import matching
from healthlint.recognisers.claims import disease_claims


def compile(rule) -> frozenset[str]:
    return matching.scope(rule)


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    kinds: frozenset[str] = active.rule.compiled
    for claim in analysis.fact(disease_claims):
        if not claim.cited and claim.block.kind in kinds:
            message = active.rule.message.format(match=claim.text, **active.settings)
            yield analysis.finding(active, claim.block, claim.start, claim.end, message)


KIND = Kind("claim-disease", fields=("scope",), placeholders=frozenset({"match"}), compile=compile, check=check)
