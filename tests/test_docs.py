"""The rule pages and the README's rule table are made from the packs, and are never stale."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from click.testing import CliRunner

from healthlint.cli import main
from healthlint.errors import PackError
from healthlint.reporters.rule_page import page
from healthlint.setup.registry import builtin_rules
from healthlint.setup.rulepack import load_pack

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
gen_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_docs)


def test_rule_pages_and_readme_table_are_up_to_date():
    stale = [str(p.relative_to(ROOT)) for p in gen_docs.stale()]
    assert stale == [], f"the rule docs are stale ({', '.join(stale)}); run {gen_docs.COMMAND}"


def test_every_built_in_rule_has_a_page_and_a_row():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rid in builtin_rules():
        category, name = rid.split("/")
        assert (ROOT / "docs" / "rules" / category / f"{name}.md").is_file()
        assert f"[`{rid}`](docs/rules/{category}/{name}.md)" in readme


@pytest.mark.parametrize("rid", sorted(builtin_rules()))
def test_rules_id_prints_the_page(rid, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration here: only the built-in rules
    result = CliRunner().invoke(main, ["rules", rid])
    category, name = rid.split("/")
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs" / "rules" / category / f"{name}.md").read_text(encoding="utf-8")


def _pack(tmp_path, extra: str = "") -> Path:
    path = tmp_path / "house.toml"
    path.write_text(
        '[[rules]]\nid = "plain-language/house"\nkind = "phrase"\nseverity = "info"\n'
        'summary = "A word our house style avoids"\nmessage = "House style: {match}"\nwhy = "Our style guide."\n'
        f'terms = ["quibble"]\n{extra}[rules.examples]\ngood = ["A ``` fence"]\nbad = ["One quibble."]\n',
        encoding="utf-8",
    )
    return path


def test_a_user_rule_without_what_gets_its_summary_on_the_page(tmp_path):
    (rule,) = load_pack(_pack(tmp_path)).rules
    text = page(rule)
    assert "## What it does\n\nA word our house style avoids.\n" in text
    assert "````text\nA ``` fence\n````" in text  # a fence longer than any run of backticks inside
    assert f"In `{tmp_path / 'house.toml'}`, as a rule of kind `phrase`" in text


def test_what_must_be_text(tmp_path):
    with pytest.raises(PackError, match="key 'what' must be a string"):
        load_pack(_pack(tmp_path, "what = 3\n"))


def test_rules_lists_a_user_pack_s_rules_from_the_configuration_here(tmp_path, monkeypatch):
    _pack(tmp_path)
    (tmp_path / ".healthlint.toml").write_text('rule-packs = ["house.toml"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = CliRunner().invoke(main, ["rules"]).output.splitlines()
    assert any(line.startswith("plain-language/house ") for line in listed)
    shown = CliRunner().invoke(main, ["rules", "plain-language/house"])
    assert shown.exit_code == 0 and shown.output.startswith("# plain-language/house\n")
