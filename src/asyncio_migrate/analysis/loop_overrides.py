"""``event_loop`` fixture overrides: what one does, and what event-loop-overrides' survey decided.

pytest-asyncio 1.x ignores ``event_loop`` fixtures. An override makes the default loop (in its
fixture scope, maybe in debug mode), a custom loop (``factory``: what makes it), or something
no rewrite can carry over (``problem``). The survey reads every conftest override before any
file is changed and decides what carries each one over; default-fixture-loop-scope reads the
default it asks for. Paths are absolute and normalised.

:class:`EventLoopOrigin` answers "is the ``event_loop`` this function requests
pytest-asyncio's loop?": the nearest fixture of that name (the function's classes, its
module, the conftest.py files above it) must be absent or a plain loop (:func:`gives_loop`).
An override that creates a loop is the loop tests asked for in 0.21 (event-loop-overrides
deals with the override itself); a fixture that gives anything else is the project's own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import libcst as cst

from asyncio_migrate.analysis.loop_uses import (
    EVENT_LOOP,
    FunctionBody,
    Requester,
    analyse_functions,
    returned_or_yielded,
    with_bases_or_unseen,
)
from asyncio_migrate.analysis.markers import SCOPES, ClassInfo, fixture_decorator_name, fixture_name, is_fixture
from asyncio_migrate.analysis.names import (
    Scope,
    dotted_name,
    excerpt,
    is_docstring,
    is_name,
    module_scope,
    same_scope_blocks,
    walk_statements,
)

_DEFAULT_LOOPS = {"asyncio.new_event_loop", "asyncio.get_event_loop"}
# The loop classes asyncio exports; any other asyncio callable makes no loop of its own.
_ASYNCIO_LOOP_CLASSES = {"asyncio.SelectorEventLoop", "asyncio.ProactorEventLoop", "asyncio.EventLoop"}
_POLICY = "asyncio.get_event_loop_policy"
# Calls that make a new loop (or, for get_event_loop in a sync fixture, the policy's loop).
_LOOP_FACTORIES = frozenset({*_DEFAULT_LOOPS, *_ASYNCIO_LOOP_CLASSES, "uvloop.new_event_loop", "uvloop.Loop"})
_PLUGIN_EVENT_LOOP = "pytest_asyncio.plugin.event_loop"
HOOK_NAME = "pytest_asyncio_loop_factories"


# "config": it covers every test, so the configuration's defaults carry it over;
# "marks": loop_scope on the tests below its folder; "report": left as is (see reason).
Role = Literal["config", "marks", "report"]


@dataclass(frozen=True)
class FixtureLoop:
    """What one async fixture of a conftest needs: a ``loop_scope``, or a report saying why not."""

    loop_scope: str | None = None
    report: str | None = None


@dataclass(frozen=True)
class ConftestOverride:
    """A conftest.py's ``event_loop`` override (its role) and the loops its async fixtures need."""

    role: Role | None = None  # None: it has no override, only fixtures that need a loop_scope
    reason: str | None = None  # why it is left as is (role "report")
    fixtures: Mapping[str, FixtureLoop] = field(default_factory=dict)


@dataclass(frozen=True)
class OverridePlan:
    """The survey's result: every conftest's part, the loop scope each folder's tests need, and the
    defaults the top-most override becomes."""

    conftests: Mapping[str, ConftestOverride] = field(default_factory=dict)  # by conftest.py path
    # Folder of a conftest override -> the loop scope its tests need (None: its override stays).
    coverage: Mapping[str, str | None] = field(default_factory=dict)
    fixture_loop_scope: str | None = None  # asyncio_default_fixture_loop_scope to set
    test_loop_scope: str | None = None  # asyncio_default_test_loop_scope to set

    def is_empty(self) -> bool:
        return self == OverridePlan()


# --- Reading an override -------------------------------------------------------------------------


@dataclass
class Override:
    """An ``event_loop`` fixture as written."""

    node: cst.FunctionDef
    scope: str  # the fixture's scope (the loop scope it gave)
    factory: cst.BaseExpression | None = None  # what makes a custom loop; None: the default loop
    debug: bool = False
    problem: str | None = None  # why the fixture cannot be rewritten




def is_override(function: cst.FunctionDef, scope: Scope) -> bool:
    return is_fixture(function.decorators, scope) and fixture_name(function, scope) == EVENT_LOOP


def read_override(function: cst.FunctionDef, scope: Scope, module_scope: Scope, in_class: bool) -> Override:
    """What ``function`` (an override) does; names in its body are looked up at module level."""
    override = Override(function, "function")
    if len(function.decorators) != 1:
        override.problem = "it has decorators besides the fixture decorator"
        return override
    decorator = function.decorators[0].decorator
    for arg in decorator.args if isinstance(decorator, cst.Call) else ():
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword == "scope":
            value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
            if value not in SCOPES:
                override.problem = "its scope is not a literal scope name"
                return override
            override.scope = value  # type: ignore[assignment]
        elif keyword is None or keyword not in ("autouse", "name"):
            override.problem = "it is parametrized" if keyword == "params" else "its decorator has other arguments"
            return override
    if function.asynchronous is not None:
        override.problem = "it is a coroutine function"
        return override
    params = function.params
    names = [param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)]
    if isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None or len(names) != int(in_class):
        requested = names[1:] if in_class else names
        override.problem = f"it requests other fixtures ({', '.join(requested) or 'variable arguments'})"
        return override
    override.problem = _read_body(override, module_scope)
    return override


