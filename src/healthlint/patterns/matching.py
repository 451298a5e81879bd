"""Phrase lists and patterns from rule packs, compiled once into one regex each.

Patterns are the `regex` package's, run with a time limit, so a user's pattern that
backtracks badly stops with an error naming the rule instead of hanging a commit.
"""

from __future__ import annotations

from bisect import bisect_left
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import Iterator

import regex

from healthlint.errors import KindError, MatchTimeout
from healthlint.patterns import pattern_cache
from healthlint.patterns.triggers import term_words, trigger_words

MATCH_TIMEOUT = 2.0  # seconds per search of one block
_PROBES = ("a" * 40 + "!", "ab" * 30 + "!", " " * 50 + "!", "1" * 40 + "x")



# regex.escape of each ASCII character, read once: a pack's phrases hold some 9,000 characters.
_ESCAPED = {chr(i): regex.escape(chr(i)) for i in range(128)}


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
            out.append(_ESCAPED.get(ch) or regex.escape(ch))
    body = "".join(out)
    # A hyphen joins words: "anti-diabetics" is not "diabetics".
    start = r"(?<![\w-])" if (term.strip()[:1].isalnum()) else ""
    end = r"(?![\w-])" if (term.strip()[-1:].isalnum()) else ""
    return f"{start}{body}{end}"


# Patterns are checked (compiled and probed) as their pack loads. The built-in packs are
# checked by the test suite instead, so theirs compile only when a file first needs them.
_CHECKED = ContextVar("patterns_checked", default=True)


@contextmanager
def patterns_checked(checked: bool) -> Iterator[None]:
    token = _CHECKED.set(checked)
    try:
        yield
    finally:
        _CHECKED.reset(token)


