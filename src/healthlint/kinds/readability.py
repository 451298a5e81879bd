"""`readability`: reading level of the document, and the paragraphs, sentences and words behind it.

The pack key `measure` picks what a rule measures: `grade` (the whole document,
reported at its hardest paragraph), `hard-paragraph`, `hard-words`, `long-sentence`
or `long-paragraph`. Thresholds are the rule's settings. What counts as a word readers
are unlikely to know is the vocabulary (`uncommon-below`, `familiar-words`,
`familiar-abbreviations`, `default-grade`), kept in `readability/word-difficulty` and
read by the other rules through `words-from`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterator

from healthlint.analysis import ActiveRule, Analysis
from healthlint.errors import KindError
from healthlint.findings import Finding, Severity
from healthlint.kinds.kind import Kind
from healthlint.recognisers import readability, word_difficulty
from healthlint.recognisers.grades import count_words
from healthlint.recognisers.word_difficulty import Vocabulary

VOCABULARY = word_difficulty.VOCABULARY

NAMES = {
    "default": "the default grade (Flesch–Kincaid and the share of hard words)",
    "flesch-kincaid": "Flesch–Kincaid",
    "smog": "SMOG",
    "coleman-liau": "Coleman–Liau",
    "ari": "ARI",
    "gunning-fog": "Gunning fog",
    "dale-chall": "Dale–Chall",
}


@dataclass(frozen=True)
class Compiled:
    measure: Callable[[ActiveRule, Analysis], Iterator[Finding]]
    vocabulary: Vocabulary | None  # None for the measures that need no word lists


def compile(rule) -> Compiled:
    measure = rule.data.get("measure")
    if measure not in MEASURES:
        raise KindError(f"key 'measure' must be one of {', '.join(MEASURES)}")
    has = [k for k in VOCABULARY if k in rule.data]
    if not has:
        if measure in NEEDS_VOCABULARY:
            raise KindError(f"measure {measure!r} needs the vocabulary keys {', '.join(VOCABULARY)} (or words-from)")
        return Compiled(MEASURES[measure], None)
    return Compiled(MEASURES[measure], word_difficulty.compile_vocabulary(rule.data))


def check(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    yield from active.rule.compiled.measure(active, analysis)


def _reading(active: ActiveRule, analysis: Analysis) -> readability.Reading:
    return analysis.fact(readability.reading, active.rule.compiled.vocabulary)


def formula_name(formula: str, grades: readability.Grades) -> str:
    """How the message names the formula; says when SMOG's sample is too small to trust."""
    if formula == "consensus":
        return "consensus (median of Flesch–Kincaid, Coleman–Liau and ARI)"
    if formula == "smog" and grades.sentences < readability.SMOG_MIN_SENTENCES:
        return f"SMOG (unreliable here: {grades.sentences} sentences, fewer than {readability.SMOG_MIN_SENTENCES})"
    return NAMES[formula]


def _message(active: ActiveRule, **values) -> str:
    """The rule's message with its settings and the measured values (measured values win)."""
    return active.rule.message.format_map({**active.settings, **values})


def _grade(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    target = readability.target(active.settings, active.id)
    formula = readability.formula(active.settings, active.id)
    reading = _reading(active, analysis)
    doc = reading.document
    # A document with words has paragraphs: they are made only when it has none to grade.
    if doc.words < active.settings["min-words"] or (not doc.words and not reading.paragraphs):
        return
    grade = round(doc.grade(formula), 1)
    if grade < target + 1:  # grade 8 runs from 8.0 to 8.9
        return
    hardest = reading.anchor(formula)
    block = hardest.block
    message = _message(
        active,
        grade=f"{grade:.1f}",
        formula=formula_name(formula, doc),
        target=target,
        paragraph_grade=f"{hardest.grades.grade(formula):.1f}",
    )
    yield analysis.finding(active, block, 0, len(block.text), message)


def _hard_paragraph(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    target = readability.target(active.settings, active.id)
    formula = readability.formula(active.settings, active.id)
    floor = target + active.settings["margin"]
    reading, min_words = _reading(active, analysis), active.settings["min-paragraph-words"]
    # A paragraph steady at `min_words` words is steady at fewer: those at STEADY_WORDS are listed already.
    for p in reading.steady if min_words >= readability.STEADY_WORDS else reading.paragraphs:
        if min_words != readability.STEADY_WORDS and not p.steady(min_words):  # steady at STEADY_WORDS: all listed
            continue
        grade = round(p.grades.grade(formula), 1)
        if grade < floor:
            continue
        message = _message(
            active, grade=f"{grade:.1f}", formula=formula_name(formula, p.grades), target=target, words=p.grades.words
        )
        yield analysis.finding(active, p.block, 0, len(p.block.text), message)


def _long_sentence(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    limit, very = active.settings["max-words"], active.settings["very-long-words"]
    louder = None  # made when first needed: most files have no very long sentence
    for counted in analysis.fact(readability.block_words):
        if not counted.plain or max(counted.plain) <= limit:
            continue
        for (s, e), n in zip(counted.block.sentences, counted.plain):
            if n <= limit:
                continue
            if n > very and louder is None:
                louder = replace(active, severity=Severity(min(active.severity + 1, Severity.ERROR)))
            level = "Very long" if n > very else "Long"
            message = _message(active, level=level, words=n)
            yield analysis.finding(louder if n > very else active, counted.block, s, e, message)


def _long_paragraph(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    most_sentences, most_words = active.settings["max-sentences"], active.settings["max-paragraph-words"]
    for counted in analysis.fact(readability.block_words):
        block = counted.block
        n_sentences = len(counted.sentences)
        # Words need a space between them: a block of n characters holds at most (n + 1) // 2.
        if n_sentences <= most_sentences and (len(block.text) + 1) // 2 <= most_words:
            continue
        n_words = count_words(block.text)
        if n_sentences <= most_sentences and n_words <= most_words:
            continue
        message = _message(active, sentences=n_sentences, words=n_words)
        yield analysis.finding(active, block, 0, len(block.text), message)


def _hard_words(active: ActiveRule, analysis: Analysis) -> Iterator[Finding]:
    most, min_words, shown = active.settings["max-share"], active.settings["min-paragraph-words"], active.settings["show"]
    for found in analysis.fact(word_difficulty.blocks, active.rule.compiled.vocabulary):
        if found.tokens < min_words or round(found.share) <= most:
            continue
        distinct = list(dict.fromkeys(w.text for w in found.hard))
        listed = ", ".join(f"'{w}'" for w in distinct[:shown]) + (f" and {len(distinct) - shown} more" if len(distinct) > shown else "")
        message = _message(active, share=round(found.share), hard=len(found.hard), words=found.tokens, listed=listed)
        yield analysis.finding(active, found.block, 0, len(found.block.text), message)


MEASURES = {
    "grade": _grade,
    "hard-words": _hard_words,
    "hard-paragraph": _hard_paragraph,
    "long-sentence": _long_sentence,
    "long-paragraph": _long_paragraph,
}


NEEDS_VOCABULARY = ("grade", "hard-paragraph", "hard-words")

KIND = Kind("readability", fields=("measure", *VOCABULARY), placeholders=frozenset({"grade", "formula", "target", "paragraph_grade", "words", "sentences", "level", "share", "hard", "listed"}), compile=compile, check=check)
