"""The pipeline for one file: source text, document, rules, suppressions and filters, findings."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Iterator

from healthlint import suppressions
from healthlint.analysis import ActiveRule, Analysis, Shared
from healthlint.cache import Cache
from healthlint.errors import ConfigError, MatchTimeout, PackError, SourceError
from healthlint.findings import FileResult, Finding
from healthlint.kinds import get_kind
from healthlint.kinds.kind import Stage
from healthlint.setup.config import Config, Overrides, config_for_file, load_config
from healthlint.setup.registry import RuleSet, builtin_shared, ruleset
from healthlint.text import document
from healthlint.text.sources import (
    LINTABLE_SUFFIXES,
    Source,
    read_source,
    source_from_bytes,
)

# The order Finding's own comparison gives, read once per finding instead of twice per comparison.
ORDER = attrgetter(*(f.name for f in fields(Finding)))


def lint_document(doc: document.Document, active: Iterable[ActiveRule], shared: Shared | None = None) -> list[Finding]:
    """Run rules on a parsed document, then apply its suppression comments. `shared`: the packs'
    context triggers and lexicons (RuleSet.shared); the built-in packs' when not given."""
    analysis = Analysis(doc, shared or builtin_shared())
    found: list[Finding] = []
    after: list[ActiveRule] = []
    for rule in active:
        kind = get_kind(rule.rule.kind)
        if kind.stage is Stage.AFTER_SUPPRESSIONS:
            after.append(rule)
            continue
        try:
            found.extend(kind.check(rule, analysis))
        except MatchTimeout:
            raise MatchTimeout(f"rule {rule.id}: a pattern ran for too long on this file; simplify the pattern") from None
    kept, analysis.unused_suppressions = suppressions.apply(doc, found)
    for rule in after:
        kept.extend(get_kind(rule.rule.kind).check(rule, analysis))
    return sorted(set(kept), key=ORDER)


def lint_source(source: Source, active: Iterable[ActiveRule], shared: Shared | None = None) -> list[Finding]:
    return lint_document(document.parse(source.text, source.path, fmt=source.format), active, shared)


def lint_text(
    text: str,
    active: Iterable[ActiveRule],
    path: str = "<text>",
    markdown: bool = True,
    fmt: str | None = None,
    shared: Shared | None = None,
) -> list[Finding]:
    return lint_source(Source(path, text, fmt or ("markdown" if markdown else "plain")), active, shared)


@dataclass(frozen=True, slots=True)
class Target:
    """A file to lint, kept by name, as text: pathlib would intern each name it parses."""

    name: str  # as reported; also where the file is, unless it is standard input
    error: str | None = None
    stdin: bool = False


class Linter:
    def __init__(self, overrides: Overrides, config_path: Path | None = None, cache: Cache | None = None):
        self.overrides = overrides
        self.config_path = config_path
        self.cache = cache
        self._config: Config | None = None  # the --config file, read once

    def config_for(self, path: str | os.PathLike[str]) -> Config:
        if self.config_path is not None:
            if self._config is None:
                self._config = load_config(self.config_path)
            return self._config
        return config_for_file(path)

    def rules_for(self, path: str | os.PathLike[str]) -> tuple[Config, RuleSet]:
        config = self.config_for(path)
        return config, ruleset(config, self.overrides)

    def discover(self, paths: Iterable[str], stdin_name: str | None = None) -> Iterator[Target]:
        """Expand folders, keep files in the order given, and skip what config excludes."""
        for raw in paths:
            if raw == "-":
                yield Target(stdin_name or "<stdin>", stdin=True)
                continue
            if os.path.isdir(raw):
                found = False
                for name in _walk(str(Path(raw))):
                    if not self._excluded(name):
                        found = True
                        yield Target(name)
                if not found:
                    yield Target(raw, f"{raw}: no Markdown or text files to lint in this folder")
            elif not os.path.exists(raw):
                yield Target(raw, f"{raw}: no such file or folder")
            elif not self._excluded(raw):
                yield Target(raw)

    def _excluded(self, path: str) -> bool:
        try:
            return self.config_for(path).is_excluded(path)
        except ConfigError:
            return False  # reported when the file is linted

    def lint(self, target: Target, stdin: bytes | None = None) -> FileResult:
        if target.error:
            return FileResult(target.name, error=target.error)
        path = target.name
        try:
            config = self.config_for(path)
            if target.stdin:
                source = source_from_bytes(stdin or b"", target.name)
            else:
                source = read_source(path)
            # A hit needs no rules: a re-run on unchanged files never compiles a pack.
            entry = self.cache.key(source, config, self.overrides) if self.cache else None
            findings = self.cache.get(entry, source.path) if entry else None
            if findings is None:
                rules = ruleset(config, self.overrides)
                findings = lint_source(source, rules.for_path(config, path), rules.shared)
                if entry:
                    self.cache.put(entry, findings)
            return FileResult(target.name, findings)
        except SourceError as err:
            return FileResult(target.name, error=f"{target.name}: {err}")
        except (ConfigError, PackError) as err:
            return FileResult(target.name, error=str(err))
        except MatchTimeout as err:
            return FileResult(target.name, error=f"{target.name}: {err}")
        except RecursionError:
            # Deep nesting is refused while parsing (document.py); reaching this is a healthlint bug.
            return FileResult(target.name, error=f"{target.name}: healthlint ran out of stack on this file; please report it")


def _walk(folder: str) -> Iterator[str]:
    """The lintable files under `folder` in the order of sorted(Path(folder).rglob("*")), listed one
    folder at a time: a run keeps one folder's names, not every file's, however many there are."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=attrgetter("name"))
    except OSError:
        return  # as rglob: a folder that cannot be listed is passed over
    prefix = "" if folder == "." else folder if folder.endswith(os.sep) else folder + os.sep
    for entry in entries:
        name = prefix + entry.name
        try:
            if entry.is_dir() and not entry.is_symlink():
                yield from _walk(name)
            elif os.path.splitext(entry.name)[1].lower() in LINTABLE_SUFFIXES and entry.is_file():
                yield name
        except OSError:
            continue


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()
