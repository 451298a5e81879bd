"""Compiled patterns kept between runs (healthlint.pattern_cache)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest
import regex

from healthlint import pattern_cache, triggers

ORIGINAL_READ = triggers._trigger_words


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A run of its own: an empty cache folder, nothing read or compiled yet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(pattern_cache, "_kept", None)
    monkeypatch.setattr(pattern_cache, "_new", {})
    return tmp_path / "healthlint"


def next_run(monkeypatch) -> None:
    pattern_cache.save()
    monkeypatch.setattr(pattern_cache, "_kept", None)


def test_a_pattern_compiled_once_is_read_back_by_the_next_run(fresh, monkeypatch):
    first = pattern_cache.compile(r"\bstart\s+(?:low|small)\b", regex.IGNORECASE)
    next_run(monkeypatch)
    monkeypatch.setattr(regex, "compile", lambda *a, **k: pytest.fail("compiled again"))
    again = pattern_cache.compile(r"\bstart\s+(?:low|small)\b", regex.IGNORECASE)
    assert again is not first
    assert again.search("Start  SMALL and go slow").span() == first.search("Start  SMALL and go slow").span() == (0, 12)


def test_flags_are_part_of_the_key(fresh, monkeypatch):
    pattern_cache.compile("dose", regex.IGNORECASE)
    next_run(monkeypatch)
    assert pattern_cache.compile("dose").search("DOSE") is None
    assert pattern_cache.compile("dose", regex.IGNORECASE).search("DOSE")


def test_nothing_new_writes_nothing(fresh):
    pattern_cache.save()
    assert not fresh.exists()


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a", "list"]), pickle.dumps({("x", 0): b"junk"})])
def test_a_damaged_file_means_compiling_afresh(fresh, monkeypatch, content):
    pattern_cache.compile("x")
    next_run(monkeypatch)
    (path,) = fresh.glob("patterns-*.pickle")
    path.write_bytes(content)
    assert pattern_cache.compile("x").search("box").span() == (2, 3)


def test_a_file_naming_anything_but_regex_is_never_run(fresh, monkeypatch, tmp_path):
    pattern_cache.compile("x")
    next_run(monkeypatch)
    (path,) = fresh.glob("patterns-*.pickle")
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    path.write_bytes(pickle.dumps({("x", 0): pickle.dumps(Evil())}))
    assert pattern_cache.compile("x").pattern == "x"
    path.write_bytes(pickle.dumps(Evil()))
    monkeypatch.setattr(pattern_cache, "_kept", None)
    assert pattern_cache.compile("y").pattern == "y"
    assert not marker.exists()


def test_a_folder_that_cannot_be_written_is_skipped(fresh, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "/nonexistent/healthlint-test")
    pattern_cache.compile("x")
    pattern_cache.save()  # no error
    assert pattern_cache.compile("x").pattern == "x"


def test_the_command_keeps_its_patterns_for_the_next_run(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("Start with a small dose and increase it slowly.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "healthlint", "check", "--no-cache", str(article)]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env)
    (path,) = (tmp_path / "cache" / "healthlint").glob("patterns-*.pickle")
    size = path.stat().st_size
    second = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert "dosing/titration" in first.stdout and first.stdout == second.stdout
    assert path.stat().st_size == size  # nothing new to keep


def test_what_is_read_from_a_pattern_is_kept_for_the_next_run(fresh, monkeypatch):
    calls = []

    def read(pattern):
        calls.append(pattern)
        return frozenset({"start"})

    valid = lambda v: isinstance(v, frozenset)  # noqa: E731
    assert pattern_cache.derived("reader 1", "start low", read, valid) == {"start"}
    next_run(monkeypatch)
    assert pattern_cache.derived("reader 1", "start low", read, valid) == {"start"}
    assert calls == ["start low"]
    assert pattern_cache.derived("reader 2", "start low", read, valid) == {"start"}  # another reader reads again
    assert calls == ["start low", "start low"]


def test_a_kept_value_of_the_wrong_shape_is_read_again(fresh, monkeypatch):
    pattern_cache.derived("reader", "p", lambda p: ("x",), lambda v: True)
    next_run(monkeypatch)
    assert pattern_cache.derived("reader", "p", lambda p: frozenset({"y"}), lambda v: isinstance(v, frozenset)) == {"y"}


def test_trigger_words_read_by_other_code_are_read_again(fresh, monkeypatch):
    pattern = r"\bstart\s+(?:low|small)\b"
    truth = triggers.trigger_words(pattern)
    monkeypatch.setattr(pattern_cache, "_kept", None)
    monkeypatch.setattr(pattern_cache, "_new", {})
    monkeypatch.setattr(triggers, "_STAMP", "an older triggers.py")
    monkeypatch.setattr(triggers, "_trigger_words", lambda p: frozenset({"wrong"}))
    assert triggers.trigger_words(pattern) == {"wrong"}
    next_run(monkeypatch)
    monkeypatch.setattr(triggers, "_STAMP", None)
    monkeypatch.setattr(triggers, "_trigger_words", ORIGINAL_READ)
    assert triggers.trigger_words(pattern) == truth == {"start"}
