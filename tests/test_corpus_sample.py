"""Every 100th corpus article through the real CLI: exit 0 or 1, nothing on stderr, positions inside the file.

The full sweep of all 5,151 articles is `python bench/sweep_corpus.py`.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _sweep():
    spec = importlib.util.spec_from_file_location("sweep_corpus", ROOT / "bench" / "sweep_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sweep = _sweep()


def test_every_100th_corpus_article_lints_cleanly(shared):
    files = sweep.corpus_files(shared / "corpus", every=100)
    assert len(files) >= 50
    r = sweep.run_cli(files)
    assert r.returncode in (0, 1), r.stderr
    assert r.stderr == ""
    data = json.loads(r.stdout)
    assert data["errors"] == []
    assert data["summary"]["files"] == len(files)
    assert data["findings"], "the sample should have some findings"
    assert sweep.position_problems(data["findings"]) == []


def test_position_check_catches_a_finding_outside_its_file(tmp_path):
    """The sweep's own check must be able to fail."""
    f = tmp_path / "a.md"
    f.write_text("one\ntwo\n")
    base = {"path": str(f), "rule": "x/y", "line": 2, "column": 1, "end_line": 2, "end_column": 4}
    assert sweep.position_problems([base]) == []
    assert len(sweep.position_problems([{**base, "line": 4, "end_line": 4}])) == 1
    assert len(sweep.position_problems([{**base, "column": 5}])) == 1
    assert len(sweep.position_problems([{**base, "end_column": 9}])) == 1
    assert len(sweep.position_problems([{**base, "column": 3, "end_column": 2}])) == 1
