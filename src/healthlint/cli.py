"""Command line: `healthlint check`, `healthlint rules`, `healthlint stats`.

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 the run could not do
what was asked (bad usage, unreadable file, broken config or rule pack).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from healthlint import __version__
from healthlint.errors import ConfigError, PackError
from healthlint.findings import Severity
from healthlint.patterns import pattern_cache
from healthlint.setup.config import Overrides

SEVERITIES = ("error", "warning", "info")
# Parsing makes many short-lived objects and few reference cycles: looking for cycles every
# 10,000 allocations instead of every 700 saves about 5% of a run, with the same memory.
GC_THRESHOLD = (10_000, 10, 10)


def _ids(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i.strip() for v in values for i in v.split(",") if i.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="healthlint")
def main() -> None:
    """Lint health articles: reading level, consult notes, dosing and unsupported claims."""


@main.command()
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
        _fail(f"{config_path}: config file not found")
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


@main.command()
@click.argument("rule_id", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rule_id, fmt) -> None:
    """List every rule, or explain RULE_ID: why, the guideline behind it, and examples."""
    import json

    from healthlint.setup.registry import builtin_rules

    try:
        known = builtin_rules()
    except PackError as err:
        _fail(str(err))
    if rule_id is None:
        if fmt == "json":
            click.echo(json.dumps([_rule_json(r) for r in known.values()], indent=2))
            return
        width = max(len(r) for r in known)
        for rid in sorted(known):
            r = known[rid]
            flag = "" if r.default else " (off by default)"
            click.echo(f"{rid:<{width}}  {r.severity.label:<7}  {r.summary}{flag}")
        return
    if rule_id not in known:
        _fail(f"unknown rule {rule_id!r} (see `healthlint rules`)")
    r = known[rule_id]
    if fmt == "json":
        click.echo(json.dumps(_rule_json(r), indent=2))
        return
    lines = [
        rid_line := f"{r.id} ({r.severity.label}{'' if r.default else ', off by default'})",
        "=" * len(rid_line),
        r.summary,
        "",
        "Why: " + r.why,
    ]
    if r.link:
        lines.append("More: " + r.link)
    if r.settings:
        lines += ["", "Settings:"] + [f"  {k} = {v!r}" for k, v in r.settings.items()]
    lines += ["", "Flagged:"] + [f"  - {e}" for e in r.bad]
    if r.good:
        lines += ["", "Fine:"] + [f"  - {e}" for e in r.good]
    click.echo("\n".join(lines))


def _rule_json(r) -> dict:
    return {
        "id": r.id,
        "category": r.category,
        "severity": r.severity.label,
        "default": r.default,
        "summary": r.summary,
        "why": r.why,
        "link": r.link,
        "settings": r.settings,
        "examples": {"good": list(r.good), "bad": list(r.bad)},
    }


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(paths, fmt) -> None:
    """Reading-level numbers for PATHS: words, sentences, grade by each formula, hardest paragraphs."""
    import json

    from healthlint.linter import read_stdin
    from healthlint.stats import collect, render_text

    results, errors = collect(paths, read_stdin() if "-" in paths else None)
    for _, message in errors:
        click.echo(f"healthlint: {message}", err=True)
    if fmt == "json":
        data = {"files": [s.to_json() for s in results], "errors": [{"path": p, "message": m} for p, m in errors]}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif results:
        click.echo("\n\n".join(render_text(s) for s in results))
    sys.exit(2 if errors else 0)


def _fail(message: str) -> None:
    click.echo(f"healthlint: {message}", err=True)
    sys.exit(2)


def entry() -> None:
    """The `healthlint` command: click's main, then an exit that skips tearing down the
    interpreter. Freeing every object at exit (rule patterns, the syllable table) costs
    about 20 ms a run, which a writer waits for on each commit; all output is flushed first."""
    gc.set_threshold(*GC_THRESHOLD)
    try:
        main()
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
    pattern_cache.save()
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe ("| head"): nothing more can be written
        code = code or 1
    os._exit(code or 0)
