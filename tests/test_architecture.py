"""The code's shape: data flows one way, source to document to facts to rules to reporters.

Each module's imports are read with `ast` (those inside functions too) and checked against
the layers below: a module may import its own layer or a lower one, never a higher one, and
modules never import each other in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from healthlint import kinds

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "healthlint"

# Lowest first. A name is a top-level module or a sub-package (all its modules share its layer).
LAYERS = [
    {"__init__", "errors", "findings", "atomic", "user_cache"},
    {"text"},
    {"patterns"},
    {"analysis"},
    {"recognisers"},
    {"kinds"},
    {"setup"},
    {"suppressions", "cache"},
    {"linter"},
    {"parallel", "stats", "checking"},
    {"reporters"},
    {"progress"},
    {"report", "server"},
    {"cli", "__main__"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def unit(module: str) -> str:
    """The layer unit of a dotted module name below the package: its first part."""
    return module.split(".", 1)[0]


def imports(path: Path) -> set[str]:
    """healthlint modules imported anywhere in a file, as names below the package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("healthlint"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("healthlint"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # `from healthlint import text`
    out = set()
    for name in found:
        rest = name.removeprefix("healthlint").lstrip(".")
        candidate = rest
        while candidate and not _exists(candidate):
            candidate = candidate.rpartition(".")[0]
        out.add(candidate or "__init__")
    return out


def _exists(module: str) -> bool:
    base = PACKAGE.joinpath(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) - {module_name(p)} for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_layer():
    missing = sorted({unit(m) for m in graph()} - set(RANK))
    assert missing == [], f"give these a layer in LAYERS: {missing}"


def test_no_module_imports_a_higher_layer():
    upward = [
        f"{m} -> {t}"
        for m, targets in graph().items()
        for t in targets
        if RANK[unit(t)] > RANK[unit(m)]
    ]
    assert upward == []


def test_no_import_cycles():
    g = graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(g.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(g):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_checks_see_an_upward_import(tmp_path):
    """The graph reader must catch what the tests forbid: a function-level import counts."""
    p = tmp_path / "m.py"
    p.write_text("def f():\n    from healthlint.cli import main\n")
    assert imports(p) == {"cli"}


def test_every_kind_module_is_registered_and_declares_its_kind():
    files = {p.stem for p in (PACKAGE / "kinds").glob("*.py")} - {"__init__", "kind"}
    assert files == set(kinds.MODULES.values())
    for name in kinds.kind_names():
        kind = kinds.get_kind(name)
        assert kind.name == name
        assert callable(kind.compile) and callable(kind.check)


# Modules still being split; an entry here that is no longer long fails the test, so the list only shrinks.
STILL_LONG = {"patterns.triggers", "recognisers.advice", "recognisers.claims", "recognisers.dosing"}


def test_no_module_is_over_400_lines():
    lengths = {module_name(p): len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")}
    long = {m for m, n in lengths.items() if n > 400}
    assert long - STILL_LONG == set()
    assert STILL_LONG - long == set(), "these are short now: take them off STILL_LONG"
