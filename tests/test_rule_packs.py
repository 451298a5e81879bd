"""Every rule in every built-in pack: valid data, and its own examples behave as it says."""

from __future__ import annotations

import pytest

from healthlint.findings import CATEGORIES
from healthlint.linter import lint_text
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import builtin_rules, ruleset
from healthlint.setup.rulepack import builtin_pack_paths

RULES = builtin_rules()


def with_defaults(rid: str):
    """The default rules plus `rid`: examples are judged as a writer would meet them."""
    return ruleset(Config(), Overrides(extend_select=(rid,))).active


def test_packs_are_found_and_ids_unique():
    assert len(builtin_pack_paths()) >= 2
    assert len(RULES) == len(set(RULES))


@pytest.mark.parametrize("rid", sorted(RULES))
def test_rule_metadata(rid):
    rule = RULES[rid]
    assert rule.category in CATEGORIES
    assert rule.message.strip() and rule.why.strip() and rule.summary.strip()
    assert rule.what.strip(), "every built-in rule needs a 'what' key: what it flags and what it does not, for writers"
    assert rule.bad, "every rule needs a bad example"


def _examples(kind: str):
    for rid in sorted(RULES):
        for i, text in enumerate(getattr(RULES[rid], kind)):
            yield pytest.param(rid, text, id=f"{rid}-{kind}{i}")


@pytest.mark.parametrize("rid,text", list(_examples("bad")))
def test_bad_examples_are_flagged(rid, text):
    findings = lint_text(text, with_defaults(rid))
    assert [f.rule for f in findings if f.rule == rid], f"{rid} did not flag its bad example: {text!r}"
    for f in findings:
        assert 1 <= f.line <= text.count("\n") + 1


@pytest.mark.parametrize("rid,text", list(_examples("good")))
def test_good_examples_pass(rid, text):
    findings = [f for f in lint_text(text, with_defaults(rid)) if f.rule == rid]
    assert not findings, f"{rid} flagged its good example {text!r}: {findings}"


@pytest.mark.parametrize("path", builtin_pack_paths(), ids=lambda p: p.name)
def test_built_in_packs_pass_the_pattern_checks_user_packs_get(path, monkeypatch):
    """Built-in patterns compile on first use; here each is compiled and probed as a user's would be."""
    from healthlint.patterns import matching
    from healthlint.setup.rulepack import load_pack

    checked = []
    real = matching.compile_pattern
    monkeypatch.setattr(matching, "compile_pattern", lambda p, key, flags: checked.append(p) or real(p, key, flags))
    load_pack(path, checked=True)
    if path.name in ("claims.toml", "readability.toml"):
        assert checked


def test_a_user_pack_s_broken_pattern_is_refused_as_it_loads(tmp_path):
    from healthlint.errors import PackError
    from healthlint.setup.rulepack import load_pack

    pack = tmp_path / "house.toml"
    pack.write_text(
        '[[rules]]\nid = "plain-language/house"\nkind = "phrase"\nseverity = "info"\nmessage = "m"\nwhy = "w"\n'
        'patterns = ["(unclosed"]\n[rules.examples]\ngood = []\nbad = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="does not compile"):
        load_pack(pack)


def _house_consult_pack(tmp_path, extra: str = "") -> Config:
    """A user pack with its own consult-note rule: notes are only 'call the helpline'."""
    pack = tmp_path / "consult.toml"
    pack.write_text(
        '[[rules]]\nid = "disclaimer/house-consult"\nkind = "consult-note"\nseverity = "warning"\n'
        'message = "{trigger}, but never gives the helpline"\nwhy = "House style."\n'
        + extra
        + '[rules.examples]\nbad = ["Take 2 tablets every 4 hours."]\n',
        encoding="utf-8",
    )
    return Config(rule_packs=(pack,))


WORDS = (
    'professionals = ["helpline nurse"]\nqualifiers = []\nconsult-verbs = ["call"]\nnotes = ["call\\\\s+the\\\\s+helpline"]\n'
    'not-notes = []\ndismissive = []\nadvice-verbs = ["take"]\ntreatment-verbs = []\nmedicines = ["tablets"]\n'
    'treatments = []\nsubstances = []\n'
)


def test_a_user_pack_s_consult_note_rule_reads_its_own_words(tmp_path):
    """The engine reads the words of the rule it serves, not the built-in rule's."""
    config = _house_consult_pack(tmp_path, WORDS)
    active = ruleset(config, Overrides(select=("disclaimer",))).active
    ask = lint_text("Take 2 tablets every 4 hours. Ask your pharmacist.\n", active)
    assert [(f.rule, f.line, f.column) for f in ask] == [("disclaimer/house-consult", 1, 1)]
    helpline = lint_text("Take 2 tablets every 4 hours. Call the helpline.\n", active)
    assert [(f.rule, f.line, f.column) for f in helpline] == [("disclaimer/missing-consult-note", 1, 1)]


def test_words_from_takes_another_rule_s_lists_for_the_keys_a_rule_does_not_set(tmp_path):
    config = _house_consult_pack(tmp_path, 'words-from = "disclaimer/missing-consult-note"\nnotes = ["call\\\\s+the\\\\s+helpline"]\n')
    active = ruleset(config, Overrides(select=("disclaimer",))).active
    found = lint_text("Take 2 tablets every 4 hours. Call the helpline.\n", active)
    assert [(f.rule, f.line, f.column) for f in found] == [("disclaimer/missing-consult-note", 1, 1)]


def test_words_from_an_unknown_rule_is_a_pack_error(tmp_path):
    from healthlint.errors import PackError

    config = _house_consult_pack(tmp_path, 'words-from = "disclaimer/nope"\n')
    with pytest.raises(PackError, match="words-from.*disclaimer/nope"):
        ruleset(config, Overrides())
