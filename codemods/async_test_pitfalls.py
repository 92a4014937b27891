"""async-test-pitfalls: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="async-test-pitfalls",
    summary="Report nest_asyncio, async generator tests and async fixtures with a loop scope narrower than their scope.",
    commands=("fix-tests",),
    prefilter=(b'async',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
