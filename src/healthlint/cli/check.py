"""`healthlint check`: lint files and folders, report, and exit 0, 1 or 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from healthlint.cli.common import SEVERITIES, fail
from healthlint.cli.common import ids as _ids
from healthlint.errors import ConfigError, PackError
from healthlint.findings import Severity
from healthlint.setup.config import Overrides


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rule ids or categories (comma-separated).")
@click.option("--extend-select", multiple=True, help="Also these rule ids or categories.")
@click.option("--ignore", multiple=True, help="Not these rule ids or categories.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None, help="Lowest severity that fails the run [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Use this config file for every file.")
@click.option("--stdin-filename", help="Name to report for text read from '-'.")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: on a terminal].")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Processes to lint with [default: automatic; 1 = one process].")
@click.option("--no-cache", is_flag=True, help="Lint every file again; do not read or write the cache.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), default=None, help="Cache folder [default: $HEALTHLINT_CACHE_DIR or .healthlint_cache].")
def check(paths, fmt, select, extend_select, ignore, fail_on, exit_zero, config_path, stdin_filename, color, jobs, no_cache, cache_dir) -> None:
    """Lint PATHS (files or folders; '-' reads standard input)."""
    from healthlint import cache, parallel, progress
    from healthlint.linter import Linter, read_stdin
    from healthlint.reporters import Report, writer

    overrides = Overrides(
        select=_ids(select) or None,
        extend_select=_ids(extend_select),
        ignore=_ids(ignore),
    )
    if config_path is not None and not config_path.is_file():
        fail(f"{config_path}: config file not found")
    linter = Linter(overrides, config_path, None if no_cache else cache.Cache(cache_dir or cache.default_dir()))
    stdin = read_stdin() if "-" in paths else None

    def targets():
        # Found afresh by each pass, one folder at a time: a run over thousands of files never
        # holds all their names (memory stays flat however many files there are).
        return linter.discover(paths, stdin_filename)

    threshold = Severity.parse(fail_on) if fail_on else _config_fail_on(linter, targets())
    results = parallel.lint_all(linter, targets(), stdin, jobs)
    if total := progress.wanted(sys.stderr, lambda: sum(1 for _ in targets())):
        # The bar and the findings would share the terminal: lint everything, then write.
        bar = progress.Progress(sys.stderr, total)
        finished = []
        for result in results:
            finished.append(result)
            bar.advance()
        bar.close()
        results = finished
    run = _Tally(threshold)
    rules = _report_rules(linter, targets()) if fmt == "sarif" else {}  # only SARIF describes the rules
    use_color = sys.stdout.isatty() if color is None else color
    writer(fmt)(Report(run.watch(results), rules, use_color), sys.stdout)
    if run.errors:
        sys.exit(2)
    sys.exit(1 if run.failed and not exit_zero else 0)


class _Tally:
    """Watches results on their way to the reporter: prints each new error line once, notes failure."""

    def __init__(self, threshold: Severity):
        self.threshold = threshold
        self.errors: set[str] = set()
        self.failed = False

    def watch(self, results):
        for r in results:
            if r.error and r.error not in self.errors:
                self.errors.add(r.error)
                click.echo(f"healthlint: {r.error}", err=True)
            self.failed = self.failed or any(f.severity >= self.threshold for f in r.findings)
            yield r


def _config_fail_on(linter, targets) -> Severity:
    """`fail-on` from the first config that sets it; warning otherwise. The files of a folder share
    its config (unless linked from elsewhere), so each folder is looked up once."""
    folders: set[str] = set()
    for t in targets:
        if t.stdin or t.error:
            continue
        folder, linked = os.path.dirname(t.name), os.path.islink(t.name)
        if folder in folders and not linked:
            continue
        if not linked:
            folders.add(folder)
        try:
            level = linter.config_for(t.name).fail_on
        except ConfigError:
            continue
        if level is not None:
            return level
    return Severity.WARNING


def _report_rules(linter, targets) -> dict:
    from healthlint.setup.registry import builtin_rules

    try:
        rules = dict(builtin_rules())
    except PackError:
        return {}
    for t in targets:
        if t.stdin or t.error:
            continue
        try:
            rules.update(linter.rules_for(t.name)[1].rules)
        except (ConfigError, PackError):
            continue
    return rules


