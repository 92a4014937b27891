"""asyncio-fixture-to-pytest-fixture: in auto mode an async ``@pytest.fixture`` is enough.

    @pytest_asyncio.fixture(scope="module")    →   @pytest.fixture(scope="module")
    async def db(): ...                             async def db(): ...

Every argument is kept. The decorator stays where it means more than ``pytest.fixture``:
with ``loop_scope=`` (``pytest.fixture`` rejects it) and on sync functions (pytest-asyncio
runs those with the event loop set as current).
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.markers import PYTEST_ASYNCIO_FIXTURE, PYTEST_FIXTURE, fixture_decorator_name
from asyncio_migrate.analysis.names import walk_statements
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.retarget import Target, retarget_decorators


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    targets: list[Target] = []
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef) or statement.asynchronous is None:
            continue
        for decorator in statement.decorators:
            if fixture_decorator_name(decorator, scope) != PYTEST_ASYNCIO_FIXTURE:
                continue
            call = decorator.decorator if isinstance(decorator.decorator, cst.Call) else None
            if call is not None and any(arg.keyword and arg.keyword.value == "loop_scope" for arg in call.args):
                continue
            targets.append((statement, decorator, scope))
    return retarget_decorators(module, context, targets, PYTEST_FIXTURE, "pytest_asyncio.fixture")


CODEMOD = Codemod(
    id="asyncio-fixture-to-pytest-fixture",
    # The reports read the fixtures as the user wrote them.
    runs_after=("other-async-plugins", "unmarked-async-tests"),
    summary="Turn @pytest_asyncio.fixture into @pytest.fixture on async fixtures without loop_scope.",
    commands=("to-auto",),
    prefilter=(b"pytest_asyncio",),
    transform=transform,
)
