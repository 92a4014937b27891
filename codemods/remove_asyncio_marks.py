"""remove-asyncio-marks: drop the asyncio marks auto mode makes redundant.

    @pytest.mark.asyncio                 →   (removed)
    async def test_a(): ...                  async def test_a(): ...

    pytestmark = [pytest.mark.asyncio, pytest.mark.slow]   →   pytestmark = [pytest.mark.slow]

A mark stays when it carries information (``loop_scope`` other than the default,
``scope``, ``loop_factories``), and also when it is bare but removing it would let
another, farther asyncio mark decide the test's loop (pytest-asyncio uses the closest mark
and ignores the rest): a bare mark under ``pytestmark = pytest.mark.asyncio(loop_scope="module")``
keeps its test in a function-scoped loop, so it stays.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from asyncio_migrate.analysis.markers import Level, Mark, TestInfo
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.statements import apply_statement_edits, element_comment, without_decorators, without_elements
from asyncio_migrate.results import Severity


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    model = context.markers(module)
    removed: set[Mark] = set()  # marks hash by identity
    reported: set[int] = set()  # marks already explained (an inherited test is met once per class)

    def removable(mark: Mark, tests: list[TestInfo], what: str) -> bool:
        """Whether ``mark`` can go too, given every mark already chosen to go."""
        if not mark.is_asyncio or mark.carries_information(model.default_loop_scope):
            return False
        removed.add(mark)
        if not model.removal_keeps_settings(removed, tests):
            removed.discard(mark)
            if id(mark) in reported:
                return False
            reported.add(id(mark))
            context.report(
                mark.node,
                f"kept this asyncio mark on {what}: without it a farther asyncio mark, or one "
                "that cannot be read statically, would decide the loop of its tests. Remove it by "
                "hand once every enclosing asyncio mark has the same arguments.",
                Severity.INFO,
            )
            return False
        return True

    # Innermost first: when not every mark can go, keeping one class or module mark is a
    # smaller diff than keeping one mark per test.
    async_tests = [test for test in model.tests if test.is_async]
    decorators_to_drop: dict[int, list[cst.Decorator]] = {}  # by id() of the def / class
    # An inherited method is one test per class that collects it.
    collected_as: dict[int, list[TestInfo]] = {}
    for test in async_tests:
        collected_as.setdefault(id(test.node), []).append(test)
    for test in async_tests:
        if id(test.node) in decorators_to_drop:
            continue
        what = f"test {test.node.name.value}"
        doomed = [mark.node for mark in test.marks if removable(mark, collected_as[id(test.node)], what)]
        if doomed:
            decorators_to_drop[id(test.node)] = doomed

    holder_edits: dict[int, list[Mark]] = {}  # by id() of the pytestmark statement
    for cls in model.classes:
        if not cls.is_collected or cls.is_unittest:
            continue
        tests = [test for test in model.tests_under(cls) if test.is_async]
        what = f"class {cls.node.name.value}"
        doomed = [mark.node for mark in cls.decorator_marks if removable(mark, tests, what)]
        if doomed:
            decorators_to_drop[id(cls.node)] = doomed
        _plan_level(cls.level, tests, removable, what, holder_edits, context)
    if context.is_test_file:
        _plan_level(model.module_level, async_tests, removable, "the module", holder_edits, context)

    edits = {}
    for node_id, decorators in decorators_to_drop.items():
        edits[node_id] = lambda node, decorators=decorators: [without_decorators(node, decorators)]
    for statement_id, marks in holder_edits.items():
        edits[statement_id] = lambda statement, marks=marks: _without_marks(statement, marks)
    return apply_statement_edits(module, edits)


def _plan_level(
    level: Level,
    tests: list[TestInfo],
    removable: Callable[[Mark, list[TestInfo], str], bool],
    what: str,
    holder_edits: dict[int, list[Mark]],
    context: FileContext,
) -> None:
    holder = level.holder
    if holder is None:
        return
    if level.unknown_reason:
        if any(mark.is_asyncio for mark in holder.marks):
            context.report(
                holder.statement,
                f"left pytestmark of {what} as it is: {level.unknown_reason}. Remove a bare "
                "asyncio mark from it by hand if no test depends on it.",
            )
        return
    doomed = []
    for mark in holder.marks:
        if isinstance(mark.node, cst.BaseElement) and element_comment(mark.node):
            if mark.is_asyncio and not mark.carries_information(context.settings.default_test_loop_scope):
                context.report(
                    mark.node,
                    f"kept the asyncio mark in pytestmark of {what}: a comment follows it. "
                    "Remove it by hand, keeping the comment where it belongs.",
                    Severity.INFO,
                )
            continue
        if removable(mark, tests, what):
            doomed.append(mark)
    if doomed:
        holder_edits[id(holder.statement)] = doomed


def _without_marks(statement: cst.BaseStatement, marks: list[Mark]) -> list[cst.BaseStatement]:
    """The pytestmark statement without ``marks``; no statement when nothing is left."""
    assert isinstance(statement, cst.SimpleStatementLine)
    assignment = statement.body[0]
    assert isinstance(assignment, (cst.Assign, cst.AnnAssign))
    value = assignment.value
    if isinstance(value, (cst.List, cst.Tuple)):
        remaining = without_elements(value, [mark.node for mark in marks])
        if remaining is None:
            return []
        return [statement.with_changes(body=[assignment.with_changes(value=remaining)])]
    return []  # the value was the one mark


CODEMOD = Codemod(
    id="remove-asyncio-marks",
    # The reports read the marks as the user wrote them.
    runs_after=("other-async-plugins", "unmarked-async-tests"),
    summary="Remove asyncio marks that auto mode makes redundant (keeps marks with arguments "
    "and marks whose removal would change a test's loop).",
    commands=("to-auto",),
    prefilter=(b"asyncio",),
    # An asyncio mark resolves to pytest.mark.asyncio: "mark" is spelled in its import or its name.
    prefilter_all=(b"mark",),
    transform=transform,
    test_files_only=True,
)
