"""event-loop-overrides: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="event-loop-overrides",
    summary="Replace event_loop fixture overrides with loop scopes, asyncio_debug or loop factories.",
    commands=("upgrade",),
    prefilter=(b'event_loop',),
    transform=transform,
    min_pytest_asyncio="0.24",
)
