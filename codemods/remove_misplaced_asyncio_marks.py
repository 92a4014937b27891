"""remove-misplaced-asyncio-marks: asyncio marks where pytest or pytest-asyncio reject them.

    @pytest.mark.asyncio          →   (removed)
    @pytest_asyncio.fixture           @pytest_asyncio.fixture
    async def db(): ...               async def db(): ...

A mark on a fixture is an error since pytest 9 ("Marks cannot be applied to fixtures"); an
asyncio mark on a sync test makes pytest-asyncio warn, which ``filterwarnings = error``
turns into a failure. Both go. A class or module mark that also covers sync tests is
reported: move it onto the async tests by hand (or let add-asyncio-marks do it).
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.markers import Mark, asyncio_marks_on_fixture, decorator_marks
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.statements import apply_statement_edits, without_decorators
from asyncio_migrate.results import Severity


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    edits = {}
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef):
            continue
        name = statement.name.value
        if asyncio_marks := asyncio_marks_on_fixture(statement, scope):
            why = f"fixture {name}: marks cannot be applied to fixtures (an error since pytest 9)"
        elif asyncio_marks := _asyncio_marks_on_sync_test(statement, scope, context):
            why = f"sync test {name}: pytest-asyncio warns about it"
            # Its outcome may change: the warning failed it under filterwarnings = error.
            for test in context.markers(module).tests:
                if test.node is statement:
                    context.announce_test(test.qualified_name)
        else:
            continue
        for mark in asyncio_marks:
            context.report(mark.node, f"removed the asyncio mark on {why}", Severity.INFO)
        decorators = [mark.node for mark in asyncio_marks]
        edits[id(statement)] = lambda node, decorators=decorators: [without_decorators(node, decorators)]
    if context.is_test_file:
        _report_wide_marks_over_sync_tests(module, context)
    return apply_statement_edits(module, edits)


def _asyncio_marks_on_sync_test(function: cst.FunctionDef, scope: Scope, context: FileContext) -> list[Mark]:
    """The asyncio marks on ``function`` if it is a sync test function (by its name) of a test file."""
    if function.asynchronous is not None or not context.is_test_file:
        return []
    if not context.settings.rules.is_test_function(function.name.value):
        return []
    return [mark for mark in decorator_marks(function.decorators, scope) if mark.is_asyncio]


def _report_wide_marks_over_sync_tests(module: cst.Module, context: FileContext) -> None:
    model = context.markers(module)
    for holder, what in [(None, "module"), *((cls, f"class {cls.node.name.value}") for cls in model.classes)]:
        marks = model.module_level.marks if holder is None else holder.own_marks()
        asyncio_marks = [mark for mark in marks if mark.is_asyncio]
        if not asyncio_marks:
            continue
        sync_tests = sorted({test.node.name.value for test in model.tests_under(holder) if not test.is_async})
        if sync_tests:
            context.report(
                asyncio_marks[0].node,
                f"the asyncio mark of the {what} also covers sync tests ({', '.join(sync_tests)}), which "
                "pytest-asyncio warns about. Move it onto the async tests by hand.",
            )


CODEMOD = Codemod(
    id="remove-misplaced-asyncio-marks",
    # The report reads the marks as the user wrote them.
    runs_after=("hidden-async-tests",),
    summary="Remove asyncio marks from fixtures (an error since pytest 9) and from sync tests.",
    commands=("to-strict",),
    prefilter=(b"asyncio",),
    transform=transform,
)
