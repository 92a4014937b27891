"""event-loop-policy-to-hook: (being written)."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module


CODEMOD = Codemod(
    id="event-loop-policy-to-hook",
    summary="Replace event_loop_policy fixture overrides with the pytest_asyncio_loop_factories hook.",
    commands=("upgrade",),
    prefilter=(b'event_loop_policy',),
    transform=transform,
    min_pytest_asyncio="1.4",
)
