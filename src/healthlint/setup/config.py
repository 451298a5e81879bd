"""Configuration: `[tool.healthlint]` in pyproject.toml or `.healthlint.toml`, closest to each file wins."""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthlint.errors import ConfigError
from healthlint.findings import Severity

CONFIG_FILES = (".healthlint.toml", "pyproject.toml")
KEYS = {
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "exclude",
    "rule-packs",
    "rules",
    "fail-on",
}
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".healthlint_cache")



@dataclass(frozen=True)
class Config:
    """Settings from one config file (or the defaults), before command-line overrides."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    rules: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    fail_on: Severity | None = None

    def relative(self, path: str | os.PathLike[str]) -> str:
        """The path from the config's folder, "/"-separated; a path outside that folder as given."""
        name = os.fspath(path)
        root = real_path(os.fspath(self.path.parent) if self.path else os.getcwd())
        inside = root if root.endswith(os.sep) else root + os.sep
        real = real_path(name)
        if real.startswith(inside):
            return real[len(inside) :].replace(os.sep, "/")
        name = name.replace(os.sep, "/")
        parts = [p for p in name.split("/") if p not in ("", ".")]  # as pathlib writes it
        return ("/" if name.startswith("/") else "") + "/".join(parts) or "."

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        rel = self.relative(path)
        parts = rel.split("/")
        if any(p in DEFAULT_EXCLUDE for p in parts[:-1]):
            return True
        return any(_glob_match(rel, pattern) for pattern in self.exclude)

    def ignores_for(self, path: str | os.PathLike[str]) -> tuple[str, ...]:
        rel = self.relative(path)
        out: list[str] = []
        for pattern, ids in self.per_file_ignores:
            if _glob_match(rel, pattern):
                out.extend(ids)
        return tuple(out)

    def rule_settings(self) -> dict[str, dict[str, Any]]:
        return {key: dict(values) for key, values in self.rules}


def real_path(name: str) -> str:
    """A file's path with links resolved, kept as text: pathlib interns every file name it parses,
    in a table that grows with the number of files a run sees."""
    return _real_path(name if os.path.isabs(name) else os.path.join(os.getcwd(), name))


@lru_cache(maxsize=256)
def _real_path(name: str) -> str:
    """Resolving costs a system call per folder, and a file's path is asked for several times;
    a file that is not a link is resolved as its folder, which its neighbours share."""
    folder, base = os.path.split(name)
    if base in ("", ".", "..") or os.path.islink(name):
        return os.path.realpath(name)
    return os.path.join(_real_folder(folder), base)


@lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _glob_match(rel: str, pattern: str) -> bool:
    """Gitignore-like: a pattern without a slash matches any path part; `**` crosses folders."""
    pattern = pattern.strip().rstrip("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in rel.split("/"))
    pattern = pattern.lstrip("./")
    if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.replace("**/", "")):
        return True
    # A folder pattern also matches what is inside it.
    return fnmatch.fnmatchcase(rel, pattern + "/*")


def find_config_file(directory: Path) -> Path | None:
    """The closest config file at or above `directory` that configures healthlint."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "[tool.healthlint" in text


def config_for_file(name: str | os.PathLike[str]) -> Config:
    return _config_for_folder(os.path.dirname(real_path(os.fspath(name))))


@lru_cache(maxsize=None)
def _config_for_folder(folder: str) -> Config:
    return config_for_dir(Path(folder))


@lru_cache(maxsize=None)
def config_for_dir(directory: Path) -> Config:
    path = find_config_file(directory)
    return load_config(path) if path else Config()


def forget() -> None:
    """Read config files again from now on: a long-running process (the language server) sees them change."""
    _config_for_folder.cache_clear()
    config_for_dir.cache_clear()
    _real_path.cache_clear()
    _real_folder.cache_clear()


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not valid UTF-8") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read ({err.strerror or err})") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("healthlint", {})
        prefix = "tool.healthlint."
    else:
        table = data
        prefix = ""
    return parse_table(table, path, prefix)


def parse_table(table: Any, path: Path, prefix: str = "") -> Config:
    where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [{prefix.rstrip('.') or 'healthlint'}] must be a table")
    unknown = set(table) - KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key {prefix}{sorted(unknown)[0]} (known: {', '.join(sorted(KEYS))})")

    def ids(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {prefix}{key} must be a list of rule ids or categories")
        return tuple(value)

    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict) or not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in pfi.values()):
        raise ConfigError(f"{where}: {prefix}per-file-ignores must map globs to lists of rule ids")
    sev = table.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}: {prefix}severity must map rule ids to error, warning or info")
    severities = []
    for rid, level in sev.items():
        try:
            severities.append((rid, Severity.parse(str(level))))
        except ValueError as err:
            raise ConfigError(f"{where}: {prefix}severity.{rid}: {err}") from None
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}: {prefix}rules must hold one table per rule id or category")
    fail_on = table.get("fail-on")
    if fail_on is not None:
        try:
            fail_on = Severity.parse(str(fail_on))
        except ValueError as err:
            raise ConfigError(f"{where}: {prefix}fail-on: {err}") from None
    select = ids("select") if "select" in table else None
    return Config(
        path=path,
        select=select,
        extend_select=ids("extend-select"),
        ignore=ids("ignore"),
        per_file_ignores=tuple((glob, tuple(v)) for glob, v in pfi.items()),
        severity=tuple(severities),
        exclude=ids("exclude"),
        rule_packs=tuple(path.parent / p for p in ids("rule-packs")),
        rules=tuple((k, tuple(sorted(v.items()))) for k, v in rules.items()),
        fail_on=fail_on,
    )


@dataclass(frozen=True)
class Overrides:
    """Command-line options that take precedence over every config file."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
