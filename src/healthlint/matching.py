"""Phrase lists and patterns from rule packs, compiled once into one regex each.

Patterns are the `regex` package's, run with a time limit, so a user's pattern that
backtracks badly stops with an error naming the rule instead of hanging a commit.
"""

from __future__ import annotations

from typing import Iterator

import regex

from healthlint.kinds import KindError

MATCH_TIMEOUT = 2.0  # seconds per search of one block
_PROBES = ("a" * 40 + "!", "ab" * 30 + "!", " " * 50 + "!", "1" * 40 + "x")


class MatchTimeout(Exception):
    """A pattern ran too long on a piece of text."""


def term_pattern(term: str) -> str:
    """A literal phrase: spaces match any run of spaces, both apostrophes match, word edges hold."""
    out = []
    for ch in term.strip():
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        elif ch == "-":
            out.append(r"[-‐‑]")
        else:
            out.append(regex.escape(ch))
    body = "".join(out)
    # A hyphen joins words: "anti-diabetics" is not "diabetics".
    start = r"(?<![\w-])" if (term.strip()[:1].isalnum()) else ""
    end = r"(?![\w-])" if (term.strip()[-1:].isalnum()) else ""
    return f"{start}{body}{end}"


def compile_alternation(terms: list[str], patterns: list[str], case_sensitive: bool, key: str) -> regex.Pattern | None:
    """One regex for a list of literal terms and raw patterns; None when both are empty."""
    parts = [term_pattern(t) for t in sorted(set(terms), key=len, reverse=True) if t.strip()]
    for p in patterns:
        parts.append(f"(?:{check_pattern(p, key)})")
    if not parts:
        return None
    flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
    return regex.compile("|".join(parts), flags)


def check_pattern(pattern: str, key: str) -> str:
    """Refuse a pattern that does not compile, or that backtracks badly on simple probes."""
    try:
        compiled = regex.compile(pattern)
    except regex.error as err:
        raise KindError(f"key {key!r}: pattern {pattern!r} does not compile: {err}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=0.05)
        except TimeoutError:
            raise KindError(f"key {key!r}: pattern {pattern!r} backtracks catastrophically; simplify it") from None
    return pattern


def finditer(pattern: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match]:
    try:
        yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=MATCH_TIMEOUT)
    except TimeoutError:
        raise MatchTimeout(pattern.pattern[:60]) from None


def strings(rule, key: str) -> list[str]:
    value = rule.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KindError(f"key {key!r} must be a list of non-empty strings")
    return value


def spans_overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in spans)


def match_case(replacement: str, original: str) -> str:
    """Keep a capital at the start of a sentence when suggesting a replacement."""
    if original[:1].isupper() and not original.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


BLOCK_KINDS = ("paragraph", "heading", "table-cell", "footnote")


def scope(rule) -> frozenset[str]:
    """The block kinds a rule reads (`scope` key); all prose by default."""
    value = rule.data.get("scope", list(BLOCK_KINDS))
    if not isinstance(value, list) or not set(value) <= set(BLOCK_KINDS) or not value:
        raise KindError(f"key 'scope' must be a list drawn from {', '.join(BLOCK_KINDS)}")
    return frozenset(value)


def case_sensitive(rule) -> bool:
    value = rule.data.get("case", "insensitive")
    if value not in ("insensitive", "sensitive"):
        raise KindError("key 'case' must be 'insensitive' or 'sensitive'")
    return value == "sensitive"


def block_matches(blocks, pattern: regex.Pattern, exceptions: regex.Pattern | None, kinds: frozenset[str]):
    """Yield (block, match) for each match in scope that no exception overlaps."""
    for block in blocks:
        if block.kind not in kinds:
            continue
        hits = list(finditer(pattern, block.text))
        if not hits:
            continue
        excluded = [m.span() for m in finditer(exceptions, block.text)] if exceptions else []
        for m in hits:
            if not spans_overlap(m.span(), excluded):
                yield block, m
