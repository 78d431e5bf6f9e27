"""Every module under ``app/`` and ``sync/`` imports only from its own layer and those below.

    app.ledger  ←  app.store  ←  app.reports, app.io, app.demo  ←  app.errors  ←  app.ui, app.cli
                        ↖  sync.client  ←  (app.errors, app.ui, app.cli)
    sync.wire  ←  sync.server

Qt (PySide6) is imported under ``app/ui`` only. ``app.resources`` (where the shipped files live)
and the bare ``app`` package (its version) use the standard library only, so any layer may import
them. ``app.dev`` runs before anything is installed: standard library only.

Decisions the rules encode:

* Every import counts, wherever it is written: at module level, inside a function (a lazy
  import is still a dependency, it only runs later) and under ``if TYPE_CHECKING:`` (the
  annotations name the other layer's types). The only exceptions are ``KNOWN_EXCEPTIONS`` below,
  each lazy (inside a function), each with its reason; one that is no longer needed fails the
  test so the list cannot go stale.
* ``app.reports`` and ``app.io`` are siblings: both read the books through the store, neither
  imports the other (none does today).
* ``sync.client`` reaches the books through ``app.store`` only, never ``app.ledger`` directly
  (it does not today), never Qt or ``app.ui``.
* ``app.errors``, the one list of errors written for the user, sits above everything it names
  (``app.io``'s and the sync client's errors included) and below ``app.cli`` and ``app.ui``.
* ``app.cli`` and ``app.ui`` are both on top and do not import each other.
* Inside ``app.store`` the imports form no cycle, lazy ones included: ``Books`` sits above the
  modules that do its work, which take a cursor and never import it back.

A module of ours that no rule places fails the test: decide its layer and add it to ``LAYERS``.
"""

from __future__ import annotations

import ast
import itertools
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "sync")
QT = ("PySide6", "shiboken6")
BASE = ("app", "app.resources")
"""Standard library only; every layer may import them (``app`` exact: the package's version)."""


@dataclass(frozen=True)
class Layer:
    prefix: str
    may_import: tuple[str, ...]
    rule: str
    qt: bool = False
    stdlib_only: bool = False


LAYERS = (
    Layer("app.ledger", ("app.ledger",),
          "app.ledger (the domain) imports nothing of ours above it"),
    Layer("app.store", ("app.ledger", "app.store"),
          "app.store imports only app.ledger"),
    Layer("app.reports", ("app.ledger", "app.store", "app.reports"),
          "app.reports imports only app.ledger and app.store (not app.io, its sibling)"),
    Layer("app.io", ("app.ledger", "app.store", "app.io"),
          "app.io imports only app.ledger and app.store (not app.reports, its sibling)"),
    Layer("app.demo", ("app.ledger", "app.store"),
          "app.demo (the demo company) imports only app.ledger and app.store"),
    Layer("app.errors", ("app.ledger", "app.store", "app.io", "sync.client"),
          "app.errors (the shared user errors) imports only the layers whose errors it lists"),
    Layer("app.ui", ("app.ledger", "app.store", "app.reports", "app.io", "app.demo",
                     "app.errors", "app.ui", "sync.client", "sync.wire"),
          "app.ui imports anything below it, never app.cli or sync.server", qt=True),
    Layer("app.cli", ("app.ledger", "app.store", "app.reports", "app.io", "app.demo",
                      "app.errors", "app.cli", "sync.client", "sync.wire"),
          "app.cli imports anything below it, never app.ui (nor Qt) or sync.server"),
    Layer("app.__main__", ("app.ui",),
          "app.__main__ starts the desktop and imports nothing else of ours"),
    Layer("app.resources", (), "app.resources imports nothing of ours"),
    Layer("app.dev", (), "app.dev runs before anything is installed: standard library only",
          stdlib_only=True),
    Layer("app", (), "the app package itself imports nothing of ours"),
    Layer("sync.wire", ("sync.wire",),
          "sync.wire (the protocol) imports nothing of ours but itself"),
    Layer("sync.server", ("sync.wire", "sync.server"),
          "sync.server imports only sync.wire"),
    Layer("sync.client", ("sync.wire", "sync.client", "app.store"),
          "sync.client imports only sync.wire and app.store (no Qt, no app.ui)"),
    Layer("sync", (), "the sync package itself imports nothing of ours"),
)


@dataclass(frozen=True)
class KnownException:
    path: str
    target: str
    reason: str


