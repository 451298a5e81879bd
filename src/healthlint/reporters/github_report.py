"""GitHub Actions workflow commands, so findings show as annotations on the pull request."""

from __future__ import annotations

from typing import TextIO

from healthlint.findings import Severity
from healthlint.reporters import Report

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, out: TextIO) -> None:
    for r in report.results:
        if r.error:
            out.write(f"::error file={_prop(r.path)},title=healthlint::{_data(r.error)}\n")
        for f in r.findings:
            out.write(
                f"::{LEVELS[f.severity]} file={_prop(f.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_prop(f.rule)}::{_data(f.message)}\n"
            )
