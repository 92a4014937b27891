"""httpx-app-transport: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="httpx-app-transport",
    summary="Pass httpx clients an ASGI/WSGI transport instead of app= (removed in httpx 0.28).",
    commands=("fix-tests",),
    prefilter=(b'app=',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
