"""unmarked-async-tests: list the async tests strict mode never ran and auto mode will.

In strict mode an async test without an asyncio mark is not run by pytest-asyncio (pytest
fails it, or skipped it before 8.4). In auto mode it runs. The test may have been left
unmarked on purpose or by mistake; either way its result can change, so each one is listed.
This codemod changes no code.
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.results import Severity


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    model = context.markers(module)
    reported: set[int] = set()
    for test in model.tests:
        if not test.is_async:
            continue
        if run_by_other_plugin(model, test):
            continue  # other-async-plugins reports it
        closest = model.closest_asyncio(model.chain(test))
        if closest is None:
            # Another plugin's mark behind the unreadable one would be found where it is made
            # (other-async-plugins looks at every module of the suite).
            why = (
                f"{test.node.name.value} has marks asyncio-migrate cannot read: unless one of them is an "
                "asyncio mark, strict mode did not run it and auto mode will. Check that it passes."
            )
        elif closest == "none":
            why = (
                f"{test.node.name.value} has no asyncio mark, so strict mode did not run it; auto "
                "mode will. Check that it passes, or mark it skip if it was never meant to run."
            )
        else:
            continue
        # Announced in every class that collects it, reported once.
        context.announce_test(test.qualified_name)
        if id(test.node) not in reported:
            reported.add(id(test.node))
            context.report(test.node, why, Severity.INFO)
    return module


CODEMOD = Codemod(
    id="unmarked-async-tests",
    summary="Report the async tests that strict mode did not run and auto mode will (no change).",
    commands=("to-auto",),
    prefilter=(b"async",),
    transform=transform,
    test_files_only=True,
    modes=("strict",),
)
