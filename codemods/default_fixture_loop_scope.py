"""default-fixture-loop-scope: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="default-fixture-loop-scope",
    summary="Set asyncio_default_fixture_loop_scope so async fixtures keep their loop.",
    commands=("upgrade",),
    prefilter=(b'fixture',),
    transform=transform,
    min_pytest_asyncio="0.24",
)