def _read_body(override: Override, scope: Scope) -> str | None:
    """Fill in the loop ``override`` makes; the problem with its body, if any."""
    steps = _steps(override.node)
    policy = _assigned(steps[0]) if steps and _is_call_of(getattr(steps[0], "value", None), _POLICY, scope) else None
    if policy is not None:
        steps = steps[1:]  # policy = asyncio.get_event_loop_policy()
    if not steps:
        return "its body makes no loop"
    first, rest = steps[0], steps[1:]
    if isinstance(first, cst.Return) and isinstance(first.value, cst.Call) and not rest:
        return _read_loop_call(override, first.value, scope, policy, loop=None)
    loop = _assigned(first)
    if loop is None or not isinstance(first, cst.Assign) or not isinstance(first.value, cst.Call):
        return _does_more(first)
    problem = _read_loop_call(override, first.value, scope, policy, loop)
    if problem is not None:
        return problem
    while rest and _is_loop_setup(rest[0], loop, scope, override):
        rest = rest[1:]
    if _ends_by_handing_over(rest, loop):
        return None
    if not rest:
        return "it neither returns nor yields the loop"
    if _is_yield_of(rest[0], loop):
        return _does_more(next((step for step in rest[1:] if not _is_close(step, loop)), rest[-1]))
    return _does_more(rest[0])


def _steps(function: cst.FunctionDef) -> list[cst.CSTNode]:
    """The body's small statements and compound statements in order, without a docstring."""
    steps: list[cst.CSTNode] = []
    body = function.body
    for statement in body.body if isinstance(body, cst.IndentedBlock) else [body]:
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            steps.extend(statement.body)
        else:
            steps.append(statement)
    first = steps[0] if steps else None
    if isinstance(first, cst.Expr) and isinstance(first.value, (cst.SimpleString, cst.ConcatenatedString)):
        return steps[1:]
    return steps


def _does_more(step: cst.CSTNode) -> str:
    return f"its body does more than make, yield and close a loop (`{excerpt(step)}`)"


def _read_loop_call(
    override: Override, call: cst.Call, scope: Scope, policy: str | None, loop: str | None
) -> str | None:
    if call.args:
        return f"it passes arguments to the loop it makes (`{excerpt(call)}`)"
    function = call.func
    if isinstance(function, cst.Attribute) and function.attr.value == "new_event_loop":
        owner = function.value
        if _is_call_of(owner, _POLICY, scope) or (policy is not None and is_name(owner, policy)):
            return None
    root = function
    while isinstance(root, (cst.Attribute, cst.Call)):
        root = root.value if isinstance(root, cst.Attribute) else root.func
    if not isinstance(root, cst.Name) or root.value in (loop, policy):
        return _does_more(call)  # a name the body binds itself is not the module's
    if scope.qualified_name(function) in _DEFAULT_LOOPS:
        return None
    qualified = scope.qualified_name(function) or ""
    if dotted_name(function) is None or (qualified.startswith("asyncio.") and qualified not in _ASYNCIO_LOOP_CLASSES):
        return _does_more(call)
    override.factory = function
    return None


def _is_loop_setup(step: cst.CSTNode, loop: str, scope: Scope, override: Override) -> bool:
    """``asyncio.set_event_loop(loop)`` (what pytest-asyncio does anyway) or ``loop.set_debug(True)``."""
    if not isinstance(step, cst.Expr) or not isinstance(step.value, cst.Call):
        return False
    call = step.value
    args = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    if len(args) != len(call.args) or len(args) != 1:
        return False
    if is_name(args[0], loop) and scope.qualified_name(call.func) == "asyncio.set_event_loop":
        return True
    if _is_method_of(call.func, loop, "set_debug") and is_name(args[0], "True"):
        override.debug = True
        return True
    return False


def _ends_by_handing_over(steps: Sequence[cst.CSTNode], loop: str) -> bool:
    """``return loop``; ``yield loop`` (then ``loop.close()``); or ``try: yield loop / finally: loop.close()``."""
    if len(steps) == 1 and isinstance(steps[0], cst.Return) and is_name(steps[0].value, loop):
        return True
    if steps and _is_yield_of(steps[0], loop):
        return len(steps) == 1 or (len(steps) == 2 and _is_close(steps[1], loop))
    if len(steps) == 1 and isinstance(steps[0], cst.Try):
        attempt = steps[0]
        if attempt.handlers or attempt.orelse is not None or attempt.finalbody is None:
            return False
        inner = _small_statements(attempt.body)
        final = _small_statements(attempt.finalbody.body)
        return len(inner) == 1 and _is_yield_of(inner[0], loop) and len(final) == 1 and _is_close(final[0], loop)
    return False


