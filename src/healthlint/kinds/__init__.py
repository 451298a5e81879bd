"""Rule kinds: one module each, listed here by name. Each module holds its kind as `KIND` (kinds.kind.Kind).

Modules are imported when a pack first names their kind, so a run pays only for the kinds it uses.
"""

from __future__ import annotations

import importlib
from functools import cache

from healthlint.errors import KindError
from healthlint.kinds.kind import Kind

MODULES = {
    "claim-disease": "claim_disease",
    "claim-keyword-stuffing": "claim_keyword_stuffing",
    "claim-phrase": "claim_phrase",
    "consult-note": "consult_note",
    "consult-placement": "consult_placement",
    "dose-abbreviation": "dose_abbreviation",
    "dose-children": "dose_children",
    "dose-no-maximum": "dose_no_maximum",
    "dose-statement": "dose_statement",
    "phrase": "phrase",
    "readability": "readability",
    "substitution": "substitution",
    "supplement-disclaimer": "supplement_disclaimer",
    "undefined-abbreviation": "undefined_abbreviation",
    "unused-suppression": "unused_suppression",
}


def kind_names() -> tuple[str, ...]:
    return tuple(sorted(MODULES))


@cache
def get_kind(name: str) -> Kind:
    if name not in MODULES:
        raise KindError(f"unknown kind {name!r} (known: {', '.join(kind_names())})")
    return importlib.import_module(f"{__name__}.{MODULES[name]}").KIND
