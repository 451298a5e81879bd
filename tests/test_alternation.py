"""Phrase lists and patterns are matched apart (for speed) but must find what one alternation finds."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint import matching

WORDS = ["miracle", "cure", "detox", "tea", "natural", "so", "safe", "it's", "is", "a", "miracle-cure", "x", "letter"]
PATTERNS = [r"\bnatural\W+so\W+safe\b", r"cure\s+\w+", r"a\b", r"(?<=is\s)\w+", r"t", r"detox(?:\s+tea)?"]


def one_regex(terms: list[str], patterns: list[str]) -> regex.Pattern:
    """What compile_alternation used to build: every term and pattern in one regex."""
    parts = [matching.term_pattern(t) for t in sorted(set(terms), key=len, reverse=True)]
    parts += [f"(?:{p})" for p in patterns]
    return regex.compile("|".join(parts), regex.V0 | regex.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3),
    st.lists(st.sampled_from(WORDS + [" ", ", ", ". ", "  "]), max_size=25),
    st.integers(0, 10),
)
def test_same_matches_as_one_alternation(terms, patterns, pieces, start):
    text = "".join(pieces)
    matcher = matching.compile_alternation(terms, patterns, False, "patterns")
    assert isinstance(matcher, matching.Alternation)
    combined = one_regex(terms, patterns)
    start = min(start, len(text))
    for pos in (0, start):
        got = [(m.span(), m.group()) for m in matching.finditer(matcher, text, pos)]
        assert got == [(m.span(), m.group()) for m in combined.finditer(text, pos)]


def test_terms_alone_or_patterns_alone_stay_one_regex():
    assert isinstance(matching.compile_alternation(["cure"], [], False, "k"), regex.Pattern)
    assert isinstance(matching.compile_alternation([], ["cure"], False, "k"), regex.Pattern)
    assert matching.compile_alternation([], [], False, "k") is None


def test_a_term_wins_a_tie_with_a_pattern_as_in_an_alternation():
    matcher = matching.compile_alternation(["miracle"], [r"miracle\s+cure"], False, "k")
    assert [m.group() for m in matching.finditer(matcher, "A miracle cure.")] == ["miracle"]


BRANCHES = [*PATTERNS, r"(?:miracle|cure)\s+tea", r"[]x|]+", r"[^]a-z |]", r"\|", r"(?:so|safe)", r"[]|(]t"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=4),
    st.lists(st.sampled_from(BRANCHES), min_size=2, max_size=6),
    st.lists(st.sampled_from(WORDS + [" ", ", ", ". ", "|", "]"]), max_size=25),
)
def test_a_long_alternation_split_into_branches_finds_the_same(terms, branches, pieces):
    text = "".join(pieces)
    parts = [matching.term_pattern(t) for t in terms] + [f"(?:{b})" for b in branches]
    whole = regex.compile(f"(?:{'|'.join(parts)})", regex.V0 | regex.IGNORECASE)
    matcher = matching.split(whole, 0)
    assert [(m.span(), m.group()) for m in matcher.finditer(text)] == [(m.span(), m.group()) for m in whole.finditer(text)]


def test_phrase_lists_stay_together_and_other_branches_stand_alone():
    whole = regex.compile(r"(?:(?<![\w-])miracle(?![\w-])|(?<![\w-])cure(?![\w-])|cure\s+(?:all|tea)|(?:x|y)z)", regex.V0)
    matcher = matching.split(whole, 0)
    assert [p.pattern for p in matcher.parts] == [
        r"(?<![\w-])miracle(?![\w-])|(?<![\w-])cure(?![\w-])",
        r"cure\s+(?:all|tea)",
        r"(?:x|y)z",
    ]


def test_patterns_with_groups_or_short_ones_are_not_split():
    grouped = regex.compile("(a)|b|c")
    assert matching.split(grouped, 0) is grouped
    short = regex.compile("a|b|c")
    assert matching.split(short) is short


def test_a_long_alternation_is_split_only_once_enough_text_has_been_scanned(monkeypatch):
    long = regex.compile("|".join(f"(?:w{i}x|y{i}z)" for i in range(2000)))
    assert len(long.pattern) >= matching.SPLIT_LENGTH
    monkeypatch.setattr(matching, "SPLIT_AFTER", 100)
    calls = []
    real = matching.split
    monkeypatch.setattr(matching, "split", lambda p: calls.append(p) or real(p))
    assert [m.group() for m in matching.finditer(long, "a w5x " * 10)] == ["w5x"] * 10
    assert calls == []
    assert [m.group() for m in matching.finditer(long, "y7z " * 30)] == ["y7z"] * 30
    assert calls == [long]
