"""What tests and fixtures do with an event loop; shared by event-loop-requests and close-running-loop.

Both codemods look inside function bodies, where the module's symbol table
(``context.scope``) knows nothing of local names. :class:`FunctionBody` reads a function's
own names from :func:`~asyncio_migrate.analysis.local_names.function_uses`, so a name's
bindings and references are exact: a use from a nested function, lambda, class or
comprehension is told apart from one in the function's own body, and a nested function's
own ``event_loop`` parameter is another name altogether.

What an ``event_loop`` fixture gives its requesters is
:mod:`asyncio_migrate.analysis.loop_overrides`' part.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from asyncio_migrate.analysis.local_names import OwnBodyVisitor, function_uses
from asyncio_migrate.analysis.markers import ClassInfo, MarkerModel, TestInfo, fixture_name
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.analysis.plugins import requested_anyio_fixtures, run_by_other_plugin

EVENT_LOOP = "event_loop"
GET_RUNNING_LOOP = "asyncio.get_running_loop"
GET_EVENT_LOOP = "asyncio.get_event_loop"
# Inside a running loop (an async body) these give that loop.
RUNNING_LOOP_GETTERS = frozenset({GET_RUNNING_LOOP, GET_EVENT_LOOP})
class FunctionBody:
    """The local names of one function (:func:`~asyncio_migrate.analysis.local_names.function_uses`)
    and the parent of each node in it."""

    def __init__(self, function: cst.FunctionDef) -> None:
        self.function = function
        self._uses = function_uses(function).own
        walk = _Walk()
        function.visit(walk)
        self._parents = walk.parents
        self._order = walk.order

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self._parents.get(id(node))

    def bindings(self, name: str) -> list[cst.CSTNode]:
        """The nodes binding ``name`` in the function's own scope (a Param, an assigned Name, ...)."""
        uses = self._uses.get(name)
        return list(uses.bindings) if uses is not None else []

    def bound_names(self) -> set[str]:
        """Every name the function's own scope binds."""
        return set(self._uses)

    def references(self, name: str) -> tuple[list[cst.Name], list[cst.CSTNode]]:
        """Uses of the function's own ``name``: (directly in its body, from nested scopes or not a Name)."""
        uses = self._uses.get(name)
        if uses is None:
            return [], []
        return sorted(uses.direct, key=self._position), sorted(uses.nested, key=self._position)

    def _position(self, node: cst.CSTNode) -> int:
        return self._order.get(id(node), -1)

    def binds(self, name: str) -> bool:
        return name in self._uses

    def qualified_name(self, expression: cst.BaseExpression, module: Scope) -> str | None:
        """The import ``expression`` names, unless the function binds its first name itself."""
        head = expression
        while isinstance(head, cst.Attribute):
            head = head.value
        if isinstance(head, cst.Name) and self.binds(head.value):
            return None
        return module.qualified_name(expression)

    def method_call(self, name: cst.Name, method: str) -> cst.Call | None:
        """The call ``name.method(...)`` when ``name`` is the object of one."""
        attribute = self.parent(name)
        if not isinstance(attribute, cst.Attribute) or attribute.value is not name or attribute.attr.value != method:
            return None
        call = self.parent(attribute)
        return call if isinstance(call, cst.Call) and call.func is attribute else None

    def statement_of(self, call: cst.Call) -> cst.SimpleStatementLine | None:
        """The line ``call`` makes up on its own as an expression statement, if it does (and
        the line sits in an indented block, where it can be removed)."""
        expression = self.parent(call)
        line = self.parent(expression) if isinstance(expression, cst.Expr) and not call.lpar else None
        if isinstance(line, cst.SimpleStatementLine) and isinstance(self.parent(line), cst.IndentedBlock):
            return line
        return None

    def calls_getter(self, expression: cst.BaseExpression, module: Scope, getters: frozenset[str]) -> bool:
        """Whether ``expression`` is a no-argument call of one of ``getters``."""
        return (
            isinstance(expression, cst.Call)
            and not expression.args
            and self.qualified_name(expression.func, module) in getters
        )

    def assigned_value(self, binding: cst.CSTNode) -> cst.BaseExpression | None:
        """The value of ``name = value`` / ``name: T = value`` for the target ``binding`` (one target only)."""
        owner = self.parent(binding)
        if isinstance(owner, cst.AssignTarget):
            assign = self.parent(owner)
            if isinstance(assign, cst.Assign) and len(assign.targets) == 1:
                return assign.value
        if isinstance(owner, cst.AnnAssign) and owner.target is binding:
            return owner.value
        return None

    def bound_only_to(self, name: str, module: Scope, getters: frozenset[str]) -> bool:
        """Whether every binding of ``name`` here is ``name = <getter>()``."""
        bindings = self.bindings(name)
        return bool(bindings) and all(
            (value := self.assigned_value(binding)) is not None and self.calls_getter(value, module, getters)
            for binding in bindings
        )


