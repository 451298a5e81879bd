"""The dose recogniser and the dosing rules: exact spans for every form and every non-dose."""

from __future__ import annotations

import dataclasses
import re

import pytest
import regex
from conftest import EXAMPLE, active_rules, lint
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.analysis import Analysis
from healthlint.kinds import dose_abbreviation
from healthlint.recognisers import dosing
from healthlint.recognisers.dosing import doses
from healthlint.text.document import parse
from healthlint.setup.registry import builtin_shared

SHARED = builtin_shared()


def spans(findings) -> list[tuple[str, int, int, int]]:
    """(rule, line, column, end column) of each finding."""
    return [(f.rule, f.line, f.column, f.end_column) for f in findings]


def messages(findings) -> list[str]:
    return [f.message for f in findings]


@pytest.mark.parametrize(
    "text,found",
    [
        ("Take 500 mg twice a day.", "500 mg twice a day"),
        ("Take two to four capsules daily.", "two to four capsules daily"),
        ("Give half a tablet at bedtime.", "half a tablet at bedtime"),
        ("Take 1/2 teaspoon every 4 hours.", "1/2 teaspoon every 4 hours"),
        ("Take ½ tablet with food.", "½ tablet with food"),
        ("Take 2–4 g a day.", "2–4 g a day"),
        ("Take 2 to 4 grams a day.", "2 to 4 grams a day"),
        ("Take 200-800mg as needed.", "200-800mg as needed"),
        ("Adults need 4,000 IU of vitamin D.", "4,000 IU"),
        ("The usual dose is 0.5 mL per kg.", "0.5 mL per kg"),
        ("The usual dose is 5 mg/kg.", "5 mg/kg"),
        ("Take 2 gummies, 1 softgel or 15 drops.", "2 gummies, 1 softgel or 15 drops"),
        ("Use 2 puffs or 1 spray.", "2 puffs or 1 spray"),
        ("Take 1 scoop or 1 dropperful.", "1 scoop or 1 dropperful"),
        ("Take 1 tablet bid.", "1 tablet bid"),
        ("Take 10 mg qhs.", "10 mg qhs"),
        ("Take 1 capsule q4-6h prn.", "1 capsule q4-6h prn"),
        ("Take 1 tablet qid.", "1 tablet qid"),
        ("Take it three times a day.", "three times a day"),
        ("Use the spray every 4 to 6 hours as needed.", "every 4 to 6 hours as needed"),
        ("Do not take more than 4 doses in 24 hours.", "Do not take more than 4 doses in 24 hours"),
        ("Do not exceed 3 g a day.", "Do not exceed 3 g a day"),
        ("Take 1 to 2 tablets every 4 to 6 hours.", "1 to 2 tablets every 4 to 6 hours"),
    ],
)
def test_each_dose_form_is_one_instruction_at_the_sentence(text, found):
    findings = lint(text + "\n", "dosing/instruction")
    assert spans(findings) == [("dosing/instruction", 1, 1, len(text) + 1)]
    assert messages(findings) == [f"Dosing instruction: {found} — have it reviewed by a qualified professional"]


@pytest.mark.parametrize(
    "text,found",
    [
        ("Start low and go slow.", "Start low and go slow"),
        ("Increase the dose gradually.", "Increase the dose gradually"),
        ("Gauge your tolerance first.", "Gauge your tolerance"),
        ("Never double the dose.", "double the dose"),
        ("Take more if the pain comes back.", "Take more if"),
        ("Starting with a small dose is wise.", "Starting with a small dose"),
    ],
)
def test_titration_without_numbers(text, found):
    findings = lint(text + "\n", "dosing")
    assert spans(findings) == [("dosing/titration", 1, 1, len(text) + 1)]
    assert messages(findings) == [f"Dosing advice: '{found}' — have it reviewed by a qualified professional"]


