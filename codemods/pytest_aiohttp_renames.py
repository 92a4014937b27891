"""pytest-aiohttp-renames: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="pytest-aiohttp-renames",
    summary="Use pytest-aiohttp's current fixture names; drop the loop fixture and unittest_run_loop.",
    commands=("fix-tests",),
    prefilter=(b'aiohttp',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