def analyse_functions(functions: Sequence[cst.FunctionDef]) -> dict[int, FunctionBody]:
    """:class:`FunctionBody` of each function, by ``id()``."""
    return {id(function): FunctionBody(function) for function in functions}


class _Walk(cst.CSTVisitor):
    """The parent and the position in a walk of the tree of every node, by ``id()``."""

    def __init__(self) -> None:
        super().__init__()
        self.parents: dict[int, cst.CSTNode] = {}
        self.order: dict[int, int] = {}
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._stack:
            self.parents[id(node)] = self._stack[-1]
        self.order[id(node)] = len(self.order)
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


def scope_lines(block: cst.BaseSuite) -> Iterator[cst.SimpleStatementLine]:
    """The simple statement lines of a function body that run in its own scope, each in an
    indented block (if/for/with/try/match blocks included), where a line can be removed."""
    if not isinstance(block, cst.IndentedBlock):
        return
    for statement in block.body:
        if isinstance(statement, cst.SimpleStatementLine):
            yield statement
        elif not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            for inner in _blocks_of(statement):
                yield from scope_lines(inner)


def _blocks_of(node: cst.CSTNode) -> Iterator[cst.BaseSuite]:
    for child in node.children:
        if isinstance(child, cst.BaseSuite):
            yield child
        elif isinstance(
            child, (cst.If, cst.Else, cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally, cst.MatchCase)
        ):
            yield from _blocks_of(child)


def event_loop_param(function: cst.FunctionDef, fixture: str = EVENT_LOOP) -> cst.Param | None:
    """The parameter through which pytest passes the ``event_loop`` fixture (or ``fixture``), if any."""
    params = function.params
    for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
        if param.name.value == fixture and param.default is None:
            return param
    return None


@dataclass(frozen=True)
class Requester:
    """A test or fixture: pytest fills its parameters with fixtures."""

    function: cst.FunctionDef
    scope: Scope  # where its decorators are evaluated
    cls: ClassInfo | None  # the class it is defined in
    tests: tuple[TestInfo, ...]  # a test: as each class collecting it sees it; empty for a fixture
    fixture: str | None  # a fixture: the name it is requested by

    @property
    def name(self) -> str:
        return self.function.name.value

    @property
    def is_async(self) -> bool:
        return self.function.asynchronous is not None

    @property
    def what(self) -> str:
        return f"{'fixture' if self.fixture else 'test'} {self.name}"

    def parametrizes(self, name: str) -> bool:
        """Whether the test's own ``parametrize`` marks may give the argument ``name`` (not a fixture then)."""
        return any(
            mark.name == "parametrize" and mark.arguments and name in (_argnames(mark.arguments[0].value) or {name})
            for test in self.tests
            for mark in test.marks
        )

    def run_by_other_plugin(self, model: MarkerModel) -> bool:
        """anyio or another plugin runs it: its running loop is not pytest-asyncio's."""
        if self.fixture is not None:
            return bool(requested_anyio_fixtures(self.function))
        return any(run_by_other_plugin(model, test) for test in self.tests)


