"""pytest-fixture-to-asyncio-fixture: strict mode only runs async fixtures it is told about.

    @pytest.fixture(scope="session", autouse=True)    →   @pytest_asyncio.fixture(scope="session", autouse=True)
    async def server(): ...                                async def server(): ...

Since pytest 9 an async ``@pytest.fixture`` that no plugin handles is an error, so every
one becomes ``pytest_asyncio.fixture`` (arguments kept), wherever it is defined: test
modules, conftest.py files, plugin modules. Fixtures anyio owns (they request
``anyio_backend``, or their module is marked ``anyio``) are left alone. A fixture made by
calling ``pytest.fixture(...)(function)`` is reported.
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.markers import PYTEST_ASYNCIO_FIXTURE, PYTEST_FIXTURE
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.retarget import async_pytest_fixtures, retarget_decorators


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    targets = async_pytest_fixtures(module, context)
    if targets is None:
        return module
    for function, _, _ in targets:
        context.needed_by_switch(
            function, f"the async fixture {function.name.value} needs @pytest_asyncio.fixture for strict mode"
        )
    for statement, scope in walk_statements(module.body, context.scope):
        if isinstance(statement, cst.SimpleStatementLine):
            _report_call_form(statement, scope, context)
    return retarget_decorators(module, context, targets, PYTEST_ASYNCIO_FIXTURE, "pytest.fixture")


def _report_call_form(statement: cst.SimpleStatementLine, scope: Scope, context: FileContext) -> None:
    for small in statement.body:
        value = getattr(small, "value", None)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Call):
            if scope.qualified_name(value.func.func) == PYTEST_FIXTURE:
                context.report(
                    statement,
                    "a fixture made by calling pytest.fixture(...)(function): if the function is async, "
                    "strict mode needs pytest_asyncio.fixture(...)(function). Change it by hand.",
                )


CODEMOD = Codemod(
    id="pytest-fixture-to-asyncio-fixture",
    # The report reads the code as the user wrote it; marks come off fixtures before they are rewritten.
    runs_after=("hidden-async-tests", "remove-misplaced-asyncio-marks"),
    summary="Turn @pytest.fixture on async functions into @pytest_asyncio.fixture (arguments kept).",
    commands=("to-strict",),
    prefilter=(b"fixture",),
    transform=transform,
)
