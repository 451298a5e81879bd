"""A rule's page, in Markdown, made from its pack entry alone: what it flags, why, examples, settings.

`healthlint rules ID` prints it and `scripts/gen_docs.py` writes it to docs/rules/, so the two
never differ and neither is written by hand (ruff makes its rule pages the same way).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from healthlint.kinds import MODULES
from healthlint.setup.rulepack import Rule, builtin_rules_dir

WIDTH = 88
LIST_ITEM = re.compile(r"\s*(?:[-*+|]\s|\d+\.\s)")


def page(rule: Rule) -> str:
    """The whole page; ends with one newline."""
    parts = [f"# {rule.id}", _wrap(_sentence(rule.summary)), _facts(rule)]
    parts += ["## What it does", _wrap(rule.what or _sentence(rule.summary))]
    parts += ["## Why", _wrap(rule.why)]
    if rule.link:
        parts.append(f"Source: <{rule.link}>")
    parts += ["## Examples", "Flagged:", *map(_block, rule.bad)]
    if rule.good:
        parts += ["Not flagged:", *map(_block, rule.good)]
    if rule.settings:
        parts += ["## Settings", "The defaults, as you would set them in `pyproject.toml` (in a `.healthlint.toml`, leave out `tool.healthlint.`):", _settings(rule)]
    parts += ["## Where it is defined", _defined(rule)]
    return "\n\n".join(parts) + "\n"


def page_path(rule: Rule) -> Path:
    """Where the page sits under docs/rules/: one folder per category."""
    category, _, name = rule.id.partition("/")
    return Path(category) / f"{name}.md"


def _facts(rule: Rule) -> str:
    lines = [f"- Severity: {rule.severity.label}"]
    if rule.default:
        lines.append("- On by default")
    else:
        lines.append(
            f'- Off by default: turn it on with `extend-select = ["{rule.id}"]` in your configuration,'
            f" or `--extend-select {rule.id}`"
        )
    return "\n".join(lines)


def _defined(rule: Rule) -> str:
    source = Path(rule.source)
    shown = f"rules/{source.name}" if source.parent == builtin_rules_dir() else rule.source
    module = MODULES.get(rule.kind)
    code = f" (`src/healthlint/kinds/{module}.py`)" if module else ""
    return f"In `{shown}`, as a rule of kind `{rule.kind}`{code}."


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _wrap(text: str) -> str:
    """Each paragraph joined and wrapped at WIDTH, as a pack may wrap its lines anywhere;
    a list or table is kept as written."""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = para.splitlines()
        if any(LIST_ITEM.match(line) for line in lines):
            out.append(para)
        else:
            out.append(textwrap.fill(" ".join(l.strip() for l in lines), WIDTH, break_long_words=False, break_on_hyphens=False))
    return "\n\n".join(out)


def _block(example: str) -> str:
    """An example as written, in a fence longer than any run of backticks inside it."""
    runs = [len(r) for r in re.findall(r"`+", example)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}text\n{example.rstrip()}\n{fence}"


def _settings(rule: Rule) -> str:
    lines = [f'[tool.healthlint.rules."{rule.id}"]']
    lines += [f"{name} = {_toml(value)}" for name, value in rule.settings.items()]
    return "```toml\n" + "\n".join(lines) + "\n```"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
