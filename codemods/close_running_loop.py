"""close-running-loop: tests and fixtures must not close the loop pytest-asyncio runs them in.

    async def test_shutdown(server):             async def test_shutdown(server):
        loop = asyncio.get_running_loop()   →        await server.stop()
        await server.stop()
        loop.close()

pytest-asyncio owns its loops and closes them itself. In an async body the loop is running,
so closing it can only raise ``RuntimeError: Cannot close a running event loop``; a sync
test that closes a runner's loop makes pytest-asyncio 1.1+ warn at teardown ("This warning
will become an error"). Removed, when they are whole statements in the own body of a test
or fixture (not in a nested function, not under ``with pytest.raises(...)``):

- ``asyncio.get_running_loop().close()`` and ``asyncio.get_event_loop().close()`` in an
  async body (there both give the running loop);
- ``loop.close()`` in an async body where ``loop`` is only ever bound to one of those calls
  (as event-loop-requests binds ``event_loop``); such a binding left unused goes too;
- ``event_loop.close()`` on the ``event_loop`` parameter, when that is pytest-asyncio's
  fixture (or a plain loop override), not a fixture of the project's own by that name.

Reported only: ``asyncio.get_event_loop().close()`` in a sync test or fixture (the current
loop may be a runner's, or one get_event_loop made). Never touched: the ``event_loop``
fixture definitions (they own their loop; see event-loop-overrides), a loop the function
made itself (``asyncio.new_event_loop()``), and closes in nested functions or callbacks.
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import EventLoopOrigin, survey_event_loop_fixtures
from asyncio_migrate.analysis.loop_uses import (
    EVENT_LOOP,
    GET_EVENT_LOOP,
    RUNNING_LOOP_GETTERS,
    FunctionBody,
    Requester,
    analyse_functions,
    scope_lines,
    tests_and_fixtures,
)
from asyncio_migrate.analysis.names import code
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.statements import apply_statement_edits, dropping, with_body_edits
from asyncio_migrate.results import Severity

CODEMOD_ID = "close-running-loop"
_GETTER_NAMES = frozenset(qualified.rpartition(".")[2] for qualified in RUNNING_LOOP_GETTERS)


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    origin = EventLoopOrigin(module, context.path, context.scope, context.settings.facts.get(CODEMOD_ID))  # type: ignore[arg-type]
    closing = []
    for requester in tests_and_fixtures(module, context.scope, context.markers(module), context.is_test_file):
        if requester.fixture == EVENT_LOOP:
            continue
        lines = list(scope_lines(requester.function.body))
        candidates = [
            (line, small) for line in lines for small in line.body if _may_close_a_loop(small, requester, lines)
        ]
        if candidates:
            closing.append((requester, candidates))
    bodies = analyse_functions([requester.function for requester, _ in closing])
    edits = {}
    for requester, candidates in closing:
        doomed = _doomed(requester, bodies[id(requester.function)], candidates, module, context, origin)
        if doomed:
            line_edits = {key: dropping(smalls) for key, smalls in doomed.items()}
            edits[id(requester.function)] = lambda node, line_edits=line_edits: [with_body_edits(node, line_edits)]
    return apply_statement_edits(module, edits)


def _may_close_a_loop(
    small: cst.BaseSmallStatement, requester: Requester, lines: list[cst.SimpleStatementLine]
) -> bool:
    """``<something>.close()`` as a statement of its own, where the something may be a loop:
    a loop getter's result, ``event_loop``, or a name assigned from a getter (a cheap look
    before the exact one, which needs the function's scope analysis)."""
    call = small.value if isinstance(small, cst.Expr) else None
    if not (
        isinstance(call, cst.Call)
        and not call.args
        and isinstance(call.func, cst.Attribute)
        and call.func.attr.value == "close"
    ):
        return False
    target = call.func.value
    if isinstance(target, cst.Call):
        return _getter_name(target) is not None
    if not isinstance(target, cst.Name):
        return False
    if target.value == EVENT_LOOP:
        return True
    return any(
        _getter_name(value) is not None
        for line in lines
        for assignment in line.body
        if (value := _assigned_to(assignment, target.value)) is not None
    )


def _getter_name(expression: cst.BaseExpression | None) -> str | None:
    """``get_running_loop`` / ``get_event_loop`` when ``expression`` calls something so named."""
    if not isinstance(expression, cst.Call):
        return None
    func = expression.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
    return name if name in _GETTER_NAMES else None


def _assigned_to(small: cst.BaseSmallStatement, name: str) -> cst.BaseExpression | None:
    if isinstance(small, cst.Assign) and any(
        isinstance(target.target, cst.Name) and target.target.value == name for target in small.targets
    ):
        return small.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.target.value == name:
        return small.value
    return None


