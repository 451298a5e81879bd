"""Reporters turn results into text for people (text), tools (json, sarif) and CI (github)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, TextIO

from healthlint.linter import FileResult
from healthlint.rulepack import Rule


@dataclass(frozen=True)
class Report:
    results: list[FileResult]
    rules: dict[str, Rule]  # every rule a finding may name, for metadata
    color: bool = False


FORMATS = ("text", "json", "sarif", "github")


def writer(name: str) -> Callable[[Report, TextIO], None]:
    from importlib import import_module

    return import_module(f"healthlint.reporters.{name}_report").write
