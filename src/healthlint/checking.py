"""Linting text as a file, kept warm between calls: the language server's open documents, the report's articles.

The same pipeline as `healthlint check`, returning the parsed document with the findings.

A re-lint after a keystroke reuses everything that does not depend on the text: the config
found for the file's folder, its rule set with every pattern compiled, and the syllable and
pattern caches. Only parsing and the rules run again. Config files and rule packs are read
again when one of them changes on disk (`stale`, `reread`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from healthlint.errors import ConfigError, MatchTimeout, PackError, SourceError
from healthlint.findings import Finding
from healthlint.linter import Linter, lint_document, lint_text
from healthlint.setup.config import Config, Overrides, find_config_file, real_path
from healthlint.setup.registry import reread, ruleset
from healthlint.setup.rulepack import Rule
from healthlint.text import document
from healthlint.text.document import Document
from healthlint.text.sources import source_from_bytes

@dataclass(frozen=True)
class Checked:
    """One version of an open document and what healthlint found in it."""

    name: str  # the file name it was linted as
    version: int | None
    text: str
    findings: tuple[Finding, ...] = ()
    doc: Document | None = None
    rules: dict[str, Rule] = field(default_factory=dict)
    error: str | None = None  # one line, naming the file or config at fault
    excluded: bool = False


class Checker:
    """Lints documents, one at a time, with the config closest to each file."""

    def __init__(self) -> None:
        self.linter = Linter(Overrides())
        self._watched: dict[str, tuple[int, int] | None] = {}  # config and pack files in use, as last seen

    def check(self, name: str, text: str, version: int | None = None) -> Checked:
        """Lint `text` as the file `name`; a problem with the text, config or pack becomes `error`."""
        try:
            try:
                config = self.linter.config_for(name)
            except ConfigError:
                self._watch([find_config_file(Path(os.path.dirname(real_path(name))))])
                raise
            self._watch([config.path, *config.rule_packs])
            rules = ruleset(config, self.linter.overrides)
            if config.is_excluded(name):
                return Checked(name, version, text, excluded=True)
            source = source_from_bytes(text.encode("utf-8", "surrogatepass"), name)
            doc = document.parse(source.text, source.path, fmt=source.format)
            findings = lint_document(doc, rules.for_path(config, name))
            return Checked(name, version, text, tuple(findings), doc, rules.rules)
        except SourceError as err:
            return Checked(name, version, text, error=f"{name}: {err}")
        except (ConfigError, PackError) as err:
            return Checked(name, version, text, error=str(err))
        except MatchTimeout as err:
            return Checked(name, version, text, error=f"{name}: {err}")
        except RecursionError:
            return Checked(name, version, text, error=f"{name}: healthlint ran out of stack on this file; please report it")

    def warm(self) -> None:
        """Compile what a first lint would, before the editor asks: the built-in rules run on their own examples."""
        rules = ruleset(Config(), self.linter.overrides)
        lint_text("\n\n".join(e for r in rules.rules.values() for e in (*r.bad, *r.good)), rules.active)

    def _watch(self, paths) -> None:
        for path in filter(None, paths):
            key = os.fspath(path)
            if key not in self._watched:
                self._watched[key] = _stamp(key)

    def stale(self) -> bool:
        """Whether a config file or rule pack in use changed on disk since it was read."""
        return any(_stamp(path) != seen for path, seen in self._watched.items())

    def reread(self) -> None:
        """Read config files and rule packs again on the next lint."""
        reread()
        self._watched.clear()


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
