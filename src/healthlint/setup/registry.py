"""Which rules run on a file: packs loaded once, then select / ignore / severity / settings applied."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from healthlint.analysis import ActiveRule, Shared
from healthlint.errors import ConfigError, KindError, PackError
from healthlint.findings import CATEGORIES
from healthlint.kinds import get_kind
from healthlint.setup import config
from healthlint.setup.config import Config, Overrides
from healthlint.recognisers.context import ContextRules
from healthlint.recognisers.lexicon import Lexicon
from healthlint.setup.rulepack import (
    Pack,
    Rule,
    builtin_pack_paths,
    load_pack,
    with_words_from,
)


_loaded: dict[Path, Pack] = {}  # each pack, compiled once per process


def _load(path: Path) -> Pack:
    pack = _loaded.get(path)
    if pack is None:
        pack = _loaded[path] = load_pack(path, checked=path not in builtin_pack_paths())
    return pack


def reread() -> None:
    """Read config files and users' rule packs again from now on, keeping the built-in packs
    compiled: for a process that outlives edits to them (the language server)."""
    builtin = set(builtin_pack_paths())
    for path in [p for p in _loaded if p not in builtin]:
        del _loaded[path]
    ruleset.cache_clear()
    _shared.cache_clear()
    config.forget()


def builtin_rules() -> dict[str, Rule]:
    return _collect(builtin_pack_paths())


def builtin_shared() -> Shared:
    """The built-in packs' context triggers and lexicons."""
    return _shared(tuple(builtin_pack_paths()))


@lru_cache(maxsize=None)
def _shared(paths: tuple[Path, ...]) -> Shared:
    """Every pack's `[[context]]` entries, in pack order, and its `[[lexicon]]` entries, those of one id added up."""
    triggers: dict[str, tuple[Path, object]] = {}
    lexicons: dict[str, Lexicon] = {}
    for path in paths:
        pack = _load(Path(path))
        for trigger in pack.context:
            if trigger.id in triggers:
                raise PackError(f"{path}: context {trigger.id!r} is already defined in {triggers[trigger.id][0]}")
            triggers[trigger.id] = (Path(path), trigger)
        for lexicon in pack.lexicons:
            lexicons[lexicon.id] = lexicons[lexicon.id].extended(lexicon) if lexicon.id in lexicons else lexicon
    return Shared(ContextRules(tuple(t for _, t in triggers.values())), lexicons)


def _collect(paths) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for path in paths:
        for rule in _load(Path(path)).rules:
            if rule.id in rules:
                raise PackError(f"{path}: rule {rule.id!r} is already defined in {rules[rule.id].source}")
            rules[rule.id] = rule
    for rid, rule in rules.items():
        if rule.words_from is not None:
            rules[rid] = with_words_from(rule, rules)
    return rules


@dataclass(frozen=True)
class RuleSet:
    """The rules available under one config, and the ones it turns on."""

    rules: dict[str, Rule]
    active: tuple[ActiveRule, ...]
    shared: Shared  # the packs' context triggers and lexicons

    def for_path(self, config: Config, path: str | os.PathLike[str]) -> tuple[ActiveRule, ...]:
        ignored = config.ignores_for(path)
        if not ignored:
            return self.active
        return tuple(a for a in self.active if not _matches(a.rule, ignored))


def _matches(rule: Rule, ids) -> bool:
    return rule.id in ids or rule.category in ids


def _check_ids(ids, rules: dict[str, Rule], where: str) -> None:
    for rid in ids:
        if rid not in rules and rid not in CATEGORIES:
            raise ConfigError(f"{where}: unknown rule or category {rid!r} (see `healthlint rules`)")


@lru_cache(maxsize=None)
def ruleset(config: Config, overrides: Overrides) -> RuleSet:
    paths = [*builtin_pack_paths(), *config.rule_packs]
    rules = _collect(paths)
    where = str(config.path) if config.path else "configuration"
    select = overrides.select if overrides.select is not None else config.select
    _check_ids(select or (), rules, "--select" if overrides.select is not None else where)
    _check_ids(config.extend_select, rules, where)
    _check_ids(config.ignore, rules, where)
    _check_ids(overrides.extend_select, rules, "--extend-select")
    _check_ids(overrides.ignore, rules, "--ignore")
    for pattern, ids in config.per_file_ignores:
        _check_ids(ids, rules, f"{where}: per-file-ignores {pattern!r}")
    severities = dict(config.severity)
    _check_ids(severities, rules, f"{where}: severity")

    extend = (*config.extend_select, *overrides.extend_select)
    ignore = (*config.ignore, *overrides.ignore)
    settings = _settings(rules, config.rule_settings(), where)
    active = []
    for rule in rules.values():
        chosen = _matches(rule, select) if select is not None else rule.default
        if not chosen and not _matches(rule, extend):
            continue
        if _matches(rule, ignore) and not rule.id in extend:
            continue
        severity = severities.get(rule.id) or severities.get(rule.category) or rule.severity
        active.append(ActiveRule(rule, severity, settings[rule.id]))
    return RuleSet(rules, tuple(sorted(active, key=lambda a: a.id)), _shared(tuple(Path(p) for p in paths)))


def _settings(rules: dict[str, Rule], overrides: dict[str, dict[str, Any]], where: str) -> dict[str, dict[str, Any]]:
    """Each rule's defaults, then its category's table, then its own table from the config."""
    out = {rid: dict(rule.settings) for rid, rule in rules.items()}
    for key in sorted(overrides, key=lambda k: "/" in k):  # categories first, rule ids win
        values = overrides[key]
        targets = [r for r in rules.values() if r.id == key or r.category == key]
        if not targets:
            raise ConfigError(f"{where}: rules.{key}: unknown rule or category")
        for name, value in values.items():
            takers = [r for r in targets if name in r.settings]
            if not takers:
                known = sorted({k for r in targets for k in r.settings})
                raise ConfigError(f"{where}: rules.{key}.{name}: unknown setting (known: {', '.join(known) or 'none'})")
            for rule in takers:
                default = rule.settings[name]
                if not _same_type(default, value):
                    raise ConfigError(
                        f"{where}: rules.{key}.{name}: expected {type(default).__name__}, got {type(value).__name__}"
                    )
                out[rule.id][name] = value
    for rid, values in out.items():
        validate = get_kind(rules[rid].kind).validate_settings
        try:
            if validate:
                validate(values)
        except KindError as err:
            raise ConfigError(f"{where}: rules.{rid}: {err}") from None
    return out


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))
