"""async-mock-types: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="async-mock-types",
    summary="Use AsyncMock where a MagicMock stands in for a coroutine function, and for asynctest.CoroutineMock.",
    commands=("fix-tests",),
    prefilter=(b'Mock',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
