"""async-test-pitfalls: report async test code that pytest never runs as written (no change).

- ``nest_asyncio.apply()`` in a test module or conftest.py: it lets ``asyncio.run()`` and
  ``run_until_complete()`` run inside the test's running loop, which hides the calls that
  would otherwise fail there. Remove it and await the coroutines.
- an async generator test (``async def test_x(): ... yield``, the ``yield`` in its own body,
  not in a nested function): pytest-asyncio marks it xfail(run=False), so it never runs.
- a class-, module-, package- or session-scoped async fixture whose event loop is narrower
  than its scope: its ``loop_scope=``, or else ``asyncio_default_fixture_loop_scope``.
  pytest fails every test that uses it with ScopeMismatch. Counted as async fixtures:
  ``pytest_asyncio.fixture`` (on sync functions too, which since pytest-asyncio 1.4 run with
  the loop set) and, in auto mode, ``pytest.fixture`` on an ``async def``.

Scopes order as function < class < module < package < session; only string literals are
read (a scope computed at run time is skipped).
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.local_names import yields
from asyncio_migrate.analysis.markers import PYTEST_ASYNCIO_FIXTURE, PYTEST_FIXTURE, SCOPES, fixture_decorator_name
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.codemod import Codemod, FileContext

NEST_ASYNCIO_APPLY = "nest_asyncio.apply"
# Since this release a sync pytest_asyncio.fixture runs with its event loop set, so it needs that loop too.
SYNC_FIXTURES_USE_LOOP = "1.4"


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    if b"nest_asyncio" in context.source and (context.is_test_file or context.path.name == "conftest.py"):
        _report_nest_asyncio(module, context)
    if context.is_test_file and b"yield" in context.source:
        _report_async_generator_tests(module, context)
    if b"scope" in context.source:
        for statement, scope in walk_statements(module.body, context.scope):
            if isinstance(statement, cst.FunctionDef):
                _check_fixture_loop_scope(statement, scope, context)
    return module


def _report_nest_asyncio(module: cst.Module, context: FileContext) -> None:
    # Wherever the import is: a hook may import nest_asyncio locally.
    for site in context.scopes(module).call_sites:
        if site.names.qualified_name(site.call.func) != NEST_ASYNCIO_APPLY:
            continue
        context.report(
            site.call,
            "nest_asyncio.apply() lets asyncio.run() and run_until_complete() run inside the running event "
            "loop of an async test, hiding the calls that would fail there. Remove it and await the "
            "coroutines instead.",
        )


def _report_async_generator_tests(module: cst.Module, context: FileContext) -> None:
    model = context.markers(module)
    reported: set[int] = set()
    for test in model.tests:
        if not test.is_async or id(test.node) in reported or run_by_other_plugin(model, test):
            continue
        if yields(test.node):
            reported.add(id(test.node))
            context.report(
                test.node.name,
                f"{test.node.name.value} is an async generator (it yields): pytest never runs it (pytest-asyncio "
                "marks it xfail, run=False). Make it a coroutine without yield, or a fixture if it was meant as one.",
            )






def _check_fixture_loop_scope(function: cst.FunctionDef, scope: Scope, context: FileContext) -> None:
    settings = context.settings
    for decorator in function.decorators:
        kind = fixture_decorator_name(decorator, scope)
        call = decorator.decorator
        if kind is None or not isinstance(call, cst.Call):
            continue  # no arguments: function scope, which no loop is narrower than
        is_async = function.asynchronous is not None
        if kind == PYTEST_ASYNCIO_FIXTURE:
            handled = is_async or settings.supports(SYNC_FIXTURES_USE_LOOP)
        else:
            handled = kind == PYTEST_FIXTURE and is_async and settings.mode == "auto"
        fixture_scope = _literal(call, "scope")
        if not handled or fixture_scope not in SCOPES or fixture_scope == "function":
            continue
        name = function.name.value
        explicit = _keyword(call, "loop_scope") if kind == PYTEST_ASYNCIO_FIXTURE else None
        if explicit is not None:
            loop_scope = _literal(call, "loop_scope")
            if loop_scope in SCOPES and _narrower(loop_scope, fixture_scope):
                context.report(
                    explicit,
                    f"fixture {name} is {fixture_scope}-scoped but runs in a {loop_scope}-scoped event loop: "
                    f"pytest fails every test that uses it with ScopeMismatch. Give it "
                    f'loop_scope="{fixture_scope}" (or wider), or narrow its scope.',
                )
            continue
        default = settings.default_fixture_loop_scope
        if default in SCOPES and _narrower(default, fixture_scope):
            fix = (
                f'loop_scope="{fixture_scope}"'
                if kind == PYTEST_ASYNCIO_FIXTURE
                else f'@pytest_asyncio.fixture(scope="{fixture_scope}", loop_scope="{fixture_scope}")'
            )
            context.report(
                decorator,
                f"fixture {name} is {fixture_scope}-scoped and has no loop_scope, so it runs in the event loop "
                f"of asyncio_default_fixture_loop_scope = {default}, which is narrower: pytest fails every test "
                f"that uses it with ScopeMismatch. Give it {fix}.",
            )


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


def _literal(call: cst.Call, name: str) -> str | None:
    arg = _keyword(call, name)
    if arg is None:
        return "function" if name == "scope" else None
    value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def _narrower(loop_scope: str, fixture_scope: str) -> bool:
    return SCOPES.index(loop_scope) < SCOPES.index(fixture_scope)


CODEMOD = Codemod(
    id="async-test-pitfalls",
    summary="Report nest_asyncio, async generator tests and async fixtures with a loop scope narrower than "
    "their scope (no change).",
    commands=("fix-tests",),
    prefilter=(b"async",),  # also in "nest_asyncio"
    transform=transform,
    min_pytest_asyncio="0.17",
)