@pytest.mark.parametrize(
    "text",
    [
        "About 20 million adults have migraine.",
        "1 in 4 people have it, and 30% of people never know.",
        "Symptoms lasting more than 12 weeks need a doctor.",
        "Get 8 hours of sleep a night.",
        "Aim for 150 minutes of exercise a week.",
        "In 2019, the rules changed.",
        "Children aged 6 to 12 years are most at risk.",
        "Call 911 or 1-800-222-1222 any time, 24 hours a day.",
        "An A1C of 6.5% or higher means diabetes.",
        "Aim for a blood pressure below 130/80 mm Hg.",
        "An LDL above 190 mg/dL is high.",
        "Mix 2 tablespoons of olive oil with the juice of one lemon.",
        "A cup of milk has about 300 mg of calcium.",
        "In the trial, participants took 1,000 mg a day.",
        "Limit sodium to 1,500 mg a day.",
        "Take a walk every day.",
        "Brush your teeth twice a day.",
        "How much do you take each day?",
        "Rare side effects may occur in 1 in 1 000 doses.",
    ],
)
def test_non_doses_are_not_flagged(text):
    assert lint(text + "\n", "dosing") == []


@pytest.mark.parametrize(
    "text", ["About 50 mg a day is excreted unchanged.", "About 50 mg a day is EXCRETED unchanged.", "About 50 mg a day is absorbed."]
)
def test_pharmacokinetics_is_reporting(text):
    """What the body does with a medicine is reported (context trigger reported/pharmacokinetics)."""
    assert doses(Analysis(parse(text + "\n", "<t>", False), SHARED)) == []


def test_reporting_words_do_not_hide_an_instruction_that_opens_the_sentence():
    text = "Take 500 mg a day, the dose used in the study.\n"
    assert spans(lint(text, "dosing/instruction")) == [("dosing/instruction", 1, 1, 47)]


def test_doses_in_lists_tables_and_blockquotes_count_but_not_in_code():
    text = """\
    - Take 1 tablet every 8 hours.

    > Take 2 tablets daily.

    | Age | Dose |
    |---|---|
    | Adults | 2 tablets every 4 hours |

    ```
    Take 2 tablets daily.
    ```
    """
    assert spans(lint(text, "dosing/instruction")) == [
        ("dosing/instruction", 1, 3, 31),
        ("dosing/instruction", 3, 3, 24),
        ("dosing/instruction", 7, 12, 35),
    ]


def test_kratom_example_titration_is_found(shared):
    expected = [("dosing/titration", 1, 321, 407), ("dosing/titration", 13, 84, 233)]
    md = (shared / "examples" / "kratom-chronic-pain-seo.md").read_text(encoding="utf-8")
    assert spans(lint(md, "dosing")) == expected
    txt = EXAMPLE.read_text(encoding="utf-8")
    findings = lint(txt, "dosing", markdown=False)
    assert spans(findings) == expected
    assert "'Starting with smaller doses can help gauge individual tolerance'" in findings[1].message


def test_doses_fact_gives_statement_spans_in_document_order():
    doc = parse("Intro.\n\nTake 1 tablet twice a day. Start low and go slow.\n")
    found = Analysis(doc, SHARED).fact(doses)
    assert [(d.kind, d.start, d.end, d.text) for d in found] == [
        ("instruction", 0, 26, "Take 1 tablet twice a day."),
        ("titration", 27, 49, "Start low and go slow."),
    ]
    assert [d.block.index for d in found] == [1, 1]


@pytest.mark.parametrize(
    "text,where,suggestion",
    [
        ("Inject 10 U of insulin.", (1, 11, 12), "units"),
        ("Inject 10u of insulin.", (1, 10, 11), "units"),
        ("Inject 5 cc twice a day.", (1, 10, 12), "mL"),
        ("Take 50 µg daily.", (1, 9, 11), "mcg"),
        ("Take 5.0 mg once a day.", (1, 6, 12), "5 mg"),
        ("Take .5 mg twice a day.", (1, 6, 11), "0.5 mg"),
        ("Take 1 tablet QD.", (1, 15, 17), "daily"),
        ("Take 2 mg MS every 4 hours.", (1, 11, 13), "morphine sulfate"),
        ("Inject 10 units SC daily.", (1, 17, 19), "subcutaneously"),
        ("Take 1 tablet hs.", (1, 15, 17), "at bedtime"),
    ],
)
def test_error_prone_abbreviations_in_dose_notation(text, where, suggestion):
    findings = lint(text + "\n", "dosing/error-prone-abbreviation")
    assert [(f.line, f.column, f.end_column) for f in findings] == [where]
    assert [f.suggestion for f in findings] == [suggestion]


