"""Shared helpers: lint a string with chosen rules and get (rule, line, column) back."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from healthlint.linter import lint_text
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import builtin_rules, ruleset

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "kratom-chronic-pain-seo.txt"


def active_rules(*select: str, config: Config | None = None):
    overrides = Overrides(select=tuple(select) if select else None)
    return ruleset(config or Config(), overrides).active


def lint(text: str, *select: str, markdown: bool = True, config: Config | None = None):
    """Findings for `text` (dedented) with only the selected rules or categories."""
    return lint_text(textwrap.dedent(text), active_rules(*select, config=config), markdown=markdown)


def consult_vocabulary():
    """The built-in consult-note rule's compiled words, as its engine reads them."""
    return builtin_rules()["disclaimer/missing-consult-note"].compiled


def where(findings) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in findings]


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
