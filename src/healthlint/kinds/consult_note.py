"""`consult-note`: an article that gives health advice but never sends readers to a professional."""

from __future__ import annotations

from typing import Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.recognisers import advice

REQUIRE = ("advice", "always", "never")
PLACEMENT = ("anywhere", "near-advice")


VOCABULARY = (
    "professionals", "qualifiers", "consult-verbs", "notes", "not-notes", "dismissive", "advice-verbs",
    "treatment-verbs", "medicines", "treatments", "substances", "asked-for", "lexicons",
)


def compile(rule) -> advice.Vocabulary:
    return advice.compile_vocabulary(rule)


def validate_settings(settings: dict) -> None:
    """Refuse a setting value the rule cannot act on, naming the key and the allowed values."""
    for key, allowed in (("require", REQUIRE), ("placement", PLACEMENT)):
        if key in settings and settings[key] not in allowed:
            raise KindError(f"setting {key!r} must be one of {', '.join(map(repr, allowed))}, got {settings[key]!r}")
    if "within-paragraphs" in settings and settings["within-paragraphs"] < 0:
        raise KindError(f"setting 'within-paragraphs' must be 0 or more, got {settings['within-paragraphs']!r}")


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    require = active.settings.get("require", "advice")
    if require == "never":
        return
    vocab = active.rule.compiled
    found = analysis.fact(advice.health_advice, vocab)
    # The notes are looked for only where they decide something (most articles give no advice).
    if (not found and require != "always") or analysis.fact(advice.consult_notes, vocab):
        return
    if found:
        # Doses are the strongest reason to need a note, then medicine advice, then claims.
        first = min(found, key=lambda a: (advice.STRENGTH[a.kind], a.block.index, a.start))
        line = analysis.doc.position(first.block.source_offset(first.start))[0]
        trigger = f"The article {first.describe()} at line {line}"
        yield analysis.finding(active, first.block, first.start, first.end, active.rule.message.format(trigger=trigger))
    elif require == "always":
        blocks = [b for b in analysis.doc.blocks if b.kind in advice.PROSE]
        if blocks:
            trigger = 'The article must have a consult note (require = "always")'
            yield analysis.finding(active, blocks[0], 0, len(blocks[0].text), active.rule.message.format(trigger=trigger))


KIND = Kind("consult-note", fields=VOCABULARY, placeholders=frozenset({"trigger"}), compile=compile, check=check, validate_settings=validate_settings)
