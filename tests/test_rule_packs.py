"""Every rule in every built-in pack: valid data, and its own examples behave as it says."""

from __future__ import annotations

import pytest

from healthlint.findings import CATEGORIES
from healthlint.linter import lint_text
from healthlint.registry import builtin_rules
from healthlint.rulepack import builtin_pack_paths

from healthlint.config import Config, Overrides
from healthlint.registry import ruleset

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
    from healthlint import matching
    from healthlint.rulepack import load_pack

    checked = []
    real = matching.compile_pattern
    monkeypatch.setattr(matching, "compile_pattern", lambda p, key, flags: checked.append(p) or real(p, key, flags))
    load_pack(path, checked=True)
    if path.name in ("claims.toml", "readability.toml"):
        assert checked


def test_a_user_pack_s_broken_pattern_is_refused_as_it_loads(tmp_path):
    from healthlint.rulepack import PackError, load_pack

    pack = tmp_path / "house.toml"
    pack.write_text(
        '[[rules]]\nid = "plain-language/house"\nkind = "phrase"\nseverity = "info"\nmessage = "m"\nwhy = "w"\n'
        'patterns = ["(unclosed"]\n[rules.examples]\ngood = []\nbad = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="does not compile"):
        load_pack(pack)
