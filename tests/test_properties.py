"""Property tests over generated Markdown: no exceptions, exact positions, order- and batch-free results.

Generated articles mix prose with every construct the document model handles (nesting,
tables, code, HTML, front matter, footnotes, entities, odd characters and line endings).
The house-pack terms are placed as whole units, so each finding's source text must be
the term itself.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint.cli import main
from healthlint.findings import Finding, Severity
from healthlint.linter import lint_text
from healthlint.setup.config import Config, Overrides
from healthlint.setup.registry import ruleset
from healthlint.text.sources import normalise_newlines

HOUSE_PACK = (Path(__file__).parent / "data" / "house.toml").read_text(encoding="utf-8")
TERMS = ("zorblax", "Zorblax", "miracle cure", "Miracle  cure", "quibble", "QUIBBLE", "adverse bump")
CANONICAL = {"zorblax", "miracle cure", "quibble", "adverse bump"}
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "take", "2.5", "mg", "daily", "Dr.", "e.g.", "pain", "It", "cures", "cancer", "consult", "your",
        "doctor", "ibuprofen", "500", "mg/day", "café", "naïve", "\U0001f48a", "\u202eRTL\u202c", "\u05e9\u05dc\u05d5\u05dd",
        "x²", "—", "...", "?", "!", ",", "(note)", "[1]", "&amp;", "&nbsp;", "\\*", "*", "_", "<", ">", "|", "#",
        "hypertension", "analgesic", "guaranteed", "proven", "safe", "no", "side", "effects",
    ]
)


@st.composite
def inline(draw) -> str:
    """A line of prose; terms sit whole, sometimes inside inline markup."""
    parts = []
    for _ in range(draw(st.integers(1, 10))):
        if draw(st.integers(0, 3)) == 0:
            term = draw(st.sampled_from(TERMS))
            wrap = draw(st.sampled_from(["{}", "**{}**", "*{}*", "_{}_", "[{}](https://e.org/a_b)", "<b>{}</b>", "~{}~", "“{}”"]))
            parts.append(wrap.format(term))
        else:
            word = draw(WORDS)
            wrap = draw(st.sampled_from(["{}", "{}", "{}", "`{}`", "**{}**", "[{}][ref]", "![{}](i.png)", "<https://x.org/{}>"]))
            parts.append(wrap.format(word))
    return " ".join(parts)


@st.composite
def block(draw) -> str:
    kind = draw(
        st.sampled_from(["para", "heading", "bullet", "ordered", "quote", "nested", "table", "fence", "html", "footnote", "setext", "indented"])
    )
    lines = [draw(inline()) for _ in range(draw(st.integers(1, 3)))]
    if kind == "para":
        return "\n".join(lines)
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + lines[0]
    if kind == "setext":
        return lines[0] + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == "bullet":
        return "\n".join("- " + line for line in lines)
    if kind == "ordered":
        return "\n".join(f"{i + 1}. " + line for i, line in enumerate(lines))
    if kind == "quote":
        return "\n".join("> " + line for line in lines)
    if kind == "nested":
        depth = draw(st.integers(1, 6))
        marks = [draw(st.sampled_from(["- ", "> ", "1. "])) for _ in range(depth)]
        indent = ""
        out = []
        for i, mark in enumerate(marks):
            out.append(indent + mark + lines[i % len(lines)])
            indent += " " * len(mark) if mark != "> " else "> "
        return "\n".join(out)
    if kind == "table":
        cells = [line.replace("|", "/") for line in lines]
        return "| a | b |\n|---|---|\n" + "\n".join(f"| {c} | {c[:5]} |" for c in cells)
    if kind == "fence":
        return "```\n" + "\n".join(lines) + "\n```"
    if kind == "html":
        return "<div>\n" + "\n".join(lines) + "\n</div>"
    if kind == "indented":
        return "\n".join("    " + line for line in lines)
    return "[^n]: " + lines[0]


@st.composite
def article(draw) -> str:
    blocks = [draw(block()) for _ in range(draw(st.integers(1, 6)))]
    text = "\n\n".join(blocks) + "\n\n[ref]: https://e.org\n"
    if draw(st.booleans()):
        text = "---\ntitle: " + draw(inline()).replace("\n", " ") + "\n---\n\n" + text
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return text.replace("\n", newline)


def _house_rules():
    folder = Path(tempfile.mkdtemp())
    (folder / "house.toml").write_text(HOUSE_PACK)
    (folder / "c.toml").write_text('rule-packs = ["house.toml"]\n')
    from healthlint.setup.config import load_config

    config = load_config(folder / "c.toml")
    return ruleset(config, Overrides(select=("regulatory/zorblax-test", "claims/miracle-test", "plain-language/quibble-test"))).active


HOUSE = _house_rules()
DEFAULTS = ruleset(Config(), Overrides()).active


def source_text(source: str, f: Finding) -> str:
    lines = normalise_newlines(source).split("\n")
    assert 1 <= f.line <= f.end_line <= len(lines), f
    assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
    assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
    if f.line == f.end_line:
        assert f.column <= f.end_column, f
        return lines[f.line - 1][f.column - 1 : f.end_column - 1]
    return "\n".join([lines[f.line - 1][f.column - 1 :], *lines[f.line : f.end_line - 1], lines[f.end_line - 1][: f.end_column - 1]])


@SETTINGS
@given(article(), st.booleans())
def test_house_findings_point_at_the_matched_term(text, markdown):
    for f in lint_text(normalise_newlines(text), HOUSE, "a.md", markdown):
        found = re.sub(r"\s+", " ", source_text(text, f)).lower()
        assert found in CANONICAL, (f, found)


@SETTINGS
@given(article(), st.booleans())
def test_every_default_rule_reads_generated_markdown(text, markdown):
    for f in lint_text(normalise_newlines(text), DEFAULTS, "a.md", markdown):
        source_text(text, f)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.booleans())
def test_any_text_at_all(text, markdown):
    for f in lint_text(normalise_newlines(text), DEFAULTS, "a.md", markdown):
        source_text(text, f)


@SETTINGS
@given(st.lists(article(), min_size=1, max_size=4))
def test_json_round_trips(texts):
    for text in texts:
        findings = lint_text(normalise_newlines(text), DEFAULTS + HOUSE, "a.md")
        data = json.loads(json.dumps([f.to_json() for f in findings]))
        back = [
            Finding(**{k: v for k, v in d.items() if k != "category"} | {"severity": Severity.parse(d["severity"])})
            for d in data
        ]
        assert back == findings


def cli(folder: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def by_file(output: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in json.loads(output)["findings"]:
        out.setdefault(f["path"], []).append(f)
    return out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article(), min_size=2, max_size=4))
def test_batch_order_jobs_and_runs_do_not_change_findings(texts):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        names = []
        for i, text in enumerate(texts):
            (folder / f"f{i}.md").write_bytes(text.encode("utf-8"))
            names.append(str(folder / f"f{i}.md"))
        batch = cli(folder, *names)
        assert cli(folder, *names) == batch  # byte-identical run after run
        assert by_file(cli(folder, *reversed(names))) == by_file(batch)
        assert cli(folder, "--jobs", "2", *names) == batch
        alone = {}
        for name in names:
            alone.update(by_file(cli(folder, name)))
        assert alone == by_file(batch)


EVERY_RULE = ruleset(Config(), Overrides(select=("readability", "plain-language", "disclaimer", "dosing", "claims", "regulatory", "meta"))).active
HOSTILE = [
    "a" * 50_000,
    " " * 50_000 + "x",
    "is " * 20_000,
    "1" * 50_000 + "mg",
    "take 1 " * 10_000,
    "-" * 50_000,
    "ask your " * 10_000 + "doctor",
    "(" * 20_000 + "Smith 2020" + ")" * 20_000,
    ("You are told " + "very " * 5_000 + "often.") * 3,
    "cures cancer " * 10_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:12]))
def test_every_built_in_pattern_runs_through_text_built_to_make_patterns_backtrack(text):
    """Built-in patterns run without the time limit users' patterns get: none may stall here."""
    for f in lint_text(text, EVERY_RULE, "a.md", True):
        source_text(text, f)
