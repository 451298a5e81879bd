"""Write every built-in rule's page to docs/rules/<category>/<name>.md and the README's rule table.

    .venv/bin/python scripts/gen_docs.py           # after changing any rule in rules/*.toml
    .venv/bin/python scripts/gen_docs.py --check   # exit 1 if anything is stale (tests/test_docs.py does this)

The pages are the text `healthlint rules ID` prints (healthlint.reporters.rule_page). This is a
script of the repository, not part of healthlint, because what it writes lives only here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from healthlint.findings import CATEGORIES
from healthlint.reporters.rule_page import page, page_path
from healthlint.setup.registry import builtin_rules
from healthlint.setup.rulepack import Rule

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "docs" / "rules"
README = ROOT / "README.md"
BEGIN = "<!-- rule table: begin (made by scripts/gen_docs.py from rules/*.toml; do not edit by hand) -->"
END = "<!-- rule table: end -->"
COMMAND = ".venv/bin/python scripts/gen_docs.py"


def ordered(rules: dict[str, Rule]) -> list[Rule]:
    """Categories in their documented order, rules by id within each."""
    return sorted(rules.values(), key=lambda r: (CATEGORIES.index(r.category), r.id))


def table(rules: dict[str, Rule]) -> str:
    rows = ["| Rule | Severity | What it flags |", "|---|---|---|"]
    for rule in ordered(rules):
        link = f"[`{rule.id}`](docs/rules/{page_path(rule).as_posix()})"
        severity = rule.severity.label + ("" if rule.default else ", off by default")
        summary = rule.summary.replace("|", "\\|")
        rows.append(f"| {link} | {severity} | {summary} |")
    return "\n".join(rows)


def readme_with_table(readme: str, rules: dict[str, Rule]) -> str:
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"gen_docs: README.md needs the lines\n{BEGIN}\n{END}\nwhere the rule table goes")
    return readme[: start + len(BEGIN)] + "\n" + table(rules) + "\n" + readme[end:]


def expected() -> dict[Path, str]:
    """Every generated file and its text."""
    rules = builtin_rules()
    out = {PAGES / page_path(r): page(r) for r in rules.values()}
    out[README] = readme_with_table(README.read_text(encoding="utf-8"), rules)
    return out


def stale() -> list[Path]:
    """Generated files that differ from what is on disk, and pages no rule makes any more."""
    want = expected()
    wrong = [p for p, text in want.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    extra = [p for p in PAGES.rglob("*.md") if p not in want] if PAGES.is_dir() else []
    return sorted(wrong + extra)


def write() -> None:
    want = expected()
    for path in PAGES.rglob("*.md") if PAGES.is_dir() else ():
        if path not in want:
            path.unlink()
    for path, text in want.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for folder in PAGES.iterdir():
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report stale files; exit 1 if there are any")
    args = ap.parse_args()
    if args.check:
        bad = stale()
        for path in bad:
            print(f"stale: {path.relative_to(ROOT)}")
        if bad:
            sys.exit(f"the rule docs are stale; run {COMMAND}")
        return
    write()


if __name__ == "__main__":
    main()
