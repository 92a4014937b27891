"""get-event-loop-in-sync-code: sync tests and fixtures must not count on a loop being set.

    def test_fetch():                                        def test_fetch():
        loop = asyncio.get_event_loop()              →           assert asyncio.run(fetch()) == 1
        assert loop.run_until_complete(fetch()) == 1

pytest-asyncio up to 0.21 left a loop set between tests (a fresh one after each
``event_loop`` teardown), so ``asyncio.get_event_loop()`` in sync code got it; since 1.4
nothing is left set and the call raises ``RuntimeError: There is no current event loop``
(Python 3.14 raises it everywhere). The loop that call gave lived until pytest-asyncio's next
``event_loop`` replaced it: tests shared it only through objects bound to it, which a sync test
that only runs coroutines on it does not keep. So, in the own body of a sync test, or of a sync
fixture that gives its requesters nothing (returns or yields no value):

- one coroutine run on that loop (``asyncio.get_event_loop().run_until_complete(x)``, or a
  ``loop = asyncio.get_event_loop()`` line whose one use is ``loop.run_until_complete(x)``)
  becomes ``asyncio.run(x)``, the binding line removed;
- several runs on a ``loop = asyncio.get_event_loop()`` of the function's top level become
  runs on ``loop = asyncio.new_event_loop()``, the rest of the body in ``try:`` and the loop
  closed in ``finally:``: one loop for the whole span (a fixture's teardown included), as before.

Reported, with what to do by hand: a loop used for anything but ``run_until_complete`` (passed
to a thread or callback, ``create_future``, ``time``...) or from a nested function, a loop a
fixture's value may be bound to, several runs without one local loop name, runs with other
arguments, a file that patches these functions, and ``get_event_loop()`` in ``setup_method`` /
``setUp`` style methods and at module level of test files and conftest.py files (the loop
outlives the call: what it is used for later decides how to replace it). Async code is
fix-tests' business (event-loop-calls-in-async).
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.local_names import OwnBodyVisitor
from asyncio_migrate.analysis.loop_uses import (
    GET_EVENT_LOOP,
    FunctionBody,
    Requester,
    analyse_functions,
    replaced_names,
    returned_or_yielded,
    tests_and_fixtures,
)
from asyncio_migrate.analysis.names import code, walk_statements
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.imports import spelling_for
from asyncio_migrate.edit.statements import apply_statement_edits, dropping, with_body_edits

RUN = "asyncio.run"
NEW_EVENT_LOOP = "asyncio.new_event_loop"
RUN_UNTIL_COMPLETE = "run_until_complete"
# xunit-style setup and teardown: the loop they get is used by the tests they wrap.
SETUP_AND_TEARDOWN = frozenset(
    {
        "setup_method", "teardown_method", "setup_class", "teardown_class", "setup", "teardown",
        "setUp", "tearDown", "setUpClass", "tearDownClass", "asyncSetUp", "asyncTearDown",
    }
)  # fmt: skip
_REPLACEABLE = frozenset({"get_event_loop", RUN_UNTIL_COMPLETE})


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    _report_module_level(module, context)
    requesters = {id(requester.function): requester for requester in tests_and_fixtures(module, context.scope, context.markers(module), context.is_test_file)}
    functions = [
        statement
        for statement, _ in walk_statements(module.body, context.scope)
        if isinstance(statement, cst.FunctionDef)
        and statement.asynchronous is None
        and (id(statement) in requesters or statement.name.value in SETUP_AND_TEARDOWN)
    ]
    bodies = analyse_functions([function for function in functions if _getter_calls(function, context)])
    if not bodies:
        return module
    patched = replaced_names(module) & _REPLACEABLE
    edits = {}
    import_needed: set[str] = set()
    for function in functions:
        body = bodies.get(id(function))
        if body is None:
            continue
        rewritten = _Function(function, body, requesters.get(id(function)), context, patched).rewritten()
        if rewritten is not None:
            new_function, needed = rewritten
            import_needed |= needed
            edits[id(function)] = lambda node, new=new_function: [new]
    module = apply_statement_edits(module, edits)
    for qualified in sorted(import_needed):
        spelling = spelling_for(context.scope, qualified)
        assert spelling is not None  # checked before the edit was made
        module = spelling.added_to(module, context.scope, context.settings.first_party)
    return module


def _getter_calls(function: cst.FunctionDef, context: FileContext) -> list[cst.Call]:
    """The ``asyncio.get_event_loop()`` calls of ``function``'s own body, nested functions included."""
    finder = _GetterCalls(context)
    function.body.visit(finder)
    return finder.calls


