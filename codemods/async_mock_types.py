"""async-mock-types: AsyncMock where a MagicMock or asynctest's CoroutineMock stands in for a coroutine function.

    fetch = MagicMock(return_value=asyncio.Future())    fetch = AsyncMock()
    fetch.return_value.set_result(user)             →   fetch.return_value = user

    client.get = asynctest.CoroutineMock(return_value=1) → client.get = unittest.mock.AsyncMock(return_value=1)

Awaiting a MagicMock's done future gives the same result on every call, as awaiting an
AsyncMock with that return value does; the AsyncMock also counts awaits, so
async-mock-assertions (run next) can check them. This assumes the code under test awaits
what the mock returns (why else a future?), so the test is announced. Rewritten only in this
exact shape, directly in the body of an ``async def`` test (the future belongs to the running
loop): ``T = MagicMock(return_value=<new future>)`` (no other argument than ``name``),
immediately followed by ``T.return_value.set_result(x)`` (set later, the future held the
code back until then), with no other use of ``T.return_value`` nor of any attribute of ``T``
but the assertion API in the function (an AsyncMock's children are AsyncMocks, a
MagicMock's are not), and ``T`` a local name or an attribute of one. Anything else with a
future (also in a fixture or helper, whose tests cannot be listed), or a coroutine object
(``MagicMock(return_value=fetch_user())``: it can be awaited once, an AsyncMock returns its
value on every await), is reported with what to write instead.

``asynctest.CoroutineMock`` (asynctest does not import on Python 3.11+) becomes
``unittest.mock.AsyncMock`` where they behave alike: called with no spec (asynctest makes
every child of a spec'd CoroutineMock a CoroutineMock, unittest only the async methods), and
with return values and side effects that are plainly not awaitable (CoroutineMock awaits an
awaitable result, AsyncMock returns it), also where the file sets ``return_value`` or
``side_effect`` later; and not in a file using asynctest's ``awaited`` event. Otherwise the
place is reported.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from asyncio_migrate.analysis.markers import is_fixture
from asyncio_migrate.analysis.mocks import MOCK_API, FunctionScope, defined_functions, tests_by_function
from asyncio_migrate.analysis.names import Scope, code, dotted_name
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.results import Severity

ASYNC_MOCK = "unittest.mock.AsyncMock"
COROUTINE_MOCK = frozenset({"asynctest.CoroutineMock", "asynctest.mock.CoroutineMock"})
_FUTURES = frozenset({"asyncio.Future", "asyncio.futures.Future"})
_LOOP_GETTERS = frozenset({"asyncio.get_running_loop", "asyncio.get_event_loop"})
_PLAIN_MOCKS = frozenset({"unittest.mock.Mock", "unittest.mock.MagicMock", "mock.Mock", "mock.MagicMock"})
_PLAIN_BUILTINS = frozenset({"dict", "list", "tuple", "set", "frozenset", "str", "bytes", "int", "float", "bool", "object"})
# asynctest's CoroutineMock API that AsyncMock does not have.
_ASYNCTEST_ONLY = frozenset({"awaited", "is_coroutine", "_is_coroutine"})
# What a MagicMock standing for a coroutine function may be asked in the test (children excluded).
_ASSERTION_API = MOCK_API - {"return_value", "side_effect", "configure_mock", "attach_mock", "mock_add_spec"}

Resolver = Scope | FunctionScope | None  # None: a nested function, lambda or comprehension


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    replacements: dict[int, Callable[[cst.CSTNode], cst.CSTNode]] = {}
    spelling = _AsyncMockSpelling(module, context)
    tests = tests_by_function(context.markers(module)) if context.is_test_file else {}
    functions = {}
    for defined in defined_functions(context.scopes(module)):
        functions[id(defined.node)] = FunctionScope(
            defined.node,
            defined.names,
            defined.scope,
            defined.class_node,
            requests_fixtures=id(defined.node) in tests or is_fixture(defined.node.decorators, defined.scope),
        )
    async_defs = _module_async_defs(module)
    for function in functions.values():
        names = tests.get(id(function.node), [])
        if _replace_future_mocks(function, bool(names), async_defs, spelling, replacements, context):
            for name in names:
                context.announce_test(name)
    _replace_coroutine_mocks(module, context, functions, spelling, replacements)
    if not replacements:
        return module
    return spelling.added_to(module.visit(_Replacer(replacements)))


# -- MagicMock(return_value=<future>) ----------------------------------------------------------


def _replace_future_mocks(
    function: FunctionScope,
    is_test: bool,
    async_defs: frozenset[str],
    spelling: _AsyncMockSpelling,
    replacements: dict[int, Callable[[cst.CSTNode], cst.CSTNode]],
    context: FileContext,
) -> bool:
    """Rewrite the safe future shapes in one function, report the others; True if any rewritten."""
    finder = _FutureMockFinder(function, async_defs)
    function.node.body.visit(finder)
    rewritten = False
    for call, target, block, index in finder.found:
        async_mock = None
        why = _why_not_rewritten(function, call, target, block, index)
        if why is None and not is_test:
            why = f"{function.node.name.value} is not a test, so the tests whose outcome may change cannot be listed"
        if why is None:
            async_mock = spelling.for_callee(call.func, function)
            if async_mock is None:
                why = "AsyncMock cannot be imported here without shadowing another name"
        if why is not None:
            context.report(
                call,
                f"{code(call.func)}(return_value=<a future>) stands in for a coroutine function: replace it by hand "
                "with AsyncMock(return_value=<the future's result>) (or side_effect=<its exception>). "
                f"Not done here: {why}.",
                Severity.INFO,
            )
            continue
        replacements[id(call)] = lambda node, new=async_mock: _without_return_value(node, new)
        replacements[id(block[index + 1].body[0])] = lambda node, target=target: _assigned_return_value(node, target)
        rewritten = True
    for call in finder.coroutines:
        context.report(
            call,
            f"{code(call.func)}(return_value=<a coroutine>): a coroutine object can be awaited only once, while an "
            "AsyncMock returns its value on every await. Use AsyncMock(return_value=<its result>), or "
            "AsyncMock(side_effect=<the async function>) to run it on each call, by hand.",
            Severity.INFO,
        )
    return rewritten


def _why_not_rewritten(
    function: FunctionScope,
    call: cst.Call,
    target: cst.BaseExpression | None,
    block: list[cst.BaseStatement],
    index: int,
) -> str | None:
    if function.node.asynchronous is None:
        return "the function is not async, so the future is not tied to the loop that awaits it"
    if target is None:
        return "the mock is not assigned to a local name or an attribute of one"
    dotted = dotted_name(target)
    head = dotted.partition(".")[0]  # type: ignore[union-attr]
    if not function.is_local_variable(head):
        return f"{head} is not a local variable of {function.node.name.value}, so other code may use the mock"
    if any(arg.keyword is None or arg.keyword.value not in ("return_value", "name") for arg in call.args):
        return "the mock has other arguments"
    if any("#" in code(arg) for arg in call.args if arg.keyword.value == "return_value"):  # type: ignore[union-attr]
        return "a comment sits next to return_value"
    setter = _set_result_of(block[index + 1] if index + 1 < len(block) else None, dotted)  # type: ignore[arg-type]
    if setter is None:
        return f"the next statement is not {dotted}.return_value.set_result(...)"
    argument = setter.args[0]
    layout = (setter.whitespace_after_func, setter.whitespace_before_args, argument.whitespace_after_arg, argument.comma)
    if any("#" in code(part) for part in layout if isinstance(part, cst.CSTNode)):
        return "a comment sits in the set_result call"
    uses = _attribute_uses(function.node.body, dotted)  # type: ignore[arg-type]
    if uses.count("return_value") != 1:
        return f"{dotted}.return_value is used elsewhere in {function.node.name.value}"
    children = sorted({name for name in uses if name != "return_value" and name not in _ASSERTION_API})
    if children:
        return f"{dotted}.{children[0]} is used: an AsyncMock's attributes are AsyncMocks, a MagicMock's are not"
    return None


def _set_result_of(statement: cst.BaseStatement | None, dotted: str) -> cst.Call | None:
    """``<dotted>.return_value.set_result(x)`` as a statement of its own, else None."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return None
    call = small.value
    if (
        dotted_name(call.func) == f"{dotted}.return_value.set_result"
        and len(call.args) == 1
        and call.args[0].keyword is None
        and not call.args[0].star
    ):
        return call
    return None


