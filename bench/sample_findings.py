"""Findings to read as an editor would: a reproducible random sample, each with its whole sentence, and
unflagged articles to read for misses.

    python bench/sample_findings.py low_credibility_sites --select claims -n 50
    python bench/sample_findings.py health_news_stories --select dosing,disclaimer -n 30 --seed 3
    python bench/sample_findings.py low_credibility_sites --select disclaimer --unflagged 20

Folders are names under ../shared/corpus/ or paths. The text printed is other people's: read it
here, never copy it into the repository.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from healthlint.linter import lint_document
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import ruleset
from healthlint.text import document
from healthlint.text.sources import read_source

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def sentence_at(source: str, finding, width: int = 400) -> str:
    """The finding's words in [[ ]], inside the text from the previous full stop to the next one."""
    lines = source.split("\n")
    start = sum(len(line) + 1 for line in lines[: finding.line - 1]) + finding.column - 1
    end = sum(len(line) + 1 for line in lines[: finding.end_line - 1]) + finding.end_column - 1
    lo = max(source.rfind(". ", 0, start) + 2, source.rfind("\n\n", 0, start) + 2, start - width)
    his = [i for i in (source.find(". ", end), source.find("\n\n", end)) if i != -1]
    hi = min([*his, end + width, len(source)])
    return (source[lo:start] + "[[" + source[start:end] + "]]" + source[end : hi + 1]).replace("\n", " ").strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("--select", help="rule ids or categories, comma-separated (default: the default rules)")
    ap.add_argument("-n", type=int, default=30, help="findings to print [30]")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--unflagged", type=int, metavar="N", help="instead, list N articles with no finding of the selection")
    args = ap.parse_args()
    root = Path(args.folder) if Path(args.folder).is_dir() else CORPUS / args.folder
    select = tuple(args.select.split(",")) if args.select else None
    active = ruleset(Config(), Overrides(select=select)).active
    found, clean = [], []
    for path in sorted(root.rglob("*.md")):
        source = read_source(path)
        findings = lint_document(document.parse(source.text, source.path, fmt=source.format), active)
        found.extend((path, source.text, f) for f in findings)
        if not findings:
            clean.append(path)
    rng = random.Random(args.seed)
    if args.unflagged:
        print(f"{len(clean)} of {len(clean) + len({p for p, _, _ in found})} articles have no finding of the selection")
        for path in sorted(rng.sample(clean, min(args.unflagged, len(clean)))):
            print(path)
        return
    print(f"{len(found)} findings in {root}; {min(args.n, len(found))} drawn with seed {args.seed}\n")
    for i, (path, text, f) in enumerate(sorted(rng.sample(found, min(args.n, len(found))), key=lambda x: (str(x[0]), x[2].line)), 1):
        print(f"{i}. {path.name}:{f.line}:{f.column} {f.rule}: {f.message}\n   {sentence_at(text, f)}\n")


if __name__ == "__main__":
    main()
