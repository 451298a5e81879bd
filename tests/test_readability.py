"""Reading level: what is scored, the grade and where it is reported, long sentences and paragraphs."""

from __future__ import annotations

import textwrap

import pytest
from conftest import EXAMPLE, lint, where

from healthlint.analysis import Analysis
from healthlint.errors import ConfigError
from healthlint.findings import Severity
from healthlint.recognisers.grades import dale_chall_grade
from healthlint.recognisers.readability import (
    prepare,
    prose_blocks,
    reading,
)
from healthlint.setup.registry import builtin_rules
from healthlint.setup.config import Config
from healthlint.text import document
from healthlint.text.syllables import textstat

ts = textstat()


VOCABULARY = builtin_rules()["readability/word-difficulty"].compiled.vocabulary


def measured(text: str, markdown: bool = True):
    return Analysis(document.parse(textwrap.dedent(text), "t.md", markdown)).fact(reading, VOCABULARY)


def config(**rules) -> Config:
    """A config with settings for rule ids or categories: config(**{"readability/grade": {"min-words": 20}})."""
    return Config(rules=tuple((key, tuple(values.items())) for key, values in rules.items()))


# -- what is scored

MIXED = """\
# Understanding the extraordinarily complicated pharmacological considerations

Dr. Lee says to take 2.5 mg each day, e.g. with food.

- Drink plenty of water
- Rest in bed when you can

| Heading cell | Another |
|---|---|
| Contraindicated medications interacting pharmacologically | x |

```
code = "is not. prose. at all."
```

Call your GP if it gets worse!
"""


def test_prose_excludes_headings_tables_and_code_and_ends_every_sentence():
    doc = document.parse(MIXED, "t.md", True)
    assert prepare(prose_blocks(doc)) == (
        "Dr· Lee says to take 2·5 mg each day, e·g· with food.\n"
        "Drink plenty of water.\n"
        "Rest in bed when you can.\n"
        "Call your GP if it gets worse!"
    )


def test_list_items_abbreviations_and_decimals_count_as_textstat_should():
    text = prepare(prose_blocks(document.parse(MIXED, "t.md", True)))
    assert ts.sentence_count(text) == 4
    # textstat alone splits at every full stop; prepared text keeps the sentence whole.
    assert ts.sentence_count("Dr. Lee says to take 2.5 mg each day, e.g. with food.") > 1
    assert ts.sentence_count(prepare(prose_blocks(document.parse("Dr. Lee says to take 2.5 mg each day, e.g. with food.\n")))) == 1


def test_headings_and_code_do_not_change_the_grade():
    plain = measured("Dr. Lee says to take 2.5 mg each day, e.g. with food.\n\nCall your GP if it gets worse!\n")
    extra = measured(
        "# Extraordinarily complicated pharmacological considerations\n\n"
        "Dr. Lee says to take 2.5 mg each day, e.g. with food.\n\n"
        "```\nunnecessarily.complicated(pharmacological_considerations)\n```\n\n"
        "Call your GP if it gets worse!\n"
    )
    assert extra.document.by_formula == plain.document.by_formula
    assert without_dale_chall(plain.document.by_formula) == textstats_own(plain.document.text)


def textstats_own(text: str) -> dict[str, float]:
    """Every formula but Dale–Chall, which healthlint counts as its authors do (test_readability_counts)."""
    return {
        "flesch-kincaid": ts.flesch_kincaid_grade(text),
        "smog": ts.smog_index(text),
        "coleman-liau": ts.coleman_liau_index(text),
        "ari": ts.automated_readability_index(text),
        "gunning-fog": ts.gunning_fog(text),
    }


def without_dale_chall(grades: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in grades.items() if k != "dale-chall"}


def assert_textstats_own(got) -> None:
    """Counted once per paragraph and summed, the grades are still exactly textstat's on the text."""
    assert without_dale_chall(got.by_formula) == textstats_own(got.text)
    assert (got.words, got.sentences) == (ts.lexicon_count(got.text), ts.sentence_count(got.text))