def _attribute_uses(node: cst.CSTNode, dotted: str) -> list[str]:
    """The attribute names read or written on ``dotted`` anywhere under ``node``."""
    uses: list[str] = []

    class Finder(cst.CSTVisitor):
        def visit_Attribute(self, attribute: cst.Attribute) -> None:
            if dotted_name(attribute.value) == dotted:
                uses.append(attribute.attr.value)

    node.visit(Finder())
    return uses


def _assigned_return_value(statement: cst.CSTNode, target: cst.BaseExpression) -> cst.Assign:
    """``T.return_value.set_result(x)`` → ``T.return_value = x``."""
    assert isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call)
    return cst.Assign(
        targets=[cst.AssignTarget(cst.Attribute(target.deep_clone(), cst.Name("return_value")))],
        value=statement.value.args[0].value,
        semicolon=statement.semicolon,
    )


def _without_return_value(call: cst.CSTNode, callee: cst.BaseExpression) -> cst.Call:
    assert isinstance(call, cst.Call)
    args = [arg for arg in call.args if not (arg.keyword is not None and arg.keyword.value == "return_value")]
    if not args:
        return call.with_changes(func=callee, args=args, whitespace_before_args=cst.SimpleWhitespace(""))
    # The last argument keeps the layout before the closing parenthesis.
    args[-1] = args[-1].with_changes(comma=call.args[-1].comma)
    return call.with_changes(func=callee, args=args)


