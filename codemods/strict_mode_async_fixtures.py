"""strict-mode-async-fixtures: in strict mode an async fixture must be pytest_asyncio.fixture.

    @pytest.fixture(scope="module")        →   @pytest_asyncio.fixture(scope="module")
    async def server(): ...                    async def server(): ...

Strict mode never ran an async ``@pytest.fixture``: its requesters got the coroutine (or
async generator) itself. pytest-asyncio warns about it since 0.25 and pytest 9 fails every
test that requests one, so ``upgrade`` retargets them as ``to-strict`` does (arguments kept;
anyio's fixtures left alone), and says so: the fixture's body now runs, in the loop
asyncio_default_fixture_loop_scope gives it (default-fixture-loop-scope sets that setting so
the loop is the one of the fixture's scope), and its requesters get what it returns or yields.
A fixture whose coroutine some code of the project awaits or runs itself (``await server``,
``loop.run_until_complete(server)``, ``create_task(server)`` on a name the fixture gives) is
left and reported: that code would then get the value instead of the coroutine. So is every
one in a project that imports trio, pytest-trio, pytest-twisted or pytest-tornado, whose plugins
may run such fixtures.

Auto and legacy mode ran these fixtures already; nothing changes there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from asyncio_migrate.analysis.markers import PYTEST_ASYNCIO_FIXTURE, fixture_name
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.edit.retarget import async_pytest_fixtures, retarget_decorators
from asyncio_migrate.results import Severity

ID = "strict-mode-async-fixtures"
# A name whose value is awaited or handed to the loop as a coroutine: `await x`, `run_until_complete(x)`...
# A superset (any function's local of that name counts), so a fixture is left rather than wrongly changed.
_COROUTINE_USE = re.compile(
    rb"(?:\bawait\s+|\b(?:run_until_complete|ensure_future|create_task|wait_for|gather|run)\(\s*)"
    rb"([A-Za-z_]\w*)\b(?!\s*[.(\[])"
)


# Strict mode also left async fixtures to these plugins (pytest-asyncio 0.21: "This applies to
# pytest_trio fixtures"); a project that uses one may mean any such fixture for it.
_OTHER_PLUGINS = re.compile(rb"\b(?:import|from)\s+(trio|pytest_trio|pytest_twisted|pytest_tornado|tornado\.testing)\b")


@dataclass(frozen=True)
class Survey:
    awaited: frozenset[str] = frozenset()  # names the project awaits or runs as coroutines (bare names)
    other_plugin: str | None = None  # another async plugin the project imports


def survey(files: Sequence[Path], settings: ProjectSettings) -> Survey:
    if settings.mode != "strict":
        return Survey()
    names: set[str] = set()
    other_plugin = None
    for path in files:
        try:
            source = path.read_bytes()
        except OSError:
            continue
        names.update(match.decode() for match in _COROUTINE_USE.findall(source))
        if other_plugin is None and (found := _OTHER_PLUGINS.search(source)):
            other_plugin = found.group(1).decode()
    return Survey(frozenset(names), other_plugin)


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    if context.settings.mode != "strict":
        return module
    targets = async_pytest_fixtures(module, context) or []
    facts: Survey = context.settings.facts.get(ID, Survey())  # type: ignore[assignment]
    kept = []
    for function, decorator, scope in targets:
        name = fixture_name(function, scope) or function.name.value
        why_left = None
        if facts.other_plugin is not None:
            why_left = (
                f"the project imports {facts.other_plugin}, whose plugin may be the one meant to run it. If "
                "pytest-asyncio is, make it pytest_asyncio.fixture by hand."
            )
        elif name in facts.awaited:
            why_left = (
                f"code in the project awaits or runs something named {name}, which may be this coroutine "
                "and would get its value instead. Make it pytest_asyncio.fixture and drop that await by hand."
            )
        if why_left is not None:
            context.report(
                decorator,
                f"async fixture {name} is declared with @pytest.fixture, which strict mode never ran (its "
                f"requesters got a coroutine) and pytest 9 fails. Left as is: {why_left}",
            )
            continue
        kept.append((function, decorator, scope))
        context.announce_fixture(name)
        context.report(
            decorator,
            f"async fixture {name} becomes pytest_asyncio.fixture: strict mode never ran it (its requesters got a "
            "coroutine or async generator) and pytest 9 fails it. Now its body runs and its requesters get what "
            "it returns or yields.",
            Severity.INFO,
        )
    return retarget_decorators(module, context, kept, PYTEST_ASYNCIO_FIXTURE, "pytest.fixture")


CODEMOD = Codemod(
    id=ID,
    summary="In strict mode, make async @pytest.fixture (never run, an error on pytest 9) pytest_asyncio.fixture.",
    commands=("upgrade",),
    prefilter=(b"async def",),
    transform=transform,
    survey=survey,
    runs_after=("asyncio-marks-on-fixtures",),
)
