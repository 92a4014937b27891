"""Which mocks in a test body are provably ``AsyncMock``s (shared by the async-mock codemods).

A receiver such as ``repo`` or ``repo.find`` is an ``AsyncMock`` when every binding of
``repo`` in the function that asserts on it is one of:

- ``AsyncMock(...)`` (``unittest.mock`` or the ``mock`` backport, any import spelling) or
  ``mocker.AsyncMock(...)`` with ``mocker`` the pytest-mock fixture of a test or fixture;
- ``patch(..., new_callable=AsyncMock)`` / ``patch(..., new=AsyncMock(...))`` (also
  ``patch.object``) as ``with ... as repo``, ``mocker.patch(...)`` / ``mocker.patch.object(...)``,
  ``patch(...).start()``, or a ``@patch`` decorator that injects the parameter ``repo``.

An attribute of such a mock is an ``AsyncMock`` too (Python 3.8+ makes every child of an
``AsyncMock`` one), unless the mock has a spec (``spec``/``spec_set``, a positional spec,
``spec=True`` in patch), which makes the spec's sync methods ``MagicMock``s, or wraps an
object (``wraps``), whose methods decide what a call does. An attribute
set through a keyword (``AsyncMock(find=...)``), assigned (``repo.find = ...``), or changed by
``configure_mock``/``attach_mock``/``mock_add_spec``/``setattr`` in the function is unknown.

Anything else is unknown: a parameter (a fixture value), a global, a name bound twice in
different ways, a name declared ``global``/``nonlocal`` or bound by ``:=`` anywhere in the
function. ``patch("x")`` without ``new``/``new_callable`` makes an ``AsyncMock`` exactly when
the target is async, which only the run time knows: such a receiver is told apart so the
codemods can report it.

Names are resolved through the tree's scope index (CPython's ``symtable`` of each function) and the
module's imports (:mod:`asyncio_migrate.analysis.names`); class bodies are not visible from methods.
"""

from __future__ import annotations

import symtable
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum

import libcst as cst

from asyncio_migrate.analysis.markers import MarkerModel
from asyncio_migrate.analysis.local_names import LocalNames, ScopeIndex
from asyncio_migrate.analysis.names import Scope, code, dotted_name, walk_statements

ASYNC_MOCK = frozenset({"unittest.mock.AsyncMock", "mock.AsyncMock"})
MAGIC_MOCK = frozenset({"unittest.mock.MagicMock", "mock.MagicMock"})
MOCK_CALL = frozenset({"unittest.mock.call", "mock.call"})
# patch callables, and whether they take (target, attribute, new) rather than (target, new).
PATCHERS = {
    "unittest.mock.patch": False,
    "mock.patch": False,
    "unittest.mock.patch.object": True,
    "mock.patch.object": True,
}
_PATCH_DICT = frozenset({"unittest.mock.patch.dict", "mock.patch.dict"})
# patch's own keywords; any other keyword configures the mock it creates.
_PATCH_PARAMETERS = frozenset(
    {"target", "attribute", "new", "spec", "create", "spec_set", "autospec", "new_callable", "unsafe"}
)
_SPEC_KEYWORDS = ("spec", "spec_set", "wraps", "autospec")
# AsyncMock's constructor keywords that do not configure a child.
_MOCK_PARAMETERS = frozenset({"return_value", "side_effect", "name", "unsafe"})
# pytest-mock's MockerFixture, at each fixture scope.
MOCKER_FIXTURES = frozenset({"mocker", "class_mocker", "module_mocker", "package_mocker", "session_mocker"})
# The Mock API: an attribute with one of these names is not a child mock.
MOCK_API = frozenset(
    {
        "assert_any_await", "assert_any_call", "assert_awaited", "assert_awaited_once",
        "assert_awaited_once_with", "assert_awaited_with", "assert_called", "assert_called_once",
        "assert_called_once_with", "assert_called_with", "assert_has_awaits", "assert_has_calls",
        "assert_not_awaited", "assert_not_called", "attach_mock", "await_args", "await_args_list",
        "await_count", "call_args", "call_args_list", "call_count", "called", "configure_mock",
        "method_calls", "mock_add_spec", "mock_calls", "reset_mock", "return_value", "side_effect",
    }
)
# Calls that change which object a mock's attribute is.
_RECONFIGURING_METHODS = frozenset({"configure_mock", "attach_mock", "mock_add_spec"})
_RECONFIGURING_BUILTINS = frozenset({"setattr", "delattr"})


