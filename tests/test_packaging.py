"""The built wheel carries the rule packs: install it into a fresh virtual environment and lint.

Building needs hatchling and installing needs the runtime dependencies, both from the
package registry, so this takes up to a minute.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sh(*args, cwd: Path | None = None, cache: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)} if cache else None
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def test_wheel_installs_into_a_fresh_venv_and_lints_with_its_own_rule_packs(tmp_path):
    built = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path / "dist", ROOT)
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("healthlint-*.whl")

    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(n for n in names if n.startswith("healthlint/rules/") and n.endswith(".toml"))
    assert packs == sorted(f"healthlint/rules/{p.name}" for p in (ROOT / "rules").glob("*.toml"))
    assert "healthlint/rules/plain-language.toml" in packs
    assert not any(n.startswith(("tests/", "bench/")) for n in names)

    env = tmp_path / "env"
    venv.create(env, with_pip=True, clear=True)
    python = env / "bin" / "python"
    installed = sh(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    assert installed.returncode == 0, installed.stderr

    # Run away from the checkout so nothing can come from the source tree.
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "examples" / "kratom-chronic-pain-seo.txt", work / "article.txt")
    where = sh(python, "-c", "from healthlint.setup.rulepack import builtin_rules_dir as d; print(d())", cwd=work)
    assert Path(where.stdout.strip()).is_relative_to(env), where.stdout + where.stderr

    # The new venv's syllable table goes in a cache folder of its own, not the user's.
    rules = sh(env / "bin" / "healthlint", "rules", cwd=work, cache=tmp_path / "cache")
    assert rules.returncode == 0 and "plain-language/jargon" in rules.stdout, rules.stderr

    linted = sh(env / "bin" / "healthlint", "check", "--format", "json", "article.txt", cwd=work, cache=tmp_path / "cache")
    assert linted.returncode in (0, 1) and linted.stderr == "", linted.stderr
    found = json.loads(linted.stdout)["findings"]
    assert found and {f["path"] for f in found} == {"article.txt"}
    assert any(f["rule"].startswith("plain-language/") for f in found)
