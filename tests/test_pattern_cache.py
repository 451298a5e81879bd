"""Compiled patterns kept between runs (healthlint.patterns.pattern_cache)."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys

import pytest
import regex

from healthlint import user_cache
from healthlint.patterns import pattern_cache, triggers

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


STDLIB_PATTERNS = [
    (r"(?<![\w-])miracle\s+cure(?![\w-])", re.IGNORECASE),
    (r"(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>mg|mcg|ml)\b", re.IGNORECASE | re.ASCII),
    (r"^\s*#+ (.*)$", re.MULTILINE),
    (r"take .{0,40}? daily", re.DOTALL),
    (r"""\b(?:ask | see) \s+ your \s+ doctor""", re.VERBOSE | re.IGNORECASE),
    (r"[\u2018\u2019'](?=s\b)|naïve|İstanbul", 0),
    (r"(a)|(b)(?(2)c|d)", 0),
]


@pytest.mark.parametrize("pattern, flags", STDLIB_PATTERNS)
def test_a_stdlib_pattern_read_back_is_the_one_re_compiles(fresh, monkeypatch, pattern, flags):
    text = "Ask your DOCTOR: take 2.5 mg daily, not the miracle cure.\n# Dose\nnaïve it’s b c ad"
    want = re.compile(pattern, flags)
    for _ in range(2):  # compiled here, then read back by the next run
        got = pattern_cache.compile_re(pattern, flags)
        assert got == want and got.groupindex == want.groupindex and got.flags == want.flags
        assert [m.groups() + (m.span(),) for m in got.finditer(text)] == [m.groups() + (m.span(),) for m in want.finditer(text)]
        next_run(monkeypatch)
    monkeypatch.setattr(pattern_cache._re_parser, "parse", lambda *a, **k: pytest.fail("compiled again"))
    assert pattern_cache.compile_re(pattern, flags) == want


def test_stdlib_code_that_does_not_check_out_is_compiled_afresh(fresh, monkeypatch):
    pattern_cache.compile_re(r"\bdose\b")
    next_run(monkeypatch)
    (path,) = fresh.glob("patterns-*.pickle")
    kept = pickle.loads(path.read_bytes())
    flags, code, groups, groupindex, indexgroup = kept[("re", r"\bdose\b", 0)]
    kept[("re", r"\bdose\b", 0)] = (flags, [99999] * len(code), groups, groupindex, indexgroup)
    path.write_bytes(pickle.dumps(kept))
    assert pattern_cache.compile_re(r"\bdose\b").search("one dose").span() == (4, 8)
    assert ("re", r"\bdose\b", 0) in pattern_cache._new  # compiled again, to be kept right


def test_the_user_cache_folder_keeps_two_files_of_each_kind(tmp_path):
    """Each upgrade or new install writes files under new keys; the older ones are removed."""
    folder = tmp_path / "healthlint"
    folder.mkdir()
    for age, key in enumerate(["a" * 20, "b" * 20, "c" * 20]):
        old = folder / f"syllable-buckets-{key}.txt"
        old.write_text("old")
        os.utime(old, (1_000_000 - age, 1_000_000 - age))
    (folder / "syllables-dddddddddddddddddddd.txt").write_text("another kind")
    (folder / "notes.txt").write_text("not ours")
    assert user_cache.write(folder / f"syllable-buckets-{'e' * 20}.txt", b"new")
    assert sorted(p.name for p in folder.iterdir()) == [
        "notes.txt",
        f"syllable-buckets-{'a' * 20}.txt",  # the newest of the others
        f"syllable-buckets-{'e' * 20}.txt",
        "syllables-dddddddddddddddddddd.txt",
    ]
