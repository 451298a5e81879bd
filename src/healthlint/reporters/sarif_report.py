"""SARIF 2.1.0, with rule metadata, so code-scanning tools can show findings beside the text."""

from __future__ import annotations

import json
from typing import TextIO

from healthlint import __version__
from healthlint.findings import Severity
from healthlint.reporters import Report

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def write(report: Report, out: TextIO) -> None:
    ids = sorted(report.rules)
    index = {rid: i for i, rid in enumerate(ids)}
    rules = []
    for rid in ids:
        rule = report.rules[rid]
        entry = {
            "id": rid,
            "name": rid.split("/", 1)[1],
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.why, "markdown": rule.why},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category},
        }
        if rule.link:
            entry["helpUri"] = rule.link
        rules.append(entry)
    results = []
    for r in report.results:
        for f in r.findings:
            result = {
                "ruleId": f.rule,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.path.replace("\\", "/")},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": f.end_column,
                            },
                        }
                    }
                ],
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            results.append(result)
    notifications = [
        {"level": "error", "message": {"text": r.error}} for r in report.results if r.error
    ]
    run = {
        "tool": {"driver": {"name": "healthlint", "version": __version__, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
    json.dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, out, indent=2, ensure_ascii=False)
    out.write("\n")
