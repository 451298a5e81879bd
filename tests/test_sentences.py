"""The sentence segmenter finds abbreviations with string methods: it must split as the regex way did."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.text import sentences
from healthlint.text.sentences import ABBREVIATIONS, split

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)$")


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

    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "." and abbreviation(m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
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


PIECES = ["Dr", "e.g", "Ph.D", "J", "A", "D", "vitamin", "mg", "2.5", "no", " ", "  ", "\n", "\t", ".", "..", "!", "?", "…", "”", ")", "(", "“", "é"]


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


def test_blank_text_has_no_sentences():
    assert split("") == [] and split(" \n ") == []
