"""async-mock-assertions: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="async-mock-assertions",
    summary="Check awaits, not calls, on AsyncMocks (assert_called* → assert_awaited*).",
    commands=("fix-tests",),
    prefilter=(b'assert_',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