@dataclass
class _FutureMockFinder(cst.CSTVisitor):
    """``MagicMock(return_value=<future or coroutine>)`` in a function's own statements."""

    function: FunctionScope
    async_defs: frozenset[str]

    def __post_init__(self) -> None:
        super().__init__()
        # (call, assigned target or None, the block holding the statement, its index)
        self.found: list[tuple[cst.Call, cst.BaseExpression | None, list[cst.BaseStatement], int]] = []
        self.coroutines: list[cst.Call] = []
        self._statement: tuple[cst.SimpleStatementLine, list, int] | None = None

    def _inner_scope(self, node: cst.CSTNode) -> bool:
        return False

    visit_FunctionDef = visit_ClassDef = visit_Lambda = _inner_scope  # type: ignore[assignment]
    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _inner_scope  # type: ignore[assignment]

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        body = list(node.body)
        for index, statement in enumerate(body):
            if isinstance(statement, cst.SimpleStatementLine):
                self._statement = (statement, body, index)
                statement.visit(self)
                self._statement = None
            else:
                statement.visit(self)
        return False

    def visit_Call(self, node: cst.Call) -> None:
        if not self.function.is_magic_mock_class(node.func):
            return
        value = next((arg.value for arg in node.args if arg.keyword and arg.keyword.value == "return_value"), None)
        if value is None:
            return
        if _is_coroutine_call(value, self.function, self.async_defs):
            self.coroutines.append(node)
        elif _is_new_future(value, self.function):
            statement, block, index = self._statement or (None, [], 0)
            self.found.append((node, _assigned_target(statement, node), block, index))


def _assigned_target(statement: cst.SimpleStatementLine | None, call: cst.Call) -> cst.BaseExpression | None:
    """``T`` when ``statement`` is exactly ``T = call`` with ``T`` a name or dotted name."""
    if statement is None or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and small.value is call:
        target = small.targets[0].target
        return target if dotted_name(target) is not None else None
    return None


def _is_new_future(node: cst.BaseExpression, function: FunctionScope) -> bool:
    """``asyncio.Future()``, ``asyncio.get_running_loop().create_future()``, ``loop.create_future()``."""
    if not isinstance(node, cst.Call) or node.args:
        return False
    if function.qualified_name(node.func) in _FUTURES:
        return True
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value == "create_future":
        owner = func.value
        if isinstance(owner, cst.Name):
            return True
        return isinstance(owner, cst.Call) and not owner.args and function.qualified_name(owner.func) in _LOOP_GETTERS
    return False


def _is_coroutine_call(node: cst.BaseExpression, function: FunctionScope, async_defs: frozenset[str]) -> bool:
    """A call of an ``async def`` of this module (or ``asyncio.sleep``): a coroutine object."""
    if not isinstance(node, cst.Call):
        return False
    if function.qualified_name(node.func) == "asyncio.sleep":
        return True
    return isinstance(node.func, cst.Name) and node.func.value in async_defs and function.names.is_module_name(node.func.value)


