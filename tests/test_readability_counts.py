"""healthlint's own counts must be textstat 0.7.13's (and pyphen's) exactly, on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyphen import Pyphen

from healthlint.analysis import Analysis
from healthlint.recognisers import grades, readability
from healthlint.text import document, syllables

ts = syllables.textstat()
counts = ts.backend.counts
LANG = "en_US"

# Edge cases: numbers, hyphens, apostrophes and contractions, quotes, underscores, text
# beyond ASCII (punctuation only, letters, spaces), final sigma, ligatures, no words, none.
TEXTS = [
    "",
    " ",
    "Take 2.5 mg of ibuprofen-codeine twice a day, e.g. with food.",
    "Don't stop; it's the patients' choice (they'd ask). 'Quoted' words, rock 'n' roll, '90s.",
    "I've, we'll, you're, o'clock, can'T, ma'am, ''s, '' t, x' ve, ' re",
    "Well-known, state-of-the-art, 3-4 times — a day – or ‘so’ … “quoted” · 40°C.",
    "snake_case __ _ a_b 2_000 ___word",
    "Naïve café in İstanbul; ΣΊΣΥΦΟΣ ΟΔΟΣ; straße ﬁnal ﬃce; ǅemal; e\u0301clair.",
    "no\u00a0break\u2009thin\u3000ideographic\x1cfile\x1dgroup\x85next\u2028line",
    "— … – · ° ! ? . , ; : ( ) [ ] { } / \\ | @ # $ % ^ & * + = < > ~ `",
    "Kratom, mitragynine and 7-hydroxymitragynine: tachycardia, hepatotoxicity, and seizures.",
    "HbA1c 48 mmol/mol; eGFR < 60 mL/min/1.73 m²; CYP3A4 and CYP2D6; COVID-19; H₂O.",
    "https://example.com/a_b?c=d&e=f www.nhs.uk dr.smith@example.org",
    "Yes. No thanks. Well then, okay. A b c. !!! ?? Go!",
    "Line one\nline two\n\nline three\tand\ttabs   and   spaces",
]

COUNTS = {
    "words": lambda t: counts.count_words(t),
    "tokens": lambda t: counts.count_words(t, rm_punctuation=False),
    "letters": lambda t: counts.count_letters(t),
    "characters": lambda t: counts.count_chars(t, ignore_spaces=True),
    "syllables": lambda t: counts.count_syllables(t, LANG),
    "polysyllables": lambda t: counts.count_polysyllable_words(t, LANG),
    "fog-hard-words": lambda t: counts.count_difficult_words(t, LANG, 3),
    "long-sentences": lambda t: counts.count_sentences(t) if counts.count_sentences(t) > 1 else None,
}


def own(name: str, text: str):
    got = grades._COUNTS[name](text)
    if name == "long-sentences":  # textstat floors the count at one: compare only above it
        return got if got > 1 else None
    return got


def plain_words(text: str) -> int:
    """healthlint's own word count as first written: tokens holding a letter or digit."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("name", COUNTS)
def test_each_count_is_textstats(name, text):
    assert own(name, text) == COUNTS[name](text)


def test_dale_chall_counts_plurals_inflections_numbers_and_hyphenated_familiar_words_as_familiar():
    # textstat counts every word not on the list as written; Dale and Chall do not.
    text = "The boys helped. She is running, stopped and happier. 12 well-known dogs' homes. Hepatotoxicity aminotransferases."
    assert counts.count_difficult_words(text, LANG, 0) > 8
    assert grades._COUNTS["unfamiliar-words"](text) == 2  # hepatotoxicity, aminotransferases


def test_the_edge_cases_take_both_ways_of_counting():
    # Bytes for text whose only characters beyond ASCII are punctuation, textstat's regexes otherwise.
    assert grades._utf8(TEXTS[5]) is not None
    assert grades._utf8(TEXTS[7]) is None and grades._utf8(TEXTS[8]) is None


TRICKY = st.sampled_from(list(" \n\t\u00a0\x1c.!?,;:-–—'’“”·_()/éßİΣς\u0301ﬁ²°aeiouybcdfghklmnprstvwxz0123456789"))
WORDS = st.sampled_from(["the", "medication", "don't", "we'll", "rock'n'roll", "well-known", "2.5", "e.g.", "kratom", "Ω"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(TRICKY, WORDS), max_size=40).map("".join))
def test_counts_are_textstats_on_any_text(text):
    for name in COUNTS:
        assert own(name, text) == COUNTS[name](text), name
    assert grades.count_words(text) == plain_words(text)


