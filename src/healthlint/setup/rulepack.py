"""Rule packs: TOML files of rule instances. Code implements kinds; packs supply the rules.

A pack holds `[[rules]]`, and the data every rule shares: `[[context]]` triggers (see
recognisers.context) and `[[lexicon]]` name lists (see recognisers.lexicon). A pack is data,
never code: nothing in it is evaluated or imported. A broken pack, ours or a user's, is
reported with its file and the key at fault.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from healthlint.errors import KindError, PackError
from healthlint.findings import CATEGORIES, Severity
from healthlint.kinds import get_kind
from healthlint.patterns.matching import patterns_checked
from healthlint.recognisers.context import Trigger, compile_trigger
from healthlint.recognisers.lexicon import Lexicon

COMMON_KEYS = {"id", "kind", "severity", "message", "what", "why", "link", "default", "settings", "examples", "summary", "words-from"}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: Severity
    summary: str
    message: str
    what: str  # what is flagged and what is not, for writers; "" when a user pack gives none
    why: str
    link: str
    default: bool
    settings: dict[str, Any]
    data: dict[str, Any]
    good: tuple[str, ...]
    bad: tuple[str, ...]
    source: str
    words_from: str | None = None  # the rule whose word lists this one reads where it sets none of its own
    compiled: Any = field(default=None, compare=False, repr=False)

    @property
    def category(self) -> str:
        return self.id.split("/", 1)[0]


def builtin_rules_dir() -> Path:
    """Packs ship inside the wheel; in a source checkout they sit at the repository root."""
    packaged = Path(__file__).parents[1] / "rules"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[3] / "rules"


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.toml"))


@dataclass(frozen=True)
class Pack:
    """What one pack file holds."""

    rules: tuple[Rule, ...]
    context: tuple[Trigger, ...] = ()
    lexicons: tuple[Lexicon, ...] = ()


LEXICON_KEYS = {"id", "what", "why", "terms", "file"}


def load_pack(path: Path, allow_new_categories: bool = False, checked: bool = True) -> Pack:
    """The pack's rules and shared data; `checked=False` (the built-in packs, which the tests check)
    puts off compiling patterns."""
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(f"{name}: rule pack not found") from None
    except UnicodeDecodeError:
        raise PackError(f"{name}: rule pack is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as err:
        raise PackError(f"{name}: not valid TOML: {err}") from None
    except OSError as err:
        raise PackError(f"{name}: cannot be read ({err.strerror or err})") from None
    unknown = set(data) - {"pack", "rules", "context", "lexicon"}
    if unknown:
        raise PackError(f"{name}: unknown top-level key {sorted(unknown)[0]!r} (expected [pack], [[rules]], [[context]] and [[lexicon]])")
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not (entries or data.get("context") or data.get("lexicon")):
        raise PackError(f"{name}: has no [[rules]] entries")
    with patterns_checked(checked):
        context = tuple(_entries(data, "context", name, _build_trigger))
    lexicons = tuple(_entries(data, "lexicon", name, lambda e, where: _build_lexicon(e, where, path)))
    rules = []
    for i, entry in enumerate(entries):
        where = f"{name}: rules[{i}]"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            where = f"{name}: rule {entry['id']!r}"
        with patterns_checked(checked):
            rules.append(_build_rule(entry, where, name))
    return Pack(tuple(rules), context, lexicons)


def _entries(data: dict, key: str, name: str, build) -> list:
    """The pack's `[[context]]` or `[[lexicon]]` entries, each built or refused with its file and id."""
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PackError(f"{name}: key {key!r} must be a list of tables ([[{key}]])")
    out = []
    for i, entry in enumerate(entries):
        where = f"{name}: {key} {entry['id']!r}" if isinstance(entry.get("id"), str) else f"{name}: {key}[{i}]"
        out.append(build(entry, where))
    return out


def _build_trigger(entry: dict, where: str) -> Trigger:
    try:
        return compile_trigger(entry)
    except KindError as err:
        raise PackError(f"{where}: {err}") from None


def _build_lexicon(entry: dict, where: str, path: Path) -> Lexicon:
    unknown = set(entry) - LEXICON_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(LEXICON_KEYS))})")
    lid, why = _text(entry, "id", where), _text(entry, "why", where)
    terms = _strings(entry, "terms", where)
    file = entry.get("file")
    if file is not None and (not isinstance(file, str) or not file.strip()):
        raise PackError(f"{where}: key 'file' must be a path beside the pack")
    if not terms and file is None:
        raise PackError(f"{where}: needs 'terms' or 'file'")
    files = (path.parent / file,) if file else ()
    if files and not files[0].is_file():
        raise PackError(f"{where}: key 'file': {files[0]} not found")
    return Lexicon(lid, why, tuple(terms), files)


