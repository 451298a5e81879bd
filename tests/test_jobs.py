"""--jobs: the same output in the same order whatever the number of processes; progress only on a terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from healthlint import parallel, progress

ARTICLES = [
    "# Pain\n\nTake an analgesic for the pain.\n",
    "Frobnicate daily.\n\nNothing else here.\n",
    "# Notes\n\n<!-- healthlint-disable-next-line plain-language -->\nTake a pain reliever.\n",
    "Plain words only.\n",
    "Frobnicate it.\n\nThen frobnicate it again, twice.\n",
]
PACK = """
[[rules]]
id = "plain-language/frob"
kind = "phrase"
severity = "warning"
message = "Avoid '{match}'"
why = "A made-up word the tests look for."
terms = ["frobnicate"]
[rules.examples]
good = ["Mix it."]
bad = ["Frobnicate it."]
"""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """70 articles in nested folders, with findings, suppressions, an unreadable file and no findings."""
    (tmp_path / "frob.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / ".healthlint.toml").write_text("extend-select = ['plain-language/frob']\nrule-packs = ['frob.toml']\n")
    docs = tmp_path / "docs"
    for i in range(70):
        path = docs / f"part{i % 3}" / f"article{i:02}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLES[i % len(ARTICLES)], encoding="utf-8")
    (docs / "part1" / "broken.md").write_bytes(b"caf\xe9\n")
    return tmp_path


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return subprocess.run(
        [sys.executable, "-m", "healthlint", "check", "--no-cache", "docs", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_is_identical_whatever_the_jobs(articles, fmt):
    one = check(articles, "--jobs", "1", "--format", fmt)
    assert one.returncode == 2  # the unreadable file
    assert "frob" in one.stdout and "broken.md" in one.stderr
    for jobs in (["--jobs", "2"], ["--jobs", "3"], []):
        other = check(articles, *jobs, "--format", fmt)
        assert (other.stdout, other.stderr, other.returncode) == (one.stdout, one.stderr, one.returncode)


def test_findings_come_in_file_order(articles):
    out = check(articles, "--jobs", "2").stdout
    names = [line.split(":", 1)[0] for line in out.splitlines() if line.startswith("docs/")]
    assert names == sorted(names)
    assert len(set(names)) > 20


def test_workers_only_when_there_is_enough_to_share():
    assert parallel.workers(1, 500) == 1
    assert parallel.workers(4, 2) == 2
    assert parallel.workers(None, 3) == 1
    assert parallel.workers(None, 10_000) == parallel.cpu_count()


def test_no_progress_bar_when_piped(articles):
    result = check(articles, "--jobs", "1")
    assert "[" not in result.stderr and "files" not in result.stderr


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_with_many_files_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wanted(Terminal(), lambda: 200) == 200
    assert progress.wanted(Terminal(), lambda: 3) == 0

    def never() -> int:
        raise AssertionError("files are counted only for a bar on a terminal")

    assert progress.wanted(io.StringIO(), never) == 0
    monkeypatch.setenv("CI", "true")
    assert progress.wanted(Terminal(), never) == 0


def test_progress_bar_draws_and_clears():
    out = Terminal()
    bar = progress.Progress(out, 2)
    bar.advance()
    bar.advance()
    assert out.getvalue().endswith("] 2/2 files")
    bar.close()
    assert out.getvalue().endswith("\r")


def test_a_finding_survives_the_trip_from_a_worker():
    import pickle

    from healthlint.findings import Finding, Severity

    for suggestion in (None, "use less"):
        f = Finding("a.md", 3, 5, 4, 9, "dosing/instruction", Severity.WARNING, "Take 2 mg", suggestion)
        back = pickle.loads(pickle.dumps(f))
        assert back == f and back.severity is Severity.WARNING and back.suggestion == suggestion
