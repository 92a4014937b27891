"""event-loop-calls-in-async: await, instead of running a loop, inside async tests and fixtures.

    async def test_fetch():                    async def test_fetch():
        data = asyncio.run(fetch())        →       data = await fetch()
        loop = asyncio.get_event_loop()            loop = asyncio.get_running_loop()
        loop.run_until_complete(flush())           await flush()

A loop is already running there: ``asyncio.run()`` and ``run_until_complete()`` raise
RuntimeError (the coroutine is never awaited), and ``get_event_loop()`` returns the running
loop, which ``get_running_loop()`` says plainly. The rewrites:

- ``asyncio.run(<call>)`` → ``await <call>``: one positional argument that is a call;
- ``<loop>.run_until_complete(<x>)`` → ``await <x>``, where ``<loop>`` is
  ``asyncio.get_event_loop()`` / ``asyncio.get_running_loop()``, or a name the body binds
  once, in an earlier statement of its own, as ``loop = asyncio.get_event_loop()`` (or
  ``get_running_loop()``);
- ``asyncio.get_event_loop()`` → ``asyncio.get_running_loop()``.

Only in the body of an async test (as pytest collects it, in a test file) or async fixture
(any file), and only in that function's own code: a nested def, lambda or class may run
when no loop is running (a sync callback, a thread), and a nested ``async def`` is a helper
that may be run by ``asyncio.run`` from sync code, so none of them is entered. Names are
resolved through imports and the function's own bindings: a local ``run`` or a shadowed
``asyncio`` (also a local ``import asyncio``) is left alone. Parentheses are added where
``await`` needs them: ``asyncio.run(f()).value`` → ``(await f()).value``.

``await f()`` differs from ``asyncio.run(f())`` in what no failing test could see: tasks
``f`` leaves running are not cancelled when it returns, and context variables it sets stay
set. Left as they are and reported, with what to do by hand:

- ``asyncio.run`` with other arguments (``debug=``, ``loop_factory=``, a coroutine held in a
  variable), and ``run_until_complete`` on a receiver not provably the running loop;
- a call in a generator expression (``await`` would make it an async generator);
- a call where the RuntimeError may be expected: in a ``try`` with a handler for, or under
  ``pytest.raises`` / ``contextlib.suppress`` of, RuntimeError, a base of it, or any class that
  is not a builtin exception;
- a call of a function the file may replace (a string names it, as ``patch`` and
  ``monkeypatch.setattr`` do, or an attribute of that name is assigned);
- a call with a comment inside that would be lost.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from functools import cached_property

import libcst as cst

from asyncio_migrate.analysis.loop_uses import replaced_names
from asyncio_migrate.analysis.markers import fixture_name, is_fixture
from asyncio_migrate.analysis.local_names import LocalNames, ScopeIndex
from asyncio_migrate.analysis.names import walk_statements
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.edit.statements import apply_statement_edits
from asyncio_migrate.results import Severity

RUN = "asyncio.run"
GET_EVENT_LOOP = "asyncio.get_event_loop"
GET_RUNNING_LOOP = "asyncio.get_running_loop"
LOOP_GETTERS = (GET_EVENT_LOOP, GET_RUNNING_LOOP)
RUN_UNTIL_COMPLETE = "run_until_complete"
# Nodes `await` takes without parentheses (when they hold no line break of their own).
_PRIMARIES = (cst.Name, cst.Attribute, cst.Call, cst.Subscript)


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    file = _File(module, context)
    tests: dict[int, list[str]] = {}  # id() of an async test function → its names in test ids
    if context.is_test_file:
        for test in context.markers(module).tests:
            if test.is_async:
                tests.setdefault(id(test.node), []).append(test.qualified_name)
    edits = {}
    scopes = context.scopes(module)
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef) or statement.asynchronous is None:
            continue
        kind = "test" if id(statement) in tests else "fixture" if is_fixture(statement.decorators, scope) else None
        if kind is None:
            continue
        if scopes.names_at(statement).table is None:
            continue  # added by an earlier codemod: not in the symbol table of the source
        rewriter = _BodyRewriter(statement, kind, scopes, file)
        body = statement.body.visit(rewriter)
        if body is not statement.body:
            edits[id(statement)] = lambda node, body=body: [node.with_changes(body=body)]
        if rewriter.awaits:
            # It raised RuntimeError; now it runs the coroutine, which may pass or fail (and so
            # may every test using a fixture rewritten so).
            for name in tests.get(id(statement), ()):
                context.announce_test(name)
            if kind == "fixture" and (name := fixture_name(statement, scope)) is not None:
                context.announce_fixture(name)
    module = apply_statement_edits(module, edits)
    if file.import_needed:
        module = file.running_loop_spelling.added_to(module, context.scope, context.settings.first_party)  # type: ignore[union-attr]
    return module


class _File:
    """What the rewrites in one file share."""

    def __init__(self, module: cst.Module, context: FileContext) -> None:
        self.module = module
        self.context = context
        self.import_needed = False  # a rewrite spells asyncio.get_running_loop through a new import

    @cached_property
    def replaced_names(self) -> set[str]:
        """Which of the functions rewritten here the file may replace by a fake."""
        return set(replaced_names(self.module))

    @cached_property
    def running_loop_spelling(self) -> Spelling | None:
        return spelling_for(self.context.scope, GET_RUNNING_LOOP)


class _BodyRewriter(cst.CSTTransformer):
    """Rewrites the calls in the own code of one async test or fixture."""

    def __init__(self, function: cst.FunctionDef, kind: str, scopes: ScopeIndex, file: _File) -> None:
        super().__init__()
        self.where = f"async {kind} {function.name.value}"
        self.scopes = scopes
        self.function_names = scopes.names_at(function)
        self.names = self.function_names  # where the node visited is: the function, or a comprehension in it
        self.outer_names: list[LocalNames] = []  # of the comprehensions entered
        self.file = file
        self.generator_depth = 0
        self.expecting_blocks: set[int] = set()  # blocks where a RuntimeError may be expected
        self.expecting_depth = 0
        # The Await nodes made here, by id(), parenthesised where needed; held so that no id is
        # reused by a later node once a parenthesised copy replaces one.
        self.awaits: dict[int, cst.Await] = {}
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
        self.statement_indexes = {id(statement): index for index, statement in enumerate(body)}
        self.statement_index = -1  # of the statement of the body being visited
        self.running_loops = _running_loop_names(body, self.function_names)

    # Not the function's own code (nested defs, lambdas, classes), or never run (a local's annotation).
    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        return False

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.statement_index = self.statement_indexes.get(id(node), self.statement_index)
        if id(node) in self.expecting_blocks:
            self.expecting_depth += 1
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        if id(original_node) in self.expecting_blocks:
            self.expecting_depth -= 1
        return super().on_leave(original_node, updated_node)  # type: ignore[return-value]

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            call = item.item
            if not isinstance(call, cst.Call):
                continue
            callee = self._qualified(call.func)
            if callee == "pytest.raises":
                expected = [arg.value for arg in call.args if arg.keyword is None][:1] or [
                    arg.value for arg in call.args if arg.keyword and arg.keyword.value == "expected_exception"
                ]
                if not expected or self._may_be_runtime_error(expected):
                    self.expecting_blocks.add(id(node.body))
            elif callee == "contextlib.suppress" and self._may_be_runtime_error([arg.value for arg in call.args]):
                self.expecting_blocks.add(id(node.body))

    def visit_Try(self, node: cst.Try) -> None:
        if any(handler.type is None or self._may_be_runtime_error([handler.type]) for handler in node.handlers):
            self.expecting_blocks.add(id(node.body))

    def visit_TryStar(self, node: cst.TryStar) -> None:
        if any(self._may_be_runtime_error([handler.type]) for handler in node.handlers):
            self.expecting_blocks.add(id(node.body))

    def _enter_comprehension(self, node: cst.BaseComp) -> None:
        self.outer_names.append(self.names)
        self.names = self.scopes.names_at(node)

    def _leave_comprehension(self, updated_node: cst.BaseComp) -> cst.BaseExpression:
        self.names = self.outer_names.pop()
        return updated_node

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self.generator_depth += 1
        self._enter_comprehension(node)

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp, updated_node: cst.GeneratorExp) -> cst.BaseExpression:
        self.generator_depth -= 1
        return self._leave_comprehension(updated_node)

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._enter_comprehension(node)

    def leave_ListComp(self, original_node: cst.ListComp, updated_node: cst.ListComp) -> cst.BaseExpression:
        return self._leave_comprehension(updated_node)

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._enter_comprehension(node)

    def leave_SetComp(self, original_node: cst.SetComp, updated_node: cst.SetComp) -> cst.BaseExpression:
        return self._leave_comprehension(updated_node)

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._enter_comprehension(node)

    def leave_DictComp(self, original_node: cst.DictComp, updated_node: cst.DictComp) -> cst.BaseExpression:
        return self._leave_comprehension(updated_node)

    # `await x` is no primary: `(await x).attr`, `(await x)[0]`, `(await x)()`, `await (await x)`.
    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        return updated_node.with_changes(value=self._parenthesised(updated_node.value))

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return updated_node.with_changes(value=self._parenthesised(updated_node.value))

    def leave_Await(self, original_node: cst.Await, updated_node: cst.Await) -> cst.BaseExpression:
        return updated_node.with_changes(expression=self._parenthesised(updated_node.expression))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        updated_node = updated_node.with_changes(func=self._parenthesised(updated_node.func))
        func = original_node.func
        qualified = self._qualified(func)
        if qualified == RUN:
            return self._awaited(original_node, updated_node, "asyncio.run()", {"run"})
        if isinstance(func, cst.Attribute) and func.attr.value == RUN_UNTIL_COMPLETE:
            receiver = cst.Module([]).code_for_node(func.value)
            if self._is_running_loop(func.value):
                replaceable = {RUN_UNTIL_COMPLETE, "get_event_loop", "get_running_loop"}
                return self._awaited(original_node, updated_node, f"{receiver}.run_until_complete()", replaceable)
            self.file.context.report(
                original_node,
                f"{receiver}.run_until_complete() in {self.where}: if {receiver} is an event loop, this raises "
                f"RuntimeError, since a loop is already running there. Left as is: {receiver} is not provably "
                "the running loop. Await the argument instead by hand.",
            )
            return updated_node
        if qualified == GET_EVENT_LOOP and not original_node.args:
            return self._running_loop_call(original_node, updated_node)
        return updated_node

    def _awaited(self, original: cst.Call, updated: cst.Call, what: str, replaceable: set[str]) -> cst.BaseExpression:
        """``await <argument>`` in place of ``updated``, or ``updated`` and a report saying why not."""
        why_left = self._why_left(updated, what, replaceable)
        if why_left is not None:
            self.file.context.report(
                original,
                f"{what} in {self.where} raises RuntimeError, since a loop is already running there. Left as is: "
                f"{why_left}",
            )
            return updated
        awaited = cst.Await(expression=_await_operand(updated.args[0].value), lpar=updated.lpar, rpar=updated.rpar)
        self.awaits[id(awaited)] = awaited
        return awaited

    def _why_left(self, call: cst.Call, what: str, replaceable: set[str]) -> str | None:
        """Why ``call`` cannot become ``await <argument>``, and what to do by hand; None if it can."""
        replaced = replaceable & self.file.replaced_names
        if self.generator_depth:
            return (
                "it is in a generator expression, which `await` would make an async generator. Await in a "
                "list comprehension or a for loop instead."
            )
        if self.expecting_depth:
            return (
                "it is under pytest.raises, contextlib.suppress or a try whose handler may catch RuntimeError, "
                "so that error may be what the test checks. If it is not, await the coroutine instead."
            )
        if replaced:
            return (
                f"the file may replace {', '.join(sorted(replaced))} (a string names it, as patch and "
                "monkeypatch.setattr do, or it is assigned). Where the real function runs, await the "
                "coroutine instead."
            )
        if len(call.args) != 1 or call.args[0].keyword or call.args[0].star:
            return (
                "it has arguments besides the coroutine (debug=, loop_factory=, ...), which do not carry "
                "over to the running loop. Await the coroutine instead if the test does not depend on them."
            )
        if what == "asyncio.run()" and not isinstance(call.args[0].value, cst.Call):
            return "its argument is not a call, so not provably a coroutine. Await it instead if it is one."
        if _has_comment(call, keep=[call.args[0].value, *call.lpar, *call.rpar]):
            return "a comment inside the call would be lost. Write `await <coroutine>` by hand."
        return None

    def _running_loop_call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        if self.generator_depth:
            return updated  # a generator may run later, with no loop running
        replaced = {"get_event_loop", "get_running_loop"} & self.file.replaced_names
        if replaced:
            self.file.context.report(
                original,
                f"asyncio.get_event_loop() in {self.where}: left as is, the file may replace "
                f"{', '.join(sorted(replaced))} (a string names it, as patch and monkeypatch.setattr do, or it "
                "is assigned). Use asyncio.get_running_loop() by hand where the real function is meant.",
                Severity.INFO,
            )
            return updated
        func = updated.func
        if isinstance(func, cst.Attribute):  # <asyncio, under any name>.get_event_loop
            return updated.with_changes(func=func.with_changes(attr=cst.Name("get_running_loop")))
        spelling = self.file.running_loop_spelling
        if spelling is None or not self._usable(spelling):
            self.file.context.report(
                original,
                f"get_event_loop() in {self.where}: left as is, asyncio.get_running_loop cannot be named here "
                "(the name it needs is bound to something else). Use asyncio.get_running_loop() by hand.",
                Severity.INFO,
            )
            return updated
        self.file.import_needed = self.file.import_needed or spelling.needs_import is not None
        return updated.with_changes(func=cst.parse_expression(spelling.expression))

    def _usable(self, spelling: Spelling) -> bool:
        if spelling.needs_import is not None:
            return self.names.is_module_name(spelling.needs_import)
        return self._qualified(cst.parse_expression(spelling.expression)) == GET_RUNNING_LOOP

    def _is_running_loop(self, receiver: cst.BaseExpression) -> bool:
        if isinstance(receiver, cst.Call) and not receiver.args:
            return self._qualified(receiver.func) in LOOP_GETTERS
        if isinstance(receiver, cst.Name) and receiver.value in self.running_loops:
            return self.statement_index > self.running_loops[receiver.value] and not self.names.binds_locally(
                receiver.value, below=self.function_names
            )
        return False

    def _qualified(self, node: cst.BaseExpression) -> str | None:
        return self.names.module_qualified_name(node)

    def _parenthesised(self, node: cst.BaseExpression) -> cst.BaseExpression:
        if id(node) in self.awaits and not node.lpar:
            return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return node

    def _may_be_runtime_error(self, exceptions: Sequence[cst.BaseExpression]) -> bool:
        """Whether one of the exception classes (or tuples of them) may be RuntimeError or a base of it."""
        for exception in exceptions:
            if isinstance(exception, cst.Tuple):
                if self._may_be_runtime_error([element.value for element in exception.elements]):
                    return True
                continue
            builtin = None
            if (
                isinstance(exception, cst.Name)
                and self.names.is_module_name(exception.value)
                and self.names.module.is_builtin(exception.value)
            ):
                builtin = getattr(builtins, exception.value, None)
            # Anything but a builtin exception class may be RuntimeError or one of its bases.
            if not (isinstance(builtin, type) and issubclass(builtin, BaseException)):
                return True
            if issubclass(RuntimeError, builtin):
                return True
        return False


def _await_operand(value: cst.BaseExpression) -> cst.BaseExpression:
    """``value`` as written after ``await``: parenthesised unless it is a primary on one line.

    A line break the call's parentheses allowed (``run(a\\n .b())``) needs its own.
    """
    if value.lpar:
        return value
    if isinstance(value, _PRIMARIES):
        code = cst.Module([]).code_for_node(value)
        try:
            cst.parse_expression(code)
            return value
        except cst.ParserSyntaxError:
            pass
    return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _has_comment(node: cst.CSTNode, keep: Sequence[cst.CSTNode]) -> bool:
    """Whether ``node`` holds a comment outside the nodes in ``keep``."""
    finder = _CommentFinder({id(kept) for kept in keep})
    node.visit(finder)
    return finder.found


class _CommentFinder(cst.CSTVisitor):
    def __init__(self, skipped: set[int]) -> None:
        super().__init__()
        self.skipped = skipped
        self.found = False

    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self.skipped:
            return False
        self.found = self.found or isinstance(node, cst.Comment)
        return not self.found


def _target_names(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return set().union(*(_target_names(element.value) for element in target.elements))
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return set()


def _running_loop_names(body: Sequence[cst.BaseStatement], names: LocalNames) -> dict[str, int]:
    """Names the body binds once, in a statement of its own, to the running loop: name → statement index."""
    found: dict[str, list[int]] = {}
    for index, statement in enumerate(body):
        if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
            continue
        small = statement.body[0]
        if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
            continue
        target, value = small.targets[0].target, small.value
        if not (isinstance(target, cst.Name) and isinstance(value, cst.Call) and not value.args):
            continue
        if names.module_qualified_name(value.func) in LOOP_GETTERS and _is_plain_local(names, target.value):
            found.setdefault(target.value, []).append(index)
    return {name: indexes[0] for name, indexes in found.items() if _binding_count(body, name) == 1}


def _is_plain_local(names: LocalNames, name: str) -> bool:
    """Bound by the function through assignments only: no parameter, import, def, class, global."""
    assert names.table is not None
    try:
        symbol = names.table.lookup(name)
    except KeyError:
        return False
    return (
        symbol.is_local()
        and symbol.is_assigned()
        and not (symbol.is_parameter() or symbol.is_imported() or symbol.is_namespace())
        and not (symbol.is_declared_global() or symbol.is_nonlocal())
    )


def _binding_count(body: Sequence[cst.BaseStatement], name: str) -> int:
    counter = _BindingCounter(name)
    for statement in body:
        statement.visit(counter)
    return counter.count


class _BindingCounter(cst.CSTVisitor):
    """How often a function body binds ``name`` in its own scope; a ``nonlocal`` or ``global``
    of it anywhere inside counts too."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.count = 0
        self.nested = 0  # inside a nested def, lambda, class or comprehension target

    def _bind(self, target: cst.BaseExpression | None) -> None:
        if not self.nested and target is not None and self.name in _target_names(target):
            self.count += 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name)
        self.nested += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.nested -= 1

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name)
        self.nested += 1

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.nested -= 1

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.nested += 1

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.nested -= 1

    # A comprehension's targets are its own; a walrus anywhere in it binds here.
    def visit_CompFor_target(self, node: cst.CompFor) -> None:
        self.nested += 1

    def leave_CompFor_target(self, node: cst.CompFor) -> None:
        self.nested -= 1

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._bind(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:  # with, except, import
        self._bind(node.name)  # type: ignore[arg-type]

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._bind(node.target)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        self._bind(node.name)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        self._bind(node.name)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        self._bind(node.rest)

    def visit_TypeAlias(self, node: cst.TypeAlias) -> None:
        self._bind(node.name)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.count += sum(item.name.value == self.name for item in node.names)

    def visit_Global(self, node: cst.Global) -> None:
        self.count += sum(item.name.value == self.name for item in node.names)


CODEMOD = Codemod(
    id="event-loop-calls-in-async",
    summary="Await instead of asyncio.run/run_until_complete inside async tests and fixtures; "
    "get_running_loop for get_event_loop.",
    commands=("fix-tests",),
    prefilter=(b"run", b"get_event_loop"),
    transform=transform,
)