def _build_rule(entry: Any, where: str, source: str) -> Rule:
    if not isinstance(entry, dict):
        raise PackError(f"{where}: must be a table")
    rid = _text(entry, "id", where)
    category, _, short = rid.partition("/")
    if not short or not all(part.replace("-", "").isalnum() and part == part.lower() for part in (category, short)):
        raise PackError(f"{where}: key 'id' must look like 'category/name' in lowercase, got {rid!r}")
    if category not in CATEGORIES:
        raise PackError(f"{where}: key 'id' has unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    kind_name = _text(entry, "kind", where)
    try:
        kind = get_kind(kind_name)
    except KindError as err:
        raise PackError(f"{where}: key 'kind': {err}") from None
    try:
        severity = Severity.parse(_text(entry, "severity", where))
    except ValueError as err:
        raise PackError(f"{where}: key 'severity': {err}") from None
    message = _text(entry, "message", where)
    why = _text(entry, "why", where)
    what = entry.get("what", "")
    if not isinstance(what, str):
        raise PackError(f"{where}: key 'what' must be a string")
    settings = entry.get("settings", {})
    if not isinstance(settings, dict):
        raise PackError(f"{where}: key 'settings' must be a table")
    examples = entry.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"good", "bad"}:
        raise PackError(f"{where}: key 'examples' must be a table with 'good' and 'bad' lists")
    good, bad = (tuple(_strings(examples, k, f"{where}: examples")) for k in ("good", "bad"))
    if not bad:
        raise PackError(f"{where}: key 'examples.bad' needs at least one example")
    data = {k: v for k, v in entry.items() if k not in COMMON_KEYS}
    unknown = set(data) - set(kind.fields)
    if unknown:
        raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r} for kind {kind_name!r}")
    _check_placeholders(message, kind.placeholders | set(settings), where)
    default = entry.get("default", True)
    if not isinstance(default, bool):
        raise PackError(f"{where}: key 'default' must be true or false")
    words_from = entry.get("words-from")
    if words_from is not None and not isinstance(words_from, str):
        raise PackError(f"{where}: key 'words-from' must be a rule id")
    rule = Rule(
        id=rid,
        kind=kind_name,
        severity=severity,
        summary=entry.get("summary") or message.split("{")[0].strip(" :—-") or rid,
        message=message,
        what=what.strip(),
        why=why,
        link=entry.get("link", ""),
        default=default,
        settings=settings,
        data=data,
        good=good,
        bad=bad,
        source=source,
        words_from=words_from,
    )
    if words_from is not None:
        return rule  # compiled by with_words_from, once the rule it reads is known
    try:
        compiled = kind.compile(rule)
    except KindError as err:
        raise PackError(f"{where}: {err}") from None
    return replace(rule, compiled=compiled)


def with_words_from(rule: Rule, rules: dict[str, Rule]) -> Rule:
    """A rule that names `words-from` reads that rule's word lists for the keys it does not set itself,
    so rules served by one recogniser share its vocabulary without copying it; compiled here."""
    where = f"{rule.source}: rule {rule.id!r}"
    source = rules.get(rule.words_from or "")
    if source is None or source.words_from is not None:
        raise PackError(f"{where}: key 'words-from': no rule {rule.words_from!r} with word lists of its own")
    kind, source_kind = get_kind(rule.kind), get_kind(source.kind)
    own = set(rule.data)
    if not own and kind.compile is source_kind.compile:
        return replace(rule, compiled=source.compiled)  # the same vocabulary object: its facts are shared
    data = {k: v for k, v in source.data.items() if k in kind.fields and k not in own} | rule.data
    try:
        compiled = kind.compile(replace(rule, data=data))
    except KindError as err:
        raise PackError(f"{where}: {err}") from None
    return replace(rule, data=data, compiled=compiled)


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(f"{where}: key {key!r} must be a non-empty string")
    return value


def _strings(table: dict, key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: key {key!r} must be a list of strings")
    return value


def _check_placeholders(message: str, allowed: set[str], where: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as err:
        raise PackError(f"{where}: key 'message' is not a valid template: {err}") from None
    unknown = names - allowed
    if unknown:
        raise PackError(
            f"{where}: key 'message' uses unknown placeholder {{{sorted(unknown)[0]}}} (known: {', '.join(sorted(allowed)) or 'none'})"
        )
