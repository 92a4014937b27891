"""async-mock-assertions: assert awaits, not calls, on mocks that are provably AsyncMocks.

    repo = AsyncMock()                              repo = AsyncMock()
    await save(repo, item)                          await save(repo, item)
    repo.insert.assert_called_once_with(item)   →   repo.insert.assert_awaited_once_with(item)
    assert repo.insert.call_count == 1              assert repo.insert.await_count == 1

``assert_called_once_with`` passes on an AsyncMock that was called and never awaited: the
code under test forgot ``await`` and the test stays green. The awaited form fails there,
which is the point; each test whose assertion changes is announced, since its outcome may
change on purpose.

Rewritten: ``assert_called`` → ``assert_awaited``, ``assert_called_once`` →
``assert_awaited_once``, ``assert_called_with`` → ``assert_awaited_with``,
``assert_called_once_with`` → ``assert_awaited_once_with``, ``assert_any_call`` →
``assert_any_await``, ``assert_has_calls`` → ``assert_has_awaits``, and in ``assert``
statements ``call_count``/``call_args``/``call_args_list`` → ``await_count``/``await_args``/
``await_args_list``. Only when all of these hold:

- the receiver is provably an AsyncMock in the test's own body (see ``asyncio_migrate.analysis.mocks``:
  ``AsyncMock(...)``, ``mocker.AsyncMock(...)``, patch with ``new_callable=AsyncMock`` or
  ``new=AsyncMock(...)``, an attribute of a mock without a spec); a parameter, a global, a name
  bound any other way is never touched, nor an assertion in a nested function, lambda or
  comprehension;
- the function is a test (the tests whose outcome may change must be announced); elsewhere
  the place is reported;
- the assertion must pass for the test to pass: inside ``pytest.raises``, ``assertRaises``,
  ``suppress`` or a ``try`` with handlers it is expected to fail, and a check that fails more
  often would weaken the test (reported);
- it demands a call: ``assert_not_called`` stays (``assert_not_awaited`` passes for a call
  that was never awaited), and ``call_count``/``call_args``/``call_args_list`` only where the
  assertion cannot pass without a call (``== 2``, ``>= 1``, ``== call(...)``, ``[0]``...);
- ``assert_has_calls`` gets a literal list of ``call(...)``: it also matches calls of the mock's
  children (``call.child()``), ``assert_has_awaits`` only awaits of the mock itself (reported).

Reported, unchanged: a mock from ``patch("x")`` without ``new``/``new_callable`` (an
AsyncMock only if the target is async), and an attribute of an AsyncMock with a spec (an
AsyncMock only if the spec's method is async); in an ``async def``, or a sync test that runs
a loop itself (``asyncio.run``, ``run_until_complete``): elsewhere nothing could await it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import libcst as cst

from asyncio_migrate.analysis.markers import is_fixture
from asyncio_migrate.analysis.mocks import FunctionScope, Verdict, defined_functions, tests_by_function
from asyncio_migrate.analysis.names import code
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.results import Severity

AWAITED_ASSERTIONS = {
    "assert_called": "assert_awaited",
    "assert_called_once": "assert_awaited_once",
    "assert_called_with": "assert_awaited_with",
    "assert_called_once_with": "assert_awaited_once_with",
    "assert_any_call": "assert_any_await",
    "assert_has_calls": "assert_has_awaits",
}
AWAITED_ATTRIBUTES = {"call_count": "await_count", "call_args": "await_args", "call_args_list": "await_args_list"}
_AWAITED = AWAITED_ASSERTIONS | AWAITED_ATTRIBUTES
# Context managers under which an assertion is expected to fail.
_EXPECTING_FAILURE = frozenset({"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp", "suppress"})


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    tests = tests_by_function(context.markers(module)) if context.is_test_file else {}
    renames: dict[int, str] = {}
    for defined in defined_functions(context.scopes(module)):
        names = tests.get(id(defined.node), [])
        function = FunctionScope(
            defined.node,
            defined.names,
            defined.scope,
            defined.class_node,
            requests_fixtures=bool(names) or is_fixture(defined.node.decorators, defined.scope),
        )
        finder = _AssertionFinder()
        defined.node.body.visit(finder)
        changed = False
        # Sync code cannot await a mock unless the test runs a loop itself: no reports there.
        runs_async_code = bool(finder.found) and _runs_async_code(function)
        for found in finder.found:
            if _check(found, function, bool(names), runs_async_code, context):
                attribute = found.node.attr
                renames[id(attribute)] = _AWAITED[attribute.value]
                changed = True
        if changed:
            for name in names:
                context.announce_test(name)
    if not renames:
        return module
    return module.visit(_Renamer(renames))


def _check(found: _Found, function: FunctionScope, is_test: bool, runs_async_code: bool, context: FileContext) -> bool:
    """Whether ``found`` (``receiver.assert_x(...)`` / ``receiver.call_x``) is rewritten; reports why not."""
    node, expected_to_fail = found.node, found.expected_to_fail
    receiver = function.receiver(node.value)
    if receiver.verdict is Verdict.UNKNOWN:
        return False
    old, new = node.attr.value, _AWAITED[node.attr.value]
    where = f"{code(node.value)}.{old}"
    if found.call is None:
        weakness = f"{old} also counts calls that were never awaited"
    else:
        weakness = f"{old} also passes for a call that was never awaited"
    worth_reporting = runs_async_code and not expected_to_fail
    if receiver.verdict is Verdict.DEPENDS_ON_TARGET:
        if worth_reporting:
            context.report(
                node,
                f"{where}: the mock comes from {receiver.source}, which makes an AsyncMock only when the "
                f"target is async. If it is, check the await by hand ({new}); {weakness}.",
                Severity.INFO,
            )
        return False
    if receiver.verdict is Verdict.DEPENDS_ON_SPEC:
        if worth_reporting:
            context.report(
                node,
                f"{where}: the mock comes from {receiver.source}, which has a spec or wraps an object, so this "
                f"attribute is an AsyncMock only if the method it stands for is async. If it is, use {new} by hand.",
                Severity.INFO,
            )
        return False
    if expected_to_fail:
        context.report(
            node,
            f"{where} left as it is: it is expected to fail here (pytest.raises, try...), and {new} "
            "fails in more cases, which would weaken the test.",
            Severity.INFO,
        )
        return False
    if not is_test:
        context.report(
            node,
            f"{where}: this is an AsyncMock, and {weakness}. "
            f"Use {new}; left because {function.node.name.value} is not a test, so the tests whose "
            "outcome may change cannot be listed.",
            Severity.INFO,
        )
        return False
    if found.call is not None and old == "assert_has_calls" and not _direct_calls_only(found.call, function):
        context.report(
            node,
            f"{where}: assert_has_awaits would compare only the awaits of the mock itself, while these "
            "expected calls are not a literal list of call(...). Check by hand whether assert_has_awaits fits.",
            Severity.INFO,
        )
        return False
    return True


def _runs_async_code(function: FunctionScope) -> bool:
    """An ``async def``, or a function calling ``asyncio.run``/``run_until_complete`` itself."""
    if function.node.asynchronous is not None:
        return True
    runs: list[cst.Call] = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            func = node.func
            if (isinstance(func, cst.Attribute) and func.attr.value == "run_until_complete") or (
                function.qualified_name(func) == "asyncio.run"
            ):
                runs.append(node)

    function.node.body.visit(Finder())
    return bool(runs)


def _direct_calls_only(call: cst.Call, function: FunctionScope) -> bool:
    """``m.assert_has_calls([call(...), ...])``: every expected call is a call of ``m`` itself."""
    expected = None
    for arg in call.args:
        if arg.star:
            return False
        if (arg.keyword is None and expected is None) or (arg.keyword is not None and arg.keyword.value == "calls"):
            expected = arg.value
    if not isinstance(expected, (cst.List, cst.Tuple)):
        return False
    return all(
        isinstance(element, cst.Element) and isinstance(element.value, cst.Call) and function.is_mock_call(element.value.func)
        for element in expected.elements
    )


@dataclass
class _Found:
    node: cst.Attribute  # receiver.assert_called_once_with, receiver.call_count...
    call: cst.Call | None  # the call of an assertion method
    expected_to_fail: bool


class _AssertionFinder(cst.CSTVisitor):
    """The assertions in a function's own body, and whether each is expected to fail.

    Found: ``receiver.assert_called*(...)`` calls, and ``receiver.call_*`` in ``assert``
    statements where the assertion cannot pass without a call.
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: list[_Found] = []
        self._failing = 0

    def _inner_scope(self, node: cst.CSTNode) -> bool:
        return False  # its own names: never the same binding as the test's

    visit_FunctionDef = visit_ClassDef = visit_Lambda = _inner_scope  # type: ignore[assignment]
    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _inner_scope  # type: ignore[assignment]

    def _visit_expecting_failure(self, block: cst.CSTNode) -> None:
        self._failing += 1
        block.visit(self)
        self._failing -= 1

    def visit_With(self, node: cst.With) -> bool:
        if not any(_expects_failure(item) for item in node.items):
            return True
        for item in node.items:
            item.visit(self)
        self._visit_expecting_failure(node.body)
        return False

    def visit_Try(self, node: cst.Try | cst.TryStar) -> bool:
        if not node.handlers:
            return True
        self._visit_expecting_failure(node.body)
        for part in (*node.handlers, node.orelse, node.finalbody):
            if part is not None:
                part.visit(self)
        return False

    visit_TryStar = visit_Try  # type: ignore[assignment]

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in AWAITED_ASSERTIONS:
            self.found.append(_Found(func, node, self._failing > 0))

    def visit_Assert(self, node: cst.Assert) -> None:
        for attribute in _demanding_call_attributes(node.test):
            self.found.append(_Found(attribute, None, self._failing > 0))


