"""What tests and fixtures do with an event loop; shared by event-loop-requests and close-running-loop.

Both codemods look inside function bodies, where the module's symbol table
(``context.scope``) knows nothing of local names. :func:`analyse_functions` runs libcst's
scope analysis on the few functions that may use a loop (a module made of just them, in one
pass), so a name's bindings and references are exact: a use from a nested function, lambda,
class or comprehension is told apart from one in the function's own body, and a nested
function's own ``event_loop`` parameter is another name altogether.

:class:`EventLoopOrigin` answers "is the ``event_loop`` this function requests
pytest-asyncio's loop?": the nearest fixture of that name (the function's classes, its
module, the conftest.py files above it) must be absent or a plain loop. An override that
creates a loop is the loop tests asked for in 0.21 (event-loop-overrides deals with the
override itself); a fixture that gives anything else is the project's own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, ScopeProvider
from libcst.metadata.scope_provider import Scope as LocalScope

from asyncio_migrate.analysis.local_names import OwnBodyVisitor
from asyncio_migrate.analysis.markers import SCOPES, ClassInfo, MarkerModel, TestInfo, fixture_decorator_name, fixture_name
from asyncio_migrate.analysis.names import Scope, module_scope, walk_statements
from asyncio_migrate.analysis.plugins import requested_anyio_fixtures, run_by_other_plugin

EVENT_LOOP = "event_loop"
GET_RUNNING_LOOP = "asyncio.get_running_loop"
GET_EVENT_LOOP = "asyncio.get_event_loop"
# Inside a running loop (an async body) these give that loop.
RUNNING_LOOP_GETTERS = frozenset({GET_RUNNING_LOOP, GET_EVENT_LOOP})
# Calls that make a new loop (or, for get_event_loop in a sync fixture, the policy's loop).
_LOOP_FACTORIES = frozenset(
    {
        "asyncio.new_event_loop", "asyncio.get_event_loop", "asyncio.SelectorEventLoop",
        "asyncio.ProactorEventLoop", "asyncio.EventLoop", "uvloop.new_event_loop", "uvloop.Loop",
    }
)  # fmt: skip
_PLUGIN_EVENT_LOOP = "pytest_asyncio.plugin.event_loop"


def code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


class FunctionBody:
    """The local names of one function, from libcst's scope analysis (see :func:`analyse_functions`)."""

    def __init__(self, function: cst.FunctionDef, scopes: Mapping[cst.CSTNode, LocalScope | None]) -> None:
        self.function = function
        scope = scopes[function.body]
        assert scope is not None
        self.scope: LocalScope = scope
        walk = _Walk()
        function.visit(walk)
        self._parents = walk.parents
        self._order = walk.order  # libcst keeps references in sets: they are sorted as written

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self._parents.get(id(node))

    def bindings(self, name: str) -> list[cst.CSTNode]:
        """The nodes binding ``name`` in the function's own scope (a Param, an assigned Name, ...)."""
        return [assignment.node for assignment in self.scope.assignments[name]]

    def references(self, name: str) -> tuple[list[cst.Name], list[cst.CSTNode]]:
        """Uses of the function's own ``name``: (directly in its body, from nested scopes or not a Name)."""
        direct: list[cst.Name] = []
        nested: list[cst.CSTNode] = []
        for assignment in self.scope.assignments[name]:
            for access in assignment.references:
                if access.scope is self.scope and isinstance(access.node, cst.Name):
                    if all(access.node is not seen for seen in direct):
                        direct.append(access.node)
                elif all(access.node is not seen for seen in nested):
                    nested.append(access.node)
        return sorted(direct, key=self._position), sorted(nested, key=self._position)

    def _position(self, node: cst.CSTNode) -> int:
        return self._order.get(id(node), -1)

    def binds(self, name: str) -> bool:
        return bool(self.scope.assignments[name])

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
    """:class:`FunctionBody` of each function by ``id()``, from one scope analysis of them all."""
    unique = list({id(function): function for function in functions}.values())
    if not unique:
        return {}
    scopes = MetadataWrapper(cst.Module(body=unique), unsafe_skip_copy=True).resolve(ScopeProvider)
    return {id(function): FunctionBody(function, scopes) for function in unique}


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
        for each in _with_bases_or_unseen(cls):
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


def _with_bases_or_unseen(cls: ClassInfo) -> Iterator[ClassInfo | None]:
    """The class, then its bases depth first, None for a base this module does not show."""
    yield cls
    for base in cls.bases:
        if base is None:
            yield None
        else:
            yield from _with_bases_or_unseen(base)


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


def gives_loop(function: cst.FunctionDef, module: Scope) -> bool:
    """Whether a fixture returns or yields nothing but a loop it makes (a plain loop override)."""
    body = analyse_functions([function])[id(function)]
    values = list(returned_or_yielded(function.body))
    return bool(values) and all(_is_new_loop(value, body, module) for value in values)


def _is_new_loop(value: cst.BaseExpression | None, body: FunctionBody, module: Scope) -> bool:
    if isinstance(value, cst.Call):
        if isinstance(value.func, cst.Attribute) and value.func.attr.value == "new_event_loop":
            return True  # a policy's, or uvloop's
        return body.qualified_name(value.func, module) in _LOOP_FACTORIES
    if isinstance(value, cst.Name):
        bindings = body.bindings(value.value)
        return bool(bindings) and all(_is_new_loop(body.assigned_value(binding), body, module) for binding in bindings)
    return False


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


