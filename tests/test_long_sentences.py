"""A sentence's claims are judged from marks found once per sentence, not by reading the words
before each claim again (which made a long sentence's time grow with its square). These tests
compare the two readings on generated sentences, at every place a claim can start."""

from __future__ import annotations

import regex
from conftest import consult_vocabulary
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.recognisers import advice, claims
from healthlint.text.document import parse

WORDS = st.sampled_from(
    [
        "no", "not", "never", "don't", "fails", "to", "but", "however", "yet", "and", "so", ",", ";", ":", "(", ")",
        "whether", "if", "it", "see", "find", "out", "how", "well", "cures", "treats", "prevents", "pain",
        "taking", "morning", "healing", "you", "should", "try", "we", "recommend", "please", "always", "it's",
        "best", "when", "nothing", "x", "2", "-", "•", "nota", "ifit", "butter", "nowhere",
    ]
)
SENTENCES = st.lists(WORDS, min_size=1, max_size=40).map(lambda ws: " ".join(ws).replace(" ,", ",") + ".")


def _starts(text: str) -> list[int]:
    """Every offset, inside words too: the marks must give way there."""
    return list(range(len(text) + 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCES, min_size=1, max_size=3))
def test_negation_and_questions_read_once_agree_with_reading_each_claim(sentences):
    block = parse(" ".join(sentences), markdown=False).blocks[0]
    marks = claims.Sentences()
    for start in _starts(block.text):
        assert claims.negated(block, start, marks) == claims.negated(block, start), (block.text, start)
        s = block.sentences[claims.sentence_of(block, start)][0]
        sentence = block.text[s:start]
        assert claims._asks(block, start, sentence, marks) == bool(claims._QUESTION.search(sentence)), (block.text, start)


@settings(max_examples=300, deadline=None)
@given(SENTENCES)
def test_practice_read_from_the_first_word_agrees_with_the_whole_sentence(sentence):
    for start in _starts(sentence):
        head = sentence[:start]
        assert claims._practice(head) == bool(claims._PRACTICE.match(head)), head


_TO_READER_FORWARD = regex.compile(advice._TO_READER.pattern, advice._TO_READER.flags & ~regex.REVERSE)


@settings(max_examples=300, deadline=None)
@given(SENTENCES)
def test_advice_said_to_the_reader_is_found_from_the_end_as_from_the_start(sentence):
    for start in _starts(sentence):
        head = sentence[:start]
        assert bool(advice._TO_READER.search(head)) == bool(_TO_READER_FORWARD.search(head)), head


def test_a_long_sentence_of_claims_gives_each_claim_once():
    """2,000 claims and 2,000 denied ones in one 180 KB sentence: each claim found, each denial kept."""
    from healthlint.linter import lint_text
    from healthlint.setup.config import Config, Overrides
    from healthlint.setup.registry import ruleset

    active = ruleset(Config(), Overrides(select=("claims",))).active
    unit = "This herb cures arthritis, and it is not proven to treat diabetes, and it relieves pain, "
    found = [f for f in lint_text(unit * 2000 + ".\n", active) if f.rule == "claims/disease-claim"]
    assert [f.column for f in found] == [1 + 10 + len(unit) * i for i in range(2000)]


def _cancelled_reading_each_head(vocab, block, start: int, text: str) -> bool:
    """advice._cancelled as it was, reading the whole head for each note: the reference."""
    head = advice._sentence_head(block, start)
    plain = advice.is_plain(head)
    dismissive = vocab.plain("dismissive") if plain else vocab.dismissive
    if dismissive.search(head) and dismissive.search(advice._clause_head(head, plain)):
        return True
    ends_open = not plain or head[-1:].isspace()
    m = ends_open and (vocab.plain("not_note") if plain else vocab.not_note).search(head)
    without = (ends_open and advice._WITHOUT[plain].search(head)) or text[:7].lower() == "without"
    if not m and not without:
        return False
    return not (without and advice._PROHIBITION[plain].search(head, 0, m.start() if m else len(head)))


NOTE_WORDS = st.sampled_from(
    [
        "no", "need", "to", "don't", "do", "not", "never", "without", "first", "really", "you", "may", "see", "a", "doctor",
        "talk", "your", "GP", "unlike", "but", "if", "so", ",", ";", "-", "—", "(", ")", "café", "–", "’", "\x1c", "x", "ask",
        "no-need", "don't have to", "without asking",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(NOTE_WORDS, min_size=1, max_size=30).map(" ".join), min_size=1, max_size=3))
def test_a_note_is_cancelled_as_reading_its_whole_head_says(sentences):
    block = parse(". ".join(sentences) + ".", markdown=False).blocks[0]
    vocab = consult_vocabulary()
    heads = advice.Heads()
    heads.LONG = 0  # the marks, however short the sentence
    for start in _starts(block.text):
        text = block.text[start : start + 20]
        assert advice._cancelled(vocab, block, start, text, heads) == _cancelled_reading_each_head(vocab, block, start, text), (block.text, start)
