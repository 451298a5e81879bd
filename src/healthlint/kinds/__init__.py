"""Rule kinds: one module each, found by name. A kind module provides:

FIELDS        the pack keys its rules may use beyond the common ones
PLACEHOLDERS  the names its messages may use, such as {match}
compile(rule) checks the rule's data once, when the pack loads (raise KindError)
check(rule, analysis) yields the rule's findings for one document
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType


class KindError(Exception):
    """Bad data for a kind; the message names the key."""


@cache
def kind_names() -> tuple[str, ...]:
    return tuple(sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")))


@cache  # asked for once per rule and file; importing again costs half a microsecond
def get_kind(name: str) -> ModuleType:
    if name not in kind_names():
        raise KindError(f"unknown kind {name!r} (known: {', '.join(kind_names())})")
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}")