KNOWN_EXCEPTIONS = (
    KnownException("app/cli/main.py", "app.ui.screenshots",
               "`daftar screenshots` renders the desktop's own screens; imported inside the "
               "command so every other command runs where Qt is not installed"),
    KnownException("app/cli/printing.py", "PySide6",
               "`daftar print` writes its PDF with Qt's fonts and layout; imported inside the "
               "command, for the same reason"),
    KnownException("app/cli/printing.py", "app.ui",
               "`daftar print` prints the desktop's legal printout (app.ui.reports.legal_print, "
               "with app.ui.kit.i18n and app.ui.kit.fmt); imported inside the command"),
)
"""Lazy imports that break a rule on purpose. Each must stay inside a function."""


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    target: str
    lazy: bool


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p
            for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


MODULES = _modules()


def _imports(path: Path) -> list[Import]:
    return _imports_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)),
                       _module_name(path), path.name == "__init__.py")


def _imports_in(source: str, rel: str, module: str, is_package: bool) -> list[Import]:
    """Every import in ``source``, ``from x import y`` naming the submodule ``x.y`` when it is
    one; ``lazy`` when it is inside a function."""
    package = module if is_package else module.rpartition(".")[0]
    tree = ast.parse(source, rel)
    lazy_nodes = {id(n) for f in ast.walk(tree)
                  if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                  for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        lazy = id(node) in lazy_nodes
        if isinstance(node, ast.Import):
            found += [Import(rel, node.lineno, a.name, lazy) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                source_module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source_module = node.module or ""
            for alias in node.names:
                sub = f"{source_module}.{alias.name}"
                found.append(Import(rel, node.lineno, sub if sub in MODULES else source_module,
                                    lazy))
    return found


def _layer(module: str) -> Layer | None:
    placed = [layer for layer in LAYERS if _within(module, layer.prefix)]
    return max(placed, key=lambda layer: len(layer.prefix), default=None)


def _broken_rule(layer: Layer, target: str) -> bool:
    top = target.partition(".")[0]
    if layer.stdlib_only:
        return top not in sys.stdlib_module_names and top != "__future__"
    if top in QT:
        return not layer.qt
    if top not in PACKAGES or target in BASE:
        return False
    return not any(_within(target, allowed) for allowed in layer.may_import)


def _excepted(imp: Import) -> KnownException | None:
    return next((e for e in KNOWN_EXCEPTIONS
                 if e.path == imp.path and _within(imp.target, e.target)), None)


def test_every_module_has_a_layer() -> None:
    unplaced = [f"{path.relative_to(ROOT)}: no layer in tests/test_layers.py LAYERS places "
                f"{module}" for module, path in MODULES.items() if _layer(module) is None]
    assert not unplaced, "\n".join(unplaced)


def test_no_layer_imports_upward() -> None:
    broken, used = [], set()
    for module, path in MODULES.items():
        layer = _layer(module)
        if layer is None:
            continue
        for imp in _imports(path):
            if not _broken_rule(layer, imp.target):
                continue
            excepted = _excepted(imp)
            if excepted is not None and imp.lazy:
                used.add(excepted)
                continue
            note = " (a known exception, but only inside a function)" if excepted else ""
            broken.append(f"{imp.path}:{imp.line}: imports {imp.target}: {layer.rule}{note}")
    stale = [f"{e.path}: no longer imports {e.target}; remove it from KNOWN_EXCEPTIONS"
             for e in KNOWN_EXCEPTIONS if e not in used]
    assert not broken + stale, "\n".join(broken + stale)


@pytest.mark.parametrize(("layer", "target", "broken"), [
    ("app.ledger", "app.store.books", True),
    ("app.store", "app.reports.balances", True),
    ("app.store", "app.ledger.model", False),
    ("app.reports", "app.io.csv_journal", True),
    ("app.io", "PySide6.QtCore", True),
    ("app.ui", "PySide6.QtCore", False),
    ("app.ui", "app.cli.commands", True),
    ("app.cli", "app.ui.kit.fmt", True),
    ("sync.server", "app.store.books", True),
    ("sync.server", "sync.wire.errors", False),
    ("sync.client", "app.ui.cloud.link", True),
    ("sync.client", "app.store.keys", False),
    ("app.store", "app.resources", False),
    ("app.dev", "sqlalchemy", True),
])
def test_the_rules_catch_what_they_should(layer: str, target: str, broken: bool) -> None:
    found = _layer(f"{layer}.some_module") or _layer(layer)
    assert found is not None
    assert _broken_rule(found, target) is broken


def test_lazy_relative_and_type_checking_imports_count() -> None:
    source = ("from typing import TYPE_CHECKING\n"
              "if TYPE_CHECKING:\n    from app.ui.kit import session\n"
              "def f():\n    import PySide6.QtCore\n"
              "from .. import store\n")
    found = [(i.line, i.target, i.lazy)
             for i in _imports_in(source, "app/ledger/probe.py", "app.ledger.probe", False)]
    assert sorted(found) == [(1, "typing", False), (3, "app.ui.kit.session", False),
                             (5, "PySide6.QtCore", True), (6, "app.store", False)]


NO_CYCLES = ("app.store", "app.ui", "app.reports", "app.io", "app.cli", "sync")
"""Packages whose modules may not import one another in a circle."""


def _cycles(graph: Mapping[str, Mapping[str, Import]]) -> list[list[str]]:
    """One cycle (its modules in import order, the first repeated last) per strongly connected
    group of ``graph`` (module → imported module → the import), a module importing itself
    included; none when the graph is acyclic."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm; the graph is a few dozen modules
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in graph.get(module, {}):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = {stack.pop()}
            while module not in group:
                group.add(stack.pop())
            groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [_shortest_cycle(graph, group) for group in groups
            if len(group) > 1 or next(iter(group)) in graph.get(next(iter(group)), {})]


def _shortest_cycle(graph: Mapping[str, Mapping[str, Import]], group: set[str]) -> list[str]:
    """The shortest cycle through the first module of a strongly connected ``group``."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        module = frontier.pop(0)
        for target in sorted(graph.get(module, {})):
            if target == start:
                return [*paths[module], start]
            if target in group and target not in paths:
                paths[target] = [*paths[module], target]
                frontier.append(target)
    raise AssertionError(f"{sorted(group)} is not strongly connected")


def _import_graph(package: str) -> dict[str, dict[str, Import]]:
    """Module → the modules of ``package`` it imports, each with its first import statement."""
    graph: dict[str, dict[str, Import]] = {}
    for module, path in MODULES.items():
        if _within(module, package):
            edges = graph.setdefault(module, {})
            for imp in _imports(path):
                if _within(imp.target, package):
                    edges.setdefault(imp.target, imp)
    return graph


def test_the_store_imports_form_no_cycle() -> None:
    """No module of ``app.store`` imports, through any chain, a module that imports it back.

    ``Books`` is the facade over the store: it opens the transactions and hands a cursor to the
    modules that do the work (``reference``, ``entries``, ``closing``, ``bulk``...). When those
    modules imported names back from ``books.py``, every call had to import lazily inside a
    method to dodge a half-initialised module, the order of the layers could no longer be read
    from the imports, and a helper could not be used or tested without the facade. Imports inside
    functions and under ``TYPE_CHECKING`` count too: moving an import into a function hides the
    cycle from the interpreter, not the dependency from the reader. Nothing is allowed; a cycle
    is broken by moving the shared code down into the lower module.
    """
    found = []
    for package in NO_CYCLES:
        graph = _import_graph(package)
        for cycle in _cycles(graph):
            steps = [f"{graph[a][b].path}:{graph[a][b].line}: {a} imports {b}"
                     for a, b in itertools.pairwise(cycle)]
            found.append("import cycle " + " → ".join(cycle) + "\n  " + "\n  ".join(steps))
    assert not found, "\n".join(found)


def test_cycles_are_found_through_any_chain() -> None:
    def imp(target: str) -> Import:
        return Import("probe.py", 1, target, lazy=True)

    graph = {"a": {"b": imp("b")}, "b": {"c": imp("c")}, "c": {"a": imp("a")},
             "d": {"a": imp("a"), "d": imp("d")}, "e": {"a": imp("a")}}
    assert sorted(_cycles(graph)) == [["a", "b", "c", "a"], ["d", "d"]]
    assert _cycles({"a": {"b": imp("b")}, "b": {}, "c": {"a": imp("a"), "b": imp("b")}}) == []


SQL_ABOVE_STORE = ("app.reports", "app.io", "app.ui", "app.cli", "app.demo", "app.errors")
"""Layers that reach the company file through ``Books`` and the store's functions only."""


def test_no_sql_above_the_store() -> None:
    """Only ``app.store`` writes SQL against the company file: a query written in a report, an
    importer or a window bypasses the store's rules (what is posted, what à-nouveaux open a
    year) and breaks silently when the schema moves. ``execute`` called anywhere above the store
    fails here; the read belongs in a store function that takes a cursor."""
    found = []
    for module, path in _modules().items():
        if not any(_within(module, layer) for layer in SQL_ABOVE_STORE):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "executemany", "executescript")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "SQL above the store:\n" + "\n".join(found)
