"""`dose-abbreviation`: error-prone dose abbreviations, flagged only where they are dose notation.

"U", "MS", "SC", "hs" and "cc" are ordinary letters and words in prose, so each form says
where it counts: right after a number (`after-number`) or inside a dosing statement
(`in-dose`). Trailing zeros (5.0 mg), naked decimals (.5 mg) and a drug name run into its
dose (Tegretol300mg, read as Tegretol 1300 mg) get a rewritten amount.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, attrgetter, not_
from typing import Iterator

import regex

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding
from healthlint.kinds.kind import Kind
from healthlint.patterns import matching, pattern_cache
from healthlint.recognisers.dosing import doses
from healthlint.text.document import Block

_TEXT = attrgetter("text")
_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_UNITS = "mg|mcg|g|mL|ml|units?|IU"
_UNIT = rf"(?:{_UNITS})\b(?!\s*/)"
_END = r"(?![\w\-‐'’]|\.\w)"
_TRAILING_ZERO = pattern_cache.compile(rf"(?<![\d.,])(\d+)\.0+(\s*{_UNIT})")
_NAKED_DECIMAL = pattern_cache.compile(rf"(?<![\w.,])\.(\d+)(\s*{_UNIT})")
_LETTER_DIGIT = pattern_cache.compile(r"[a-z]\d")  # every run-together match holds one
# A brand name run into its dose: "Tegretol300mg", "Inderal40 mg" (not "CMT2L", nor "Each12.5 mg" from a lost space).
_RUN_TOGETHER = pattern_cache.compile(r"(?<![\w.])(?!(?:Each|Take|Give|Use|About|Total)\d)([A-Z][a-z-]*[a-z]{2})(\d+(?:\.\d+)?)\s*(mg|mcg|g|mL|ml|units?|IU)\b(?!\s*/)")


@dataclass(frozen=True)
class Compiled:
    gate: regex.Pattern  # a digit, maybe spaces, then a unit or an after-number form: every form here holds one
    ascii_gate: re.Pattern  # the same in `re`, for ASCII text (where its ASCII classes match as `regex`'s do)
    after_number: regex.Pattern | None
    in_dose: regex.Pattern | None
    swap: dict[str, str]
    trailing_zero: bool
    naked_decimal: bool
    run_together: bool


def _table(rule, key: str) -> dict[str, str]:
    value = rule.data.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() and k.strip() for k, v in value.items()):
        raise KindError(f"key {key!r} must be a table of abbreviation = \"spelled-out form\"")
    return value


def _alternation(terms: dict[str, str], before: str) -> regex.Pattern | None:
    if not terms:
        return None
    body = "|".join(regex.escape(t) for t in sorted(terms, key=len, reverse=True))
    return pattern_cache.compile(rf"{before}(?:{body}){_END}")


def compile(rule) -> Compiled:
    after, inside = _table(rule, "after-number"), _table(rule, "in-dose")
    flags = {k: rule.data.get(k, False) for k in ("trailing-zero", "naked-decimal", "name-run-into-dose")}
    for key, value in flags.items():
        if not isinstance(value, bool):
            raise KindError(f"key {key!r} must be true or false")
    if not (after or inside or any(flags.values())):
        raise KindError("needs 'after-number', 'in-dose', 'trailing-zero', 'naked-decimal' or 'name-run-into-dose'")
    gate = rf"\d\s*(?:{_UNITS}|{'|'.join(regex.escape(t) for t in after)})"
    return Compiled(
        pattern_cache.compile(gate), re.compile(gate, re.ASCII),
        _alternation(after, r"(?<=\d\s?)"), _alternation(inside, r"(?<![\w.])"), {**inside, **after},
        flags["trailing-zero"], flags["naked-decimal"], flags["name-run-into-dose"],
    )


def _gated(blocks: list[Block], c: Compiled) -> Iterator[Block]:
    """The blocks where the gate finds a digit, maybe spaces, then a unit or an after-number form, as after-number,
    trailing zero, naked decimal and run-together all have. In ASCII text the gate starts at the first digit, which
    one find in the document's text as bytes, every digit made 0, goes to; other text may hold other digits."""
    texts = list(map(_TEXT, blocks))
    zeros = "\0".join(texts).encode("ascii", "replace").translate(_ZEROS)  # a byte for each character
    nexts = list(accumulate(map(add, map(len, texts), repeat(1))))  # where block i + 1 starts
    at = zeros.find(b"0")
    while at != -1:
        i = bisect_right(nexts, at)
        if texts[i].isascii() and c.ascii_gate.search(texts[i], at - (nexts[i - 1] if i else 0)):
            yield blocks[i]
        at = zeros.find(b"0", nexts[i])
    yield from (b for b in compress(blocks, map(not_, map(str.isascii, texts))) if c.gate.search(b.text))


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    c: Compiled = active.rule.compiled
    hits: list[tuple] = []
    for block in _gated(analysis.doc.blocks, c):
        text = block.text
        if c.after_number:
            hits += [(block, m.start(), m.end(), c.swap[m.group()]) for m in matching.finditer(c.after_number, text)]
        if c.trailing_zero and ".0" in text:
            hits += [(block, m.start(), m.end(), m.group(1) + m.group(2)) for m in _TRAILING_ZERO.finditer(text)]
        if c.naked_decimal:
            hits += [(block, m.start(), m.end(), f"0.{m.group(1)}{m.group(2)}") for m in _NAKED_DECIMAL.finditer(text)]
        if c.run_together and _LETTER_DIGIT.search(text):
            hits += [(block, m.start(), m.end(), f"{m.group(1)} {m.group(2)} {m.group(3)}") for m in _RUN_TOGETHER.finditer(text)]
    if c.in_dose:
        for dose in analysis.fact(doses):
            if dose.kind == "instruction":
                for m in matching.finditer(c.in_dose, dose.block.text, dose.start, dose.end):
                    hits.append((dose.block, m.start(), m.end(), c.swap[m.group()]))
    for block, start, end, suggestion in sorted(hits, key=lambda h: (h[0].index, h[1])):
        found = block.text[start:end]
        message = active.rule.message.format(match=found, suggestion=suggestion, **active.settings)
        yield analysis.finding(active, block, start, end, message, suggestion)


KIND = Kind("dose-abbreviation", fields=("after-number", "in-dose", "trailing-zero", "naked-decimal", "name-run-into-dose"), placeholders=frozenset({"match", "suggestion"}), compile=compile, check=check)