def test_grades_are_textstats_own_on_the_prepared_prose():
    doc = document.parse(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE), False)
    got = Analysis(doc).fact(reading, VOCABULARY)
    text = prepare(prose_blocks(doc))
    assert got.document.text == text
    assert_textstats_own(got.document)
    for p in got.paragraphs:
        assert_textstats_own(p.grades)
    g = got.document
    assert g.consensus == sorted([g.grade("flesch-kincaid"), g.grade("coleman-liau"), g.grade("ari")])[1]
    assert round(g.grade("flesch-kincaid"), 1) == 12.8


@pytest.mark.parametrize(
    "page",
    [
        "nhs_website/mental-health-conditions.md",
        "medquad_nih/ghr/0000725-neurofibromatosis-type-2.md",
        "examples/kratom-chronic-pain-seo.md",
    ],
)
def test_grades_are_textstats_own_on_real_pages(shared, page):
    path = shared / page if page.startswith("examples") else shared / "corpus" / page
    got = measured(path.read_text(encoding="utf-8"))
    assert len(got.paragraphs) > 3
    assert_textstats_own(got.document)
    for p in got.paragraphs:
        assert_textstats_own(p.grades)


def test_short_sentences_count_as_textstat_counts_them_on_the_whole_text():
    # textstat skips sentences of two words or fewer but counts at least one per text:
    # each paragraph here has one sentence, the two together still only one.
    got = measured("Yes.\n\nNo thanks.\n")
    assert [p.grades.sentences for p in got.paragraphs] == [1, 1]
    assert got.document.sentences == ts.sentence_count("Yes.\nNo thanks.") == 1
    assert_textstats_own(got.document)


def test_text_without_words_grades_as_textstat_does():
    got = measured("Take one tablet a day with food.\n\n— …\n")
    assert got.paragraphs[1].grades.words == 0
    assert_textstats_own(got.paragraphs[1].grades)
    assert_textstats_own(got.document)


def test_dale_chall_bands():
    assert [dale_chall_grade(s) for s in (5.0, 6.0, 7.5, 9.0, 12.0)] == [5.0, 7.0, 10.0, 13.0, 16.0]


# -- the kratom example: the acceptance test

KRATOM_LONG = [(1, 1), (1, 408), (2, 336), (10, 231), (14, 1)]


@pytest.mark.parametrize("markdown", [False, True])
def test_kratom_grade_at_hardest_paragraph_and_long_sentences_at_their_lines(markdown):
    findings = lint(EXAMPLE.read_text(encoding="utf-8"), "readability/grade", "readability/long-sentence", markdown=markdown)
    assert where(f for f in findings if f.rule == "readability/grade") == [("readability/grade", 10, 1)]
    assert [(f.line, f.column) for f in findings if f.rule == "readability/long-sentence"] == KRATOM_LONG
    grade = next(f for f in findings if f.rule == "readability/grade")
    assert grade.severity == Severity.WARNING
    assert grade.message.startswith("Reads at grade 12.2 by the default grade (Flesch–Kincaid and the share of hard words);" if not markdown else "Reads at grade 12.3 by")
    assert "target is grade 8" in grade.message and "(grade 17.0)" in grade.message


def test_kratom_grade_by_consensus_as_before():
    cfg = config(**{"readability/grade": {"formula": "consensus"}})
    [finding] = lint(EXAMPLE.read_text(encoding="utf-8"), "readability/grade", markdown=False, config=cfg)
    assert (finding.line, finding.column) == (2, 1)
    assert finding.message.startswith("Reads at grade 14.8 by consensus (median of Flesch–Kincaid, Coleman–Liau and ARI);")


def test_kratom_shared_copy_pins_the_same_lines(shared):
    text = (shared / "examples" / "kratom-chronic-pain-seo.md").read_text(encoding="utf-8")
    findings = lint(text, "readability/grade", "readability/long-sentence")
    assert [(f.rule, f.line, f.column) for f in findings if f.rule == "readability/grade"] == [("readability/grade", 10, 1)]
    assert [(f.line, f.column) for f in findings if f.rule == "readability/long-sentence"] == KRATOM_LONG