class _GetterCalls(cst.CSTVisitor):
    """No-argument calls of what the module knows as ``asyncio.get_event_loop`` (names are checked
    against the function's own bindings later)."""

    def __init__(self, context: FileContext) -> None:
        super().__init__()
        self.context = context
        self.calls: list[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not node.args and self.context.scope.qualified_name(node.func) == GET_EVENT_LOOP:
            self.calls.append(node)


class _Function:
    """One sync test, fixture or setup method, and the loop its ``get_event_loop()`` calls give."""

    def __init__(
        self, function: cst.FunctionDef, body: FunctionBody, requester: Requester | None,
        context: FileContext, patched: frozenset[str],
    ) -> None:  # fmt: skip
        self.function = function
        self.body = body
        self.requester = requester
        self.context = context
        self.patched = patched
        self.what = requester.what if requester is not None else f"{function.name.value}"
        self.module = context.scope
        own_calls = _own_calls(function)
        self.calls = [call for call in own_calls if self._is_getter(call)]
        # A nested function's names are not resolved here: its calls are reported, never rewritten.
        own = {id(call) for call in own_calls}
        self.nested_calls = [call for call in _getter_calls(function, context) if id(call) not in own]

    def _is_getter(self, call: cst.Call) -> bool:
        return not call.args and self.body.qualified_name(call.func, self.module) == GET_EVENT_LOOP

    def _report(self, node: cst.CSTNode, why: str) -> None:
        self.context.report(
            node,
            f"asyncio.get_event_loop() in sync {self.what} relies on a loop being set, which pytest-asyncio "
            f"1.4+ no longer leaves (RuntimeError: There is no current event loop). Left as is: {why}",
        )

    def rewritten(self) -> tuple[cst.FunctionDef, set[str]] | None:
        """The function with its loop made explicit, and the imports that needs; None: unchanged (reported)."""
        for call in self.nested_calls:
            self._report(
                call,
                "it is in a nested function, which may run at any time (a callback, a thread). "
                "Give it the loop explicitly, or use asyncio.run() there if it only runs a coroutine.",
            )
        if not self.calls:
            return None
        first = self.calls[0]
        if self.requester is None:
            self._report(
                first,
                f"{self.function.name.value} prepares what the tests of its class use, so the "
                "loop outlives it. Create one with asyncio.new_event_loop() there, keep it on the "
                "instance or class, and close it in the matching teardown.",
            )
            return None
        if self.patched:
            self._report(
                first,
                f"the file may replace {', '.join(sorted(self.patched))} (a string names it, "
                "as patch and monkeypatch.setattr do, or it is assigned). Use asyncio.run() by hand "
                "where the real function runs.",
            )
            return None
        if self.requester.fixture is not None and any(
            value is not None for value in returned_or_yielded(self.function.body)
        ):
            self._report(
                first,
                f"the value of fixture {self.requester.fixture} may be bound to that loop and "
                "used on it by its requesters. Make the fixture async (pytest_asyncio.fixture) and "
                "await instead.",
            )
            return None
        runs = self._runs()
        if runs is None:
            return None
        binding, calls = runs
        if len(calls) == 1:
            return self._with_asyncio_run(binding, calls[0])
        if binding is None:
            self._report(
                first,
                "it runs several coroutines on the loop without naming it. Bind "
                "loop = asyncio.new_event_loop() once, run them on it, and close it in a finally: block.",
            )
            return None
        return self._with_own_loop(binding)

    def _runs(self) -> tuple[cst.SimpleStatementLine | None, list[cst.Call]] | None:
        """The ``loop = get_event_loop()`` line (if any) and the ``run_until_complete`` calls on that
        loop; None when the loop has another use (reported)."""
        runs: list[cst.Call] = []
        binding_line: cst.SimpleStatementLine | None = None
        for call in self.calls:
            run = self._run_on(call)
            if run is not None:
                runs.append(run)
                continue
            name = self._bound_name(call)
            if name is not None and not self.body.bound_only_to(name.value, self.module, frozenset({GET_EVENT_LOOP})):
                self._report(
                    call,
                    f"{name.value} is also bound to something else. Create the loop with "
                    "asyncio.new_event_loop(), use it, and close it where it is no longer used.",
                )
                return None
            if name is None or binding_line is not None:
                self._report(
                    call,
                    f"its loop is used as {code(self.body.parent(call) or call)!r}, not only to "
                    "run coroutines. Create the loop with asyncio.new_event_loop(), use it, and close it "
                    "where it is no longer used.",
                )
                return None
            direct, nested = self.body.references(name.value)
            if nested:
                self._report(
                    call,
                    f"{name.value} is used from a nested function or as {code(nested[0])!r} (a "
                    "callback or a thread may use it later). Create the loop with asyncio.new_event_loop() "
                    "and close it where it is no longer used.",
                )
                return None
            for reference in direct:
                run = self.body.method_call(reference, RUN_UNTIL_COMPLETE)
                if run is None:
                    self._report(
                        reference,
                        f"{name.value} is used for more than run_until_complete(): "
                        f"{code(self.body.parent(reference) or reference)!r}. Create the loop with "
                        "asyncio.new_event_loop(), use it, and close it where it is no longer used.",
                    )
                    return None
                runs.append(run)
            binding_line = self._top_level_line(call)
            if binding_line is None:
                self._report(
                    call,
                    f"{name.value} is not bound on a line of its own at the top of the "
                    f"{self.what}'s body. Create the loop with asyncio.new_event_loop() and close it "
                    "where it is no longer used.",
                )
                return None
        for run in runs:
            if len(run.args) != 1 or run.args[0].keyword is not None or run.args[0].star:
                self._report(
                    run, f"{code(run)!r} has other arguments than the coroutine. Run it with asyncio.run() by hand."
                )
                return None
        return binding_line, runs

    def _run_on(self, getter: cst.Call) -> cst.Call | None:
        """``getter.run_until_complete(...)`` when ``getter`` is the receiver of one."""
        attribute = self.body.parent(getter)
        if (
            isinstance(attribute, cst.Attribute)
            and attribute.value is getter
            and attribute.attr.value == RUN_UNTIL_COMPLETE
        ):
            call = self.body.parent(attribute)
            if isinstance(call, cst.Call) and call.func is attribute:
                return call
        return None

    def _bound_name(self, getter: cst.Call) -> cst.Name | None:
        target = self.body.parent(getter)
        if (
            isinstance(target, cst.Assign)
            and len(target.targets) == 1
            and isinstance(target.targets[0].target, cst.Name)
        ):
            return target.targets[0].target
        return None

    def _top_level_line(self, getter: cst.Call) -> cst.SimpleStatementLine | None:
        assign = self.body.parent(getter)
        line = self.body.parent(assign) if assign is not None else None
        block = self.function.body
        if (
            isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1
            and isinstance(block, cst.IndentedBlock) and any(statement is line for statement in block.body)
        ):  # fmt: skip
            return line
        return None

    def _spelled(self, qualified: str, getter: cst.Call) -> tuple[cst.BaseExpression, set[str]] | None:
        """How to call ``qualified`` where ``getter`` is called, and the imports that needs."""
        if isinstance(getter.func, cst.Attribute):  # <asyncio, under whatever name>.get_event_loop
            return getter.func.with_changes(attr=cst.Name(qualified.rpartition(".")[2])), set()
        spelling = spelling_for(self.context.scope, qualified)
        if spelling is None or (spelling.needs_import is not None and self.body.binds(spelling.needs_import)):
            self._report(
                getter,
                f"{qualified} cannot be named here (the name it needs is bound to something else). Write it by hand.",
            )
            return None
        expression = cst.parse_expression(spelling.expression)
        if spelling.needs_import is None and self.body.qualified_name(expression, self.module) != qualified:
            self._report(getter, f"{qualified} cannot be named here. Write it by hand.")
            return None
        return expression, {qualified} if spelling.needs_import is not None else set()

    def _with_asyncio_run(
        self, binding: cst.SimpleStatementLine | None, run: cst.Call
    ) -> tuple[cst.FunctionDef, set[str]] | None:
        spelled = self._spelled(RUN, self.calls[0])
        if spelled is None:
            return None
        func, imports = spelled
        function = _replaced(self.function, {id(run): run.with_changes(func=func)})
        if binding is not None:
            # The same statements in the same order: the binding line is found again by position.
            old_block, new_block = self.function.body, function.body
            assert isinstance(old_block, cst.IndentedBlock) and isinstance(new_block, cst.IndentedBlock)
            line = new_block.body[[id(statement) for statement in old_block.body].index(id(binding))]
            assert isinstance(line, cst.SimpleStatementLine)
            function = with_body_edits(function, {id(line): dropping(line.body)})
        return function, imports

    def _with_own_loop(self, binding: cst.SimpleStatementLine) -> tuple[cst.FunctionDef, set[str]] | None:
        spelled = self._spelled(NEW_EVENT_LOOP, self.calls[0])
        if spelled is None:
            return None
        func, imports = spelled
        assign = binding.body[0]
        assert isinstance(assign, cst.Assign) and isinstance(assign.value, cst.Call)
        name = code(assign.targets[0].target)
        new_binding = binding.with_changes(body=[assign.with_changes(value=assign.value.with_changes(func=func))])
        block = self.function.body
        assert isinstance(block, cst.IndentedBlock)
        index = next(position for position, statement in enumerate(block.body) if statement is binding)
        rest = list(block.body[index + 1 :])
        if not rest:
            return None
        # The comments above the first statement stay above the try.
        guarded = cst.Try(
            body=cst.IndentedBlock(body=[rest[0].with_changes(leading_lines=[]), *rest[1:]]),
            finalbody=cst.Finally(body=cst.IndentedBlock(body=[cst.parse_statement(f"{name}.close()\n")])),
            leading_lines=rest[0].leading_lines,
        )
        body = [*block.body[:index], new_binding, guarded]
        return self.function.with_changes(body=block.with_changes(body=body)), imports


def _own_calls(function: cst.FunctionDef) -> list[cst.Call]:
    """The calls without arguments in ``function``'s own body."""
    finder = _OwnCalls()
    function.body.visit(finder)
    return finder.calls


class _OwnCalls(OwnBodyVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        if not node.args and isinstance(node.func, (cst.Name, cst.Attribute)):
            self.calls.append(node)


def _replaced(function: cst.FunctionDef, replacements: dict[int, cst.CSTNode]) -> cst.FunctionDef:
    class Replacer(cst.CSTTransformer):
        def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
            return replacements.get(id(original_node), updated_node)  # type: ignore[return-value]

    return function.visit(Replacer())  # type: ignore[return-value]


def _report_module_level(module: cst.Module, context: FileContext) -> None:
    """Module-level calls run at import time, in whatever loop happens to be set then."""
    if not (context.is_test_file or context.path.name == "conftest.py"):
        return
    finder = _ModuleLevelCalls(context)
    module.visit(finder)
    for call in finder.calls:
        context.report(
            call,
            "asyncio.get_event_loop() at module level relies on a loop being set at import time, which "
            "pytest-asyncio 1.4+ no longer leaves (and Python 3.14 never creates one): RuntimeError. Left as "
            "is: the loop outlives the import, so what replaces it depends on its uses. Create it in a fixture "
            "instead (or use asyncio.run() where it only runs a coroutine).",
        )


class _ModuleLevelCalls(cst.CSTVisitor):
    def __init__(self, context: FileContext) -> None:
        super().__init__()
        self.context = context
        self.calls: list[cst.Call] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Call(self, node: cst.Call) -> None:
        if not node.args and self.context.scope.qualified_name(node.func) == GET_EVENT_LOOP:
            self.calls.append(node)


CODEMOD = Codemod(
    id="get-event-loop-in-sync-code",
    summary="Sync tests and fixtures that ran coroutines on asyncio.get_event_loop() use asyncio.run() "
    "or a loop of their own; other uses, setup methods and module level are reported.",
    commands=("upgrade",),
    prefilter=(b"get_event_loop",),
    transform=transform,
    runs_after=("event-loop-requests",),
)
