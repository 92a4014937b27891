"""add-asyncio-marks: mark every async test strict mode must run.

    async def test_fetch(client): ...      →   @pytest.mark.asyncio
                                               async def test_fetch(client): ...

Only tests pytest collects (the project's python_files / python_classes /
python_functions), including static and class methods and parametrized tests. A test that
already has an asyncio mark (its own, its class's or its module's) is left alone, so no new
mark ever shadows one that carries ``loop_scope``. Not marked: tests of
``unittest.TestCase`` classes, tests run by anyio/trio/tornado (their marks, or the
``anyio_backend`` fixture), and async generators (pytest never runs those; reported).

With ``--style pytestmark`` a module, or else a class, whose tests are all async gets one
``pytestmark = pytest.mark.asyncio`` instead; elsewhere decorators are used.

Async test methods that a test class in another module inherits are marked where they are
defined (the defining module's ``pytestmark`` does not follow them into the subclass's
module), also in helper modules that are not test files; the project index finds them.

Every mark is a change the mode switch relies on; a test this codemod must leave unmarked
while the suite ran in auto mode would stop running, and refuses the switch.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import libcst as cst

from asyncio_migrate.analysis.local_names import yields
from asyncio_migrate.analysis.markers import ClassInfo, Mark, MarkerModel, TestInfo, decorator_marks
from asyncio_migrate.analysis.names import is_docstring
from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.codemod import Codemod, FileContext, defines_inherited_tests
from asyncio_migrate.edit.imports import spelling_for
from asyncio_migrate.edit.marks import pytestmark_line, with_module_pytestmark
from asyncio_migrate.edit.statements import apply_statement_edits
from asyncio_migrate.results import Severity

ASYNCIO_MARK = "pytest.mark.asyncio"


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    model = context.markers(module)
    to_mark = _tests_to_mark(model, context) if context.is_test_file else []
    wanted = context.settings.inherited_tests.get(os.path.realpath(context.path), frozenset())
    inherited = _inherited_to_mark(model, context, wanted, {id(test.node) for test in to_mark})
    if not to_mark and not inherited:
        return module
    spelling = spelling_for(context.scope, ASYNCIO_MARK)
    if spelling is None:
        for test in [*to_mark, *inherited]:
            context.report(
                test.node,
                f"{test.node.name.value} needs @pytest.mark.asyncio, but `pytest` is imported here "
                "only conditionally or bound to something else. Mark it by hand.",
                _left_unmarked(context),
            )
        return module
    mark = cst.parse_expression(spelling.expression)
    edits: dict[int, object] = {}

    holders: list[ClassInfo | None] = []
    if context.settings.style == "pytestmark":
        holders = _pytestmark_holders(model, to_mark, context)
        if wanted and None in holders:
            holders = []  # a module's pytestmark does not follow its tests into subclasses elsewhere
    covered = {id(test.node) for test in to_mark if test.cls in holders or None in holders}
    if None in holders:
        module = _with_module_pytestmark(module, model, mark)
    for cls in holders:
        if cls is not None:
            edits[id(cls.node)] = lambda node, mark=mark: [_with_class_pytestmark(node, mark)]
    for test in to_mark:
        if id(test.node) in covered:
            context.needed_by_switch(test.node, f"{test.node.name.value} needs an asyncio mark for strict mode")
    for test in [*to_mark, *inherited]:
        if id(test.node) in covered:
            continue
        if not spelling.usable_in(test.scope, ASYNCIO_MARK):
            context.report(
                test.node,
                f"left {test.node.name.value} unmarked: `{spelling.expression}` means something else in "
                "its class. Mark it by hand.",
                _left_unmarked(context),
            )
            continue
        context.needed_by_switch(test.node, f"{test.node.name.value} needs @pytest.mark.asyncio for strict mode")
        edits[id(test.node)] = lambda node, mark=mark: [
            node.with_changes(decorators=[cst.Decorator(decorator=mark), *node.decorators])
        ]
    return spelling.added_to(apply_statement_edits(module, edits), context.scope, context.settings.first_party)  # type: ignore[arg-type]


def _tests_to_mark(model: MarkerModel, context: FileContext) -> list[TestInfo]:
    """Each async test definition that needs a mark (once, however many classes collect it)."""
    by_node: dict[int, list[TestInfo]] = {}
    for test in model.tests:
        if test.is_async:
            by_node.setdefault(id(test.node), []).append(test)
    chosen = []
    for collected in by_node.values():
        test = collected[0]
        name = test.node.name.value
        if run_by_other_plugin(model, test):
            continue
        if yields(test.node):
            context.report(
                test.node,
                f"{name} is an async generator: pytest never runs it as a test. Make it a coroutine "
                "(no yield) or rename it.",
            )
            continue
        if any(mark.is_asyncio for mark in test.marks):
            continue
        outer = {_outer_closest(model, each) for each in collected}
        if "none" not in outer and "unknown" not in outer:
            continue  # every class that collects it already gives it a mark
        # A new bare mark is harmless where a bare one already applies, but would shadow
        # one with arguments.
        if "unknown" in outer or "marked" in outer:
            context.report(
                test.node,
                f"left {name} unmarked: the marks of its class or module cannot all be read "
                "statically, or it is collected in classes that differ. Mark it by hand where "
                "no enclosing asyncio mark with arguments would be shadowed.",
                _left_unmarked(context),
            )
            continue
        chosen.append(test)
    return chosen


def _inherited_to_mark(
    model: MarkerModel, context: FileContext, wanted: frozenset[tuple[str, str]], chosen: set[int]
) -> list[TestInfo]:
    """Methods of this module's classes that test classes elsewhere collect unmarked.

    A bare mark on the method is safe here too unless one of this module's own test classes
    collects it under an asyncio mark with arguments, which the new mark would shadow.
    """
    found = []
    for cls in model.classes:
        if cls.parent is not None:
            continue
        for statement in cls.node.body.body:
            if not isinstance(statement, cst.FunctionDef) or id(statement) in chosen:
                continue
            if (cls.node.name.value, statement.name.value) not in wanted:
                continue
            if any(mark.is_asyncio for mark in decorator_marks(statement.decorators, cls.scope)):
                continue
            here = {_outer_closest(model, test) for test in model.tests if test.node is statement}
            if here - {"none", "bare"}:
                context.report(
                    statement,
                    f"left {statement.name.value} unmarked: a test class in another module inherits it and "
                    "needs it marked, but here a mark would shadow an asyncio mark with arguments (or one "
                    "that cannot be read). Mark it by hand in the subclasses.",
                    _left_unmarked(context),
                )
                continue
            found.append(TestInfo(statement, cls.scope, None, decorator_marks(statement.decorators, cls.scope)))
    return found


def _left_unmarked(context: FileContext) -> Severity:
    """A test left unmarked ran in auto mode: strict mode would stop running it."""
    return Severity.BLOCKER if context.settings.mode == "auto" else Severity.WARNING


def _outer_closest(model: MarkerModel, test: TestInfo) -> str:
    """What the class and module marks give ``test``: "none", a "bare" asyncio mark (default
    settings), one "marked" with arguments, or "unknown".

    The test's own unreadable decorators do not matter: a new top decorator comes after
    them in pytest's order, so it cannot shadow one of them.
    """
    chain = model.chain(test)[len(test.marks) :]
    if chain and chain[0] is None and any(mark.is_unknown for mark in test.marks):
        chain = chain[1:]  # the placeholder MarkerModel.chain adds for the test's own unknowns
    closest = model.closest_asyncio(chain)
    if closest is None:
        return "unknown"
    if closest == "none":
        return "none"
    assert isinstance(closest, Mark)
    return "marked" if closest.carries_information(model.default_loop_scope) else "bare"






def _pytestmark_holders(
    model: MarkerModel, to_mark: Sequence[TestInfo], context: FileContext
) -> list[ClassInfo | None]:
    """Where one pytestmark can replace decorators: the module (None), else whole classes."""
    if not context.is_test_file:
        return []
    if _all_plain_async(model, model.tests) and not model.module_level.unknown_reason:
        holder = model.module_level.holder
        if holder is None or isinstance(holder.value, (cst.List, cst.Tuple)) or not holder.marks:
            return [None]
    holders: list[ClassInfo | None] = []
    needing = {id(test.node) for test in to_mark}
    for cls in model.classes:
        tests = [test for test in model.tests if test.cls is cls]
        if (
            tests
            and cls.level.holder is None
            and not cls.level.unknown_reason
            and _all_plain_async(model, tests)
            and all(id(test.node) in needing for test in tests)
            and all(any(test.node is own for own in cls.node.body.body) for test in tests)  # not inherited
        ):
            holders.append(cls)
    return holders


def _all_plain_async(model: MarkerModel, tests: Sequence[TestInfo]) -> bool:
    return bool(tests) and all(
        test.is_async and not run_by_other_plugin(model, test) and not yields(test.node) for test in tests
    )


def _with_module_pytestmark(module: cst.Module, model: MarkerModel, mark: cst.BaseExpression) -> cst.Module:
    holder = model.module_level.holder
    if holder is None:
        return with_module_pytestmark(module, mark)
    value = holder.value
    assert isinstance(value, (cst.List, cst.Tuple))
    new_value = _appended(value, mark)
    edit = {id(holder.statement): lambda statement: [_with_value(statement, new_value)]}
    return apply_statement_edits(module, edit)


def _appended(container: cst.List | cst.Tuple, mark: cst.BaseExpression) -> cst.List | cst.Tuple:
    """The container with ``mark`` added last, laid out like the elements before it.

    On one line: `[a, mark]`. One element per line (the closing bracket on its own line):
    the new element gets a line of its own, and the line break and comment that followed
    the old last element stay with it.
    """
    elements = list(container.elements)
    last = elements[-1]
    closing = container.rbracket if isinstance(container, cst.List) else (container.rpar[0] if container.rpar else None)
    opening = container.lbracket if isinstance(container, cst.List) else (container.lpar[0] if container.lpar else None)
    before_closing = closing.whitespace_before if closing is not None else None
    after_opening = opening.whitespace_after if opening is not None else None
    if isinstance(before_closing, cst.ParenthesizedWhitespace) and isinstance(after_opening, cst.ParenthesizedWhitespace):
        line_break = before_closing.with_changes(last_line=after_opening.last_line)
        elements[-1] = last.with_changes(comma=cst.Comma(whitespace_after=line_break))
        new_closing_space = cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(), indent=before_closing.indent, last_line=before_closing.last_line
        )
        new = cst.Element(mark, comma=cst.Comma())
        closing = closing.with_changes(whitespace_before=new_closing_space)  # type: ignore[union-attr]
        if isinstance(container, cst.List):
            return container.with_changes(elements=[*elements, new], rbracket=closing)
        return container.with_changes(elements=[*elements, new], rpar=[closing])
    elements[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return container.with_changes(elements=[*elements, cst.Element(mark)])


def _with_value(statement: cst.BaseStatement, value: cst.BaseExpression) -> cst.BaseStatement:
    assert isinstance(statement, cst.SimpleStatementLine)
    return statement.with_changes(body=[statement.body[0].with_changes(value=value)])


def _with_class_pytestmark(node: cst.BaseStatement, mark: cst.BaseExpression) -> cst.BaseStatement:
    """The class with ``pytestmark = mark`` opening its body (after a docstring), set apart
    from what follows by one blank line."""
    assert isinstance(node, cst.ClassDef) and isinstance(node.body, cst.IndentedBlock)
    body = list(node.body.body)
    position = 1 if body and is_docstring(body[0]) else 0
    if position < len(body) and not body[position].leading_lines:
        body[position] = body[position].with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    body.insert(position, pytestmark_line(mark, blank_above=position > 0))
    return node.with_changes(body=node.body.with_changes(body=body))



CODEMOD = Codemod(
    id="add-asyncio-marks",
    # The report reads the marks as the user wrote them.
    runs_after=("hidden-async-tests",),
    summary="Mark every async test that has no asyncio mark (decorators, or pytestmark with --style pytestmark).",
    commands=("to-strict",),
    prefilter=(b"async",),
    transform=transform,
    # Helper modules too: they may define test methods a test class elsewhere inherits.
    wants_file=defines_inherited_tests,
)
