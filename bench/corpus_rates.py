"""Findings per rule and corpus folder: share of files flagged and findings per 10,000 words.

These are the false-alarm and recall figures quoted in the README and closing notes.

    python bench/corpus_rates.py                                   # every default rule, the three folders
    python bench/corpus_rates.py --select claims                   # one category or rule id (comma-separated)
    python bench/corpus_rates.py medquad_nih --sample 50           # 50 files drawn reproducibly (seed 6)
    python bench/corpus_rates.py nhs_website --select claims --show claims/disease-claim   # each finding in context

Folders are names under ../shared/corpus/ or paths. Words are the prose words healthlint
reads (front matter, code and URLs left out), counted by the shared segmenter.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from healthlint.linter import lint_document
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import ruleset
from healthlint.text import document, sentences

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
FOLDERS = ("medquad_nih", "ema_package_leaflets", "nhs_website")


def files(folder: str, sample: int | None) -> list[Path]:
    root = Path(folder) if Path(folder).is_dir() else CORPUS / folder
    paths = sorted(root.rglob("*.md"))
    if sample and sample < len(paths):
        paths = sorted(random.Random(6).sample(paths, sample))
    return paths


def context(source: str, finding, width: int = 90) -> str:
    """The finding's span in brackets, with some of its line either side."""
    line = source.splitlines()[finding.line - 1]
    s, e = finding.column - 1, (finding.end_column - 1 if finding.end_line == finding.line else len(line))
    return f"{line[max(0, s - width):s]}[[{line[s:e]}]]{line[e:e + width]}".strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", default=list(FOLDERS))
    ap.add_argument("--sample", type=int, help="lint this many files per folder, drawn with a fixed seed")
    ap.add_argument("--select", help="rule ids or categories, comma-separated (default: the default rules)")
    ap.add_argument("--show", metavar="RULE", help="print each finding of this rule (or category) in context")
    args = ap.parse_args()
    select = tuple(args.select.split(",")) if args.select else None
    active = ruleset(Config(), Overrides(select=select)).active
    rules = sorted(r.id for r in active)
    for folder in args.folders:
        counts: Counter[str] = Counter()
        flagged: Counter[str] = Counter()
        words = 0
        paths = files(folder, args.sample)
        for path in paths:
            source = path.read_text(encoding="utf-8")
            doc = document.parse(source, str(path), True)
            words += sum(sentences.count_words(b.text) for b in doc.blocks)
            found = lint_document(doc, active)
            flagged.update({f.rule for f in found})
            for f in found:
                counts[f.rule] += 1
                if args.show and f.rule.startswith(args.show):
                    print(f"{path.relative_to(CORPUS) if path.is_relative_to(CORPUS) else path}:{f.line}:{f.column} {f.rule}\n    {context(source, f)}")
        total = sum(counts.values())
        print(f"\n{folder}: {len(paths)} files, {words:,} words, {total} findings, {total * 10000 / max(words, 1):.2f} per 10,000 words")
        print(f"  {'rule':45} {'findings':>8} {'per 10k words':>13} {'files flagged':>14}")
        for rule in rules:
            share = 100 * flagged[rule] / max(len(paths), 1)
            print(f"  {rule:45} {counts[rule]:8} {counts[rule] * 10000 / max(words, 1):13.3f} {flagged[rule]:7} {share:5.1f}%")


if __name__ == "__main__":
    main()
