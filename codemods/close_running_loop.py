"""close-running-loop: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="close-running-loop",
    summary="Remove calls that close the running event loop inside tests and fixtures.",
    commands=("upgrade",),
    prefilter=(b'.close()',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
