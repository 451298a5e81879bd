"""The consult-note rules: what counts as a note, when one is needed, where it must stand."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE, lint, where

from healthlint.errors import ConfigError
from healthlint.setup.config import load_config
from healthlint.setup.registry import builtin_shared

MISSING = "disclaimer/missing-consult-note"
FAR = "disclaimer/consult-note-far-from-advice"
DOSE = "Adults take 1 to 2 tablets every 4 to 6 hours."

SHARED = builtin_shared()


def config(tmp_path, body: str):
    path = tmp_path / ".healthlint.toml"
    path.write_text(body)
    return load_config(path)


@pytest.mark.parametrize(
    "note",
    [
        "Talk to your doctor before you start.",
        "Ask your pharmacist which one suits you.",
        "Check with your pharmacist before combining them.",
        "If you are unsure, ask a nurse.",
        "Speak to your GP.",
        "Consult a physician first.",
        "See a specialist if it does not get better.",
        "Call your midwife.",
        "Ask a dietitian about your diet.",
        "Talk to your health care provider.",
        "Talk to your healthcare professional.",
        "Ask your care team.",
        "Talk to a qualified health professional.",
        "Tell your nuclear medicine doctor about other medicines.",
        "Let your doctor know if you are pregnant.",
        "Discuss the results with the doctor who asked for the test.",
        "Do not stop taking it without talking to your doctor.",
        "Take it only as your doctor recommends.",
        "Do not stop it without your doctor's advice.",
        "Do not use it unless your doctor tells you that you can.",
        "Follow the advice about diet from your doctor, pharmacist or nurse.",
        "A bleeding ulcer needs urgent medical attention.",
        "Seek medical advice if it gets worse.",
        "Seek medical help, care or attention if it gets worse.",
        "Get medical help straight away if you faint.",
        "This article is not a substitute for professional medical advice, diagnosis or treatment.",
        "This page is for information only and is not medical advice.",
        "Call 911 if you have chest pain.",
        "Call 999 or 112 in an emergency.",
        "If you cannot breathe, call your local emergency number.",
        "Consulting healthcare professionals is vital.",
        "Seeking guidance from healthcare professionals is crucial.",
        # Deferring to the prescriber's instructions keeps the clinician in charge.
        "Keep taking them for as long as the doctor has asked you to take them.",
        "Take the tablets only as prescribed.",
        "Never stop it without your doctor's advice.",
        "Dont stop it without asking your doctor.",
        "You don't need to fast, but tell your nurse.",
        "If side effects bother you, see your doctor.",
        "Take no more than 4 doses in 24 hours unless your doctor tells you to.",
        "If the provider prescribes an antibiotic, take it exactly as instructed.",
        "You and your health care provider need to discuss the risks and benefits.",
        "Work with your doctor to find what suits you.",
        "We recommend that you work with a genetics professional.",
        "Discuss this information and your treatment options further with a trusted healthcare professional.",
        "Heavy infections need to be treated by experienced specialists.",
    ],
)
def test_consult_notes_count(note):
    assert where(lint(f"{DOSE}\n\n{note}\n", MISSING)) == []


@pytest.mark.parametrize(
    "look_alike",
    [
        "You don't need to see a doctor.",
        "There is no need to ask your GP.",
        "Skip the doctor, just rest.",
        "Doctors used to recommend bed rest.",
        "People used to see a doctor for this.",
        "Unlike your doctor, we listen.",
        "It is cheaper than seeing a doctor.",
        "Doctors recommend our gummies.",
        "Ask your friends.",
        "Ask a relative who used to be a nurse.",
        "Ask your friend the nurse.",
        "You can buy it without seeing a doctor.",
        "You can buy it without your doctor's permission.",
        "No prescription needed, no need to see a doctor.",
        "You don't need a prescription or to see a doctor.",
        "There's no need to waste money seeing a doctor.",
        "Why bother seeing a doctor when you can order online?",
        "Ask a friend to work with you.",
        "Most people dont need to see a doctor before they start.",
        "You and your partner must decide.",
        "My doctor told me to rest.",
        "```\nAsk your doctor.\n```",
        "`ask your doctor`",
        # A note's words inside other words.
        "Visit Eric on Sunday.",
        "Call 9110 for tickets.",
        "Don't forget medical help is costly.",
        "They recall 911 calls from last year.",
        "Many people go to emergency rooms for this.",
    ],
)
def test_look_alikes_do_not_count(look_alike):
    assert where(lint(f"{DOSE}\n\n{look_alike}\n", MISSING)) == [(MISSING, 1, 1)]


def test_message_names_the_advice_and_its_line():
    [f] = lint(f"# Pain relief\n\nRest helps.\n\n{DOSE}\n", MISSING)
    assert (f.line, f.column) == (5, 1)
    assert f.message == (
        "The article gives dosing advice (“1 to 2 tablets every 4 to 6 hours”) at line 5, "
        "but never tells readers to consult a health professional (a doctor, pharmacist or nurse)"
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("For a headache, take ibuprofen.\n", [(MISSING, 1, 17)]),
        ("Rest.\n\nYou should stop taking the medicine.\n", [(MISSING, 3, 12)]),
        ("Consider taking vitamin D in winter.\n", [(MISSING, 1, 1)]),
        ("Start with a small dose and increase it gradually.\n", [(MISSING, 1, 1)]),
        # A claim needs a note when it recommends a product to the reader.
        ("Our turmeric capsules cure arthritis.\n", [(MISSING, 1, 23)]),
        ("Turmeric may ease your arthritis.\n", [(MISSING, 1, 10)]),
        ("Try magnesium: it relieves cramps.\n", [(MISSING, 1, 1)]),
        ("Order now: these supplements relieve joint pain.\n", [(MISSING, 1, 30)]),
        ("Listed in order of strength, these supplements relieve joint pain.\n", []),
        ("Zinc supplements relieve cold symptoms in our bodies.\n", []),
        ("Magnesium can ease your joint pain.\n", [(MISSING, 1, 11)]),
        ("These gummies help relieve anxiety, so you can sleep.\n", [(MISSING, 1, 15)]),
        ("Your doctor may prescribe an antibiotic to reduce swelling from sinus infections.\n", []),
        ("Aspirin can relieve bone pain and burning in your hands or feet that you may have.\n", []),
        # A third-person account of what a treatment does, or of what clinicians prescribe, describes care.
        ("Supplemental zinc usually eliminates the symptoms of acrodermatitis enteropathica.\n", []),
        ("Cosmetics that treat or prevent diseases are also drugs.\n", []),
        ("The provider prescribes antibiotics to destroy the bacteria and treat Whipple disease.\n", []),
        ("There are two ways to treat migraine with drugs: prevent the attacks, or relieve the symptoms.\n", []),
        # Explaining a condition or its care is not advice.
        ("Many people take ibuprofen for headaches.\n", []),
        ("Risk factors include taking high doses of diuretics.\n", []),
        ("In type 2 diabetes the cells do not use insulin well.\n", []),
        ("A urologist may treat the disease with other treatments.\n", []),
        ("Stretching the muscle can relieve the pain of a cramp.\n", []),
        ("Asthma is a long-term condition that affects the airways.\n", []),
        ("To ease a headache, you can:\n\n- rest\n- take ibuprofen\n", [(MISSING, 4, 3)]),
        ("Caregivers do many things:\n\n- cook\n- give medicine\n", []),
        ("You are at greater risk if you\n\n- are obese\n- take certain antiseizure medicines\n", []),
        ("Write short subject lines so more customers open your emails.\n", []),
        # Urging the timing of care the doctor decides, or avoiding needless care, is not medicine advice.
        ("It is important to start treatment right away.\n", []),
        ("It is important to start treatment for growth failure early.\n", []),
        ("A correct diagnosis is important to avoid unnecessary treatments or invasive tests.\n", []),
        ("Do not stop your treatment when you feel better.\n", [(MISSING, 1, 8)]),
        ("It is important to take the medicine even when you feel well.\n", [(MISSING, 1, 20)]),
        # Substances of abuse are lifestyle advice, not medicines.
        ("Don't use illegal drugs.\n", []),
        ("Avoid drugs and alcohol while pregnant.\n", []),
        ("Don't use sleeping pills.\n", [(MISSING, 1, 7)]),
    ],
)
def test_what_needs_a_note(text, expected):
    assert where(lint(text, MISSING)) == expected


def test_doses_are_reported_before_earlier_claims():
    text = "Turmeric cures arthritis.\n\nTake 500 mg twice a day.\n"
    assert where(lint(text, MISSING)) == [(MISSING, 3, 1)]


def test_require_modes(tmp_path):
    explains = "# Asthma\n\nAsthma is a long-term condition that affects the airways.\n"
    always = config(tmp_path, '[rules."disclaimer/missing-consult-note"]\nrequire = "always"\n')
    assert where(lint(explains, MISSING)) == []
    assert where(lint(explains, MISSING, config=always)) == [(MISSING, 1, 3)]
    assert where(lint(explains + "\nAsk your doctor.\n", MISSING, config=always)) == []
    never = config(tmp_path, '[rules.disclaimer]\nrequire = "never"\n')
    assert where(lint(DOSE, MISSING, config=never)) == []
    assert where(lint(DOSE, MISSING)) == [(MISSING, 1, 1)]


@pytest.mark.parametrize(
    "body,key",
    [
        ('[rules.disclaimer]\nrequire = "sometimes"\n', "'require' must be one of 'advice', 'always', 'never', got 'sometimes'"),
        ('[rules.disclaimer]\nplacement = "nearby"\n', "'placement' must be one of 'anywhere', 'near-advice', got 'nearby'"),
    ],
)
def test_invalid_settings_are_config_errors(tmp_path, body, key):
    with pytest.raises(ConfigError) as err:
        lint(DOSE, MISSING, config=config(tmp_path, body))
    assert str(tmp_path / ".healthlint.toml") in str(err.value) and key in str(err.value)


FAR_APART = """\
# Dosing

