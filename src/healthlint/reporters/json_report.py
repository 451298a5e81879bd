"""JSON: `{"findings": [...], "errors": [...], "summary": {...}}`; the finding keys are a stable contract."""

from __future__ import annotations

import json
from typing import TextIO

from healthlint import __version__
from healthlint.reporters import Report, json_items


def write(report: Report, out: TextIO) -> None:
    counts = {"error": 0, "warning": 0, "info": 0}
    errors: list[dict] = []
    files = 0

    def findings():
        nonlocal files
        for r in report.results:
            files += 1
            if r.error:
                errors.append({"path": r.path, "message": r.error})
            for f in r.findings:
                counts[f.severity.label] += 1
                yield f.to_json()

    out.write('{\n  "version": ' + json.dumps(__version__) + ',\n  "findings": [')
    json_items(findings(), out)
    out.write('],\n  "errors": [')
    json_items(errors, out)
    summary = json.dumps({**counts, "files": files})
    out.write('],\n  "summary": ' + summary + "\n}\n")
