"""The consult-note and advice forms skip blocks by the words and strings every match must hold:
these tests fail if a form could match text that its prefilter turns away."""

from __future__ import annotations

import random
import tomllib

import pytest
import regex
from conftest import EXAMPLE, ROOT, consult_vocabulary

from healthlint.patterns import matching
from healthlint.patterns.triggers import required_strings
from healthlint.recognisers import advice
from healthlint.text.document import parse
from healthlint.text.words import fold, tokens

FORMS = (*consult_vocabulary().notes, *consult_vocabulary().medicine_advice)


def _texts() -> list[str]:
    """The rule packs' examples, the tests' sentences and the example article, one sentence each."""
    texts = [EXAMPLE.read_text(encoding="utf-8")]
    for pack in ("disclaimer", "dosing", "claims", "regulatory"):
        for rule in tomllib.loads((ROOT / "rules" / f"{pack}.toml").read_text(encoding="utf-8"))["rules"]:
            texts += [*rule.get("examples", {}).get("good", []), *rule.get("examples", {}).get("bad", [])]
    for test in ("test_disclaimer.py", "test_dosing.py", "test_claims.py"):
        texts += regex.findall(r'"((?:[^"\\\n]|\\.){12,})"', (ROOT / "tests" / test).read_text(encoding="utf-8"))
    return texts


def _passes(form: advice.Form, text: str) -> bool:
    return form.has_words(tokens(text)) and form.has_strings(fold(text))


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.pattern[:40])
def test_no_form_matches_text_its_prefilter_turns_away(form):
    matched = [t for t in _texts() if form.compiled.search(t)]
    assert all(_passes(form, t) for t in matched)


@pytest.mark.parametrize("form", [f for f in FORMS if f.outline], ids=lambda f: f.pattern[:40])
def test_an_outline_matches_wherever_its_form_does(form):
    texts = [t for t in _texts() if t.isascii()] + ["Let one of your trusted health-care providers know.", "As your GP has advised."]
    matched = [t for t in texts if form.compiled.search(t)]
    assert all(form.outline.search(t) for t in matched)


def test_outlines_skip_what_their_forms_cannot_match():
    let = consult_vocabulary().notes[1]
    assert let.outline.pattern.startswith("let") and "doctor" not in let.outline.pattern
    assert let.outline.search("Let your doctor know.") and not let.outline.search("Let it go. Doctors know.")


def test_every_form_is_met_somewhere_in_the_examples():
    """The test above checks something: most forms match some of the texts it reads."""
    texts = _texts()
    assert sum(any(f.compiled.search(t) for t in texts) for f in FORMS) >= 15


def _reference(forms, blocks):
    """The matches without any prefilter: every form in every block."""
    whole = matching.Alternation(tuple(f.compiled for f in forms))
    return [(b.index, m.span()) for b in blocks for m in matching.finditer(whole, b.text)]


def test_scan_finds_what_every_form_in_every_block_finds():
    doc = parse("\n\n".join(_texts()), "t.md", True)
    blocks = [b for b in doc.blocks if b.kind in advice.PROSE]
    for forms in (consult_vocabulary().notes, consult_vocabulary().medicine_advice):
        assert [(b.index, m.span()) for b, m in advice.scan(forms, advice.Prose(blocks))] == _reference(forms, blocks)


def test_scan_on_corpus_articles_finds_what_every_form_finds(shared):
    paths = sorted((shared / "corpus").rglob("*.md"))
    for path in random.Random(5).sample(paths, min(150, len(paths))):
        doc = parse(path.read_text(encoding="utf-8"), str(path), True)
        blocks = [b for b in doc.blocks if b.kind in advice.PROSE]
        for forms in (consult_vocabulary().notes, consult_vocabulary().medicine_advice):
            assert [(b.index, m.span()) for b, m in advice.scan(forms, advice.Prose(blocks))] == _reference(forms, blocks), path


def test_the_professionals_are_keyed_by_their_own_words():
    words = consult_vocabulary().notes[0].parts[2].words
    assert {"doctor", "pharmacist", "provider", "team", "staff"} <= words
    assert not {"care", "health", "medical", "your", "office"} & words  # "doctor's office" holds "doctor"