# What the survey and EventLoopOrigin keep of an ``event_loop`` fixture definition: whether it
# gives a plain loop, and its scope (the scope of that loop; None: not a literal).
Definition = tuple[bool, str | None]
# The definitions of one file, by where they are: "" for module level, "Outer::Inner" for a class.
FileDefinitions = dict[str, Definition]
_DEFINES_EVENT_LOOP = re.compile(rb"def\s+event_loop\b|name\s*=\s*['\"]event_loop['\"]|import[^\n]*\bevent_loop\b")


def definitions_in(module: cst.Module, module_scope: Scope) -> FileDefinitions:
    """The ``event_loop`` fixtures ``module`` defines (or imports), at module level and in classes."""
    found: FileDefinitions = {}
    class_names = {id(module_scope): ""}
    for statement, scope in walk_statements(module.body, module_scope):
        where = class_names[id(scope)]
        if isinstance(statement, cst.ClassDef):
            name = statement.name.value
            class_names[id(scope.scope_of_class(statement))] = f"{where}::{name}" if where else name
        elif isinstance(statement, cst.FunctionDef) and fixture_name(statement, scope) == EVENT_LOOP:
            found[where] = (gives_loop(statement, scope), fixture_scope(statement, scope))
        elif isinstance(statement, cst.SimpleStatementLine) and any(map(_imports_event_loop, statement.body)):
            # Only pytest-asyncio's own (function-scoped) fixture is known to be a loop.
            found[where] = (scope.resolve(EVENT_LOOP) == _PLUGIN_EVENT_LOOP, "function")
    return found


def _imports_event_loop(small: cst.BaseSmallStatement) -> bool:
    if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
        return False
    return any((alias.asname.name if alias.asname else alias.name).value == EVENT_LOOP for alias in small.names)  # type: ignore[union-attr]


def fixture_scope(function: cst.FunctionDef, scope: Scope) -> str | None:
    """A fixture's ``scope=`` (``function`` when not given); None when not a literal scope name."""
    for decorator in function.decorators:
        expression = decorator.decorator
        if fixture_decorator_name(decorator, scope) is None or not isinstance(expression, cst.Call):
            continue
        for arg in expression.args:
            if arg.keyword is not None and arg.keyword.value == "scope":
                value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                return value if value in SCOPES else None
    return "function"


def survey_event_loop_fixtures(paths: Sequence[Path], settings: object) -> dict[str, FileDefinitions]:
    """The ``event_loop`` fixtures of every file, by absolute path, as written before any codemod ran
    (event-loop-overrides deletes those it rewrites; what they gave their requesters still counts).
    A survey is given the project settings; this one needs none."""
    found = {}
    for path in paths:
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if not _DEFINES_EVENT_LOOP.search(source):
            continue
        try:
            module = cst.parse_module(source)
            scope = module_scope(module, source, str(path))
        except Exception:  # noqa: BLE001, S112 (the file's own run reports what is wrong with it)
            continue
        definitions = definitions_in(module, scope)
        if definitions:
            found[os.path.abspath(path)] = definitions
    return found


class EventLoopOrigin:
    """Which ``event_loop`` fixture the tests and fixtures of one file get: the nearest
    definition in their classes (and their bases), the module, the conftest.py files above."""

    def __init__(
        self, module: cst.Module, path: str, module_scope: Scope, surveyed: Mapping[str, FileDefinitions] | None
    ) -> None:
        self._path = Path(os.path.abspath(path))
        self._surveyed = surveyed or {}
        # The file as the survey saw it (before any codemod), else the tree as it is now.
        own = self._surveyed.get(str(self._path))
        self._own = own if own is not None else definitions_in(module, module_scope)

    def problem(self, requester: Requester | None) -> str | None:
        """Why ``event_loop`` for ``requester`` (None: at module level) may not be a loop
        pytest-asyncio used to give; None when it is (pytest-asyncio's, or a plain override)."""
        where, definition = self._nearest(requester.cls if requester is not None else None)
        if definition is None or definition[0]:
            return None
        return (
            f"the event_loop fixture it gets is the project's own ({where}), not a plain event loop, so "
            "asyncio.get_running_loop() cannot stand in for it"
        )

    def loop_scope(self, requester: Requester) -> str | None:
        """The scope of the loop ``event_loop`` gave ``requester`` (None: not a literal scope)."""
        _, definition = self._nearest(requester.cls)
        return "function" if definition is None else definition[1]

    def _nearest(self, cls: ClassInfo | None) -> tuple[str, Definition | None]:
        while cls is not None:
            for each in _with_bases(cls):
                if each.qualified_name in self._own:
                    return f"class {each.qualified_name}", self._own[each.qualified_name]
            cls = cls.parent
        if "" in self._own:
            return "this module", self._own[""]
        for folder in self._path.parents:
            conftest = folder / "conftest.py"
            if conftest != self._path and "" in self._surveyed.get(str(conftest), {}):
                return _shown(conftest), self._surveyed[str(conftest)][""]
        return "", None


def _shown(path: Path) -> str:
    """``path`` as the report shows paths: from the working folder when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _with_bases(cls: ClassInfo) -> Iterator[ClassInfo]:
    return (each for each in _with_bases_or_unseen(cls) if each is not None)


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
