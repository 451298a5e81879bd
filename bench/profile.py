"""Where healthlint's time goes: parsing, sentence segmentation, each shared fact and each rule.

Runs the real pipeline (`Linter.lint`, every built-in rule) in this process, with
timers wrapped around its stages. Times are exclusive: a fact computed inside a rule
is charged to the fact, not the rule. Usage: python bench/profile.py FILE...
"""

from __future__ import annotations

import gc
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from healthlint import analysis, suppressions
from healthlint.cli import GC_THRESHOLD
from healthlint.findings import CATEGORIES
from healthlint.kinds import get_kind, kind_names
from healthlint.linter import Linter, Target
from healthlint.setup.config import Overrides
from healthlint.text import document, sentences, syllables, words


class Timer:
    """Exclusive time per label; nested labels are subtracted from the enclosing one."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._children: list[float] = []

    @contextmanager
    def __call__(self, label: str):
        start = time.perf_counter()
        self._children.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.totals[label] += elapsed - self._children.pop()
            if self._children:
                self._children[-1] += elapsed


def instrument(timer: Timer) -> None:
    """Wrap the pipeline's stages with timers (this process only)."""
    parse = document.parse

    def timed_parse(source, path="<text>", markdown=True, fmt=None):
        with timer("parse (markdown-it + prose map)"):
            return parse(source, path, markdown, fmt)

    document.parse = timed_parse

    # A block's sentences and tokens are made with it, inside parse; timed apart from it.
    split, tokens = sentences.split, words.tokens

    def timed_split(text):
        with timer("sentence segmentation"):
            return split(text)

    def timed_tokens(text, words=None):
        with timer("block word tokens (for trigger words)"):
            return tokens(text, words)

    sentences.split, words.tokens = timed_split, timed_tokens

    apply = suppressions.apply

    def timed_apply(doc, found):
        with timer("suppressions"):
            return apply(doc, found)

    suppressions.apply = timed_apply

    fact = analysis.Analysis.fact

    def timed_fact(self, compute, *data):
        if (compute, *data) in self._facts:
            return self._facts[compute, *data]
        with timer(f"fact {getattr(compute, '__module__', '')}.{getattr(compute, '__qualname__', compute)}"):
            return fact(self, compute, *data)

    analysis.Analysis.fact = timed_fact

    table = syllables.table

    def timed_table():
        with timer("syllable table load"):
            return table()

    syllables.table = timed_table

    for name in kind_names():
        kind = get_kind(name)
        check = kind.check

        def timed_check(active, an, check=check):
            with timer(f"rule {active.id}"):
                return list(check(active, an))

        object.__setattr__(kind, "check", timed_check)  # a Kind is frozen; timing wraps it for this process only


def main(paths: list[str]) -> None:
    gc.set_threshold(*GC_THRESHOLD)  # as the healthlint command runs
    timer = Timer()
    instrument(timer)
    linter = Linter(Overrides(select=CATEGORIES))
    words = sum(len(Path(p).read_text(encoding="utf-8").split()) for p in paths)
    start = time.perf_counter()
    errors = []
    for p in paths:
        with timer("read, config, findings, other"):
            result = linter.lint(Target(p))
        if result.error:
            errors.append(result.error)
    total = time.perf_counter() - start
    if errors:
        sys.exit(f"profile: {len(errors)} files could not be linted, first: {errors[0]}")
    print(f"profile: {len(paths)} files, {words:,} words, {total:.2f} s in process ({words / total:,.0f} words/s)")
    print(f"{'stage':<60} {'seconds':>8} {'share':>6}")
    for label, seconds in sorted(timer.totals.items(), key=lambda kv: -kv[1]):
        print(f"{label:<60} {seconds:8.3f} {seconds / total:6.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
