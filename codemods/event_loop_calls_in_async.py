"""event-loop-calls-in-async: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="event-loop-calls-in-async",
    summary="Await instead of asyncio.run/run_until_complete inside async tests; get_running_loop for get_event_loop.",
    commands=("fix-tests",),
    prefilter=(b'asyncio',),
    transform=transform,
    min_pytest_asyncio="0.17",
)
