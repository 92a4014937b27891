"""Point decorators at another callable (``@pytest.fixture`` ↔ ``@pytest_asyncio.fixture``)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from asyncio_migrate.analysis.markers import PYTEST_FIXTURE, fixture_decorator_name, read_level
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.analysis.plugins import requested_anyio_fixtures
from asyncio_migrate.codemod import FileContext
from asyncio_migrate.edit.imports import spelling_for
from asyncio_migrate.edit.statements import apply_statement_edits, with_decorator_callee

# A decorated function, one of its decorators, and the scope the decorator runs in.
Target = tuple[cst.FunctionDef, cst.Decorator, Scope]


def retarget_decorators(
    module: cst.Module, context: FileContext, targets: Sequence[Target], qualified: str, old_name: str
) -> cst.Module:
    """``module`` with each target decorator calling ``qualified`` instead, arguments kept.

    The new name is spelled through an existing import or alias, else its import is added
    once the edits are made. Where that cannot be done safely (the name is bound to
    something else, or shadowed in a class body) the decorator stays and is reported.
    """
    if not targets:
        return module
    spelling = spelling_for(context.scope, qualified)
    replacement = cst.parse_expression(spelling.expression) if spelling is not None else None
    edits = {}
    for function, decorator, scope in targets:
        if spelling is None or not spelling.usable_in(scope, qualified):
            context.report(
                decorator,
                f"left @{old_name} on {function.name.value}: `{qualified.partition('.')[0]}` is imported here "
                f"only conditionally, or means something else here, so {qualified} cannot be written "
                f"safely. Use {qualified} by hand.",
            )
            continue
        edits[id(function)] = lambda node, decorator=decorator: [with_decorator_callee(node, decorator, replacement)]
    if not edits:
        return module
    assert spelling is not None
    return spelling.added_to(apply_statement_edits(module, edits), context.scope, context.settings.first_party)


def async_pytest_fixtures(module: cst.Module, context: FileContext) -> list[Target] | None:
    """The ``@pytest.fixture`` decorators of async fixtures that pytest-asyncio, not anyio, is to run;
    None when anyio runs the whole module (it is marked ``anyio``)."""
    module_level = read_level(module.body, context.scope, b"pytestmark" in context.source)
    if any(mark.name == "anyio" for mark in module_level.marks):
        return None
    return [
        (statement, decorator, scope)
        for statement, scope in walk_statements(module.body, context.scope)
        if isinstance(statement, cst.FunctionDef) and statement.asynchronous is not None
        and not requested_anyio_fixtures(statement)
        for decorator in statement.decorators
        if fixture_decorator_name(decorator, scope) == PYTEST_FIXTURE
    ]  # fmt: skip