def test_phrase_words_are_whole_uncommon_words():
    assert advice.phrase_words(["omega-3", "fish oil", "oil", "St John's wort", "go to", "as directed by"]) == {
        "omega", "oil", "wort", "go", "directed",
    }
    assert advice.phrase_words(["doctor", "_id card"]) == {"doctor", "card"}
    assert advice.phrase_words(["doctor", "_id"]) is None  # no word edge before "_": "x_id" matches


def test_required_strings_read_the_pattern():
    assert required_strings(r"(?:seek|get)\s+(?:urgent\s+)?medical\s+(?:help|care)") == [
        ("get", "seek"), ("medical",), ("care", "help"),
    ]
    assert required_strings(r"as\s+prescrib\w*") == [("as",), ("prescrib",)]
    assert required_strings(r"a\s+(?:x|ER)") == []  # one character is too little to look for
    assert required_strings(r"(?:doctor){e<=1}") == []  # fuzzy matching is `regex` syntax


def test_a_form_with_nothing_to_look_for_is_tried_in_every_block():
    form = advice.Form((r"\d+\s*(?:x|ER)",))
    assert not form.words and not form.strings
    doc = parse("Rest.\n\nIf it gets worse, go to a 24 ER.\n", "t.md", True)
    assert [(b.index, m.group()) for b, m in advice.scan((form,), advice.Prose(doc.blocks))] == [(1, "24 ER")]


def test_regex_ignorecase_letters_fold_to_themselves():
    """The prefilter folds text as `regex` compares it: any character matching a letter folds to it."""
    everything = "".join(map(chr, range(0x30000)))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in regex.finditer(letter, everything, regex.IGNORECASE | regex.V0):
            assert fold(m.group()) == letter, (letter, m.group())


def test_phrases_grouped_by_first_letter_match_as_the_plain_list():
    grouped = [p for f in FORMS for p in f.parts if isinstance(p, advice.Terms) and "(?=" in p.pattern]
    assert len(grouped) >= 5  # the consult verbs, the advice and treatment verbs, medicines, treatments
    text = "\n".join(_texts()) + " Talk with your GP, ask a pharmacist, SEE a doctor; under the care of a nurse."
    for terms in grouped:
        fast, plain = regex.compile(terms.pattern, regex.I), regex.compile(advice._alternation(terms.phrases), regex.I)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert len(list(regex.finditer(grouped[0].pattern, text, regex.I))) > 20


# A pack's note pattern without a whole word in every match ("tel:555"): no key word can stand for it,
# only the strings "tel" or "phone".
PHONE_NOTE = advice.Form((r"(?:tel|phone)\s*:?\s*\d{3}",))


def test_the_plan_files_each_form_under_every_word_of_its_key():
    """A block holding any word of a form's key is offered that form; a form without a key is offered everywhere."""
    forms = (*consult_vocabulary().notes, PHONE_NOTE)
    p = advice.plan(forms)
    for i, f in enumerate(forms):
        assert all(i in p.by_word[w] for w in f.key) if f.key else i in p.loose
    assert p.keys == frozenset(p.by_word) and list(p.loose) == [len(forms) - 1]


def test_a_document_where_no_loose_form_can_match_is_read_by_key_words_alone():
    doc = parse("Ask your doctor first.\n\nRest well.\n\nSee a pharmacist.\n", "t.md", True)
    forms, whole = (*consult_vocabulary().notes, PHONE_NOTE), advice.Prose(doc.blocks)
    assert advice.plan(forms).loose and not [i for i in advice.plan(forms).loose if forms[i].has_strings(whole.folded)]
    assert [(b.index, m.group()) for b, m in advice.scan(forms, whole)] == [(0, "Ask your doctor"), (2, "See a pharmacist")]
    assert [(b.index, m.span()) for b, m in advice.scan(forms, whole)] == _reference(forms, doc.blocks)


def test_holding_finds_every_block_with_one_of_the_strings():
    """Folding can lengthen text ("Straße" -> "strasse"), so block ends are counted on the folded text."""
    texts = ["Große Straße, call now.", "Ring 911.", "İstanbul ring", "no", "call call call", "ringing"]
    doc = parse("\n\n".join(texts) + "\n", "t.md", True)
    whole = advice.Prose(doc.blocks)
    assert [fold(b.text) for b in doc.blocks] == [fold(t) for t in texts]
    for strings in [("call",), ("ring",), ("call", "ring"), ("911", "no"), ("strasse",), ("istanbul",), ("zzz",)]:
        want = {n for n, t in enumerate(texts) if any(s in fold(t) for s in strings)}
        assert whole.holding(strings) == want, strings