def test_kratom_grade_with_a_single_formula_names_it():
    cfg = config(**{"readability/grade": {"formula": "flesch-kincaid"}})
    [finding] = lint(EXAMPLE.read_text(encoding="utf-8"), "readability/grade", markdown=False, config=cfg)
    assert (finding.line, finding.column) == (1, 1)  # by Flesch–Kincaid the first paragraph is the hardest
    assert finding.message.startswith("Reads at grade 12.8 by Flesch–Kincaid;")


def test_smog_on_a_short_text_says_it_is_unreliable():
    cfg = config(**{"readability/grade": {"formula": "smog"}})
    [finding] = lint(EXAMPLE.read_text(encoding="utf-8"), "readability/grade", markdown=False, config=cfg)
    assert "SMOG (unreliable here" not in finding.message  # 41 sentences
    short = " ".join(["Contemporary pharmacological interventions demonstrate insufficient efficacy in elderly individuals."] * 10)
    cfg = config(**{"readability/grade": {"formula": "smog", "min-words": 20}})
    [finding] = lint(short + "\n", "readability/grade", config=cfg)
    assert "SMOG (unreliable here: 10 sentences, fewer than 30)" in finding.message


# -- the grade: cutoff, targets

HARD = (
    "Contemporary pharmacological interventions frequently demonstrate insufficient efficacy, "
    "prompting considerable interest in alternative therapeutic approaches. "
)


def test_short_text_gets_no_grade_unless_min_words_allows():
    text = HARD * 4 + "\n"  # 56 words
    assert lint(text, "readability/grade") == []
    assert where(lint(text, "readability/grade", config=config(**{"readability/grade": {"min-words": 50}}))) == [
        ("readability/grade", 1, 1)
    ]


EASY = "Drink lots of water when it is hot. Rest in the shade and wear a hat. Call your doctor if you feel sick or dizzy. "


def test_target_follows_audience_and_max_grade():
    easy = (EASY * 12) + "\n"  # 300 words at grade 0.6
    assert lint(easy, "readability/grade", config=config(readability={"audience": "easy"})) == []
    kratom = EXAMPLE.read_text(encoding="utf-8")  # grade 12.2
    for settings, flagged in [
        ({}, True),
        ({"audience": "professional"}, False),  # grade 12.2 is grade 12
        ({"max-grade": 11}, True),
        ({"audience": "professional", "max-grade": 10}, True),  # max-grade wins over audience
    ]:
        findings = lint(kratom, "readability/grade", markdown=False, config=config(readability=settings))
        assert bool(findings) == flagged, settings
    [finding] = lint(kratom, "readability/grade", markdown=False, config=config(readability={"audience": "easy"}))
    assert "target is grade 6 or lower" in finding.message


def test_bad_settings_are_named():
    with pytest.raises(ConfigError, match="audience"):
        lint(HARD * 8, "readability/grade", config=config(readability={"audience": "kids"}))
    with pytest.raises(ConfigError, match="formula"):
        lint(HARD * 8, "readability/grade", config=config(readability={"formula": "lix"}))


# -- hard paragraphs

def test_hard_paragraph_reported_where_it_starts_inside_a_quote():
    text = f"{EASY}\n\n> {HARD * 3}\n\n{EASY}{EASY}\n"
    findings = lint(text, "readability/hard-paragraph")
    assert where(findings) == [("readability/hard-paragraph", 3, 3)]
    assert findings[0].message.startswith("Hard paragraph: grade ")
    assert (findings[0].end_line, findings[0].end_column) == (3, 3 + len(HARD * 3) - 1)


def test_short_and_one_sentence_paragraphs_are_not_graded():
    one_sentence = HARD.replace(". ", ", ").rstrip(", ") * 3 + ".\n"
    assert lint(HARD + "\n", "readability/hard-paragraph") == []  # 14 words
    assert lint(one_sentence, "readability/hard-paragraph") == []
    cfg = config(**{"readability/hard-paragraph": {"min-paragraph-words": 10}})
    assert where(lint(HARD * 2 + "\n", "readability/hard-paragraph", config=cfg)) == [("readability/hard-paragraph", 1, 1)]