def _expects_failure(item: cst.WithItem) -> bool:
    expression = item.item
    target = expression.func if isinstance(expression, cst.Call) else expression
    name = target.attr.value if isinstance(target, cst.Attribute) else getattr(target, "value", None)
    return name in _EXPECTING_FAILURE


def _call_attribute(node: cst.BaseExpression, names: tuple[str, ...] = tuple(AWAITED_ATTRIBUTES)) -> cst.Attribute | None:
    if isinstance(node, cst.Attribute) and node.attr.value in names:
        return node
    return None


def _accessed_call_attribute(node: cst.BaseExpression) -> cst.Attribute | None:
    """``m.call_args.args[0]``, ``m.call_args_list[1]``: fails (raises) when ``m`` was never called."""
    while isinstance(node, (cst.Subscript, cst.Attribute)):
        inner = node.value
        if isinstance(node, cst.Subscript) or node.attr.value in ("args", "kwargs"):
            found = _call_attribute(inner, ("call_args",) if isinstance(node, cst.Attribute) else ("call_args", "call_args_list"))
            if found is not None:
                return found
        node = inner
    return None


def _demanding_call_attributes(test: cst.BaseExpression) -> Iterator[cst.Attribute]:
    """The ``m.call_*`` in an assert test that hold only if ``m`` was called at least once."""
    if isinstance(test, cst.BooleanOperation):
        if isinstance(test.operator, cst.And):
            yield from _demanding_call_attributes(test.left)
            yield from _demanding_call_attributes(test.right)
        return
    truthy = _call_attribute(test) or _accessed_call_attribute(test)
    if truthy is not None:
        yield truthy
        return
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return
    operator = test.comparisons[0].operator
    right = test.comparisons[0].comparator
    for side, other, mirrored in ((test.left, right, False), (right, test.left, True)):
        accessed = _accessed_call_attribute(side)
        if accessed is not None:
            yield accessed
            continue
        attribute = _call_attribute(side)
        if attribute is not None and _demands_a_call(attribute.attr.value, operator, other, mirrored):
            yield attribute


