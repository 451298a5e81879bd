"""How long a writer waits for findings after a keystroke: the language server against a fresh `healthlint check`.

A 3,000-word article (the example article's paragraphs repeated in order, the last cut short;
or --article FILE) is
opened in `healthlint server`, run as a subprocess and spoken to over stdio as an editor does
(tests/lsp_client.py), with no debounce. Then EDITS one-character changes, each typed at a
random place in the prose (a letter inserted, then taken out again), and for each the time
from sending didChange to receiving that version's diagnostics. Side by side: the same work
in this process (`Checker.check` and the diagnostics made from it, no JSON-RPC), and a fresh
`healthlint check --no-cache` of the same article, which pays start-up and compiling every time.
Memory: the server's resident set after 10 edits and after 1,000.

Usage: python bench/server_latency.py [--article FILE] [--edits 200] [--memory-edits 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import Client  # noqa: E402

WORDS = 3000
SEED = 21


def article(path: Path | None) -> str:
    """The article to edit: the example's paragraphs repeated until WORDS words."""
    if path is not None:
        return path.read_text(encoding="utf-8")
    # The example is plain text, a paragraph a line; as Markdown, paragraphs are set apart by blank lines.
    paragraphs = [p for p in (ROOT / "examples" / "kratom-chronic-pain-seo.txt").read_text(encoding="utf-8").split("\n") if p.strip()]
    out: list[str] = []
    left = WORDS
    while left > 0:
        words = paragraphs[len(out) % len(paragraphs)].split()
        out.append(" ".join(words[:left]))
        left -= len(words)
    return "\n\n".join(out) + "\n"


class Typist:
    """One-character edits at random places in prose lines: a letter in, then the same letter out."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.random = random.Random(SEED)
        self.inserted: tuple[int, int] | None = None

    def next(self) -> tuple[dict, str]:
        if self.inserted is None:
            row = self.random.choice([i for i, line in enumerate(self.lines) if len(line) > 40])
            column = self.random.randrange(len(self.lines[row]))
            line = self.lines[row]
            self.lines[row] = line[:column] + "e" + line[column:]
            self.inserted = (row, column)
            return _range(row, column, row, column), "e"
        row, column = self.inserted
        line = self.lines[row]
        self.lines[row] = line[:column] + line[column + 1 :]
        self.inserted = None
        return _range(row, column, row, column + 1), ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _range(l1: int, c1: int, l2: int, c2: int) -> dict:
    # The example is ASCII: columns are UTF-16 units as they are.
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """A process's user and system time so far, from /proc (clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def over_stdio(text: str, edits: int, memory_edits: int, folder: Path) -> dict:
    client = Client(folder, {"debounce": 0})
    uri = (folder / "article.md").as_uri()
    try:
        client.open(uri, text)
        client.diagnostics(uri, 1, timeout=120)
        typist, times, version, memory = Typist(text), [], 1, {}
        cpu_before = cpu_seconds(client.process.pid)
        cpu = 0.0
        for n in range(1, max(edits, memory_edits) + 1):
            where, new = typist.next()
            version += 1
            start = time.perf_counter()
            client.change(uri, version, new, where)
            client.diagnostics(uri, version)
            if n <= edits:
                times.append(time.perf_counter() - start)
            if n == edits:
                cpu = (cpu_seconds(client.process.pid) - cpu_before) / edits
            client.notifications.clear()
            if n in (10, memory_edits):
                memory[n] = rss_kb(client.process.pid)
        client.close()
    finally:
        client.kill()
    return {"times": times, "memory": memory, "cpu": cpu}


def in_process(text: str, edits: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU times of the server's work per edit; on a busy machine they part."""
    from healthlint.checking import Checker
    from healthlint.server.positions import Lines
    from healthlint.server.protocol import HealthlintServer

    server, checker, typist, wall, cpu = HealthlintServer(), Checker(), Typist(text), [], []
    checker.check("article.md", text)
    for _ in range(edits):
        typist.next()
        changed = typist.text
        start, start_cpu = time.perf_counter(), time.thread_time()
        checked = checker.check("article.md", changed)
        server.diagnostics(Lines.of(changed), checked.findings)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    return wall, cpu


def fresh_check(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "healthlint", "check", "--no-cache", "--exit-zero", str(path)], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--article", type=Path)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--memory-edits", type=int, default=1000)
    parser.add_argument("--check-runs", type=int, default=20)
    args = parser.parse_args()
    text = article(args.article)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "article.md"
        path.write_text(text, encoding="utf-8")
        print(f"article: {len(text.split())} words, {len(text):,} characters; {args.edits} one-character edits")
        wire = over_stdio(text, args.edits, args.memory_edits, folder)
        local, local_cpu = in_process(text, args.edits)
        fresh = fresh_check(path, args.check_runs)
    ms = lambda s: f"{s * 1000:7.1f} ms"  # noqa: E731
    rows = (
        ("server, over stdio", wire["times"]),
        ("server's work, in process", local),
        ("  the same, CPU time", local_cpu),
        (f"fresh healthlint check ({args.check_runs} runs)", fresh),
    )
    for label, times in rows:
        print(f"  {label:<34} median {ms(statistics.median(times))}   p95 {ms(percentile(times, 95))}   max {ms(max(times))}")
    print(f"  server process CPU per edit (mean, all threads)           {ms(wire['cpu'])}")
    memory = wire["memory"]
    first, last = memory.get(10, 0), memory.get(args.memory_edits, 0)
    if first and last:
        print(f"  server memory (resident)           after 10 edits {first / 1024:.1f} MB, after {args.memory_edits:,} {last / 1024:.1f} MB ({(last - first) / first:+.1%})")


if __name__ == "__main__":
    main()
