"""Lint every corpus article through the real CLI and list every problem: crash, error, stderr, bad position.

    python bench/sweep_corpus.py                  # all of ../shared/corpus (5,151 files)
    python bench/sweep_corpus.py --every 100      # every 100th file, as tests/test_corpus_sample.py does
    python bench/sweep_corpus.py some/folder --chunk 200

Files go to `healthlint check --no-cache --format json` in chunks; a chunk that exits
with anything but 0 or 1, or writes to stderr, is re-run file by file to name the culprit.
Exit status: 0 when there are no problems, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def corpus_files(root: Path, every: int = 1) -> list[Path]:
    return sorted(root.rglob("*.md"))[::every]


def run_cli(paths: list[Path], timeout: float = 1800) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "healthlint", "check", "--no-cache", "--format", "json", *map(str, paths)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def position_problems(findings: list[dict]) -> list[str]:
    """Every finding's start and end must lie inside the file it names, with start before end."""
    problems = []
    lines_of: dict[str, list[str]] = {}
    for f in findings:
        path = f["path"]
        if path not in lines_of:
            text = Path(path).read_bytes().decode("utf-8-sig")
            lines_of[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = lines_of[path]
        where = f"{path}:{f['line']}:{f['column']} {f['rule']}"
        if not 1 <= f["line"] <= f["end_line"] <= len(lines):
            problems.append(f"{where}: line outside the file ({len(lines)} lines)")
        elif not 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1:
            problems.append(f"{where}: column outside line {f['line']}")
        elif not 1 <= f["end_column"] <= len(lines[f["end_line"] - 1]) + 1:
            problems.append(f"{where}: end column outside line {f['end_line']}")
        elif (f["line"], f["column"]) > (f["end_line"], f["end_column"]):
            problems.append(f"{where}: ends before it starts")
    return problems


def check_chunk(paths: list[Path]) -> tuple[list[str], int]:
    """Problems in one chunk, and its number of findings."""
    r = run_cli(paths)
    if r.returncode in (0, 1) and not r.stderr:
        data = json.loads(r.stdout)
        problems = [f"{e['path']}: error: {e['message']}" for e in data["errors"]]
        return problems + position_problems(data["findings"]), len(data["findings"])
    if len(paths) == 1:
        tail = (r.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return [f"{paths[0]}: exit {r.returncode}, stderr: {tail}"], 0
    problems, count = [], 0
    for p in paths:
        more, n = check_chunk([p])
        problems += more
        count += n
    return problems, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=str(CORPUS), help="folder of Markdown articles [../shared/corpus]")
    parser.add_argument("--every", type=int, default=1, help="lint every Nth file only")
    parser.add_argument("--chunk", type=int, default=500, help="files per CLI run")
    args = parser.parse_args()

    files = corpus_files(Path(args.root), args.every)
    started = time.perf_counter()
    problems: list[str] = []
    findings = 0
    for i in range(0, len(files), args.chunk):
        more, n = check_chunk(files[i : i + args.chunk])
        problems += more
        findings += n
        print(f"  {min(i + args.chunk, len(files))}/{len(files)} files, {len(problems)} problems", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"{len(files)} files, {findings} findings, {len(problems)} problems, {elapsed:.0f} s ({len(files) / elapsed:.1f} files/s)")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