@pytest.mark.parametrize(
    "text",
    [
        "About 1 in 4 U.S. adults has MS.",
        "The U-shaped curve is SC and hs in the chart.",
        "Add 10 cc-free drops of nothing; version 5.0 is out.",
        "Living with MS can be hard; ask your doctor about the cc on the email.",
    ],
)
def test_abbreviation_letters_in_ordinary_prose_are_not_flagged(text):
    assert lint(text + "\n", "dosing/error-prone-abbreviation") == []


def test_no_maximum_for_an_otc_dose_and_schedule():
    text = "# Ibuprofen for pain\n\nTake 1 tablet every 4 to 6 hours.\n"
    assert spans(lint(text, "dosing/no-maximum")) == [("dosing/no-maximum", 3, 1, 34)]
    with_max = text + "\nDo not take more than 6 tablets in 24 hours.\n"
    assert lint(with_max, "dosing/no-maximum") == []


def test_no_maximum_ignores_prescription_medicines():
    assert lint("# Abilify\n\nTake 1 tablet once a day.\n", "dosing/no-maximum") == []


def test_child_dose_needs_an_age_or_weight_band():
    rule = "dosing/child-dose-without-age-or-weight"
    assert spans(lint("For children, give half a tablet twice a day.\n", rule)) == [(rule, 1, 1, 46)]
    assert lint("Children aged 6 to 12 years: half a tablet every 4 hours.\n", rule) == []
    assert lint("For children weighing 20 kg, the dose is 5 mL twice a day.\n", rule) == []


def test_child_band_in_the_heading_or_list_lead_in_counts():
    rule = "dosing/child-dose-without-age-or-weight"
    heading = "## Children 6 to 11 years\n\nGive 1 tablet every 4 hours.\n"
    assert lint(heading, rule) == []
    lead_in = "For children aged 2 to 5:\n\n- 5 mL every 6 hours\n"
    assert lint(lead_in, rule) == []
    no_band = "## Dosage for children\n\nGive 1 tablet every 4 hours.\n"
    assert spans(lint(no_band, rule)) == [(rule, 3, 1, 29)]


@pytest.mark.parametrize(
    "text,found",
    [
        ("Adults: one tablet each day, with or without food.", "one tablet each day"),
        ("You will be given one infusion, containing 300 mg of the medicine, twice a day for 5 days.",
         "one infusion, containing 300 mg of the medicine, twice a day"),
        ("Take your next capsule at the usual time the next day.", "at the usual time the next day"),
        ("If you forget a dose, take it as soon as you remember.", "as soon as you remember"),
        ("Take it at the same time every day.", "at the same time every day"),
        ("NovoRapid is generally taken immediately before a meal.", "before a meal"),
        ("Kirsty is generally used immediately before a meal.", "before a meal"),
        ("If you need to, you can inject soon after a meal.", "after a meal"),
        ("You should inject it within 15 minutes of a meal.", "within 15 minutes of a meal"),
        ("You will receive two injections.", "two injections"),
        ("The starting rate is 20 nanograms per kilogram of body weight each minute.", "20 nanograms per kilogram of body weight"),
        ("30 micrograms per kilogram body weight by injection.", "30 micrograms per kilogram"),
        ("The usual amount is 110 to 185 MBq (the unit used to measure radioactivity).", "110 to 185 MBq"),
        ("Chew 3 or 4 glucose tablets.", "3 or 4 glucose tablets"),
        ("Take Tegretol300mg twice a day.", "300mg twice a day"),
        ("Use twice a day, at least 8 hours apart.", "twice a day"),
        ("Reduce the use of the cream to once daily.", "once daily"),
        ("Use your BiResp Spiromax every day.", "every day"),
        ("Relvar Ellipta should be used every day.", "every day"),
        ("Use one pessary once a day, at bedtime.", "one pessary once a day, at bedtime"),
        ("Do not use more than once a day.", "Do not use more than once a day"),
        ("You will have an infusion on days 1, 3 and 5.", "on days 1, 3 and 5"),
    ],
)
def test_leaflet_forms_are_instructions(text, found):
    findings = lint(text + "\n", "dosing/instruction")
    assert spans(findings) == [("dosing/instruction", 1, 1, len(text) + 1)]
    assert messages(findings) == [f"Dosing instruction: {found} — have it reviewed by a qualified professional"]


