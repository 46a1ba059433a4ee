"""Reads every import in a package from its source (AST), including imports inside functions.

A runtime check (import the package, look at ``sys.modules``) misses an import that only runs
when a function is called; reading the source sees all of them. Imports under
``if TYPE_CHECKING:`` are skipped: they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # the imported module (a submodule when ``from pkg import submodule``)
    line: int
    lazy: bool  # inside a function


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def modules(root: Path, package: str) -> dict[str, Path]:
    """Module name → file, for every .py file of ``package`` found under ``root``."""
    out = {}
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str, path: Path, known: Iterable[str]) -> list[Import]:
    known = set(known)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for sub in child.orelse:
                    visit_one(sub, lazy)
                continue
            visit_one(child, lazy)

    def visit_one(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(module, alias.name, node.lineno, lazy))
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                target = sub if sub in known else base
                found.append(Import(module, target, node.lineno, lazy))
        else:
            inner = lazy or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(node, inner)

    visit(tree, False)
    return found


def graph(root: Path, package: str) -> dict[str, list[Import]]:
    found = modules(root, package)
    return {name: imports_of(name, path, found) for name, path in found.items()}


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(edges: dict[str, list[Import]], rules: dict[str, tuple[str, ...]]) -> list[Import]:
    """Imports from a module under a rule's prefix (key) into a forbidden prefix (value)."""
    out = []
    for source, imports in edges.items():
        for layer, forbidden in rules.items():
            if within(source, layer):
                out += [i for i in imports if any(within(i.target, f) for f in forbidden)]
    return out


def cycles(edges: dict[str, list[Import]]) -> list[frozenset[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []
    counter = 0

    def targets(name: str) -> set[str]:
        # Importing a submodule runs its package's __init__ first: not a cycle of our making.
        return {
            i.target
            for i in edges.get(name, ())
            if i.target in edges and i.target != name and not within(name, i.target)
        }

    def connect(name: str) -> None:
        nonlocal counter
        index[name] = low[name] = counter
        counter += 1
        stack.append(name)
        on_stack.add(name)
        for target in targets(name):
            if target not in index:
                connect(target)
                low[name] = min(low[name], low[target])
            elif target in on_stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == name:
                    break
            if len(group) > 1:
                out.append(frozenset(group))

    for name in sorted(edges):
        if name not in index:
            connect(name)
    return out
