"""other-async-plugins: refuse auto mode where another async test plugin runs tests.

In auto mode pytest-asyncio takes over every async test and async fixture, also those of
anyio, pytest-trio, pytest-tornado and pytest-twisted: an anyio test and its fixture then
run in two different event loops. Each place is a blocker: `to-auto` writes nothing and
exits with status 2 unless `--force` is given.

A plugin's mark counts wherever it is written, not only in decorators and ``pytestmark``:
``pytest.param("trio", marks=pytest.mark.trio)`` in a fixture's params, a mark kept in a
variable; so do plugins loaded by name in ``pytest_plugins``.
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.markers import decorator_marks, read_level
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.analysis.plugins import ANYIO_FIXTURES, FOREIGN_MARKS, requested_anyio_fixtures
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.config.plugin_modes import check_plugin_modes
from asyncio_migrate.results import Severity

CODEMOD_ID = "other-async-plugins"

# Modules whose import or decorators mean tests run by another plugin.
_FOREIGN_MODULES = {"pytest_trio": "pytest-trio", "pytest_twisted": "pytest-twisted", "pytest_tornado": "pytest-tornado"}


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    reported: set[int] = set()  # expressions of the marks reported as decorators or pytestmark

    def block(node: cst.CSTNode, what: str, plugin: str) -> None:
        context.report(
            node,
            f"{what}: {plugin} runs these tests, and in auto mode pytest-asyncio would take them "
            "over too. Move them to pytest-asyncio first, or keep strict mode (use --force to "
            "switch anyway).",
            Severity.BLOCKER,
        )

    mentions_pytestmark = b"pytestmark" in context.source
    for mark in read_level(module.body, context.scope, mentions_pytestmark).marks:
        if mark.name in FOREIGN_MARKS:
            reported.add(id(_callee(mark.expression)))
            block(mark.node, f"pytestmark uses pytest.mark.{mark.name}", FOREIGN_MARKS[mark.name])
    for statement, scope in walk_statements(module.body, context.scope):
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            for mark in decorator_marks(statement.decorators, scope):
                if mark.name in FOREIGN_MARKS:
                    reported.add(id(_callee(mark.expression)))
                    block(mark.node, f"@pytest.mark.{mark.name}", FOREIGN_MARKS[mark.name])
            for decorator in statement.decorators:
                expression = decorator.decorator
                target = expression.func if isinstance(expression, cst.Call) else expression
                qualified = scope.qualified_name(target) or ""
                root = qualified.partition(".")[0]
                if root in _FOREIGN_MODULES or qualified == "tornado.testing.gen_test":
                    block(decorator, f"@{qualified}", _FOREIGN_MODULES.get(root, "tornado"))
        if isinstance(statement, cst.ClassDef):
            for mark in read_level(statement.body.body, scope.scope_of_class(statement), mentions_pytestmark).marks:
                if mark.name in FOREIGN_MARKS:
                    reported.add(id(_callee(mark.expression)))
                    block(mark.node, f"pytestmark uses pytest.mark.{mark.name}", FOREIGN_MARKS[mark.name])
        if isinstance(statement, cst.FunctionDef):
            if statement.name.value in ANYIO_FIXTURES:
                block(statement, f"the {statement.name.value} fixture is defined here", "anyio")
            for name in sorted(requested_anyio_fixtures(statement)):
                block(statement, f"{statement.name.value} uses the {name} fixture", "anyio")
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                for alias in _imported_modules(small):
                    if alias in _FOREIGN_MODULES:
                        block(statement, f"imports {alias}", _FOREIGN_MODULES[alias])
                for plugin_module, plugin in _plugins_loaded(small, scope):
                    block(small, f"pytest_plugins loads {plugin_module}", plugin)
    # Anywhere else: pytest.param(..., marks=pytest.mark.trio), a mark kept in a variable.
    finder = _MarkFinder(context.scope, reported)
    module.visit(finder)
    for node, name in finder.found:
        block(node, f"pytest.mark.{name} is used here", FOREIGN_MARKS[name])
    return module


def _callee(expression: cst.BaseExpression) -> cst.BaseExpression:
    return expression.func if isinstance(expression, cst.Call) else expression


class _MarkFinder(cst.CSTVisitor):
    """Every expression naming another plugin's mark, resolved through the module's imports."""

    def __init__(self, scope: Scope, reported: set[int]) -> None:
        super().__init__()
        self.scope = scope
        self.reported = reported
        self.found: list[tuple[cst.CSTNode, str]] = []

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        name = node.attr.value
        if name in FOREIGN_MARKS and id(node) not in self.reported and self.scope.qualified_name(node) == f"pytest.mark.{name}":
            self.found.append((node, name))
        return True


def _plugins_loaded(small: cst.BaseSmallStatement, scope: Scope) -> list[tuple[str, str]]:
    """Other async test plugins named in a module-level ``pytest_plugins = ...``."""
    if scope.parent is not None or not isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
        return []
    targets = [target.target for target in small.targets] if isinstance(small, cst.Assign) else [small.target]
    if not any(isinstance(target, cst.Name) and target.value == "pytest_plugins" for target in targets):
        return []
    value = small.value
    strings = value.elements if isinstance(value, (cst.List, cst.Tuple)) else [value]
    found = []
    for element in strings:
        expression = element.value if isinstance(element, cst.BaseElement) else element
        text = expression.evaluated_value if isinstance(expression, cst.SimpleString) else None
        if not isinstance(text, str):
            continue
        root = text.partition(".")[0]
        if root in _FOREIGN_MODULES:
            found.append((text, _FOREIGN_MODULES[root]))
        elif root == "anyio":
            found.append((text, "anyio"))
    return found


def _imported_modules(small: cst.BaseSmallStatement) -> list[str]:
    if isinstance(small, cst.Import):
        return [cst.Module([]).code_for_node(alias.name).partition(".")[0] for alias in small.names]
    if isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative:
        return [cst.Module([]).code_for_node(small.module).partition(".")[0]]
    return []


CODEMOD = Codemod(
    id=CODEMOD_ID,
    summary="Refuse auto mode where anyio, pytest-trio, pytest-tornado or pytest-twisted run tests.",
    commands=("to-auto",),
    prefilter=(b"anyio", b"trio", b"gen_test", b"twisted", b"tornado"),
    transform=transform,
    check_config=check_plugin_modes,
)