class Verdict(Enum):
    ASYNC_MOCK = "an AsyncMock"
    # patch() without new/new_callable (or an attribute of a spec'd patch mock).
    DEPENDS_ON_TARGET = "depends on the patch target"
    # An attribute of an AsyncMock that has a spec: an AsyncMock only for async methods.
    DEPENDS_ON_SPEC = "depends on the spec"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Receiver:
    verdict: Verdict
    # For a report: the expression the mock comes from (``patch("pkg.fetch")``).
    source: str = ""


@dataclass(frozen=True)
class _Mock:
    """What one binding of a name holds."""

    verdict: Verdict  # ASYNC_MOCK, DEPENDS_ON_TARGET or UNKNOWN
    spec: str | None = None  # the keyword that gives it a spec ("spec", "autospec"...)
    configured: frozenset[str] | None = frozenset()  # children set by keyword; None: unknown (**kwargs)
    source: str = ""


_UNKNOWN = _Mock(Verdict.UNKNOWN)


@dataclass
class _Binding:
    value: cst.BaseExpression | None  # None: a form we do not follow (for, import, tuple target...)
    via_with: bool = False  # `with value as name`


class FunctionScope:
    """The names of one module- or class-level function body."""

    def __init__(
        self,
        node: cst.FunctionDef,
        names: LocalNames,
        decorator_scope: Scope,
        class_node: cst.ClassDef | None,
        requests_fixtures: bool,
    ) -> None:
        self.node = node
        self.names = names  # from the tree's ScopeIndex
        self.table = names.table  # None: the symbol table could not be matched to the node
        self.module_scope = names.module
        self.decorator_scope = decorator_scope
        self.class_node = class_node
        self.requests_fixtures = requests_fixtures  # a test or fixture: pytest fills its parameters
        self._index: _BindingIndex | None = None
        self._patched: dict[str, cst.Call] | None = None

    @property
    def index(self) -> _BindingIndex:
        if self._index is None:
            self._index = _BindingIndex(self.node)
            self.node.body.visit(self._index)
        return self._index

    def _symbol(self, name: str) -> symtable.Symbol | None:
        assert self.table is not None
        try:
            return self.table.lookup(name)
        except KeyError:
            return None

    def qualified_name(self, node: cst.BaseExpression) -> str | None:
        """What ``node`` names through the module's imports (a function-level import is not followed)."""
        return self.names.module_qualified_name(node)

    def is_builtin(self, name: str) -> bool:
        return self.names.is_module_name(name) and self.module_scope.is_builtin(name)

    def is_local_variable(self, name: str) -> bool:
        """``name`` is bound in the function body itself (not a parameter, global or nonlocal)."""
        if self.table is None:
            return False
        symbol = self._symbol(name)
        return (
            symbol is not None
            and symbol.is_local()
            and not symbol.is_parameter()
            and not self.index.rebound_anywhere(name)
        )

    def is_parameter(self, name: str) -> bool:
        if self.table is None:
            return False
        symbol = self._symbol(name)
        return symbol is not None and symbol.is_parameter() and not self.index.rebinds(name)

    def is_mocker(self, node: cst.BaseExpression) -> bool:
        """``node`` is pytest-mock's fixture, requested as a parameter of a test or fixture."""
        return (
            self.requests_fixtures
            and isinstance(node, cst.Name)
            and node.value in MOCKER_FIXTURES
            and self.is_parameter(node.value)
        )

    def is_async_mock_class(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Attribute) and node.attr.value == "AsyncMock" and self.is_mocker(node.value):
            return True
        return self.qualified_name(node) in ASYNC_MOCK

    def is_magic_mock_class(self, node: cst.BaseExpression) -> bool:
        if isinstance(node, cst.Attribute) and node.attr.value == "MagicMock" and self.is_mocker(node.value):
            return True
        return self.qualified_name(node) in MAGIC_MOCK

    def is_mock_call(self, node: cst.BaseExpression) -> bool:
        """``node`` is ``unittest.mock.call`` (or ``mocker.call``)."""
        if isinstance(node, cst.Attribute) and node.attr.value == "call" and self.is_mocker(node.value):
            return True
        return self.qualified_name(node) in MOCK_CALL

    def patcher(self, call: cst.Call) -> bool | None:
        """For a patch call returning a patcher: whether it is ``patch.object``; None if no patch."""
        return PATCHERS.get(self.qualified_name(call.func) or "")

    def patched_parameters(self) -> dict[str, cst.Call]:
        """The parameters ``@patch(...)`` decorators fill, with the patch call that fills each."""
        if self._patched is None:
            self._patched = _patched_parameters(self) or {}
        return self._patched

    # -- receivers ------------------------------------------------------------------------

    def receiver(self, node: cst.BaseExpression) -> Receiver:
        """Whether ``node`` (``m`` or ``m.a.b``) is provably an AsyncMock here."""
        if self.table is None:
            return Receiver(Verdict.UNKNOWN)
        chain = _attribute_chain(node)
        if chain is None:
            return Receiver(Verdict.UNKNOWN)
        name, attributes = chain
        mock = self._name_mock(name, frozenset())
        if not attributes:
            return Receiver(mock.verdict, mock.source)
        if any(attribute.startswith("_") or attribute in MOCK_API for attribute in attributes):
            return Receiver(Verdict.UNKNOWN)
        for length in range(len(attributes) + 1):
            prefix = ".".join([name, *attributes[:length]])
            if (length and prefix in self.index.assigned_chains) or (
                length < len(attributes) and prefix in self.index.reconfigured_chains
            ):
                return Receiver(Verdict.UNKNOWN)
        if mock.verdict is Verdict.ASYNC_MOCK:
            if mock.spec is not None:
                return Receiver(Verdict.DEPENDS_ON_SPEC, mock.source)
            if mock.configured is None or attributes[0] in mock.configured:
                return Receiver(Verdict.UNKNOWN)
            return Receiver(Verdict.ASYNC_MOCK, mock.source)
        if mock.verdict is Verdict.DEPENDS_ON_TARGET and mock.spec is not None:
            return Receiver(Verdict.DEPENDS_ON_TARGET, mock.source)
        return Receiver(Verdict.UNKNOWN)

    def _name_mock(self, name: str, seen: frozenset[str]) -> _Mock:
        if name in seen or self.index.rebound_anywhere(name):
            return _UNKNOWN
        symbol = self._symbol(name)
        if symbol is None or not symbol.is_local() or symbol.is_global() or symbol.is_free():
            return _UNKNOWN
        if symbol.is_parameter():
            if self.index.rebinds(name):
                return _UNKNOWN
            call = self.patched_parameters().get(name)
            return _UNKNOWN if call is None else self._patch_mock(call, seen)
        bindings = self.index.bindings.get(name, [])
        if not bindings:
            return _UNKNOWN
        mocks = [self._binding_mock(binding, seen | {name}) for binding in bindings]
        return _combined(mocks)

    def _binding_mock(self, binding: _Binding, seen: frozenset[str]) -> _Mock:
        value = binding.value
        if value is None:
            return _UNKNOWN
        if binding.via_with:
            if isinstance(value, cst.Call) and self.patcher(value) is not None:
                return self._patch_mock(value, seen)
            return _UNKNOWN
        return self._value_mock(value, seen)

    def _value_mock(self, value: cst.BaseExpression, seen: frozenset[str]) -> _Mock:
        if isinstance(value, cst.Name):
            return self._name_mock(value.value, seen)
        if not isinstance(value, cst.Call):
            return _UNKNOWN
        func = value.func
        if self.is_async_mock_class(func):
            return _constructed_async_mock(value)
        if isinstance(func, cst.Attribute):
            # mocker.patch(...) / mocker.patch.object(...) return the mock.
            owner = func.value
            if func.attr.value == "patch" and self.is_mocker(owner):
                return self._patch_mock(value, seen, is_object=False)
            if (
                func.attr.value == "object"
                and isinstance(owner, cst.Attribute)
                and owner.attr.value == "patch"
                and self.is_mocker(owner.value)
            ):
                return self._patch_mock(value, seen, is_object=True)
            # patch(...).start() returns the mock.
            if func.attr.value == "start" and isinstance(owner, cst.Call) and self.patcher(owner) is not None:
                return self._patch_mock(owner, seen)
        return _UNKNOWN

    def _patch_mock(self, call: cst.Call, seen: frozenset[str], is_object: bool | None = None) -> _Mock:
        """The mock a patch call puts in place (with ``new``: that object)."""
        if is_object is None:
            is_object = bool(self.patcher(call))
        arguments = patch_arguments(call, is_object)
        if arguments is None:
            return _UNKNOWN
        new, keywords = arguments
        source = code(call)
        specs = [keyword for keyword in _SPEC_KEYWORDS if keyword in keywords and not _is_falsy(keywords[keyword])]
        if new is not None:
            if "new_callable" in keywords or specs:
                return _UNKNOWN
            return self._value_mock(new, seen)
        new_callable = keywords.get("new_callable")
        if new_callable is not None:
            if "autospec" in specs or not self.is_async_mock_class(new_callable):
                return _UNKNOWN
            configured = None if "**" in keywords else frozenset(keywords) - _PATCH_PARAMETERS
            return _Mock(Verdict.ASYNC_MOCK, specs[0] if specs else None, configured, source)
        return _Mock(Verdict.DEPENDS_ON_TARGET, specs[0] if specs else None, frozenset(), source)


