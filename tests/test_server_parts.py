"""The language server's parts, in process: positions in UTF-16/UTF-8/UTF-32, code actions that
leave the article parsing as before, hovers, and reading config files again when they change."""

from __future__ import annotations

import textwrap
from collections import Counter

import pytest

from healthlint.checking import Checker
from healthlint.findings import docs_url
from healthlint.server.actions import actions_for, suppress_file, suppress_line
from healthlint.server.hover import covers, hover_text
from healthlint.server.languages import lint_name
from healthlint.server.positions import UTF8, UTF16, UTF32, Lines


def apply(text: str, edits) -> str:
    """Apply edits in healthlint's positions, last first, as an editor applies a workspace edit."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for e in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        a, b = starts[e.line - 1] + e.column - 1, starts[e.end_line - 1] + e.end_column - 1
        text = text[:a] + e.text + text[b:]
    return text


# -- positions


def test_columns_are_code_units_of_the_agreed_encoding():
    line = "a😀é b"  # 😀 is beyond U+FFFF: two UTF-16 units, four UTF-8 bytes; é is two UTF-8 bytes
    for encoding, b_at in ((UTF16, 5), (UTF8, 8), (UTF32, 4)):
        lines = Lines.of(line, encoding)
        assert lines.to_editor(1, 5) == (0, b_at)  # healthlint column 5 is "b"
        assert lines.from_editor(0, b_at) == (1, 5)


def test_a_position_inside_a_surrogate_pair_moves_past_the_character():
    lines = Lines.of("😀x", UTF16)
    assert lines.from_editor(0, 1) == (1, 2)
    assert lines.to_editor(1, 2) == (0, 2)


def test_lines_split_where_lsp_splits_them():
    lines = Lines.of("one\r\ntwo\rthree\nfour\u2028still four")
    assert lines.lines == ("one", "two", "three", "four\u2028still four")
    assert lines.to_editor(4, 6) == (3, 5)


def test_findings_after_astral_characters_get_utf16_columns(tmp_path):
    text = "The 😀😀 pill is 100% safe.\n"
    checked = Checker().check(str(tmp_path / "a.md"), text)
    (f,) = [f for f in checked.findings if f.rule == "claims/absolute"]
    assert (f.line, f.column, f.end_column) == (1, 16, 25)  # code points
    lines = Lines.of(text, UTF16)
    assert lines.to_editor(f.line, f.column) == (0, 17)
    assert lines.to_editor(f.end_line, f.end_column) == (0, 26)
    assert text.encode("utf-16-le")[17 * 2 : 26 * 2].decode("utf-16-le") == "100% safe"


# -- linting open documents


def test_a_document_without_a_suffix_is_linted_as_its_language():
    assert lint_name("/notes/draft", "restructuredtext") == "/notes/draft.rst"
    assert lint_name(None, "markdown") == "untitled.md"
    assert lint_name(None, "mdx", "/work/site") == "/work/site/untitled.mdx"
    assert lint_name("/a/b.md", "plaintext") == "/a/b.md"


def test_config_changes_are_read_again(tmp_path):
    article = tmp_path / "a.md"
    text = "Hypertension is common.\n"
    checker = Checker()
    assert [f.rule for f in checker.check(str(article), text).findings] == ["plain-language/jargon"]
    config = tmp_path / ".healthlint.toml"
    config.write_text('ignore = ["plain-language/jargon"]\n')
    checker.reread()  # a new config file: the editor's file watcher says so
    assert checker.check(str(article), text).findings == ()
    assert not checker.stale()
    config.write_text('ignore = ["plain-language/jargon"\n')  # broken
    assert checker.stale()
    checker.reread()
    broken = checker.check(str(article), text)
    assert broken.findings == () and broken.error.startswith(f"{config}: not valid TOML")
    config.write_text("ignore = []\n")
    assert checker.stale()  # the broken file is watched too
    checker.reread()
    assert [f.rule for f in checker.check(str(article), text).findings] == ["plain-language/jargon"]


def test_a_broken_rule_pack_is_an_error_not_a_crash(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('rule-packs = ["house.toml"]\n')
    (tmp_path / "house.toml").write_text("[[rules]]\nid = 'claims/x'\n")
    checker = Checker()
    checker.reread()
    checked = checker.check(str(tmp_path / "a.md"), "Text.\n")
    assert checked.findings == () and "house.toml" in checked.error


def test_excluded_files_get_no_findings(tmp_path):
    (tmp_path / ".healthlint.toml").write_text('exclude = ["drafts/**"]\n')
    checker = Checker()
    checker.reread()
    checked = checker.check(str(tmp_path / "drafts" / "a.md"), "Hypertension is common.\n")
    assert checked.excluded and checked.findings == ()


# -- code actions

ARTICLES = {
    "mid-paragraph": """\
        Most people have heard of it.
        Hypertension is common in adults.
        It is treated.
        """,
    "first line": """\
        Hypertension is common in adults.
        """,
    "after a blank line": """\
        # Blood pressure

        Some words first.

        Hypertension is common in adults.
        """,
    "after a heading": """\
        # Blood pressure
        Hypertension is common in adults.
        """,
    "list items": """\
        - First item here.
        - Hypertension is common in adults.
          Hypertension again, wrapped.
        """,
    "blockquote": """\
        > Quoted first line.
        > Hypertension is common in adults.
        """,
    "after code": """\
        ```
        code
        ```
        Hypertension is common in adults.
        """,
    "after a backslash break": """\
        A first line\\
        Hypertension is common in adults.
        """,
    "after a table": """\
        | a | b |
        |---|---|
        | 1 | 2 |

        Hypertension is common in adults.
        """,
    "front matter": """\
        ---
        title: Blood pressure
        ---
        Hypertension is common in adults.
        """,
}


def _blocks(checked):
    return [(b.kind, b.text.replace("healthlint", "")) for b in checked.doc.blocks]


@pytest.mark.parametrize("layout", sorted(ARTICLES))
def test_suppressing_on_the_line_hides_that_finding_and_keeps_the_article_as_it_was(tmp_path, layout):
    text = textwrap.dedent(ARTICLES[layout])
    name = str(tmp_path / "a.md")
    checker = Checker()
    before = checker.check(name, text)
    jargon = [f for f in before.findings if f.rule == "plain-language/jargon"]
    assert jargon
    for f in jargon:
        fixed = apply(text, [suppress_line(before.doc, name, f)])
        after = checker.check(name, fixed)
        found = Counter((g.rule, g.message) for g in after.findings)  # no unused-suppression either
        assert found == Counter((g.rule, g.message) for g in before.findings) - Counter([(f.rule, f.message)])
        assert len(after.doc.blocks) == len(before.doc.blocks)  # no paragraph or list split in two


def test_suppressing_in_the_file_goes_after_front_matter_and_joins_an_existing_comment(tmp_path):
    text = textwrap.dedent(ARTICLES["front matter"])
    name = str(tmp_path / "a.md")
    checker = Checker()
    before = checker.check(name, text)
    (f,) = [f for f in before.findings if f.rule == "plain-language/jargon"]
    edit = suppress_file(before.doc, name, f.rule)
    assert (edit.line, edit.text) == (4, "<!-- healthlint-disable-file plain-language/jargon -->\n")
    once = apply(text, [edit])
    after = checker.check(name, once)
    assert after.findings == () and after.doc.metadata == {"title": "Blood pressure"}
    twice = apply(once, [suppress_file(after.doc, name, "claims")])
    assert "<!-- healthlint-disable-file plain-language/jargon claims -->" in twice


def test_a_second_rule_joins_the_comment_above(tmp_path):
    name = str(tmp_path / "a.md")
    text = "<!-- healthlint-disable-next-line claims -->\nHypertension is common.\n"
    checker = Checker()
    checked = checker.check(name, text)
    (f,) = [f for f in checked.findings if f.rule == "plain-language/jargon"]
    fixed = apply(text, [suppress_line(checked.doc, name, f)])
    assert fixed.startswith("<!-- healthlint-disable-next-line claims plain-language/jargon -->\n")


def test_mdx_suppressions_use_its_comment_syntax(tmp_path):
    name = str(tmp_path / "a.mdx")
    text = "Hypertension is common.\n"
    checked = Checker().check(name, text)
    (f,) = checked.findings
    assert apply(text, [suppress_line(checked.doc, name, f)]).startswith("{/* healthlint-disable-next-line plain-language/jargon */}\n")


def test_the_suggestion_keeps_a_capital_and_comes_first(tmp_path):
    name = str(tmp_path / "a.md")
    text = "Hypertension is common.\n"
    checked = Checker().check(name, text)
    first, *rest = actions_for(checked, checked.findings)
    assert first.title == "Replace 'Hypertension' with 'High blood pressure'" and not first.preferred
    assert apply(text, first.edits) == "High blood pressure is common.\n"
    assert [a.title for a in rest] == ["Suppress plain-language/jargon on this line", "Suppress plain-language/jargon in this file"]


def test_an_unused_suppression_is_removed_with_its_line(tmp_path):
    name = str(tmp_path / "a.md")
    text = "<!-- healthlint-disable-next-line claims -->\nA plain sentence.\n"
    checked = Checker().check(name, text)
    (action,) = actions_for(checked, checked.findings)
    assert action.title == "Remove this suppression comment"
    assert apply(text, action.edits) == "A plain sentence.\n"


# -- hovers


def test_hover_gives_the_why_examples_and_page(tmp_path):
    checked = Checker().check(str(tmp_path / "a.md"), "The pill is 100% safe.\n")
    (f,) = checked.findings
    assert covers(f, 1, f.column) and covers(f, 1, f.end_column) and not covers(f, 1, f.end_column + 1)
    text = hover_text([f], checked.rules)
    rule = checked.rules[f.rule]
    assert text.startswith("**claims/absolute** (warning): Absolute claim: '100% safe'")
    assert "Flagged:\n- This tea is 100% safe for the whole family." in text
    assert "Fine:\n- No medicine is completely safe." in text
    assert "Flags wording that promises total safety" in text  # what it flags
    assert "\n\nWhy: " + rule.why.split(";")[0] in text.replace("\\", "")
    assert f"[claims/absolute]({docs_url('claims/absolute')})" in text
    assert docs_url("claims/absolute").endswith("/docs/rules/claims/absolute.md")


def test_hover_text_does_not_let_article_text_become_markup():
    from healthlint.findings import Finding, Severity, docs_url

    f = Finding("a.md", 1, 1, 1, 5, "x/y", Severity.INFO, "Word '<img src=x>' and [link](http://e)")
    assert hover_text([f], {}) == "**x/y** (info): Word '\\<img src=x\\>' and \\[link\\](http://e)"