def test_forms_opening_with_a_phrase_list_are_tried_at_its_first_words():
    notes, advice_forms = consult_vocabulary().notes, consult_vocabulary().medicine_advice
    assert {"ask", "talk", "go", "the"} <= notes[0].firsts and {"take", "stop"} <= advice_forms[0].firsts
    assert notes[1].firsts is None and advice.Form((advice.Terms(["_id"]), r"\s+x"), built_in=True).firsts is None
    text = "TASK: Ask your GP. Consultation with a nurse; consult your pharmacist, then ASK THE DOCTOR. Masks."
    for form in (notes[0], advice_forms[0]):
        opening = form.opening(text, tokens(text))
        assert [m.span() for m in opening.finditer(text)] == [m.span() for m in form.plain.compiled.finditer(text)]
    assert [m.group() for m in notes[0].opening(text, tokens(text)).finditer(text)] == [
        "Ask your GP", "Consultation with a nurse", "consult your pharmacist", "ASK THE DOCTOR",
    ]


def test_a_text_seen_before_gets_the_matches_found_then():
    """Boilerplate recurs across a site's articles: its matches are kept by text, and are those found the first time."""
    text = "Keep it cool.\n\nIf you are unsure, ask your doctor or pharmacist.\n"
    forms = consult_vocabulary().notes
    first, second = (parse(t, "t.md", True) for t in (text, "Intro.\n\n" + text))
    found = [[(b.index, m.span(), m.group()) for b, m in advice.scan(forms, advice.Prose(d.blocks))] for d in (first, second)]
    assert found == [[(1, (19, 34), "ask your doctor")], [(2, (19, 34), "ask your doctor")]]
    assert first.blocks[1].text in advice.plan(forms).seen


def test_plain_text_may_hold_caseless_marks_that_neither_engine_counts_as_a_word_or_space():
    """`re` reads plain text as `regex` does: dashes, curly quotes and degree signs change nothing."""
    assert advice.is_plain("Ask your doctor – or a “pharmacist” – below 25°C.")
    for text in ("Café", "İstanbul", "ſtop", "\u212a", "a\x1cb", "a\u00a0b", "x\u0345"):
        assert not advice.is_plain(text), text
    doc = parse("If it hurts – ask your GP “first”. Don’t take aspirin – ask your pharmacist.\n", "t.md", True)
    assert advice.is_plain(doc.blocks[0].text)
    for forms in (consult_vocabulary().notes, consult_vocabulary().medicine_advice):
        assert [(b.index, m.span()) for b, m in advice.scan(forms, advice.Prose(doc.blocks))] == _reference(forms, doc.blocks)
    assert [m.group() for _, m in advice.scan(consult_vocabulary().notes, advice.Prose(doc.blocks))] == ["ask your GP", "ask your pharmacist"]


def test_the_cancelling_phrases_grouped_by_first_letter_match_as_the_plain_list():
    from healthlint.setup.registry import builtin_rules

    rule = builtin_rules().get("disclaimer/missing-consult-note")
    text = "\n".join(_texts()) + " No need to see a doctor; you don't have to ask a GP, unlike skipping the nurse. Without asking."
    for key in ("dismissive", "not-notes"):
        fast, plain = (regex.compile(advice._alternation(rule.data[key], g), regex.I) for g in (True, False))
        assert "(?=" in fast.pattern and [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert len(list(plain.finditer(text))) >= 3


def test_a_loose_form_is_tried_in_the_blocks_holding_its_strings():
    doc = parse("Rest well.\n\nRing our nurses on tel: 555 0100.\n\nThe phone is 555 0199.\n", "t.md", True)
    forms, whole = (*consult_vocabulary().notes, PHONE_NOTE), advice.Prose(doc.blocks)
    assert [(b.index, m.group()) for b, m in advice.scan(forms, whole)] == [(1, "tel: 555")]
    assert [(b.index, m.span()) for b, m in advice.scan(forms, whole)] == _reference(forms, doc.blocks)