def test_hard_paragraph_margin_from_config():
    text = "Your doctor will examine you and may arrange tests. Treatment usually involves medication and physiotherapy. " * 3
    grade = measured(text).paragraphs[0].grades.consensus
    assert 9 < grade < 13
    assert lint(text, "readability/hard-paragraph") == []
    assert lint(text, "readability/hard-paragraph", config=config(**{"readability/hard-paragraph": {"margin": 1}})) != []


# -- long sentences

LONG = "People who take this medicine for a long time may find that their pain gets worse, their sleep gets worse at night, and their mood gets lower."  # 27 words
VERY_LONG = LONG[:-1] + ", so they should talk to a doctor or nurse about other ways to manage their pain at home."  # 45 words


def test_long_and_very_long_sentences_at_their_start():
    text = f"Short one. {LONG}\n\n- First item.\n- {VERY_LONG}\n"
    findings = lint(text, "readability/long-sentence")
    assert where(findings) == [("readability/long-sentence", 1, 12), ("readability/long-sentence", 4, 3)]
    long, very = findings
    assert (long.severity, very.severity) == (Severity.INFO, Severity.WARNING)
    assert long.message.startswith("Long sentence: 27 words.")
    assert very.message.startswith("Very long sentence: 45 words.")
    assert (long.end_line, long.end_column) == (1, 12 + len(LONG))


def test_abbreviations_and_decimals_do_not_split_or_join_sentences():
    text = "Dr. Lee says adults may take 2.5 mg of the medicine, e.g. with food, once a day for up to 10 days unless the pain gets worse or a rash appears on the skin.\n"
    findings = lint(text, "readability/long-sentence")
    assert where(findings) == [("readability/long-sentence", 1, 1)]
    assert "34 words" in findings[0].message  # "Dr.", "2.5" and "e.g." are one word each


def test_long_sentence_thresholds_from_config():
    cfg = config(**{"readability/long-sentence": {"max-words": 30, "very-long-words": 44}})
    text = f"{LONG}\n\n{VERY_LONG}\n"
    findings = lint(text, "readability/long-sentence", config=cfg)
    assert where(findings) == [("readability/long-sentence", 3, 1)]
    assert findings[0].message.startswith("Very long sentence: 45 words. Split it into shorter sentences (aim for 30 words")


def test_headings_and_table_cells_are_not_long_sentences():
    text = f"# {LONG}\n\n| a |\n|---|\n| {LONG} |\n"
    assert lint(text, "readability/long-sentence") == []


def test_severity_override_raises_very_long_one_step():
    cfg = Config(severity=(("readability/long-sentence", Severity.WARNING),))
    [finding] = lint(VERY_LONG + "\n", "readability/long-sentence", config=cfg)
    assert finding.severity == Severity.ERROR


# -- long paragraphs

def test_long_paragraph_by_sentences_and_by_words():
    nine = " ".join(["Rest the joint."] * 9)
    wordy = " ".join([LONG] * 6)  # 162 words in 6 sentences
    text = f"{' '.join(['Rest the joint.'] * 8)}\n\n  {nine}\n\n{wordy}\n"
    findings = lint(text, "readability/long-paragraph")
    assert where(findings) == [("readability/long-paragraph", 3, 3), ("readability/long-paragraph", 5, 1)]
    assert findings[0].message.startswith("Long paragraph: 9 sentences, 27 words.")
    cfg = config(**{"readability/long-paragraph": {"max-sentences": 20, "max-paragraph-words": 200}})
    assert lint(text, "readability/long-paragraph", config=cfg) == []


# -- the corpus: plain official pages

def test_nhs_pages_at_grade_8_or_below_get_no_grade(shared):
    pages = sorted((shared / "corpus" / "nhs_website").glob("*.md"))
    assert pages
    flagged = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        fk = ts.flesch_kincaid_grade(prepare(prose_blocks(document.parse(text, page.name, True))))
        flagged[page.name] = (fk, bool(lint(text, "readability/grade")))
    assert all(not hit for fk, hit in flagged.values() if fk < 9)
    assert sum(hit for _, hit in flagged.values()) <= 1
    # Flesch–Kincaid puts this page at grade 10, on its long sentences; its words are everyday ones.
    assert flagged["mental-health-conditions.md"] == (pytest.approx(10.0, abs=0.1), False)


