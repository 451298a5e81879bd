"""Reporters turn results into text for people (text), tools (json, sarif) and CI (github)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, TextIO

from healthlint.findings import FileResult
from healthlint.setup.rulepack import Rule


@dataclass(frozen=True)
class Report:
    """What to write. `results` may be a stream: reporters read it once, file by file,
    so a run over a whole corpus never holds every finding at once."""

    results: Iterable[FileResult]
    rules: dict[str, Rule]  # every rule a finding may name, for metadata
    color: bool = False


def json_items(items: Iterable[dict], out: TextIO, indent: str = "    ") -> None:
    """Write a JSON array's items one at a time, indented to sit inside an object."""
    import json

    first = True
    for item in items:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)
        out.write(("\n" if first else ",\n") + indent + text)
        first = False
    if not first:
        out.write("\n" + indent[:-2])


def writer(name: str) -> Callable[[Report, TextIO], None]:
    from importlib import import_module

    return import_module(f"healthlint.reporters.{name}_report").write