def _doomed(
    requester: Requester,
    body: FunctionBody,
    candidates: list[tuple[cst.SimpleStatementLine, cst.BaseSmallStatement]],
    module: cst.Module,
    context: FileContext,
    origin: EventLoopOrigin,
) -> dict[int, list[cst.BaseSmallStatement]]:
    """The statements to remove, by ``id()`` of their line: running-loop closes and the bindings they
    leave unused."""
    doomed: dict[int, list[cst.BaseSmallStatement]] = {}
    closed_names: dict[str, list[cst.Name]] = {}
    for line, small in candidates:
        assert isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)
        target = small.value.func.value  # type: ignore[attr-defined]
        if _expects_an_error(line, body, context):
            continue
        if not _closes_running_loop(target, requester, body, module, context, origin):
            if not requester.is_async and _is_current_loop(target, body, context):
                context.report(
                    line,
                    f"{code(small.value)} in {requester.what} closes the current event loop: where pytest-asyncio "
                    "has set one (an async fixture in use, a loop scope wider than the test), that is the loop of "
                    "its runner, and pytest-asyncio 1.1+ warns at teardown (to become an error). If the test "
                    "needs a loop of its own, make one with asyncio.new_event_loop() and close that.",
                )
            continue
        doomed.setdefault(id(line), []).append(small)
        if isinstance(target, cst.Name):
            closed_names.setdefault(target.value, []).append(target)
        why = (
            "the loop is the running one, which cannot be closed (RuntimeError: Cannot close a running event loop)"
            if requester.is_async
            else "it closed the loop of the event_loop fixture"
        )
        context.report(
            line,
            f"removed {code(small.value)} from {requester.what}: {why}; pytest-asyncio closes its loops itself.",
            Severity.INFO,
        )
    if requester.is_async:
        for name, closed in closed_names.items():
            direct, nested = body.references(name)
            if len(direct) + len(nested) == len(closed) and body.bound_only_to(
                name, context.scope, RUNNING_LOOP_GETTERS
            ):
                for binding in body.bindings(name):
                    _drop_binding(binding, body, doomed)
    return doomed


def _closes_running_loop(
    target: cst.BaseExpression,
    requester: Requester,
    body: FunctionBody,
    module: cst.Module,
    context: FileContext,
    origin: EventLoopOrigin,
) -> bool:
    if requester.is_async and body.calls_getter(target, context.scope, RUNNING_LOOP_GETTERS):
        return True
    if not isinstance(target, cst.Name):
        return False
    if requester.is_async and body.bound_only_to(target.value, context.scope, RUNNING_LOOP_GETTERS):
        return True
    # The event_loop parameter: pytest-asyncio's loop, unless the name means something else here.
    return (
        target.value == EVENT_LOOP
        and [type(binding) for binding in body.bindings(EVENT_LOOP)] == [cst.Param]
        and origin.problem(requester) is None
        and not requester.run_by_other_plugin(context.markers(module))
        and not requester.parametrizes(EVENT_LOOP)
    )


def _is_current_loop(target: cst.BaseExpression, body: FunctionBody, context: FileContext) -> bool:
    """``asyncio.get_event_loop()``, or a name only ever bound to it."""
    getter = frozenset({GET_EVENT_LOOP})
    if isinstance(target, cst.Name):
        return body.bound_only_to(target.value, context.scope, getter)
    return body.calls_getter(target, context.scope, getter)


def _expects_an_error(line: cst.SimpleStatementLine, body: FunctionBody, context: FileContext) -> bool:
    """Whether the line runs inside ``with pytest.raises(...)`` (closing a running loop raises)."""
    node: cst.CSTNode | None = line
    while node is not None and node is not body.function:
        if isinstance(node, cst.With) and any(
            isinstance(item.item, cst.Call) and body.qualified_name(item.item.func, context.scope) == "pytest.raises"
            for item in node.items
        ):
            return True
        node = body.parent(node)
    return False


def _drop_binding(binding: cst.CSTNode, body: FunctionBody, doomed: dict[int, list[cst.BaseSmallStatement]]) -> None:
    """Remove ``loop = asyncio.get_running_loop()`` (a call with no effect in an async body)."""
    owner = body.parent(binding)
    assign = body.parent(owner) if isinstance(owner, cst.AssignTarget) else owner
    line = body.parent(assign) if isinstance(assign, (cst.Assign, cst.AnnAssign)) else None
    if isinstance(line, cst.SimpleStatementLine) and isinstance(body.parent(line), cst.IndentedBlock):
        doomed.setdefault(id(line), []).append(assign)  # type: ignore[arg-type]


CODEMOD = Codemod(
    id=CODEMOD_ID,
    # It drops the close() of the loop event-loop-requests binds.
    runs_after=("event-loop-requests",),
    summary="Remove statements that close the running event loop inside tests and fixtures.",
    commands=("upgrade",),
    prefilter=(b".close()",),
    transform=transform,
    survey=survey_event_loop_fixtures,
)
