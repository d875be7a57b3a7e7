"""The code's shape, checked from its syntax tree: no import cycles (function-level imports included),
click only in the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "transloc"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that runs at some point: module level and inside functions, not the
    ``if TYPE_CHECKING:`` blocks (those never run)."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _resolve(name: str, node: ast.ImportFrom) -> str:
    """Absolute module name of a ``from`` import (``from ..glossary import x`` inside ``transloc.checks.y``)."""
    if not node.level:
        return node.module or ""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imported_modules(name: str) -> set[str]:
    """The transloc modules ``name`` imports (a name imported from a package counts as the submodule
    when there is one of that name, else as the package)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in _runtime_imports(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
            continue
        base = _resolve(name, node)
        for alias in node.names:
            candidate = f"{base}.{alias.name}"
            out.add(candidate if candidate in MODULES else base)
    return {m for m in out if m in MODULES and m != name}


def graph() -> dict[str, set[str]]:
    return {name: imported_modules(name) for name in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_checker_finds_a_cycle_hidden_in_a_function() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
    tree = ast.parse("def f():\n    from . import b\nif TYPE_CHECKING:\n    import c\n")
    assert [type(n).__name__ for n in _runtime_imports(tree)] == ["ImportFrom"]


def test_the_graph_sees_relative_and_function_level_imports() -> None:
    assert "transloc.glossary" in graph()["transloc.checks.glossary"]  # a function-level import
    assert "transloc.placeholders" in graph()["transloc.mt.tags"]


def test_import_graph_has_no_cycles() -> None:
    assert cycles(graph()) == []


def test_only_the_cli_imports_click() -> None:
    offenders = []
    for name, path in MODULES.items():
        if name == "transloc.cli" or name.startswith("transloc.cli."):
            continue
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(n == "click" or n.startswith("click.") for n in names):
                offenders.append(name)
    assert offenders == []


def test_no_module_shadows_a_name_of_the_public_api() -> None:
    """Importing ``transloc.build`` (say) would replace the function ``transloc.build`` with the module."""
    import transloc

    clashes = [n for n in transloc.__all__ if (PACKAGE / f"{n}.py").exists() or (PACKAGE / n).is_dir()]
    assert clashes == []
    for name in MODULES:
        if not name.endswith("__main__"):  # that one runs the command
            __import__(name)
    assert all(callable(getattr(transloc, n)) for n in ("extract", "translate", "build", "status"))
    assert not any(type(getattr(transloc, n)).__name__ == "module" for n in transloc.__all__)


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def oversized(source: str, name: str) -> list[str]:
    """``name`` if it has more than MAX_MODULE_LINES lines, and each function (methods and nested ones
    included; decorators not counted) longer than MAX_FUNCTION_LINES."""
    found = []
    if len(source.splitlines()) > MAX_MODULE_LINES:
        found.append(f"{name}: {len(source.splitlines())} lines")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(f"{name}:{node.lineno}: {node.name}() has {length} lines")
    return found


def test_the_size_check_measures_modules_and_functions() -> None:
    body = "\n".join(f"    x = {i}" for i in range(MAX_FUNCTION_LINES))
    assert oversized(f"def f():\n{body}\n", "m") == ["m:1: f() has 61 lines"]
    assert oversized(f"@decorator\ndef f():\n{body[: body.rindex(chr(10))]}\n", "m") == []
    assert oversized("x = 1\n" * (MAX_MODULE_LINES + 1), "m") == [f"m: {MAX_MODULE_LINES + 1} lines"]


def test_no_module_over_400_lines_no_function_over_60() -> None:
    found = [line for name, path in MODULES.items() for line in oversized(path.read_text(encoding="utf-8"), name)]
    assert found == []