def compile_alternation(terms: list[str], patterns: list[str], case_sensitive: bool, key: str) -> Alternation | None:
    """One matcher for a list of literal terms and raw patterns; None when both are empty."""
    flags = regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
    # Longest first, as an alternation must list them for the longest to win.
    words = sorted({t for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    parts: list[regex.Pattern | LazyPattern] = [LazyPattern(term_pattern(t), flags, term_words(t)) for t in words]
    if _CHECKED.get():
        parts += [compile_pattern(p, key, flags) for p in patterns]
    else:
        parts += [LazyPattern(p, flags) for p in patterns]
    return Alternation(tuple(parts)) if parts else None


class LazyPattern:
    """A phrase, or a built-in pack's pattern, compiled on first use: on most files most of
    them never run, as their trigger words are absent. It runs without the time limit, which
    is for users' patterns and slows a scan by about a quarter: a phrase is escaped text, and
    the built-in patterns are checked by the tests and run on hostile input there."""

    def __init__(self, pattern: str, flags: int, words: frozenset[str] | None | object = ...):
        self.pattern = pattern
        self.flags = flags
        self._words = words  # ...: read from the pattern when first needed
        self._compiled: regex.Pattern | None = None

    @property
    def words(self) -> frozenset[str] | None:
        if self._words is ...:
            self._words = trigger_words(self.pattern)
        return self._words  # type: ignore[return-value]

    @property
    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = pattern_cache.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> regex.Match | None:
        return self.compiled.search(text, pos, len(text) if endpos is None else endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> Iterator[regex.Match]:
        return self.compiled.finditer(text, pos, len(text) if endpos is None else endpos)


class Alternation:
    """Several regexes matched as their alternation would be: leftmost match first, earlier regex on a tie.

    `regex` scans one phrase many times faster than a list of them joined (about 8x on the
    claims lists), so each phrase and pattern is kept apart, with its trigger words
    (healthlint.patterns.triggers): a text holding none of them is not scanned for it.
    """

    def __init__(self, parts: tuple[regex.Pattern | LazyPattern, ...]):
        self.parts = parts
        self.pattern = "|".join(p.pattern for p in parts)

    @cached_property
    def part_words(self) -> tuple[frozenset[str] | None, ...]:
        return tuple(p.words if isinstance(p, LazyPattern) else trigger_words(p.pattern) for p in self.parts)

    @cached_property
    def words(self) -> frozenset[str] | None:
        """Words one of which any match holds; None if some part has none."""
        return None if None in self.part_words else frozenset().union(*self.part_words)

    @cached_property
    def _index(self) -> tuple[dict[str, list[int]], list[int]]:
        """Which parts each trigger word calls for, and the parts that always run."""
        by_word: dict[str, list[int]] = {}
        for i, words in enumerate(self.part_words):
            for w in words or ():
                by_word.setdefault(w, []).append(i)
        return by_word, [i for i, words in enumerate(self.part_words) if words is None]

    def could_match(self, block) -> bool:
        return self.words is None or not self.words.isdisjoint(block.tokens)

    def _active(self, tokens: frozenset[str]) -> list:
        """The parts, in order, that could match a text with these tokens."""
        by_word, always = self._index
        chosen = set(always)
        for w in tokens.intersection(by_word):
            chosen.update(by_word[w])
        return [self.parts[i] for i in sorted(chosen)]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match | None:
        return next(self.finditer(text, pos, endpos), None)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None, tokens: frozenset[str] | None = None
    ) -> Iterator[regex.Match]:
        """Matches in text[pos:endpos]; given the text's `tokens`, parts without a trigger word there are skipped."""
        end = len(text) if endpos is None else endpos
        parts = self.parts
        if tokens is not None and len(parts) > 1:
            parts = self._active(tokens)
            if not parts:
                return
        if len(parts) == 1:
            yield from parts[0].finditer(text, pos, end, timeout=timeout)
            return
        ahead: list = [None] * len(parts)  # each part's next match at or after pos; False: none left
        while pos <= end:
            best = None
            for i, part in enumerate(parts):
                m = ahead[i]
                if m is None or (m is not False and m.start() < pos):
                    m = ahead[i] = part.search(text, pos, end, timeout=timeout) or False
                if m is not False and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            yield best
            pos = best.end() if best.end() > best.start() else best.end() + 1


def check_pattern(pattern: str, key: str) -> str:
    """Refuse a pattern that does not compile, or that backtracks badly on simple probes."""
    compile_pattern(pattern, key, regex.V0)
    return pattern


def compile_pattern(pattern: str, key: str, flags: int) -> regex.Pattern:
    """Compile a pattern from a rule pack, refusing one that does not compile or that backtracks badly."""
    try:
        compiled = pattern_cache.compile(pattern, flags)
    except regex.error as err:
        raise KindError(f"key {key!r}: pattern {pattern!r} does not compile: {err}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=0.05)
        except TimeoutError:
            raise KindError(f"key {key!r}: pattern {pattern!r} backtracks catastrophically; simplify it") from None
    return compiled


def _top_level(pattern: str) -> Iterator[tuple[int, str]]:
    """(index, character) of each character outside any group, class or escape; ")" closing a top-level group too."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 2 if pattern[i + 1 : i + 2] == "]" else 3 if pattern[i + 1 : i + 3] == "^]" else 1
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                yield i, ch
        elif depth == 0:
            yield i, ch
        i += 1


def alternatives(pattern: str) -> list[str]:
    """The top-level branches of a pattern; a non-capturing group that is a whole branch is opened up."""
    cuts = [i for i, ch in _top_level(pattern) if ch == "|"]
    out = []
    for a, b in zip([-1, *cuts], [*cuts, len(pattern)]):
        part = pattern[a + 1 : b]
        closes = [i for i, ch in _top_level(part) if ch == ")"]
        if part.startswith("(?:") and closes[:1] == [len(part) - 1]:
            out.extend(alternatives(part[3:-1]))
        else:
            out.append(part)
    return out


def finditer(pattern: Alternation | regex.Pattern, text: str, pos: int = 0, endpos: int | None = None, tokens: frozenset[str] | None = None) -> Iterator[regex.Match]:
    try:
        # The limit grows with the text (10 s a megabyte): only runaway backtracking reaches it.
        limit = MATCH_TIMEOUT + len(text) / 100_000
        end = len(text) if endpos is None else endpos
        if isinstance(pattern, Alternation):
            yield from pattern.finditer(text, pos, end, timeout=limit, tokens=tokens)
        else:
            yield from pattern.finditer(text, pos, end, timeout=limit)
    except TimeoutError:
        raise MatchTimeout(pattern.pattern[:60]) from None


def strings(rule, key: str) -> list[str]:
    value = rule.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KindError(f"key {key!r} must be a list of non-empty strings")
    return value


def spans_overlap(a: tuple[int, int], spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `a` overlaps one of `spans`, which are in order and do not overlap (as matches
    come), with `starts` their starts: the last span starting before `a` ends is the one to
    test, so a paragraph's time does not grow with its hits times its exceptions."""
    i = bisect_left(starts, a[1])
    return i > 0 and spans[i - 1][1] > a[0]


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


def block_matches(blocks, pattern: Alternation, exceptions: Alternation | None, kinds: frozenset[str]):
    """Yield (block, match) for each match in scope that no exception overlaps."""
    words = pattern.words  # could_match, inlined: this loop runs for every rule and block
    for block in blocks:
        if block.kind not in kinds or (words is not None and words.isdisjoint(block.tokens)):
            continue
        hits = list(finditer(pattern, block.text, tokens=block.tokens))
        if not hits:
            continue
        excluded = [m.span() for m in finditer(exceptions, block.text, tokens=block.tokens)] if exceptions and exceptions.could_match(block) else []
        starts = [s for s, _ in excluded]
        for m in hits:
            if not excluded or not spans_overlap(m.span(), excluded, starts):
                yield block, m
