"""testclient-in-async-test: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="testclient-in-async-test",
    summary="Report Starlette/FastAPI TestClient used inside async tests.",
    commands=("fix-tests",),
    prefilter=(b'TestClient',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
