"""JSON: `{"findings": [...], "errors": [...], "summary": {...}}`; the finding keys are a stable contract."""

from __future__ import annotations

import json
from typing import TextIO

from healthlint import __version__
from healthlint.reporters import Report


def write(report: Report, out: TextIO) -> None:
    findings = [f.to_json() for r in report.results for f in r.findings]
    counts = {level: sum(1 for f in findings if f["severity"] == level) for level in ("error", "warning", "info")}
    data = {
        "version": __version__,
        "findings": findings,
        "errors": [{"path": r.path, "message": r.error} for r in report.results if r.error],
        "summary": {**counts, "files": len(report.results)},
    }
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")