def test_an_amount_or_schedule_on_its_own_borrows_the_cue_of_its_lead_in():
    text = """\
The recommended dose is:

1,050 mg if you weigh less than 80 kg.

To treat a low, have one of these:

- 3 or 4 glucose tablets
- 1 cup of milk

It is given as follows:

- once a week for the first 4 weeks
"""
    assert spans(lint(text, "dosing/instruction")) == [
        ("dosing/instruction", 3, 1, 39),
        ("dosing/instruction", 7, 3, 25),
        ("dosing/instruction", 12, 3, 36),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Each tablet contains:\n\n- 500 mg of paracetamol\n",
        "If you are overweight, take these steps:\n\n- Be physically active every day.\n",
        "Symptoms may include:\n\n- pain at least once per week\n",
        "The recommended dose is 2 tablets.\n\nCheck your blood 2 times a week.\n",
    ],
)
def test_a_lead_in_lends_no_cue_to_contents_steps_or_symptoms(text):
    assert [f for f in lint(text, "dosing/instruction") if f.line > 1] == []


@pytest.mark.parametrize(
    "text",
    [
        "When you do start playing again, start slowly.",
        "Heart attacks can start slowly and cause only mild pain.",
        "Sickle cell ulcers usually start small and then get larger.",
        "You could then use the grid every day to check your vision.",
        "Taking hormones should be re-evaluated every six months.",
        "Doctors recommend you eat less than 2.4 grams per day.",
        "Some doctors favor using a 250 mcg ACTH test for more accurate results.",
        "The possible harms of aspirin use (100 mg or less) daily include bleeding.",
        "If the patient has to wait for a donated liver, other treatment is given as needed.",
        "Do not use different lice drugs at the same time.",
        "Diuretics are often used with other medicines, sometimes in one combined pill.",
        "A ferritin below 200 nanograms (ng) per liter may mean iron deficiency.",
        "Diluted bleach (1 teaspoon of bleach to 1 quart of water) can be used to clean.",
        "People who form stones should include 1,000 milligrams of calcium in their diet every day.",
        "Genes include LMNA (CMT2B1) and HSPB8 (CMT2L).",
        "Each vial contains 300 mg of delafloxacin.",
    ],
)
def test_more_non_doses_are_not_flagged(text):
    assert lint(text + "\n", "dosing") == []


def test_a_schedule_in_a_test_is_not_a_dose():
    text = "## Tests for Cushing's syndrome\n\nIn this test, a person is given dexamethasone by mouth every 6 hours.\n"
    assert lint(text, "dosing") == []
    item = "Tests:\n\n- Suppression test. A person is given dexamethasone every 6 hours.\n"
    assert lint(item, "dosing") == []
    treated = "## Treatment\n\nDexamethasone is given by mouth every 6 hours.\n"
    assert spans(lint(treated, "dosing")) == [("dosing/instruction", 3, 1, 47)]


def test_start_slowly_is_titration_beside_a_dose_word():
    assert spans(lint("Start slowly with a low dose.\n", "dosing")) == [("dosing/titration", 1, 1, 30)]
    text = "Your doctor may gradually increase the infusion rate.\n"
    assert spans(lint(text, "dosing")) == [("dosing/titration", 1, 1, 54)]


@pytest.mark.parametrize(
    "text,where,suggestion",
    [
        ("Take Tegretol300mg twice a day.", (1, 6, 19), "Tegretol 300 mg"),
        ("Take Inderal40 mg daily.", (1, 6, 18), "Inderal 40 mg"),
    ],
)
def test_a_drug_name_run_into_its_dose_is_error_prone(text, where, suggestion):
    findings = lint(text + "\n", "dosing/error-prone-abbreviation")
    assert [(f.line, f.column, f.end_column) for f in findings] == [where]
    assert [f.suggestion for f in findings] == [suggestion]


