"""The contract every rule kind keeps: what it reads from a pack, what its messages may name, and its code.

A kind is code; a rule is data (an entry in a pack) that names its kind. yamllint and Vale
keep rules and their kinds the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Iterable

from healthlint.analysis import ActiveRule, Analysis
from healthlint.findings import Finding


class Stage(Enum):
    """When a kind's rules run: before suppression comments are applied, or on what they left."""

    RULES = "rules"
    AFTER_SUPPRESSIONS = "after-suppressions"


@dataclass(frozen=True)
class Kind:
    """One rule kind. `compile` reads a rule's data once, when its pack loads (raising KindError
    that names the key at fault); `check` yields the rule's findings on one document."""

    name: str
    fields: tuple[str, ...]  # pack keys its rules may use beyond the common ones
    placeholders: frozenset[str]  # names its messages may use, such as {match}
    compile: Callable[[Any], Any]
    check: Callable[[ActiveRule, Analysis], Iterable[Finding]]
    stage: Stage = Stage.RULES
    validate_settings: Callable[[dict[str, Any]], None] | None = None  # refuses a setting value it cannot act on