Adults take 1 to 2 tablets every 4 to 6 hours.

# Living with pain

One.

Two.

Three.

Four.

# More help

Ask your pharmacist if you are unsure.
"""


def test_near_advice_placement():
    assert where(lint(FAR_APART, MISSING, FAR)) == [(FAR, 3, 1)]
    [f] = lint(FAR_APART, FAR)
    assert f.message == (
        "Dosing advice (“1 to 2 tablets every 4 to 6 hours”) at line 3 has no consult note in its section "
        "or within 3 paragraphs; the nearest is at line 17"
    )
    # Same section: fine however far apart.
    same = FAR_APART.replace("# Living with pain\n", "").replace("# More help\n", "")
    assert where(lint(same, FAR)) == []
    # Within the configured number of paragraphs, across a heading: fine.
    close = FAR_APART.replace("One.\n\nTwo.\n\nThree.\n\nFour.\n\n", "One.\n\n")
    assert where(lint(close, FAR)) == []


def test_placement_settings(tmp_path):
    anywhere = config(tmp_path, '[rules.disclaimer]\nplacement = "anywhere"\n')
    assert where(lint(FAR_APART, FAR, config=anywhere)) == []
    wide = config(tmp_path, '[rules.disclaimer]\nwithin-paragraphs = 6\n')
    assert where(lint(FAR_APART, FAR, config=wide)) == []
    # No note at all is the missing-note rule's finding, not a placement one.
    assert where(lint(DOSE, FAR)) == []


def test_placement_rule_is_off_by_default():
    assert FAR not in {f.rule for f in lint(FAR_APART)}


def _without_consult_sentences(text: str) -> str:
    return re.sub(r" [^.]*healthcare professional[^.]*\.", "", text)


def test_kratom_example_has_its_consult_notes(shared):
    for path in (EXAMPLE, shared / "examples" / "kratom-chronic-pain-seo.md"):
        text = path.read_text()
        assert where(lint(text, MISSING, markdown=path.suffix == ".md")) == []
        # Its first dosing advice: "starting small allows individuals to gauge their tolerance".
        stripped = _without_consult_sentences(text)
        assert stripped.count("healthcare professional") == 0
        assert where(lint(stripped, MISSING, markdown=path.suffix == ".md")) == [(MISSING, 1, 321)]


SUPPLEMENT = "regulatory/supplement-disclaimer"
NOT_EVALUATED = "These statements have not been evaluated by the Food and Drug Administration."
NOT_INTENDED = "This product is not intended to diagnose, treat, cure, or prevent any disease."


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Our supplement supports healthy joints.\n", [(SUPPLEMENT, 1, 16)]),
        (f"Our capsules support immune function.\n\n{NOT_INTENDED}\n", [(SUPPLEMENT, 1, 14)]),
        (f"Our supplement supports healthy joints.\n\n{NOT_EVALUATED} {NOT_INTENDED}\n", []),
        # Not about a supplement: a bedroom is not sold with a label.
        ("A dark, quiet bedroom promotes restful sleep.\n", []),
        ("Magnesium supplements are popular.\n", []),
    ],
)
def test_supplement_disclaimer(text, expected):
    assert where(lint(text, SUPPLEMENT)) == expected


def test_supplement_disclaimer_names_the_missing_elements():
    [f] = lint(f"These gummies promote restful sleep. {NOT_INTENDED}\n", SUPPLEMENT)
    assert f.message.endswith("missing: the statement has not been evaluated by the Food and Drug Administration")


def test_supplement_disclaimer_is_opt_in():
    assert SUPPLEMENT not in {f.rule for f in lint("Our supplement supports healthy joints.\n")}


def test_near_advice_placement_is_linear_in_notes(monkeypatch):
    """Each piece of advice is measured against at most the nearest note on either side, not every note."""
    from healthlint.kinds import consult_placement

    compared = []
    between = consult_placement.Notes._between
    monkeypatch.setattr(consult_placement.Notes, "_between", lambda self, lo, hi: compared.append(1) or between(self, lo, hi))
    # 300 sections, each with dosing advice and a note two paragraphs on, in the next section.
    near = "".join(f"# Part {i}\n\nTake 2 tablets every 4 hours.\n\n# Help {i}\n\nAsk your pharmacist.\n\n" for i in range(300))
    assert where(lint(near, FAR)) == []
    assert 0 < len(compared) <= 2 * 300
    # Far from every note: one finding, naming the nearest note (the earlier one on a tie).
    steps = "".join(f"Step {i}.\n\n" for i in range(8))
    far = near + "# Last\n\n" + steps + "Take 2 tablets every 4 hours.\n\n" + steps + "# More\n\nAsk your nurse.\n"
    [f] = lint(far, FAR)
    assert (f.line, f.message.endswith("the nearest is at line 2399")) == (2419, True)  # 10 blocks either side


def test_notes_are_looked_for_only_in_articles_that_give_advice():
    """The notes decide nothing in an article without advice (unless require = "always"), so neither rule reads them."""
    from conftest import active_rules, consult_vocabulary

    from healthlint.analysis import Analysis
    from healthlint.kinds import get_kind
    from healthlint.recognisers import advice
    from healthlint.text.document import parse

    rules = active_rules(MISSING, FAR)
    assert {r.id for r in rules} == {MISSING, FAR} and all(r.settings.get("require") == "advice" for r in rules)
    for text, read in [("Rest and drink water. Ask your doctor.\n", False), (DOSE + " Ask your doctor.\n", True)]:
        analysis = Analysis(parse(text, "t.md", True), SHARED)
        assert [f for r in rules for f in get_kind(r.rule.kind).check(r, analysis)] == []
        assert ((advice.consult_notes, consult_vocabulary()) in analysis._facts) is read
    always = [r for r in rules if r.id == MISSING][0]
    always = type(always)(always.rule, always.severity, {**always.settings, "require": "always"})
    analysis = Analysis(parse("Rest and drink water. Ask your doctor.\n", "t.md", True), SHARED)
    assert list(get_kind(always.rule.kind).check(always, analysis)) == [] and analysis.fact(advice.consult_notes, consult_vocabulary())
