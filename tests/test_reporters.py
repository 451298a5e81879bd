"""Reporters: the text line format, JSON keys, SARIF 2.1.0 structure and GitHub annotations."""

from __future__ import annotations

import io
import json

from healthlint.findings import FileResult, Finding, Severity
from healthlint.reporters import Report, writer
from healthlint.setup.registry import builtin_rules

F1 = Finding("a.md", 3, 10, 3, 22, "plain-language/jargon", Severity.INFO, "Medical jargon: 'hypertension'", "high blood pressure")
F2 = Finding("b,c.md", 1, 1, 2, 5, "plain-language/person-first", Severity.WARNING, "50% of x:\ny")


def render(fmt: str, color: bool = False) -> str:
    out = io.StringIO()
    results = [FileResult("a.md", [F1]), FileResult("b,c.md", [F2]), FileResult("bad.md", error="bad.md: is a binary file, not text")]
    writer(fmt)(Report(results, builtin_rules(), color), out)
    return out.getvalue()


def test_text_lines_and_summary():
    assert render("text").splitlines() == [
        "a.md:3:10: info plain-language/jargon Medical jargon: 'hypertension'",
        "b,c.md:1:1: warning plain-language/person-first 50% of x:",
        "y",
        "0 errors, 1 warning, 1 info in 2 files",
    ]
    assert "\x1b[" not in render("text") and "\x1b[" in render("text", color=True)


def test_json_keys_are_the_documented_contract():
    data = json.loads(render("json"))
    assert set(data) == {"version", "findings", "errors", "summary"}
    first, second = data["findings"]
    assert first == {
        "path": "a.md",
        "line": 3,
        "column": 10,
        "end_line": 3,
        "end_column": 22,
        "rule": "plain-language/jargon",
        "category": "plain-language",
        "severity": "info",
        "message": "Medical jargon: 'hypertension'",
        "suggestion": "high blood pressure",
    }
    assert "suggestion" not in second
    assert data["errors"] == [{"path": "bad.md", "message": "bad.md: is a binary file, not text"}]
    assert data["summary"] == {"error": 0, "warning": 1, "info": 1, "files": 3}


def test_sarif_has_rule_metadata_and_regions():
    data = json.loads(render("sarif"))
    assert data["version"] == "2.1.0"
    (run,) = data["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(builtin_rules())
    jargon = rules[ids.index("plain-language/jargon")]
    assert jargon["defaultConfiguration"] == {"level": "note"}
    assert "CDC" in jargon["help"]["text"]
    assert jargon["help"]["markdown"].startswith("# plain-language/jargon\n")  # the rule's page
    result = run["results"][0]
    assert result["ruleId"] == "plain-language/jargon" and result["ruleIndex"] == ids.index("plain-language/jargon")
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.md"},
        "region": {"startLine": 3, "startColumn": 10, "endLine": 3, "endColumn": 22},
    }
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("bad.md")


def test_github_annotations_escape_properties_and_data():
    lines = render("github").splitlines()
    assert lines == [
        "::notice file=a.md,line=3,col=10,endLine=3,endColumn=22,title=plain-language/jargon::Medical jargon: 'hypertension'",
        "::warning file=b%2Cc.md,line=1,col=1,endLine=2,endColumn=5,title=plain-language/person-first::50%25 of x:%0Ay",
        "::error file=bad.md,title=healthlint::bad.md: is a binary file, not text",
    ]