def patch_arguments(call: cst.Call, is_object: bool) -> tuple[cst.BaseExpression | None, dict[str, cst.BaseExpression]] | None:
    """``new`` (positional or keyword) and the keywords of a patch call; None if not readable.

    A ``**kwargs`` argument shows as the keyword ``"**"``.
    """
    new_position = 2 if is_object else 1
    positional: list[cst.BaseExpression] = []
    keywords: dict[str, cst.BaseExpression] = {}
    for arg in call.args:
        if arg.star == "*":
            return None
        if arg.star == "**":
            keywords["**"] = arg.value
        elif arg.keyword is None:
            positional.append(arg.value)
        else:
            keywords[arg.keyword.value] = arg.value
    if len(positional) > new_position + 1:  # spec, create... given by position
        return None
    new = positional[new_position] if len(positional) > new_position else keywords.pop("new", None)
    return new, keywords


def _is_falsy(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value in ("None", "False")


def _constructed_async_mock(call: cst.Call) -> _Mock:
    spec = None
    configured: set[str] | None = set()
    for arg in call.args:
        if arg.star == "**":
            configured = None
        elif arg.star or arg.keyword is None:
            spec = spec or "spec"  # AsyncMock(spec, side_effect, ...): the first positional is the spec
        elif arg.keyword.value in ("spec", "spec_set", "wraps"):
            spec = spec or arg.keyword.value
        elif arg.keyword.value not in _MOCK_PARAMETERS and configured is not None:
            configured.add(arg.keyword.value)
    return _Mock(Verdict.ASYNC_MOCK, spec, None if configured is None else frozenset(configured), code(call))


def _combined(mocks: Sequence[_Mock]) -> _Mock:
    """One name bound several times: known only if every binding agrees."""
    verdicts = {mock.verdict for mock in mocks}
    if verdicts == {Verdict.ASYNC_MOCK}:
        configured: frozenset[str] | None = frozenset()
        for mock in mocks:
            configured = None if configured is None or mock.configured is None else configured | mock.configured
        spec = next((mock.spec for mock in mocks if mock.spec), None)
        return _Mock(Verdict.ASYNC_MOCK, spec, configured, mocks[0].source)
    if Verdict.UNKNOWN not in verdicts:  # some binding's type depends on a patch target
        dependent = next(mock for mock in mocks if mock.verdict is Verdict.DEPENDS_ON_TARGET)
        spec = next((mock.spec for mock in mocks if mock.spec), None)
        return _Mock(Verdict.DEPENDS_ON_TARGET, spec, frozenset(), dependent.source)
    return _UNKNOWN


def _attribute_chain(node: cst.BaseExpression) -> tuple[str, list[str]] | None:
    dotted = dotted_name(node)
    if dotted is None:
        return None
    name, *attributes = dotted.split(".")
    return name, attributes


def _patched_parameters(function: FunctionScope) -> dict[str, cst.Call] | None:
    """Which positional parameters ``@patch`` decorators fill; None when it cannot be told.

    patch adds one positional argument per patcher without ``new``, innermost decorator
    first, after those the caller passes by position: none, as pytest passes fixtures by
    keyword and leaves the first parameters out of them (``self`` aside for a method).
    """
    node = function.node
    if function.class_node is not None:
        class_scope = function.decorator_scope.parent or function.decorator_scope
        # A class decorator (patch, or anything unknown) may add arguments of its own.
        for decorator in function.class_node.decorators:
            if not _is_pytest_mark(decorator.decorator, class_scope):
                return None
    injected: list[cst.Call] = []
    for decorator in reversed(node.decorators):
        expression = decorator.decorator
        if _is_pytest_mark(expression, function.decorator_scope):
            continue
        if not isinstance(expression, cst.Call):
            return None
        qualified = function.decorator_scope.qualified_name(expression.func)
        if qualified in _PATCH_DICT:
            continue
        if qualified not in PATCHERS:
            return None
        arguments = patch_arguments(expression, PATCHERS[qualified])
        if arguments is None:
            return None
        if arguments[0] is None:
            injected.append(expression)
    params = node.params
    if isinstance(params.star_arg, cst.Param):
        return None
    positional = [*params.posonly_params, *params.params]
    if function.class_node is not None:
        positional = positional[1:]  # self: the method is called bound
    if len(positional) < len(injected):
        return None
    return {param.name.value: call for param, call in zip(positional, injected)}


def _is_pytest_mark(expression: cst.BaseExpression, scope: Scope) -> bool:
    target = expression.func if isinstance(expression, cst.Call) else expression
    qualified = scope.qualified_name(target)
    return qualified is not None and qualified.startswith("pytest.mark.")


class _BindingIndex(cst.CSTVisitor):
    """How each name is bound in a function's own scope, and what the whole body mutates."""

    def __init__(self, root: cst.FunctionDef) -> None:
        super().__init__()
        self.root = root
        self.bindings: dict[str, list[_Binding]] = {}
        # Names declared global/nonlocal or bound by := anywhere in the function, nested scopes too.
        self.loose: set[str] = set()
        # Dotted names assigned or deleted as attributes (`repo.find = ...`), nested scopes too.
        self.assigned_chains: set[str] = set()
        # Dotted names whose attributes are changed by configure_mock/attach_mock/setattr...
        self.reconfigured_chains: set[str] = set()
        self._depth = 0  # nested scopes entered

    def rebinds(self, name: str) -> bool:
        return name in self.bindings or name in self.loose

    def rebound_anywhere(self, name: str) -> bool:
        return name in self.loose

    def _bind(self, target: cst.BaseExpression, binding: _Binding) -> None:
        if isinstance(target, cst.Name):
            if self._depth == 0:
                self.bindings.setdefault(target.value, []).append(binding)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, _Binding(None))
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value, _Binding(None))
        elif isinstance(target, cst.Attribute):
            dotted = dotted_name(target)
            if dotted is not None:
                self.assigned_chains.add(dotted)

    def _enter(self, node: cst.CSTNode) -> None:
        self._depth += 1

    def _leave(self, node: cst.CSTNode) -> None:
        self._depth -= 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name, _Binding(None))
        self._depth += 1

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._depth -= 1

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name, _Binding(None))
        self._depth += 1

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._depth -= 1

    visit_Lambda = visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _enter  # type: ignore[assignment]
    leave_Lambda = leave_ListComp = leave_SetComp = leave_DictComp = leave_GeneratorExp = _leave  # type: ignore[assignment]

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, _Binding(node.value))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, _Binding(node.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, _Binding(None))

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target, _Binding(None))

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            if item.asname is not None:
                value = None if node.asynchronous is not None else item.item
                self._bind(item.asname.name, _Binding(value, via_with=True))

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind(node.name.name, _Binding(None))

    def visit_Del(self, node: cst.Del) -> None:
        self._bind(node.target, _Binding(None))

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            bound = alias.asname.name if alias.asname else cst.Name(code(alias.name).partition(".")[0])
            self._bind(bound, _Binding(None))  # type: ignore[arg-type]

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            self._bind(alias.asname.name if alias.asname else alias.name, _Binding(None))  # type: ignore[arg-type]

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._bind(node.name, _Binding(None))

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._bind(node.name, _Binding(None))

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self._bind(node.rest, _Binding(None))

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        if isinstance(node.target, cst.Name):
            self.loose.add(node.target.value)

    def visit_Global(self, node: cst.Global) -> None:
        self.loose.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.loose.update(item.name.value for item in node.names)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _RECONFIGURING_METHODS:
            owner = dotted_name(func.value)
            if owner is not None:
                self.reconfigured_chains.add(owner)
        elif isinstance(func, cst.Name) and func.value in _RECONFIGURING_BUILTINS and node.args:
            owner = dotted_name(node.args[0].value)
            if owner is not None:
                self.reconfigured_chains.add(owner)


