"""asyncio-marks-on-fixtures: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="asyncio-marks-on-fixtures",
    summary="Remove asyncio marks from fixtures (an error on pytest 9).",
    commands=("upgrade",),
    prefilter=(b'mark',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
