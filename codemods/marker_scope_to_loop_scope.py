"""marker-scope-to-loop-scope: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="marker-scope-to-loop-scope",
    summary="Rename the asyncio marker's scope= (or a positional scope) to loop_scope=.",
    commands=("upgrade",),
    prefilter=(b'scope',),
    transform=transform,
    min_pytest_asyncio="0.24",
)
