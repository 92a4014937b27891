"""removed-pytest-asyncio-api: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="removed-pytest-asyncio-api",
    summary="Replace pytest-asyncio APIs that are gone (pytest_asyncio._version, asyncio_mode = legacy).",
    commands=("upgrade",),
    prefilter=(b'pytest_asyncio.',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