def _small_statements(block: cst.BaseSuite) -> list[cst.CSTNode]:
    if isinstance(block, cst.SimpleStatementSuite):
        return list(block.body)
    smalls: list[cst.CSTNode] = []
    for statement in block.body:  # type: ignore[attr-defined]
        smalls.extend(statement.body if isinstance(statement, cst.SimpleStatementLine) else [statement])
    return smalls


def _assigned(step: cst.CSTNode) -> str | None:
    if isinstance(step, cst.Assign) and len(step.targets) == 1 and isinstance(step.targets[0].target, cst.Name):
        return step.targets[0].target.value
    return None


def _is_call_of(node: cst.CSTNode | None, qualified: str, scope: Scope) -> bool:
    return isinstance(node, cst.Call) and not node.args and scope.qualified_name(node.func) == qualified


def _is_method_of(node: cst.CSTNode, owner: str, method: str) -> bool:
    return isinstance(node, cst.Attribute) and is_name(node.value, owner) and node.attr.value == method


def _is_yield_of(step: cst.CSTNode, loop: str) -> bool:
    return isinstance(step, cst.Expr) and isinstance(step.value, cst.Yield) and is_name(step.value.value, loop)


def _is_close(step: cst.CSTNode, loop: str) -> bool:
    return (
        isinstance(step, cst.Expr)
        and isinstance(step.value, cst.Call)
        and not step.value.args
        and _is_method_of(step.value.func, loop, "close")
    )


def is_loop_alias(function: cst.FunctionDef, scope: Scope, in_class: bool) -> bool:
    """Whether a sync fixture does nothing but give the ``event_loop`` it requests
    (``def loop(event_loop): return event_loop``, a docstring allowed): its requesters got
    the very loop ``event_loop`` gave them. Not one with ``params=`` (its requesters are
    parametrized by it) or ``autouse=`` (it sets the loop up for tests that do not ask), nor
    one that another decorator wraps. ``scope``: where its decorators run."""
    if fixture_name(function, scope) is None or any(
        fixture_decorator_name(decorator, scope) is None
        or (
            isinstance(decorator.decorator, cst.Call)
            and any(
                arg.keyword is None or arg.keyword.value in ("params", "autouse") for arg in decorator.decorator.args
            )
        )
        for decorator in function.decorators
    ):
        return False
    params = function.params
    own = [*params.posonly_params, *params.params]
    if in_class and own and own[0].name.value in ("self", "cls"):
        own = own[1:]
    requested = [*own, *params.kwonly_params]
    if (
        function.asynchronous is not None
        or params.star_kwarg is not None
        or isinstance(params.star_arg, cst.Param)
        or [param.name.value for param in requested] != [EVENT_LOOP]
        or requested[0].default is not None
        or not isinstance(function.body, cst.IndentedBlock)
    ):
        return False
    statements = list(function.body.body)
    if statements and is_docstring(statements[0]):
        statements = statements[1:]
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return False
    line = statements[0].body
    return (
        len(line) == 1
        and isinstance(line[0], cst.Return)
        and isinstance(line[0].value, cst.Name)
        and line[0].value.value == EVENT_LOOP
    )


@dataclass
class Found:
    override: Override
    owner: cst.ClassDef | None  # the class it is defined in; None: module level


def find_event_loop_overrides(module: cst.Module, module_scope: Scope) -> list[Found]:
    """Every ``event_loop`` fixture at module level or in a class body."""
    class_of_scope: dict[int, cst.ClassDef] = {}
    found = []
    for statement, scope in walk_statements(module.body, module_scope):
        if isinstance(statement, cst.ClassDef):
            class_of_scope[id(scope.scope_of_class(statement))] = statement
        elif isinstance(statement, cst.FunctionDef) and is_override(statement, scope):
            owner = class_of_scope.get(id(scope))
            found.append(Found(read_override(statement, scope, module_scope, owner is not None), owner))
    return found


def defines_loop_factories_hook(module: cst.Module) -> bool:
    """Whether ``module`` binds ``pytest_asyncio_loop_factories`` at module level (a def, an import...)."""
    return HOOK_NAME in _module_bindings(module.body)


def _module_bindings(body: Sequence[cst.BaseStatement]) -> Iterator[str]:
    for statement in body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            yield statement.name.value
        elif isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                yield from _small_bindings(small)
        for block in same_scope_blocks(statement):
            yield from _module_bindings(block)


def _small_bindings(small: cst.BaseSmallStatement) -> Iterator[str]:
    if isinstance(small, cst.Assign):
        for target in small.targets:
            if isinstance(target.target, cst.Name):
                yield target.target.value
    elif isinstance(small, (cst.AnnAssign, cst.AugAssign)) and isinstance(small.target, cst.Name):
        yield small.target.value
    elif isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
        for alias in small.names:
            bound = alias.asname.name if alias.asname else alias.name
            if isinstance(bound, cst.Name):
                yield bound.value


# --- What an event_loop fixture gives its requesters ---------------------------------------------


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
    return (each for each in with_bases_or_unseen(cls) if each is not None)
