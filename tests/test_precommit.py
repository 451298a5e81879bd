"""Real pre-commit, with this repository as the hook repo: a bad file fails with its finding, a good one passes.

pre-commit clones this repository at HEAD and installs it into its own environment
(which needs the package registry), so the test takes a minute the first time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HOUSE_PACK = (Path(__file__).parent / "data" / "house.toml").read_text(encoding="utf-8")


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def hooked_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of healthlint")
    head = git("rev-parse", "HEAD", cwd=ROOT)
    repo = tmp_path / "site"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head}\n    hooks:\n      - id: healthlint\n"
    )
    (repo / "house.toml").write_text(HOUSE_PACK)
    (repo / ".healthlint.toml").write_text('rule-packs = ["house.toml"]\nselect = ["regulatory/zorblax-test"]\n')
    (repo / "docs").mkdir()
    (repo / "docs" / "bad.md").write_text("# Notes\n\nSome zorblax here.\n")
    (repo / "docs" / "good.md").write_text("# Notes\n\nNothing to see here.\n")
    git("add", ".", cwd=repo)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),  # the hook's new venv would leave its syllable table behind
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    env.pop("PRE_COMMIT", None)
    return repo, env


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_pre_commit_hook_fails_a_bad_file_and_passes_a_good_one(hooked_repo):
    repo, env = hooked_repo
    bad = pre_commit(repo, env, "--files", "docs/bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "healthlint" in bad.stdout and "Failed" in bad.stdout
    assert "docs/bad.md:3:6: warning regulatory/zorblax-test Do not name 'zorblax'" in bad.stdout

    good = pre_commit(repo, env, "--files", "docs/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    # A commit goes through the same hook: the bad file blocks it.
    commit = subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=repo, env=env, capture_output=True, text=True)
    assert commit.returncode == 0  # no hook installed yet
    git("rm", "-q", "--cached", "docs/bad.md", cwd=repo)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "docs" / "new.md").write_text("More zorblax.\n")
    git("add", "docs/new.md", cwd=repo)
    blocked = subprocess.run(["git", "commit", "-q", "-m", "y"], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert blocked.returncode != 0
    assert "docs/new.md:1:6: warning regulatory/zorblax-test" in blocked.stdout + blocked.stderr
