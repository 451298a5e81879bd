"""Phrase lists and patterns are matched apart (for speed) but must find what one alternation finds."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.patterns import matching

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
    assert len(matching.compile_alternation(["cure"], [], False, "k").parts) == 1
    assert len(matching.compile_alternation([], ["cure"], False, "k").parts) == 1
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
def test_a_pattern_scanned_branch_by_branch_finds_the_same(terms, branches, pieces):
    text = "".join(pieces)
    parts = [matching.term_pattern(t) for t in terms] + [f"(?:{b})" for b in branches]
    whole = regex.compile(f"(?:{'|'.join(parts)})", regex.V0 | regex.IGNORECASE)
    apart = matching.Alternation(tuple(regex.compile(b, whole.flags) for b in matching.alternatives(whole.pattern)))
    assert [(m.span(), m.group()) for m in apart.finditer(text)] == [(m.span(), m.group()) for m in whole.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PATTERNS + [r"\w*", r"(?=s)", r"cure|safe"]),
    st.lists(st.sampled_from(WORDS + [" ", ", ", ". ", "  "]), max_size=25),
    st.integers(0, 60),
    st.integers(0, 8),
)
def test_an_exception_overlaps_a_match_as_any_of_its_spans_would_say(pattern, pieces, start, length):
    """Exceptions are matches, in order and not overlapping, so only the last one starting before
    the match ends needs testing; empty matches included."""
    text = "".join(pieces)
    spans = [m.span() for m in regex.finditer(pattern, text, regex.V0 | regex.IGNORECASE)]
    a = (start, start + length)
    brute = any(s < a[1] and a[0] < e for s, e in spans)
    assert matching.spans_overlap(a, spans, [s for s, _ in spans]) == brute
