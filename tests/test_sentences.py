"""The sentence segmenter finds abbreviations with string methods: it must split as the regex way did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.text import sentences
from healthlint.text.sentences import ABBREVIATIONS, split

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)$")
_GLUED = re.compile(r"(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")


def regex_split(text: str) -> list[tuple[int, int]]:
    """The segmenter as it was written first: a regex search for the token before each full stop."""

    def abbreviation(dot: int) -> bool:
        m = _LAST_TOKEN.search(text, max(0, dot - 16), dot)
        if not m:
            return False
        token = m.group(1)
        if token.lower() in ABBREVIATIONS:
            return True
        if len(token) == 1 and token.isupper():
            before = text[max(0, m.start() - 2) : m.start()]
            prev = _LAST_TOKEN.search(text, max(0, m.start() - 20), max(0, m.start() - 1))
            return m.start() == 0 or before.endswith(". ") or bool(prev and prev.group(1)[:1].isupper())
        return False

    def address(at: int) -> bool:
        token = re.search(r"\S*$", text[:at]).group() + re.match(r"\S*", text[at:]).group()
        return any(mark in token for mark in ("://", "www.", "@", "/", "\\"))

    ends = [m.end() for m in _BOUNDARY.finditer(text) if text[m.start()] != "." or not abbreviation(m.start())]
    ends += [m.end() for m in _GLUED.finditer(text) if not address(m.start()) and not abbreviation(m.start())]
    spans, start = [], 0
    for end in sorted(ends):
        if end > start:
            spans.append((start, end))
            start = end
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


PIECES = ["Dr", "Then", "www.", "/", "e.g", "Ph.D", "J", "A", "D", "vitamin", "mg", "2.5", "no", " ", "  ", "\n", "\t", ".", "..", "!", "?", "…", "”", ")", "(", "“", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_splits_as_the_regex_way(pieces):
    text = "".join(pieces)
    assert split(text) == regex_split(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aBz.. \n", max_size=24), st.integers(0, 24), st.integers(0, 24))
def test_last_token_is_the_regex_search(text, lo, hi):
    lo, hi = min(lo, hi, len(text)), min(max(lo, hi), len(text))
    m = _LAST_TOKEN.search(text, lo, hi)
    assert sentences._last_token(text, lo, hi) == (m.span(1) if m else None)


def test_abbreviations_and_initials_before_odd_spacing():
    text = "  See Dr.\tSmith today.  Then J.\nR. Smith came. Ask e.g\n. Tim.  "
    assert [text[s:e] for s, e in split(text)] == ["See Dr.\tSmith today.", "Then J.\nR.", "Smith came.", "Ask e.g\n. Tim."]


def test_a_full_stop_with_no_space_before_a_capitalised_word_ends_a_sentence():
    text = "I took it for a week.Then I stopped!It worked?Yes"
    assert [text[s:e] for s, e in split(text)] == ["I took it for a week.", "Then I stopped!", "It worked?", "Yes"]


def test_no_space_after_abbreviations_initials_decimals_and_addresses_is_not_an_end():
    for text in (
        "Take it e.g.With food", "Made in the U.S.Army labs", "J.R.Smith said so", "Take 2.5 mg daily",
        "See www.nhs.uk/Conditions/Acne or https://example.org/Page.Html", "Write to help@clinic.Org today",
        "Open report.PDF now", "Ask Dr.Smith first",
    ):
        assert len(split(text)) == 1, text


def test_blank_text_has_no_sentences():
    assert split("") == [] and split(" \n ") == []
