"""`path:line:col: severity rule message`, then a one-line summary; colour only on a terminal."""

from __future__ import annotations

from typing import TextIO

import click

from healthlint.findings import Severity
from healthlint.reporters import Report

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary(counts: dict[Severity, int], files: int) -> str:
    e, w, i = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    return (
        f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}, {i} info "
        f"in {files} file{'s' * (files != 1)}"
    )


def write(report: Report, out: TextIO) -> None:
    """Files that could not be read are left to the error lines on standard error."""
    counts = {s: 0 for s in Severity}
    labels = {s: click.style(s.label, fg=_COLOURS[s]) if report.color else s.label for s in Severity}
    files = 0
    for result in report.results:
        if result.error:
            continue
        files += 1
        for f in result.findings:
            counts[f.severity] += 1
            if report.color:
                out.write(f"{click.style(f'{f.path}:{f.line}:{f.column}:', bold=True)} {labels[f.severity]} {click.style(f.rule, dim=True)} {f.message}\n")
            else:
                out.write(f"{f.path}:{f.line}:{f.column}: {labels[f.severity]} {f.rule} {f.message}\n")
    out.write(summary(counts, files) + "\n")
