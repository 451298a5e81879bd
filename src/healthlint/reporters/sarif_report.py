"""SARIF 2.1.0, with rule metadata, so code-scanning tools can show findings beside the text."""

from __future__ import annotations

import json
from typing import TextIO

from healthlint import __version__
from healthlint.findings import Severity
from healthlint.reporters import Report, json_items
from healthlint.reporters.rule_page import page

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
            "fullDescription": {"text": rule.what or rule.summary},
            "help": {"text": rule.why, "markdown": page(rule)},  # the rule's page, as code scanning shows it
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"category": rule.category},
        }
        if rule.link:
            entry["helpUri"] = rule.link
        rules.append(entry)
    notifications: list[dict] = []

    def results():
        for r in report.results:
            if r.error:
                notifications.append({"level": "error", "message": {"text": r.error}})
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
                yield result

    driver = {"name": "healthlint", "version": __version__, "rules": rules}
    head = json.dumps({"tool": {"driver": driver}, "columnKind": "unicodeCodePoints"}, indent=2, ensure_ascii=False)
    out.write('{\n  "$schema": ' + json.dumps(SCHEMA) + ',\n  "version": "2.1.0",\n  "runs": [\n    ')
    out.write(head[:-2].replace("\n", "\n    ") + ',\n      "results": [')
    json_items(results(), out, indent="        ")
    out.write("]")
    if notifications:
        invocations = [{"executionSuccessful": False, "toolExecutionNotifications": notifications}]
        out.write(',\n      "invocations": ' + json.dumps(invocations, indent=2, ensure_ascii=False).replace("\n", "\n      "))
    out.write("\n    }\n  ]\n}\n")