@pytest.mark.parametrize("text", ["Each12.5 mg tablet is scored.", "Genes CMT2L and HbA1c 5 mg.", "It contains14 mg."])
def test_run_together_needs_a_brand_name(text):
    assert lint(text + "\n", "dosing/error-prone-abbreviation") == []


def test_a_dose_by_body_surface_is_banded_and_a_dose_for_adults_is_not_for_children():
    rule = "dosing/child-dose-without-age-or-weight"
    assert lint("The recommended dose for children is 280 mg/m2 twice daily.\n", rule) == []
    assert lint("## Use in children\n\nThe dose for adults is 800 mg once daily.\n", rule) == []
    assert spans(lint("## Use in children\n\nThe dose is 800 mg once daily.\n", rule)) == [(rule, 3, 1, 31)]


_WORDS = (
    "take 2 500 .5 mg ml One two Ten half a single quarter tablet tablets times day daily once TWICE every 4 hours at bedtime"
    " q.d. qid bid t.i.d. p.r.n. q4h start begin with low small dose dosage increase the slowly gradually infusion rate"
    " tolerance check gauge double more if lowest effective aged ages under over older than years months kg /kg per kilogram body weight"
    " surface m2 weighs less from between ½ on days 1 and 8 in 24 , . - ( ) : children use another extra go slow restart"
    " meals food before bed next morning as needed required when soon you remember empty stomach same usual time smallest"
    " – ’ “ ° each normal period within minutes after any hour"
).split()


def _full(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each pattern's spans when it runs over the whole text, as before any gate existed."""
    one = lambda pattern: [m.span() for m in regex.compile(pattern, dosing._F).finditer(text)]
    return {
        "amount": one(dosing.AMOUNT),
        "schedule": one(dosing.SCHEDULE),
        "titration": sorted(one("|".join(dosing.TITRATION_BRANCHES)) + one(dosing.START_SLOW)),
        "weak": one("|".join(dosing.WEAK_SCHEDULE_BRANCHES)),
    }


def _gated(text: str) -> dict[str, list[tuple[int, int]]] | None:
    """The same spans as the recogniser finds them, each pattern run only where its gate lets it; None for a
    block that the document-wide search leaves out or that is quiet."""
    clues = next(dosing._candidates(parse(text, "<t>", False).blocks[:1]), None)
    if clues is None or dosing._quiet(clues):
        return None
    return {
        "amount": dosing._amounts(clues),
        "schedule": dosing._SCHEDULES.spans(clues),
        "titration": dosing._titrations(clues),
        "weak": dosing._WEAK.spans(clues),
    }


def _out_of_step(text: str) -> list[str]:
    """The patterns whose gated spans differ from their spans over the whole text."""
    if not parse(text, "<t>", False).blocks:
        return []
    block = parse(text, "<t>", False).blocks[0]
    full, gated = _full(block.text), _gated(block.text)
    if gated is None:
        # Quiet: nothing in it may count, and a timing counts only beside a word of taking.
        timing = full["weak"] and not dosing._TAKE.isdisjoint(block.tokens)
        return [name for name in full if full[name] and (name != "weak" or timing)]
    return [name for name in full if full[name] != gated[name]]


def test_each_gate_holds_for_every_pair_of_words():
    """A gate skips a pattern where its words are absent; one out of step with its pattern loses doses."""
    pairs = [f"{a}{sep}{b}" for a in _WORDS for b in _WORDS for sep in (" ", "-", "")]
    assert [(t, _out_of_step(t)) for t in pairs if _out_of_step(t)] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "", "-", "/", "–"])), max_size=8))
def test_each_gate_holds_wherever_its_pattern_matches(tokens):
    assert _out_of_step("".join(w + sep for w, sep in tokens)) == []