# -- passive voice

def test_passive_voice_at_the_verb_and_not_for_states():
    text = """\
    Your blood pressure will be checked by a nurse. If you are tired, rest.

    > The tablets are usually taken with food. There are added sugars in it.

    This condition is also called hay fever. Kratom has been linked to hair loss.
    """
    findings = lint(text, "plain-language/passive-voice")
    assert where(findings) == [
        ("plain-language/passive-voice", 1, 26),
        ("plain-language/passive-voice", 3, 15),
        ("plain-language/passive-voice", 5, 53),
    ]
    assert findings[1].message.startswith("Passive voice: 'are usually taken'.")
    assert findings[0].severity == Severity.INFO


# -- hard words and abbreviations

def hard(text: str) -> list[tuple[str, str]]:
    from healthlint.recognisers.word_difficulty import hard_words

    return [(w.text, w.kind) for w in hard_words(text, VOCABULARY)[1]]


def test_hard_words_are_uncommon_words_abbreviations_and_statistics():
    assert hard("Interferon 3 MU (OR 4.60; 95% CI 1.53 to 13.85) cleared the virus in 12 people.") == [
        ("Interferon", "uncommon"), ("MU", "abbreviation"), ("OR", "abbreviation"), ("4.60", "statistic"),
        ("95%", "statistic"), ("CI", "abbreviation"), ("1.53", "statistic"), ("13.85", "statistic"),
    ]


def test_familiar_abbreviations_names_capitals_and_doses_are_not_hard():
    assert hard("Your GP may test your DNA for HIV. DO NOT CRUSH THE TABLETS. Take 500mg of B12 daily.") == []
    assert hard("BOSTON (HealthDay News) Dr Menno van Lookeren of Genentech and Guillain-Barré syndrome.") == []
    assert hard("In the U.S., a Ph.D. at 10 AM said only YOU can decide on Non-WHO T-Cell tests (see nhs.uk).") == []
    assert hard("OVA-injected C57BL/6 mice, SGLT-2 and FIT") == [
        ("OVA-injected", "abbreviation"), ("C57BL/6", "abbreviation"), ("SGLT-2", "abbreviation"), ("FIT", "abbreviation")
    ]


def test_word_difficulty_names_the_hard_words_of_a_paragraph():
    text = "Interferon 3 MU thrice weekly increased the probability of a virologic SR (Peto OR 4.60; 95% CI 1.53 to 13.85) in interferon-naive patients with normal aminotransferases.\n"
    [finding] = lint(text, "readability/word-difficulty")
    assert (finding.line, finding.column) == (1, 1)
    assert finding.message.startswith("Hard words: 12 of this paragraph's 26 words (46%) are uncommon words, abbreviations or statistics")
    assert "'Interferon', 'MU', 'virologic', 'SR', 'OR', '4.60', '95%', 'CI' and 4 more" in finding.message


def test_an_abbreviation_not_spelled_out_is_reported_once_at_its_first_use():
    text = (
        "Both Th1 and Th17 responses rose in C57BL/6 mice. Th17 cells fell later.\n\n"
        "Sodium-glucose cotransporter 2 (SGLT-2) inhibitors lower blood sugar. SGLT-2 inhibitors can cause thrush.\n\n"
        "The risk fell (OR 0.8). That is an odds ratio (OR). Th1 (T helper 1) cells were counted.\n"
    )
    findings = lint(text, "plain-language/undefined-abbreviation")
    assert [(f.line, f.column, f.message.split("'")[1]) for f in findings] == [(1, 6, "Th1"), (1, 14, "Th17"), (1, 37, "C57BL/6"), (5, 16, "OR")]
    assert "'Th1' here (it is spelled out later, at line 5)" in findings[0].message


def test_a_heading_can_spell_an_abbreviation_out():
    text = "## Symptoms of generalised anxiety disorder (GAD)\n\nGAD can cause both mental and physical symptoms.\n"
    assert lint(text, "plain-language/undefined-abbreviation") == []
