"""Does one long article cost what its pages cost one by one? Lints 100 pages, then the 100-page article they make.

Usage: python bench/scaling.py FILE... (each file is one page; front matter is dropped).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from healthlint.config import Config, Overrides
from healthlint.findings import CATEGORIES
from healthlint.linter import lint_text
from healthlint.registry import ruleset


def body(path: str) -> str:
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else text
    return text.strip() + "\n"


def timed(text: str, active) -> float:
    start = time.perf_counter()
    lint_text(text, active, "page.md")
    return time.perf_counter() - start


def main(paths: list[str]) -> None:
    active = ruleset(Config(), Overrides(select=CATEGORIES)).active
    pages = [body(p) for p in paths]
    article = "\n".join(pages)
    timed(pages[0], active)  # load rules, parser and word tables first
    one_by_one = statistics.median(sum(timed(p, active) for p in pages) for _ in range(3))
    whole = statistics.median(timed(article, active) for _ in range(3))
    words = len(article.split())
    print(
        f"one {len(pages)}-page article ({words:,} words, {len(article):,} characters): {whole:.2f} s; "
        f"its pages one by one: {one_by_one:.2f} s; ratio {whole / one_by_one:.2f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
