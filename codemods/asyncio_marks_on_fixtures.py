"""asyncio-marks-on-fixtures: take asyncio marks off fixtures, where they never did anything.

    @pytest.fixture                              →   @pytest_asyncio.fixture    (strict mode; else kept)
    @pytest.mark.asyncio(loop_scope="module")    →   (removed)
    async def server(): ...                          async def server(): ...

pytest 9 refuses marks on fixtures ("Marks cannot be applied to fixtures": the module does
not import). They never had an effect: pytest does not apply marks to fixtures, and no
pytest-asyncio release reads them (0.21 ran an async fixture in the ``event_loop`` fixture,
0.23 in the loop of its fixture scope, 1.x in its ``loop_scope``), so removing one keeps
behaviour, its ``loop_scope=``/``scope=`` included; the report says where such a scope was
meant for the fixture. In strict mode an async ``@pytest.fixture`` that carried the mark was
never run by pytest-asyncio (and pytest 9 fails it): it becomes ``@pytest_asyncio.fixture``,
unless anyio runs it. Legacy mode ran every async fixture, like auto mode.
"""

from __future__ import annotations

import re

import libcst as cst

from asyncio_migrate.analysis.markers import (
    PYTEST_ASYNCIO_FIXTURE,
    PYTEST_FIXTURE,
    Mark,
    asyncio_marks_on_fixture,
    fixture_decorator_name,
    is_fixture,
    read_level,
    read_mark,
)
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.analysis.plugins import requested_anyio_fixtures
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.retarget import Target, retarget_decorators
from asyncio_migrate.edit.statements import apply_statement_edits, without_decorators
from asyncio_migrate.results import Severity


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    aliases = _asyncio_mark_aliases(module, context)
    marked = [
        (statement, scope, marks)
        for statement, scope in walk_statements(module.body, context.scope)
        if isinstance(statement, cst.FunctionDef)
        and (marks := [*asyncio_marks_on_fixture(statement, scope), *_aliased_marks(statement, scope, aliases)])
    ]
    if not marked:
        return module
    context.announce_module_tests(module)  # pytest 9 could not import it
    to_retarget: list[Target] = []
    for function, scope, marks in marked:
        for mark in marks:
            context.report(mark.node, _removal_message(function, mark), Severity.INFO)
        decorator = _skipped_by_strict_mode(function, scope, module, context)
        if decorator is not None:
            to_retarget.append((function, decorator, scope))
    module = retarget_decorators(module, context, to_retarget, PYTEST_ASYNCIO_FIXTURE, "pytest.fixture")

    # Retargeting rebuilt those functions with their other decorators as they were: the marks
    # are found again by identity.
    doomed = {id(mark.node): function for function, _, marks in marked for mark in marks}
    retargeted = {id(function): decorator for function, decorator, _ in to_retarget}

    def without_marks(node: cst.BaseStatement) -> list[cst.BaseStatement]:
        assert isinstance(node, cst.FunctionDef)
        return [without_decorators(node, [decorator for decorator in node.decorators if id(decorator) in doomed])]

    edits = {}
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef):
            continue
        original = next((doomed[id(d)] for d in statement.decorators if id(d) in doomed), None)
        if original is None:
            continue
        edits[id(statement)] = without_marks
        if id(original) in retargeted and _decorated_by(statement, scope, PYTEST_ASYNCIO_FIXTURE):
            context.report(
                retargeted[id(original)],
                f"{original.name.value} is async: strict mode never ran it (the asyncio mark did not make it an "
                "asyncio fixture; its requesters got an un-run coroutine or async generator) and pytest 9 fails it. It is now "
                "pytest_asyncio.fixture: its requesters get what it returns or yields.",
                Severity.INFO,
            )
    return apply_statement_edits(module, edits)


def _asyncio_mark_aliases(module: cst.Module, context: FileContext) -> dict[str, Mark]:
    """Module-level names bound once, and only, to an asyncio mark (``asyncio_mark = pytest.mark.asyncio``)."""
    assigned: dict[str, list[cst.BaseExpression]] = {}
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                assigned.setdefault(small.targets[0].target.value, []).append(small.value)
    aliases = {}
    for name, values in assigned.items():
        mark = read_mark(values[0], values[0], context.scope) if len(values) == 1 else None
        if mark is None or not mark.is_asyncio or not _bound_only_by_assignment(context, name):
            continue
        aliases[name] = mark
    return aliases


def _bound_only_by_assignment(context: FileContext, name: str) -> bool:
    """No import, def, class, ``global`` or loop binds ``name`` at module level besides one assignment."""
    symbol = context.scope.table.lookup(name)
    if symbol.is_imported() or symbol.is_namespace() or re.search(rb"\bglobal\b[^\n]*\b" + name.encode() + rb"\b", context.source):
        return False
    binders = re.findall(rb"(?m)^(?:for|with|async|import|from|def|class)\b[^\n]*\b" + name.encode() + rb"\b", context.source)
    return not binders


def _aliased_marks(function: cst.FunctionDef, scope: Scope, aliases: dict[str, Mark]) -> list[Mark]:
    """The asyncio marks applied to a fixture through a module-level alias (``@asyncio_mark``)."""
    if not aliases or not is_fixture(function.decorators, scope):
        return []
    return [
        Mark(decorator, decorator.decorator, "asyncio", aliases[decorator.decorator.value].arguments)
        for decorator in function.decorators
        if isinstance(decorator.decorator, cst.Name) and decorator.decorator.value in aliases
        and not scope.bound_in_class(decorator.decorator.value)
    ]


def _removal_message(function: cst.FunctionDef, mark: Mark) -> str:
    message = (
        f"removed the asyncio mark on fixture {function.name.value}: marks cannot be applied to fixtures "
        "(an error since pytest 9)"
    )
    loop_scope = mark.keyword("loop_scope") or mark.keyword("scope")
    if loop_scope is None and mark.arguments and mark.arguments[0].keyword is None:
        loop_scope = mark.arguments[0]
    if loop_scope is None or function.asynchronous is None:
        return message
    value = cst.Module([]).code_for_node(loop_scope.value)
    return (
        f"{message}. Its loop scope {value} never applied: pytest-asyncio does not read marks on fixtures. "
        f"To run the fixture in that loop, decorate it @pytest_asyncio.fixture(loop_scope={value}, ...)."
    )


def _skipped_by_strict_mode(
    function: cst.FunctionDef, scope: Scope, module: cst.Module, context: FileContext
) -> cst.Decorator | None:
    """The ``@pytest.fixture`` of an async fixture strict mode did not run (and anyio does not)."""
    if context.settings.mode != "strict" or function.asynchronous is None or requested_anyio_fixtures(function):
        return None
    decorator = next((d for d in function.decorators if fixture_decorator_name(d, scope) == PYTEST_FIXTURE), None)
    if decorator is None:
        return None
    module_level = read_level(module.body, context.scope, b"pytestmark" in context.source)
    return None if any(mark.name == "anyio" for mark in module_level.marks) else decorator


def _decorated_by(function: cst.FunctionDef, scope: Scope, qualified: str) -> bool:
    return any(fixture_decorator_name(decorator, scope) == qualified for decorator in function.decorators)


CODEMOD = Codemod(
    id="asyncio-marks-on-fixtures",
    summary="Remove asyncio marks from fixtures (an error since pytest 9); in strict mode an async "
    "@pytest.fixture that had one becomes pytest_asyncio.fixture.",
    commands=("upgrade",),
    prefilter=(b"mark",),
    transform=transform,
)
