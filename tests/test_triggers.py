"""Trigger words let a block skip a pattern; they must never skip a block the pattern matches."""

from __future__ import annotations

import pytest
import regex
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.patterns import matching
from healthlint.patterns.triggers import term_words, trigger_words
from healthlint.setup.registry import builtin_rules
from healthlint.text.document import parse
from healthlint.text.words import tokens


@pytest.mark.parametrize(
    "pattern, words",
    [
        (matching.term_pattern("shows promise"), {"promise"}),
        (matching.term_pattern("don't"), {"don"}),
        (matching.term_pattern("anti-inflammatory"), {"inflammatory"}),
        (r"\b(?:take|taking)\b", {"take", "taking"}),
        (r"\btablets?\b", {"tablet", "tablets"}),
        (r"\bdoses?\s+of\s+\d+", {"dose", "doses"}),
        (r"(?i)\bCURE\b|\bheals?\b", {"cure", "heal", "heals"}),
    ],
)
def test_trigger_words_are_whole_words_every_match_holds(pattern, words):
    assert trigger_words(pattern) == words


@pytest.mark.parametrize(
    "pattern",
    [
        r"tak(?:e|ing)\b",  # "tak" is only part of a word
        r"\btake",  # may run on into "takeaway"
        r"\d+\s*mg",  # "mg" may end "10mg"
        r"foo|\bbar\b",  # one branch has no whole word
        r"\p{L}+ cure",  # syntax only the regex package reads
    ],
)
def test_no_trigger_words_when_a_match_need_not_hold_a_whole_word(pattern):
    assert trigger_words(pattern) is None


def test_folding_matches_regex_ignorecase():
    # regex's IGNORECASE matches these to plain letters; the tokens must too.
    assert tokens("İBUPROFEN and ſalt, the ＫELVIN") >= {"ibuprofen", "salt"}
    assert regex.search(r"\bibuprofen\b", "İbuprofen", regex.I)
    assert "ibuprofen" in tokens("İbuprofen")


def test_tokens_split_words_as_the_regex_package_does():
    # '²' is a word character for `re` but not for `regex`, so "mg/m²" holds the word "m".
    assert regex.search(r"(?<![\w-])m(?![\w-])", "5 mg/m²")
    assert "m" in tokens("5 mg/m²")


PIECES = ["take", "tablet", "tablets", "cure", "Cure", "a", "is", "don't", "don’t", "anti-aging", "x2", "2", "mg", "10mg", "İt", "m²", "_", "-", "’"]
# An atom and a piece of text it can match (assertions match nothing).
ATOMS = [
    (r"\b", ""), (r"\s+", " "), (r"\s*", ""), (r"(?:\s+tablet)?", ""), (r"(?:x\s*)?", "x"), (r"(?:\s*2)?", " 2"), (r"\w+", "tablet"), (r"\w+", "2"), (r"\d+", "10"), (r"\W", "-"), (r"[-‐]", "‐"),
    (r"['’]", "’"), (r"(?<![\w-])", ""), (r"(?![\w-])", ""), (r"(?<!\w)", ""), (r"(?=\s)", ""), (r"(?<=\s)", ""), (" ", " "), (r"\.", "."),
]


@st.composite
def patterns(draw, depth: int = 0) -> tuple[str, str]:
    """A random pattern and a string it is meant to match (lookarounds may still refuse it)."""
    pattern, sample = "", ""
    for _ in range(draw(st.integers(1, 4))):
        choice = draw(st.integers(0, 9 if depth < 2 else 6))
        if choice <= 3:
            piece = draw(st.sampled_from(PIECES))
            p, s = regex.escape(piece), draw(st.sampled_from([piece, piece.upper()]))
        elif choice <= 6:
            p, s = draw(st.sampled_from(ATOMS))
        elif choice == 7:
            (p1, s1), (p2, s2) = draw(patterns(depth + 1)), draw(patterns(depth + 1))
            p, s = f"(?:{p1}|{p2})", draw(st.sampled_from([s1, s2]))
        elif choice == 8:
            p1, s1 = draw(patterns(depth + 1))
            times = draw(st.sampled_from(["?", "+", "*", "{1,2}"]))
            p, s = f"(?:{p1}){times}", s1 * draw(st.integers(0 if times in "?*" else 1, 2))
        else:
            p1, s = draw(patterns(depth + 1))
            p = f"(?:{p1})"
        pattern, sample = pattern + p, sample + s
    return pattern, sample


TEXT = st.lists(st.sampled_from([*PIECES, " ", "  ", ". ", ",", "\n", ""]), max_size=4).map("".join)


@settings(max_examples=3000, deadline=None)
@given(patterns(), TEXT, TEXT, st.booleans())
def test_a_pattern_never_matches_where_its_trigger_words_are_absent(drawn, before, after, ignore_case):
    pattern, sample = drawn
    words = trigger_words(pattern)
    text = before + sample + after
    if words is not None and regex.search(pattern, text, regex.V0 | (regex.I if ignore_case else 0)):
        assert words & tokens(text), (pattern, text, words)


def test_every_built_in_phrase_list_matches_only_blocks_holding_its_trigger_words():
    """Over the example article and every rule's examples, a match implies a trigger word in its block."""
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    checked = 0
    rules = list(builtin_rules().values())
    for rule in rules:
        texts += rule.data.get("examples", {}).get("bad", []) + rule.data.get("examples", {}).get("good", [])
    blocks = [b for t in texts for b in parse(t, "x.md").blocks]
    for rule in rules:
        for name in ("pattern", "exceptions", "requires", "unless_nearby"):
            matcher = getattr(rule.compiled, name, None)
            if not isinstance(matcher, matching.Alternation) or matcher.words is None:
                continue
            for block in blocks:
                if any(True for _ in matching.finditer(matcher, block.text)):
                    checked += 1
                    assert matcher.could_match(block), (rule.id, name, block.text)
    assert checked > 10


def _built_in_terms() -> set[str]:
    terms = set()
    for rule in builtin_rules().values():
        for key in ("terms", "exceptions", "context", "otc-terms"):
            value = rule.data.get(key)
            if isinstance(value, list):
                terms.update(v for v in value if isinstance(v, str))
        if isinstance(rule.data.get("swap"), dict):
            terms.update(rule.data["swap"])
    return terms


@pytest.mark.parametrize("term", sorted(_built_in_terms()) + ["-itis", "100%", "e.g. this", "_x", "Straße", "İbuprofen"])
def test_a_phrase_s_trigger_word_is_what_its_pattern_gives(term):
    assert term_words(term) == trigger_words(matching.term_pattern(term))


@pytest.mark.parametrize("pattern, text", [(r"\bcure{e<=1}\b", "a cura"), (r"\b[[:alpha:]]+ure\b", "pure")])
def test_regex_syntax_the_stdlib_reads_otherwise_gets_no_trigger_words(pattern, text):
    assert regex.search(pattern, text)
    assert trigger_words(pattern) is None


def test_reading_a_pattern_warns_nothing(recwarn):
    trigger_words(r"[[]x\]|\bcure\b")
    assert not recwarn.list


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_tokens_are_the_regex_word_runs(text):
    assert tokens(text) == frozenset(w.lower() for w in regex.findall(r"\w+", text))