def _demands_a_call(name: str, operator: cst.BaseCompOp, other: cst.BaseExpression, mirrored: bool) -> bool:
    """``m.<name> <operator> <other>`` (``mirrored``: ``<other> <operator> m.<name>``) needs a call."""
    if name == "call_count":
        if not isinstance(other, cst.Integer):
            return False
        count = int(other.value, 0)
        if isinstance(operator, cst.Equal):
            return count >= 1
        at_least = cst.LessThanEqual if mirrored else cst.GreaterThanEqual
        more_than = cst.LessThan if mirrored else cst.GreaterThan
        return (isinstance(operator, at_least) and count >= 1) or (isinstance(operator, more_than) and count >= 0)
    if not isinstance(operator, cst.Equal):
        return False
    if name == "call_args":
        return isinstance(other, cst.Call) or (isinstance(other, cst.Tuple) and bool(other.elements))
    return isinstance(other, (cst.List, cst.Tuple)) and bool(other.elements)


class _Renamer(cst.CSTTransformer):
    def __init__(self, renames: dict[int, str]) -> None:
        super().__init__()
        self.renames = renames

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = self.renames.get(id(original_node))
        return updated_node if new is None else updated_node.with_changes(value=new)


CODEMOD = Codemod(
    id="async-mock-assertions",
    # Mocks become AsyncMock before their assertions are read.
    runs_after=("async-mock-types",),
    summary="Check awaits, not calls, on AsyncMocks (assert_called* → assert_awaited*).",
    commands=("fix-tests",),
    prefilter=(b"assert_called", b"assert_any_call", b"assert_has_calls", b"call_count", b"call_args"),
    transform=transform,
    min_pytest_asyncio="0.17",
    note="It can make a test fail where the code under test forgot an await: that is its purpose "
    "(each test it changes is announced).",
)
