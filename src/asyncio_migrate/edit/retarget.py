"""Point decorators at another callable (``@pytest.fixture`` ↔ ``@pytest_asyncio.fixture``)."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from asyncio_migrate.analysis.names import Scope
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
