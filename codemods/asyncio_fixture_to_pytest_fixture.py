"""asyncio-fixture-to-pytest-fixture: in auto mode an async ``@pytest.fixture`` is enough.

    @pytest_asyncio.fixture(scope="module")    →   @pytest.fixture(scope="module")
    async def db(): ...                             async def db(): ...

Every argument is kept. The decorator stays where it means more than ``pytest.fixture``:
with ``loop_scope=`` (``pytest.fixture`` rejects it) and on sync functions (pytest-asyncio
runs those with the event loop set as current).
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edits import apply_statement_edits, with_decorator_callee
from asyncio_migrate.imports import spelling_for
from asyncio_migrate.markers import PYTEST_ASYNCIO_FIXTURE, PYTEST_FIXTURE, fixture_decorator_name
from asyncio_migrate.names import walk_statements


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    targets: list[tuple[cst.FunctionDef, cst.Decorator, object]] = []
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef) or statement.asynchronous is None:
            continue
        for decorator in statement.decorators:
            if fixture_decorator_name(decorator, scope) != PYTEST_ASYNCIO_FIXTURE:
                continue
            call = decorator.decorator if isinstance(decorator.decorator, cst.Call) else None
            if call is not None and any(arg.keyword and arg.keyword.value == "loop_scope" for arg in call.args):
                continue
            targets.append((statement, decorator, scope))
    if not targets:
        return module

    spelling = spelling_for(context.scope, PYTEST_FIXTURE)
    if spelling is None:
        for function, decorator, _ in targets:
            context.report(
                decorator,
                f"left @pytest_asyncio.fixture on {function.name.value}: `pytest` is imported "
                "here only conditionally, or bound to something else, so an `import pytest` "
                "cannot be added or relied on. Use pytest.fixture by hand.",
            )
        return module
    replacement = cst.parse_expression(spelling.expression)
    edits = {}
    for function, decorator, scope in targets:
        if not spelling.usable_in(scope, PYTEST_FIXTURE):  # shadowed in a class body
            context.report(
                decorator,
                f"left @pytest_asyncio.fixture on {function.name.value}: `{spelling.expression}` means "
                "something else in this class. Use pytest.fixture by hand.",
            )
            continue
        edits[id(function)] = lambda node, decorator=decorator: [with_decorator_callee(node, decorator, replacement)]
    if not edits:
        return module
    return spelling.added_to(apply_statement_edits(module, edits), context.scope, context.settings.first_party)


CODEMOD = Codemod(
    id="asyncio-fixture-to-pytest-fixture",
    summary="Turn @pytest_asyncio.fixture into @pytest.fixture on async fixtures without loop_scope.",
    commands=("to-auto",),
    prefilter=(b"pytest_asyncio",),
    transform=transform,
)