# -- finding the functions -----------------------------------------------------------------


def tests_by_function(model: MarkerModel) -> dict[int, list[str]]:
    """The test ids (``Class::test``) each test function runs as, by id() of its node."""
    names: dict[int, list[str]] = {}
    for test in model.tests:
        names.setdefault(id(test.node), []).append(test.qualified_name)
    # unittest.TestCase classes are collected by pytest's unittest support, not in model.tests.
    for cls in model.classes:
        if not cls.is_unittest or cls.parent is not None:
            continue
        seen: set[str] = set()
        pending = [cls]
        while pending:
            holder = pending.pop(0)
            for statement in holder.node.body.body:
                if not isinstance(statement, cst.FunctionDef):
                    continue
                name = statement.name.value
                if name.startswith("test") and name not in seen:
                    seen.add(name)
                    names.setdefault(id(statement), []).append(f"{cls.qualified_name}::{name}")
            pending.extend(base for base in holder.bases if base is not None)
    return names



@dataclass
class DefinedFunction:
    node: cst.FunctionDef
    scope: Scope  # where its decorators run
    class_node: cst.ClassDef | None
    names: LocalNames = field(repr=False)


def defined_functions(scopes: ScopeIndex) -> Iterator[DefinedFunction]:
    """Every module- and class-level function, with its symbol table when it can be matched."""
    class_of_scope: dict[int, cst.ClassDef] = {}
    for statement, statement_scope in walk_statements(scopes.module.body, scopes.scope):
        if isinstance(statement, cst.ClassDef):
            class_of_scope[id(statement_scope.scope_of_class(statement))] = statement
        elif isinstance(statement, cst.FunctionDef):
            yield DefinedFunction(
                statement,
                statement_scope,
                class_of_scope.get(id(statement_scope)),
                scopes.names_at(statement),
            )