def _module_async_defs(module: cst.Module) -> frozenset[str]:
    """Names the module binds only with ``async def`` statements at top level."""
    kinds: dict[str, set[bool]] = {}
    for statement in module.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            kinds.setdefault(statement.name.value, set()).add(
                isinstance(statement, cst.FunctionDef) and statement.asynchronous is not None
            )
    return frozenset(name for name, kind in kinds.items() if kind == {True})


# -- asynctest.CoroutineMock ---------------------------------------------------------------------


def _replace_coroutine_mocks(
    module: cst.Module,
    context: FileContext,
    functions: dict[int, FunctionScope],
    spelling: _AsyncMockSpelling,
    replacements: dict[int, Callable[[cst.CSTNode], cst.CSTNode]],
) -> None:
    spellings = set()
    for qualified in COROUTINE_MOCK:
        spellings.update(context.scope.local_names_for(qualified))
    if not spellings:
        return
    finder = _CoroutineMockFinder(context.scope, functions, spellings)
    module.visit(finder)
    blocker = _file_blocker(module, context.scope) if finder.sites else None
    for site in finder.sites:
        why = blocker or site.why_not
        if why is None and "#" in code(site.node):
            why = "a comment sits inside the name"
        new = None
        if why is None:
            new = spelling.for_coroutine_mock(site.resolver)
            if new is None:
                why = "AsyncMock cannot be imported here without shadowing another name"
        if why is not None:
            context.report(
                site.node,
                f"asynctest.CoroutineMock (asynctest does not import on Python 3.11+): replace it by hand with "
                f"unittest.mock.AsyncMock. Not done here: {why}.",
                Severity.WARNING,
            )
            continue
        replacements[id(site.node)] = lambda node, new=new: new


@dataclass
class _Site:
    node: cst.BaseExpression
    resolver: Resolver
    why_not: str | None  # None: the call or patch around it is safe


class _CoroutineMockFinder(cst.CSTVisitor):
    """Every expression naming asynctest's CoroutineMock, resolved in the scope it is in."""

    def __init__(self, module_scope: Scope, functions: dict[int, FunctionScope], spellings: set[str]) -> None:
        super().__init__()
        self.functions = functions
        self.spellings = spellings
        self.resolvers: list[Resolver] = [module_scope]
        self.sites: list[_Site] = []
        self._judged: dict[int, str | None] = {}  # reference id → why not (from the call around it)

    def _is_reference(self, node: cst.BaseExpression) -> bool:
        if dotted_name(node) not in self.spellings:
            return False
        resolver = self.resolvers[-1]
        return resolver is None or resolver.qualified_name(node) in COROUTINE_MOCK

    def _visit_in(self, resolver: Resolver, *nodes: cst.CSTNode | None) -> None:
        self.resolvers.append(resolver)
        for node in nodes:
            if node is not None:
                node.visit(self)
        self.resolvers.pop()

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for part in (*node.decorators, *node.bases, *node.keywords):
            part.visit(self)
        outer = self.resolvers[-1]
        scope = None
        if isinstance(outer, Scope):
            try:
                scope = outer.scope_of_class(node)
            except KeyError:  # a class walk_statements did not reach
                scope = None
        self._visit_in(scope, node.body)
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for part in (*node.decorators, node.params, node.returns):
            if part is not None:
                part.visit(self)
        function = self.functions.get(id(node))
        self._visit_in(function if function is not None and function.table is not None else None, node.body)
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        for part in (node.annotation, node.default):
            if part is not None:
                part.visit(self)
        return False

    def _nested(self, node: cst.CSTNode) -> bool:
        self._visit_in(None, *[child for child in node.children])
        return False

    visit_Lambda = visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _nested  # type: ignore[assignment]

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # not the keyword's name
        return False

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_reference(node.func):
            self._judged[id(node.func)] = _why_not_same(node.args, self.resolvers[-1], constructor=True)
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "new_callable" and self._is_reference(arg.value):
                self._judged[id(arg.value)] = _why_not_same(node.args, self.resolvers[-1], constructor=False)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if self._record(node):
            return False
        node.value.visit(self)  # the attribute's own name is no reference
        return False

    def visit_Name(self, node: cst.Name) -> None:
        self._record(node)

    def _record(self, node: cst.BaseExpression) -> bool:
        if not self._is_reference(node):
            return False
        resolver = self.resolvers[-1]
        if resolver is None:
            why: str | None = "it is inside a nested function, lambda or comprehension"
        else:
            why = self._judged.get(id(node), "it is not called, nor given as new_callable to a patch")
        self.sites.append(_Site(node, resolver, why))
        return True


