"""event-loop-requests: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="event-loop-requests",
    summary="Stop requesting the event_loop fixture: use asyncio.get_running_loop() in async code.",
    commands=("upgrade",),
    prefilter=(b'event_loop',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
