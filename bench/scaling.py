"""Does one long article cost what its pages cost one by one? Lints 100 pages, then the 100-page article they make.
Then the same prose as one paragraph, and as one sentence (full stops made commas): does a quarter
of it cost a quarter of the time? Checks run per paragraph or per sentence would grow with the square.

Usage: python bench/scaling.py FILE... (each file is one page; front matter is dropped).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

from healthlint.findings import CATEGORIES
from healthlint.linter import lint_text
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import ruleset


def body(path: str) -> str:
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else text
    return text.strip() + "\n"


def timed(text: str, active, markdown: bool = True) -> float:
    start = time.perf_counter()
    lint_text(text, active, "page.md", markdown)
    return time.perf_counter() - start


def per_character(text: str, active) -> tuple[float, float]:
    """Time for all of `text` (plain text, one line) and its cost per character against a quarter of it."""
    quarter = text[: text.rfind(" ", 0, len(text) // 4)]
    whole_s = statistics.median(timed(text, active, False) for _ in range(3))
    quarter_s = statistics.median(timed(quarter, active, False) for _ in range(3))
    return whole_s, (whole_s / len(text)) / (quarter_s / len(quarter))


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
    paragraph = " ".join(article.split())
    seconds, ratio = per_character(paragraph, active)
    print(f"the same prose as one paragraph: {seconds:.2f} s; cost per character against a quarter of it: paragraph ratio {ratio:.2f}")
    # Ten pages only: consult-note checks still read each note's sentence head afresh.
    sentence = re.sub(r"[.!?;:]+(?=\s)", ",", " ".join("\n".join(pages[:10]).split()))
    seconds, ratio = per_character(sentence, active)
    print(f"its first 10 pages as one sentence ({len(sentence):,} characters): {seconds:.2f} s; "
          f"cost per character against a quarter of it: sentence ratio {ratio:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