@pytest.mark.parametrize(
    "text",
    [
        # Number words and units run together: no whole-word number, so only the word-start scan finds them.
        "Take twotablets every 4 hours.", "Take onetotwo capsules daily.", "Take tenmg at bedtime.",
        "Take 1 tablet q4h.", "Take 2 tablets bid.", "TAKE TWO TABLETS EVERY FOUR HOURS.",
        # Digits and separators lead to the unit however they are spaced.
        "Take 2,5 or 1/2 - 3 tablets daily.", "Take .5mg once daily.", "Take 1 000 units twice a week.",
        # A titration inside a longer word: TITRATION has no word edge before "start".
        "Restart with a lower dose.", "Slowly increase the dose.", "Gauge your tolerance first.",
        # Not ASCII: every pattern runs.
        "Take ½ tablet twice a day — with food.", "Take 2 tablets twıce a day.",
        "Take 1 tablet with meals, as needed; take another dose if the pain returns.",
    ],
)
def test_gates_keep_doses_at_their_edges(text):
    assert _out_of_step(text) == []
    assert [d.found for d in doses(Analysis(parse(text + "\n", "<t>", False), SHARED))] != []


def test_gates_keep_every_dose_in_the_rule_examples_and_in_this_file():
    """Every example and test text of the dosing family, run gated and ungated, gives the same spans."""
    import tomllib
    from pathlib import Path

    texts = [line for rule in tomllib.loads((Path(__file__).parents[1] / "rules/dosing.toml").read_text())["rules"]
             for key in ("good", "bad") for ex in rule["examples"][key] for line in ex.splitlines()]
    source = Path(__file__).read_text()
    texts += regex.findall(r'"((?:Take|Give|Use|The|For|Adults|Children|Inject|Apply|Start|Do)[^"\n]{5,})"', source)
    assert len(texts) > 60
    assert [(t, _out_of_step(t)) for t in texts if _out_of_step(t)] == []


@pytest.mark.parametrize(
    "text,found",
    [("Take 10.00 mg daily.", "10.00 mg"), ("Take Co-codamol30mg at night.", "Co-codamol30mg"), ("Inject ١٠ U of insulin.", "U")],
)
def test_the_abbreviation_gates_keep_their_forms(text, found):
    """The rule skips blocks without a digit before a unit or form, ".0" or a letter before a digit; each form here has just that."""
    findings = lint(text + "\n", "dosing/error-prone-abbreviation")
    assert [text[f.column - 1 : f.end_column - 1] for f in findings] == [found]


def _abbreviations(text: str, gated: bool = True) -> list[tuple]:
    """The abbreviation rule's findings in text, with its block gate or with one that lets every block through."""
    (active,) = [a for a in active_rules("dosing/error-prone-abbreviation") if a.id == "dosing/error-prone-abbreviation"]
    if not gated:
        compiled = dataclasses.replace(active.rule.compiled, gate=regex.compile(""), ascii_gate=re.compile(""))
        active = dataclasses.replace(active, rule=dataclasses.replace(active.rule, compiled=compiled))
    found = dose_abbreviation.check(active, Analysis(parse(text + "\n", "<t>", False), SHARED))
    return [(f.line, f.column, f.end_column, f.suggestion) for f in found]


_ABBREVIATION_PIECES = (
    "5", ".5", "5.0", "10", "١٠", "Tegretol", "Each", "mg", "mcg", "g", "mL", "U", "u", "IU", "cc", "µg", "units", "/", " ",
    "\t", "\u00a0", ".", "-", "Take ",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ABBREVIATION_PIECES), max_size=10))
def test_the_abbreviation_gate_keeps_every_finding(pieces):
    text = "".join(pieces)
    assert _abbreviations(text) == _abbreviations(text, gated=False)


@pytest.mark.parametrize(
    "text",
    [
        # The last number before the unit is a word: only the word scan of the unit gate finds these.
        "Take 1 to two tablets daily.", "Take 1totwo capsules daily.", "Give half an tablet.", "Take a half tablet daily.",
        "Take a quarter of a tablet at bedtime.", "Take one-and-a-half tablets daily.", "Take a single dose daily.",
        "Take twelve drops daily.", "Take eleven mg daily.", "Use fifteen puffs a day.", "Take teng twice daily.",
        # Each schedule gate that runs its branch in `re` first.
        "Take 1 tablet on days 1 and 8.", "Take 1 tablet on day 1 and 8.", "Take 1 tablet t.i.d.", "Take 1 tablet q.h.s.", "Take 1 tablet q 4 h.",
        "Take 1 tablet q4-6h.", "Take 2 tablets b.i.d.", "Take 2 tablets BID.", "Use it every other day.",
        "Inject 2 units every 3 months.", "Take another dose if the pain returns.",
    ],
)
def test_the_unit_and_branch_gates_keep_their_doses(text):
    assert _out_of_step(text) == []
    assert [d.found for d in doses(Analysis(parse(text + "\n", "<t>", False), SHARED))] != []


