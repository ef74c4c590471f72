"""The package's layout as a contract: imports go only downward through the layers, and no two
modules import each other, directly or through others (docs/architecture.md draws the map).

Every import is counted: module-level and inside functions (lazy imports are still dependencies)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "persian_trade_news"
NAME = "persian_trade_news"

# lowest first; a module may import its own layer or lower ones
LAYERS = [
    ("errors", "_compat", "_version"),
    ("records",),
    ("text",),
    ("lexicons", "readers"),
    ("rules",),
    ("stages",),
    ("batch",),
    ("pipeline",),
    ("api",),
    ("interfaces",),
    ("__init__", "__main__"),
]
RANK = {part: r for r, parts in enumerate(LAYERS) for part in parts}


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        rel = p.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = _modules()


def _imports(mod: str, path: Path) -> set[str]:
    """Modules of the package that ``mod`` imports (resolved, relative imports included)."""
    is_pkg = path.name == "__init__.py"
    here = mod.split(".") if is_pkg else mod.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for n in names:
            while n and n not in MODULES and "." in n:
                n = n.rsplit(".", 1)[0]
            if n in MODULES and n != mod and n.startswith(NAME):
                found.add(n)
    return found


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _layer(mod: str) -> int:
    parts = mod.split(".")
    if len(parts) == 1:
        return RANK["__init__"]
    if parts == [NAME, "__main__"]:
        return RANK["__main__"]
    return RANK[parts[1]]


def test_every_module_is_in_a_layer():
    for mod in MODULES:
        assert _layer(mod) is not None, mod


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_imports_go_downward(mod):
    up = [dep for dep in GRAPH[mod] if _layer(dep) > _layer(mod)]
    assert not up, f"{mod} (layer {_layer(mod)}) imports higher layers: {up}"


def test_no_import_cycles():
    # Tarjan's strongly connected components; a component of more than one module is a cycle
    index, low, on, stack, comps = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            comps.append(comp)

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    cycles = [sorted(c) for c in comps if len(c) > 1]
    assert not cycles, cycles


def test_the_checker_sees_lazy_and_relative_imports():
    # the pipeline reaches the stage registry and the batch runner (the latter only inside a method)
    assert f"{NAME}.stages" in GRAPH[f"{NAME}.pipeline"]
    assert f"{NAME}.batch" in GRAPH[f"{NAME}.pipeline"]
    # «from . import registry» inside rules/engine.py is the registry module, not the package
    assert f"{NAME}.rules.registry" in GRAPH[f"{NAME}.rules.engine"]


def test_output_assembly_knows_no_stage_internals():
    deps = GRAPH[f"{NAME}.pipeline"]
    assert not [d for d in deps if d.startswith(f"{NAME}.stages.")], deps


def test_old_module_paths_still_import_for_one_release():
    import importlib
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = importlib.import_module(f"{NAME}.document")
    new = importlib.import_module(f"{NAME}.text.document")
    assert old is new
    assert any(issubclass(w.category, DeprecationWarning) and "text.document" in str(w.message) for w in caught)