def nearest_fixture(cls: ClassInfo | None, name: str, fixtures: Sequence[Requester], module: Scope) -> Requester | None:
    """The definition of fixture ``name`` that a test or fixture of this module defined in ``cls``
    (None: at module level) gets, when it is one of ``fixtures``: the nearest in its classes (and
    their bases), else the module's. None when there is none, or it may come from code this
    module does not show (a base class or a name imported from elsewhere)."""
    while cls is not None:
        for each in with_bases_or_unseen(cls):
            if each is None:
                return None
            found = [fixture for fixture in fixtures if fixture.fixture == name and _defined_in(fixture, each)]
            if found:
                return found[0] if len(found) == 1 else None
        cls = cls.parent
    try:
        imported = module.table.lookup(name).is_imported()
    except KeyError:
        imported = False
    if imported or module.star_imports:
        return None
    found = [fixture for fixture in fixtures if fixture.fixture == name and fixture.cls is None]
    return found[0] if len(found) == 1 else None


def _defined_in(fixture: Requester, cls: ClassInfo) -> bool:
    return fixture.cls is not None and fixture.cls.node is cls.node


def with_bases_or_unseen(cls: ClassInfo) -> Iterator[ClassInfo | None]:
    """The class, then its bases depth first, None for a base this module does not show."""
    yield cls
    for base in cls.bases:
        if base is None:
            yield None
        else:
            yield from with_bases_or_unseen(base)


def _argnames(value: cst.BaseExpression) -> set[str] | None:
    """The names ``parametrize`` gives (its first argument); None when not written literally."""
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        return {part.strip() for part in value.evaluated_value.split(",")}
    if isinstance(value, (cst.List, cst.Tuple)) and all(
        isinstance(element.value, cst.SimpleString) for element in value.elements
    ):
        return {str(element.value.evaluated_value).strip() for element in value.elements}  # type: ignore[attr-defined]
    return None


def tests_and_fixtures(module: cst.Module, module_scope: Scope, model: MarkerModel, is_test_file: bool) -> list[Requester]:
    """Every test (in a test module) and fixture of ``module``, as defined in the tree given."""
    class_of_scope = {id(cls.scope): cls for cls in model.classes}
    tests: dict[int, list[TestInfo]] = {}
    if is_test_file:
        for test in model.tests:
            tests.setdefault(id(test.node), []).append(test)
    found = []
    for statement, scope in walk_statements(module.body, module_scope):
        if not isinstance(statement, cst.FunctionDef):
            continue
        cls = class_of_scope.get(id(scope))
        name = fixture_name(statement, scope)
        if name is not None or id(statement) in tests:
            found.append(Requester(statement, scope, cls, tuple(tests.get(id(statement), ())), name))
    return found


def returned_or_yielded(block: cst.BaseSuite) -> Iterator[cst.BaseExpression | None]:
    """The values a function body returns or yields itself (None for a bare return or yield)."""
    finder = _OwnReturnsAndYields()
    block.visit(finder)
    return iter(finder.values)


class _OwnReturnsAndYields(OwnBodyVisitor):
    """The values a function returns or yields itself (not its nested functions)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[cst.BaseExpression | None] = []

    def visit_Return(self, node: cst.Return) -> None:
        self.values.append(node.value)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.values.append(node.value if not isinstance(node.value, cst.From) else None)


def replaced_names(module: cst.Module) -> frozenset[str]:
    """Which of ``asyncio.run``, ``get_event_loop``, ``get_running_loop`` and ``run_until_complete``
    the file may replace by a fake (a string names it, as ``patch`` does, or it is assigned)."""
    finder = _ReplacementFinder()
    module.visit(finder)
    return frozenset(finder.names)


class _ReplacementFinder(cst.CSTVisitor):
    """``patch("asyncio.run")``, ``monkeypatch.setattr(asyncio, "get_event_loop", ...)``,
    ``loop.run_until_complete = Mock()``: the names of these functions a file may replace."""

    NAMES = frozenset({"run", "get_event_loop", "get_running_loop", "run_until_complete"})

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        # A patch target is a dotted path; prose that happens to end in "run" is not.
        if isinstance(value, str) and all(part.isidentifier() for part in value.split(".")):
            last = value.rpartition(".")[2]
            if last in self.NAMES:
                self.names.add(last)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if isinstance(node.target, cst.Attribute) and node.target.attr.value in self.NAMES:
            self.names.add(node.target.attr.value)