def test_the_unit_gate_knows_every_number_word():
    """An amount's last number may be any number word of _ONE_NUM: each must lead to its unit in the gate."""
    words = dosing._WORD_NUM.strip("(?:)").split("|") + ["half", "half a", "half an", "single", "a quarter of an"]
    assert [w for w in words if not dosing._UNIT_AFTER_WORD.search(f"{w} tablets")] == []
    assert [w for w in words if not dosing._UNIT_AFTER_WORD.search(f"{w}mg")] == []


_FULL_BAND = regex.compile(
    rf"(?:{dosing.NUMBER}\s*(?:years?|yrs?|months?|weeks?)|aged?\s+{dosing.NUMBER}|ages\s+{dosing.NUMBER}"
    rf"|(?:under|over|older\s+than|younger\s+than|below|above|from|between)\s+(?:the\s+age\s+of\s+)?{dosing.NUMBER}"
    rf"|{dosing.NUMBER}\s*(?:kg|kilograms?|lbs?|pounds)\b|/\s*kg|per\s+(?:kg|kilogram)|body\s+weight|/\s*m2|body\s+surface"
    rf"|weigh(?:s|ing)?\s+(?:less|more|under|over|between|{dosing.NUMBER}))",
    dosing._F,
)
_BAND_WORDS = "aged age ages under over older than weighs weighing the of a an half quarter single one ten twenty 1 12 .5 ½ 3/4 2,000 to or - years yrs months kg lbs pounds m2 / body weight".split()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_BAND_WORDS), st.sampled_from([" ", "", "-", "  "])), max_size=7))
def test_the_band_pattern_finds_a_band_wherever_the_full_number_pattern_does(tokens):
    """AGE_OR_WEIGHT keeps only a number's first or last word or digit: it is only ever searched for."""
    text = "".join(w + sep for w, sep in tokens)
    assert bool(regex.search(dosing.AGE_OR_WEIGHT, text, dosing._F)) == bool(_FULL_BAND.search(text))


@pytest.mark.parametrize(
    "text",
    ["aged 2 to 5", "over half a", "under a quarter of an", "ages one-half", "1 to 2 years", "a quarter of an kg",
     "weighing .5", "between the age of 12", "half an years", "2,000 lbs", "3/4 kg", "twenty-and-a-half months"],
)
def test_the_band_pattern_finds_numbers_at_either_end(text):
    assert regex.search(dosing.AGE_OR_WEIGHT, text, dosing._F) and _FULL_BAND.search(text)


@pytest.mark.parametrize("text", ["Take 1 tablet every\x1f4 hours.", "Take it once\x1ca day, every 4 hours."])
def test_branches_run_in_regex_where_re_would_read_a_space_that_regex_does_not(text):
    """`re` takes \\x1c-\\x1f for spaces and `regex` does not: a schedule there is only found as `regex` finds it."""
    assert parse(text, "<t>", False).blocks[0].text == text
    assert _out_of_step(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Take 1 tablet EVERY 4 HOURS — as needed.", "Use it every other day – with meals.", "Take 1 tablet q.i.d. — as directed.",
        "ſtart low and go ſlow — with café.", "Take 2 tablets twıce a day — with food.", "İncrease the dose gradually — café.",
        "Take 5 mg at bedtime – not more.", "Take 2 tablets ONCE DAILY – with food.", "Take 1 tablet on days 1 and 8 — then stop.",
        "Gauge your tolerance — café.", "Take another dose if needed — café.",
    ],
)
def test_gates_hold_as_pieces_of_folded_text_outside_ascii(text):
    """Text other than ASCII skips a branch only when the folded text lacks what every match holds."""
    assert not text.isascii()
    assert _out_of_step(text) == []
