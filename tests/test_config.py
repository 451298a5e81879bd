"""Configuration: discovery, select/ignore, severities, per-file ignores, settings, rule packs, errors."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from healthlint.errors import ConfigError, PackError
from healthlint.findings import Severity
from healthlint.linter import Linter, Target
from healthlint.setup.config import (
    Config,
    Overrides,
    config_for_dir,
    find_config_file,
    load_config,
)
from healthlint.setup.registry import ruleset
from healthlint.setup.rulepack import load_pack


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def active_ids(config: Config, overrides: Overrides = Overrides()) -> set[str]:
    return {a.id for a in ruleset(config, overrides).active}


def test_closest_config_wins_and_pyproject_needs_the_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.healthlint]\nignore = ['plain-language']\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "sub" / "deeper" / ".healthlint.toml", "select = ['meta']\n")
    assert find_config_file(tmp_path / "sub") == tmp_path / "pyproject.toml"
    assert find_config_file(tmp_path / "sub" / "deeper") == tmp_path / "sub" / "deeper" / ".healthlint.toml"
    assert config_for_dir(tmp_path / "sub" / "deeper").select == ("meta",)


def test_select_ignore_and_extend_select_by_category_and_id():
    ids = active_ids(Config(select=("plain-language",), ignore=("plain-language/wordy",)))
    assert {"plain-language/jargon", "plain-language/person-first"} <= ids
    assert all(i.startswith("plain-language/") for i in ids) and "plain-language/wordy" not in ids
    ids = active_ids(Config(select=("meta",)), Overrides(extend_select=("plain-language/wordy",)))
    assert ids == {"meta/unused-suppression", "plain-language/wordy"}


def test_command_line_select_replaces_config_select():
    ids = active_ids(Config(select=("meta",)), Overrides(select=("plain-language/jargon",)))
    assert ids == {"plain-language/jargon"}


def test_unknown_rule_id_is_a_clear_error(tmp_path):
    cfg = load_config(write(tmp_path / ".healthlint.toml", "select = ['claims/nope']\n"))
    with pytest.raises(ConfigError, match=r"\.healthlint\.toml: unknown rule or category 'claims/nope'"):
        ruleset(cfg, Overrides())


def test_severity_override_and_per_file_ignores(tmp_path):
    cfg = load_config(
        write(
            tmp_path / ".healthlint.toml",
            """\
            select = ["plain-language"]
            [severity]
            "plain-language/jargon" = "error"
            [per-file-ignores]
            "glossary/*.md" = ["plain-language/jargon"]
            """,
        )
    )
    rules = ruleset(cfg, Overrides())
    assert {a.id: a.severity for a in rules.active}["plain-language/jargon"] is Severity.ERROR
    inside = {a.id for a in rules.for_path(cfg, tmp_path / "glossary" / "terms.md")}
    outside = {a.id for a in rules.for_path(cfg, tmp_path / "articles" / "terms.md")}
    assert "plain-language/jargon" not in inside and "plain-language/jargon" in outside


def test_exclude_globs_are_relative_to_the_config(tmp_path):
    write(tmp_path / ".healthlint.toml", "exclude = ['drafts/**', 'CHANGELOG.md']\n")
    for name in ("drafts/a.md", "drafts/deep/b.md", "CHANGELOG.md", "articles/c.md", "node_modules/x/d.md"):
        write(tmp_path / name, "Text.\n")
    linter = Linter(Overrides())
    names = [Path(t.name).relative_to(tmp_path).as_posix() for t in linter.discover([str(tmp_path)])]
    assert names == ["articles/c.md"]


def test_folders_are_listed_in_sorted_path_order(tmp_path, monkeypatch):
    """Files come in the order sorted(Path(folder).rglob("*")) gives, whatever the listing order."""
    for name in ("b.md", "a.md", "a/z.md", "a-b/y.md", "A.md", ".hidden/h.md", "a/deep/x.txt", "c.MD", "notes.rst", "d.md/e.md"):
        write(tmp_path / name, "Text.\n")
    (tmp_path / "outside").mkdir()
    write(tmp_path / "outside" / "o.md", "Text.\n")
    (tmp_path / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)  # not followed, as rglob
    (tmp_path / "alias.md").symlink_to(tmp_path / "b.md")  # a linked file is linted
    expected = [str(f) for f in sorted(tmp_path.rglob("*")) if f.suffix.lower() in (".md", ".markdown", ".txt") and f.is_file()]
    names = [t.name for t in Linter(Overrides()).discover([str(tmp_path)])]
    assert names == expected
    assert names[:3] == [str(tmp_path / n) for n in (".hidden/h.md", "A.md", "a/deep/x.txt")]
    monkeypatch.chdir(tmp_path / "a")
    assert [t.name for t in Linter(Overrides()).discover(["."])] == ["deep/x.txt", "z.md"]


def test_folders_are_listed_as_linting_reaches_them(tmp_path, monkeypatch):
    """A run holds one folder's names at a time, not every file's."""
    for name in ("one/a.md", "one/b.md", "two/c.md"):
        write(tmp_path / name, "Text.\n")
    listed: list[str] = []
    scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path: listed.append(Path(path).name) or scandir(path))
    found = Linter(Overrides()).discover([str(tmp_path)])
    assert Path(next(found).name).name == "a.md"
    assert listed == [tmp_path.name, "one"]
    assert [Path(t.name).name for t in found] == ["b.md", "c.md"]
    assert listed == [tmp_path.name, "one", "two"]


def test_paths_are_read_from_the_config_folder(tmp_path, monkeypatch):
    config = load_config(write(tmp_path / "site" / ".healthlint.toml", "exclude = ['drafts']\n"))
    write(tmp_path / "site" / "drafts" / "a.md", "Text.\n")
    (tmp_path / "alias").symlink_to(tmp_path / "site", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "site")
    assert config.relative("drafts/a.md") == "drafts/a.md"
    assert config.relative(tmp_path / "alias" / "drafts" / "a.md") == "drafts/a.md"
    assert config.is_excluded(str(tmp_path / "alias" / "drafts" / "a.md"))
    outside = f"{tmp_path}//elsewhere/./b.md"
    assert config.relative(outside) == f"{tmp_path}/elsewhere/b.md"
    assert Config().relative("drafts/a.md") == "drafts/a.md"  # no config file: from where healthlint runs


def test_broken_toml_is_reported_with_the_file(tmp_path):
    path = write(tmp_path / ".healthlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match=r"\.healthlint\.toml: not valid TOML"):
        load_config(path)


def test_unknown_key_and_bad_types_are_reported(tmp_path):
    with pytest.raises(ConfigError, match="unknown key tool.healthlint.selct"):
        load_config(write(tmp_path / "pyproject.toml", "[tool.healthlint]\nselct = []\n"))
    with pytest.raises(ConfigError, match="select must be a list"):
        load_config(write(tmp_path / ".healthlint.toml", "select = 'claims'\n"))
    with pytest.raises(ConfigError, match="severity.plain-language/jargon: unknown severity 'loud'"):
        load_config(write(tmp_path / ".healthlint.toml", "[severity]\n'plain-language/jargon' = 'loud'\n"))


def test_a_broken_config_does_not_stop_other_files(tmp_path):
    write(tmp_path / "bad" / ".healthlint.toml", "select = [\n")
    write(tmp_path / "bad" / "a.md", "Take an analgesic.\n")
    write(tmp_path / "good" / "b.md", "Take an analgesic.\n")
    linter = Linter(Overrides(select=("plain-language/jargon",)))
    results = [linter.lint(t) for t in linter.discover([str(tmp_path / "bad"), str(tmp_path / "good")])]
    assert results[0].error and "not valid TOML" in results[0].error
    assert [(f.rule, f.line, f.column) for f in results[1].findings] == [("plain-language/jargon", 1, 9)]


def test_user_rule_pack_adds_rules(tmp_path):
    write(
        tmp_path / "house.toml",
        """\
        [[rules]]
        id = "plain-language/house-terms"
        kind = "substitution"
        severity = "warning"
        message = "House style: '{match}' — write '{suggestion}'"
        why = "Our style guide."
        [rules.swap]
        "medical practitioner" = "doctor"
        [rules.examples]
        bad = ["Ask your medical practitioner."]
        """,
    )
    write(tmp_path / ".healthlint.toml", "rule-packs = ['house.toml']\nselect = ['plain-language/house-terms']\n")
    write(tmp_path / "a.md", "Ask your Medical Practitioner today.\n")
    linter = Linter(Overrides())
    (result,) = [linter.lint(t) for t in linter.discover([str(tmp_path / "a.md")])]
    (f,) = result.findings
    assert (f.rule, f.line, f.column, f.end_column, f.suggestion) == ("plain-language/house-terms", 1, 10, 30, "Doctor")


@pytest.mark.parametrize(
    "body,message",
    [
        ("[[rules]]\nid = 'claims/x'\nkind = 'phrase'\nseverity = 'info'\nmessage = 'm'\nwhy = 'w'\npatterns = ['(unclosed']\n[rules.examples]\nbad = ['x']\n",
         "rule 'claims/x': key 'patterns': pattern '(unclosed' does not compile"),
        ("[[rules]]\nid = 'claims/x'\nkind = 'phrase'\nseverity = 'info'\nmessage = 'm'\nwhy = 'w'\npatterns = ['(a|aa)+$']\n[rules.examples]\nbad = ['x']\n",
         "backtracks catastrophically"),
        ("[[rules]]\nid = 'claims/x'\nkind = 'nope'\nseverity = 'info'\nmessage = 'm'\nwhy = 'w'\n",
         "rule 'claims/x': key 'kind': unknown kind 'nope'"),
        ("[[rules]]\nid = 'Bad Id'\nkind = 'phrase'\nseverity = 'info'\nmessage = 'm'\nwhy = 'w'\n",
         "key 'id' must look like 'category/name'"),
        ("[[rules]]\nid = 'claims/x'\nkind = 'phrase'\nseverity = 'info'\nmessage = 'm {nope}'\nwhy = 'w'\nterms = ['a']\n[rules.examples]\nbad = ['a']\n",
         "unknown placeholder {nope}"),
        ("[[rules]]\nid = 'claims/x'\nkind = 'phrase'\nseverity = 'info'\nmessage = 'm'\nwhy = 'w'\nterms = ['a']\n",
         "key 'examples.bad' needs at least one example"),
        ("rules = 3\n", "has no [[rules]] entries"),
        ("[[rules]\n", "not valid TOML"),
    ],
)
def test_broken_rule_packs_name_file_and_key(tmp_path, body, message):
    path = tmp_path / "pack.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(err.value).startswith(str(path)) and message in str(err.value)


def test_rule_settings_by_id_and_category_are_checked(tmp_path):
    cfg = load_config(write(tmp_path / ".healthlint.toml", "[rules.'plain-language/jargon']\nnope = 3\n"))
    with pytest.raises(ConfigError, match=r"rules.plain-language/jargon.nope: unknown setting"):
        ruleset(cfg, Overrides())


def test_targets_keep_command_line_order(tmp_path):
    for name in ("b.md", "a.md"):
        write(tmp_path / name, "x\n")
    linter = Linter(Overrides())
    targets = list(linter.discover([str(tmp_path / "b.md"), str(tmp_path / "a.md"), str(tmp_path / "missing.md")]))
    assert [Path(t.name).name for t in targets] == ["b.md", "a.md", "missing.md"]
    assert isinstance(targets[2], Target) and targets[2].error.endswith("no such file or folder")


def test_a_path_is_resolved_as_the_system_resolves_it(tmp_path):
    """Files that are not links are resolved through their folder; the answer must not change."""
    from healthlint.setup import config

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "a.md").write_text("x")
    (real / "sub" / "b.md").write_text("x")
    (tmp_path / "folder-link").symlink_to(real)
    (real / "file-link.md").symlink_to(real / "sub" / "b.md")
    (real / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    names = [
        "real/a.md", "folder-link/a.md", "folder-link/sub/b.md", "real/file-link.md", "folder-link/file-link.md",
        "real/dangling.md", "real/missing.md", "folder-link/sub/../a.md", "real/sub/..", "real/sub/.", "real/sub/",
    ]
    for name in names:
        path = os.path.join(str(tmp_path), name)
        config._real_path.cache_clear()
        config._real_folder.cache_clear()
        assert config.real_path(path) == os.path.realpath(path), name