def test_syllables_of_words_cmudict_lacks_are_pyphens():
    fresh = Pyphen(lang=LANG, cache=False)
    table = syllables.table()
    words = list(table)[::50] + ["kratom", "mitragynine", "x", "abc", "abcd", "İstanbul", "ﬁnal", "naïve", "a" * 40, "2020"]
    assert [syllables.hyphenation_points(w) for w in words] == [len(fresh.positions(w)) for w in words]
    assert syllables.count(["medication", "kratom", "pain"]) == counts.count_syllables("medication kratom pain", LANG) == 6


def test_sentence_word_counts_are_textstats_and_healthlints():
    text = "Dr. Lee said: “take 2.5 mg” — twice. Then stop_now __ or call us!\n\nNaïve café — ok.\n"
    doc = document.parse(text, "t.md", True)
    for counted in Analysis(doc).fact(readability.block_words):
        sentences = [counted.block.text[s:e] for s, e in counted.block.sentences]
        assert counted.textstat == [counts.count_words(s) for s in sentences]
        assert counted.plain == [plain_words(s) for s in sentences]


def test_prepared_text_is_the_same_by_the_short_way_and_the_long_way():
    doc = document.parse("One. Two! Three?\n\nDr. Lee. No end\n\nHe said “stop.” Then (go.)\n", "t.md", True)
    for block in readability.prose_blocks(doc):
        sentences = [block.text[s:e] for s, e in block.sentences]
        long_way = " ".join(
            readability._INNER_END.sub("·", s[: m.start()] if (m := readability._TAIL.search(s)) else s)
            + (m.group() if m else ".")
            for s in sentences
        )
        assert readability.prepare_block(block) == long_way


# Sentences as the segmenter gives them: stripped of spaces, never empty.
SENTENCE = st.text(alphabet=".!?\"'”’)]a· \n", min_size=1, max_size=10).map(str.strip).filter(bool)


@settings(max_examples=500, deadline=None)
@given(SENTENCE)
def test_a_sentence_is_given_one_end_as_the_long_way_gives_it(sentence):
    m = readability._TAIL.search(sentence)
    long_way = readability._INNER_END.sub("·", sentence[: m.start()] if m else sentence) + (m.group() if m else ".")
    assert readability._with_one_end(sentence) == long_way


def test_words_counted_are_remembered_only_up_to_a_limit(monkeypatch):
    monkeypatch.setattr(syllables._Counts, "LIMIT", 50)
    memory = syllables._Counts()
    monkeypatch.setattr(syllables, "_COUNTS", memory)
    made_up = [f"quixa{chr(97 + i % 26)}{chr(97 + i // 26)}ectomy" for i in range(200)]
    words = made_up + ["medicine"] * 3
    assert syllables.count(words) == counts.count_syllables(" ".join(words), LANG)
    assert 0 < len(memory) <= 50


@pytest.mark.parametrize(
    "load, kept, works",
    [
        (syllables._steps, "hyphenation-*.marshal", lambda: syllables.hyphenation_points("mitragynine") == len(Pyphen(lang=LANG).positions("mitragynine"))),
        (syllables._buckets, "syllable-buckets-*.txt", lambda: syllables.cmudict_syllables("medicine") == 3),
    ],
)
def test_tables_are_kept_and_rebuilt_when_damaged(tmp_path, monkeypatch, load, kept, works):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load.cache_clear()
    try:
        built = load()
        (saved,) = (tmp_path / "healthlint").glob(kept)
        load.cache_clear()
        assert load() == built  # read back from the saved file
        saved.write_bytes(saved.read_bytes()[:5000])  # a write cut short
        load.cache_clear()
        assert load() == built
        assert works()
    finally:
        load.cache_clear()


def test_cmudict_counts_from_the_buckets_are_the_tables():
    table = syllables.table()
    assert all(syllables.cmudict_syllables(w) == len(phones[0]) for w, phones in table.items())
    near = ["kratom", "medicinex", "medicin", "a" * 30, "zzz", "'s", "x", "İstanbul", "naïve", "2020", "co2"]
    assert [syllables.cmudict_syllables(w) for w in near] == [len(table[w][0]) if w in table else None for w in near]


def test_without_a_cache_folder_cmudict_counts_come_from_the_table(monkeypatch):
    monkeypatch.setattr(syllables.user_cache, "write", lambda path, data: False)
    syllables._buckets.cache_clear()
    try:
        monkeypatch.setenv("XDG_CACHE_HOME", "/nonexistent/healthlint-test")
        assert syllables._buckets() is None
        assert [syllables.cmudict_syllables(w) for w in ("medicine", "kratom", "pain")] == [3, None, 1]
    finally:
        syllables._buckets.cache_clear()