def _why_not_same(args, resolver: Resolver, constructor: bool) -> str | None:
    """Why ``CoroutineMock(args)`` (or a patch with ``args`` creating one) may not act as ``AsyncMock(args)``."""
    for arg in args:
        if arg.star:
            return "its arguments are unpacked from a variable"
        if arg.keyword is None:
            if constructor:
                return "it has a spec (asynctest's spec'd mocks have CoroutineMock children, unittest's have MagicMocks)"
            continue
        keyword = arg.keyword.value
        if keyword in ("spec", "spec_set", "autospec", "wraps"):
            return f"it has {keyword}= (asynctest's spec'd mocks have CoroutineMock children, unittest's have MagicMocks)"
        if keyword == "return_value" and not _plainly_not_awaitable(arg.value, resolver, side_effect=False):
            return "its return_value may be awaitable (CoroutineMock awaited it, AsyncMock returns it)"
        if keyword == "side_effect" and not _plainly_not_awaitable(arg.value, resolver, side_effect=True):
            return "its side_effect may give an awaitable (CoroutineMock awaited it, AsyncMock returns it)"
    return None


def _plainly_not_awaitable(node: cst.BaseExpression, resolver: Resolver, side_effect: bool) -> bool:
    """A literal, a container (of such values, for a side_effect), a plain mock, a builtin exception."""
    if isinstance(node, (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return True
    if isinstance(node, cst.Name) and node.value in ("None", "True", "False"):
        return True
    if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return not side_effect or all(
            isinstance(element, cst.Element) and _plainly_not_awaitable(element.value, resolver, side_effect)
            for element in node.elements
        )
    if isinstance(node, cst.Dict):
        return True  # iterating it gives its keys
    if resolver is None:
        return False
    if isinstance(node, cst.Call):
        if resolver.qualified_name(node.func) in _PLAIN_MOCKS:
            return True
        node = node.func  # an exception instance, or a builtin type's value
        builtin = isinstance(node, cst.Name) and _is_builtin(node.value, resolver)
        return builtin and (node.value in _PLAIN_BUILTINS or (side_effect and _is_exception(node.value)))  # type: ignore[union-attr]
    if isinstance(node, cst.Attribute):
        return resolver.qualified_name(node) is not None and resolver.qualified_name(node).startswith("unittest.mock.sentinel.")  # type: ignore[union-attr]
    return isinstance(node, cst.Name) and side_effect and _is_builtin(node.value, resolver) and _is_exception(node.value)


def _is_builtin(name: str, resolver: Scope | FunctionScope) -> bool:
    return resolver.is_builtin(name)


def _is_exception(name: str) -> bool:
    value = getattr(builtins, name, None)
    return isinstance(value, type) and issubclass(value, BaseException) and not issubclass(value, StopIteration)


def _file_blocker(module: cst.Module, scope: Scope) -> str | None:
    """Why no CoroutineMock of this file can become an AsyncMock (asynctest-only API, late awaitables)."""
    blocker: list[str] = []

    class Finder(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> None:
            if not blocker and node.attr.value in _ASYNCTEST_ONLY:
                blocker.append(f"the file uses .{node.attr.value}, which AsyncMock does not have")

        def visit_Assign(self, node: cst.Assign) -> None:
            for target in node.targets:
                attribute = target.target
                if isinstance(attribute, cst.Attribute) and attribute.attr.value in ("return_value", "side_effect"):
                    side_effect = attribute.attr.value == "side_effect"
                    # Read at module level wherever it is: a plain mock or literal is not awaitable anywhere.
                    if not blocker and not _plainly_not_awaitable(node.value, scope, side_effect):
                        blocker.append(
                            f"the file sets {code(attribute)} to a value that may be awaitable "
                            "(CoroutineMock awaited it, AsyncMock returns it)"
                        )

    module.visit(Finder())
    return blocker[0] if blocker else None


# -- spelling AsyncMock -------------------------------------------------------------------------


class _AsyncMockSpelling:
    """How to write ``unittest.mock.AsyncMock`` in this file, and the import it needs."""

    def __init__(self, module: cst.Module, context: FileContext) -> None:
        self.module = module
        self.context = context
        self._spelling: Spelling | None | bool = False  # False: not computed yet
        self.used = False

    def _module_spelling(self) -> Spelling | None:
        if self._spelling is False:
            spelling = spelling_for(self.context.scope, ASYNC_MOCK)
            # `import unittest` alone does not load unittest.mock.
            if (
                spelling is not None
                and spelling.needs_import is None
                and spelling.expression.startswith("unittest.mock.")
                and not _loads_unittest_mock(self.module)
            ):
                spelling = Spelling(spelling.expression, needs_import="unittest")
            self._spelling = spelling
        return self._spelling  # type: ignore[return-value]

    def _expression(self, resolver: Scope | FunctionScope) -> cst.BaseExpression | None:
        spelling = self._module_spelling()
        if spelling is None:
            return None
        head = spelling.expression.partition(".")[0]
        if isinstance(resolver, FunctionScope):
            if not resolver.names.is_module_name(head):
                return None
        elif not spelling.usable_in(resolver, ASYNC_MOCK):
            return None
        self.used = True
        return cst.parse_expression(spelling.expression)

    def for_callee(self, callee: cst.BaseExpression, function: FunctionScope) -> cst.BaseExpression | None:
        """AsyncMock, spelled like the MagicMock ``callee`` where it can be (``mock.MagicMock`` → ``mock.AsyncMock``)."""
        if isinstance(callee, cst.Attribute) and (
            function.is_mocker(callee.value) or function.qualified_name(callee.value) == "unittest.mock"
        ):
            return callee.with_changes(attr=cst.Name("AsyncMock"))
        return self._expression(function)

    def for_coroutine_mock(self, resolver: Resolver) -> cst.BaseExpression | None:
        return None if resolver is None else self._expression(resolver)

    def added_to(self, module: cst.Module) -> cst.Module:
        spelling = self._module_spelling()
        if not self.used or spelling is None or spelling.needs_import is None:
            return module
        before = {id(statement) for statement in module.body}
        module = spelling.added_to(module, self.context.scope, self.context.settings.first_party)
        # spelling_for asks for `import unittest`, which does not load unittest.mock: import the submodule.
        body = [
            _importing_submodule(statement) if id(statement) not in before else statement for statement in module.body
        ]
        return module.with_changes(body=body)


def _importing_submodule(statement: cst.BaseStatement) -> cst.BaseStatement:
    if (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Import)
        and code(statement.body[0]) == "import unittest"
    ):
        name = cst.Attribute(cst.Name("unittest"), cst.Name("mock"))
        return statement.with_changes(body=[cst.Import(names=[cst.ImportAlias(name=name)])])
    return statement


def _loads_unittest_mock(module: cst.Module) -> bool:
    """Whether a top-level import of the file loads ``unittest.mock``."""
    for statement in _top_level_statements(module.body):
        for small in statement.body:
            if isinstance(small, cst.Import) and any(code(alias.name) == "unittest.mock" for alias in small.names):
                return True
            if isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative:
                source = code(small.module)
                if source == "unittest.mock" or (
                    source == "unittest"
                    and not isinstance(small.names, cst.ImportStar)
                    and any(alias.name.value == "mock" for alias in small.names)
                ):
                    return True
    return False


def _top_level_statements(body) -> list[cst.SimpleStatementLine]:
    return [statement for statement in body if isinstance(statement, cst.SimpleStatementLine)]


class _Replacer(cst.CSTTransformer):
    def __init__(self, replacements: dict[int, Callable[[cst.CSTNode], cst.CSTNode]]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        replace = self.replacements.get(id(original_node))
        return updated_node if replace is None else replace(updated_node)


CODEMOD = Codemod(
    id="async-mock-types",
    summary="Use AsyncMock where a MagicMock stands in for a coroutine function, and for asynctest.CoroutineMock.",
    commands=("fix-tests",),
    prefilter=(b"Mock",),
    transform=transform,
    min_pytest_asyncio="0.17",
)
