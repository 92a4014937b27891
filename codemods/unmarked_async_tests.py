"""unmarked-async-tests: list the async tests strict mode never ran and auto mode will.

In strict mode an async test without an asyncio mark is not run by pytest-asyncio (pytest
fails it, or skipped it before 8.4). In auto mode it runs. The test may have been left
unmarked on purpose or by mistake; either way its result can change, so each one is listed.
A test that requests a fixture each of whose params carries an asyncio mark
(``pytest.param(..., marks=pytest.mark.asyncio)``) got the mark at run time: strict mode ran it.
This codemod changes no code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import libcst as cst

from asyncio_migrate.analysis.markers import Mark, MarkerModel, TestInfo, is_fixture
from asyncio_migrate.analysis.names import walk_statements
from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.analysis.project import (
    ConftestFixtures,
    ParamMarks,
    conftest_fixtures,
    fixture_param_marks,
    param_marks,
)
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.results import Severity

CODEMOD_ID = "unmarked-async-tests"


def survey(files: Sequence[Path], settings: ProjectSettings) -> ConftestFixtures[ParamMarks]:
    return conftest_fixtures(files, param_marks, ParamMarks()) if settings.mode == "strict" else ConftestFixtures()


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    model = context.markers(module)
    reported: set[int] = set()
    fixtures = _FixturesSeen(module, context)
    for test in model.tests:
        if not test.is_async:
            continue
        if run_by_other_plugin(model, test):
            continue  # other-async-plugins reports it
        requested = [fixtures.lookup(name, test.cls is not None) for name in _requested(test, model)]
        if any(found is not None and found.runs_every_param() for found in requested):
            continue  # a marked param of a fixture it requests marks it at run time
        closest = model.closest_asyncio(model.chain(test))
        if closest is None or (closest == "none" and any(found is not None and found.unreadable for found in requested)):
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


class _FixturesSeen:
    """The fixtures a test of this module can request by name, with their params' marks."""

    def __init__(self, module: cst.Module, context: FileContext) -> None:
        self.path = context.path
        self.scope = context.scope
        self.conftests: ConftestFixtures[ParamMarks] = context.settings.facts.get(CODEMOD_ID, ConftestFixtures())  # type: ignore[assignment]
        self.own = fixture_param_marks(module, context.scope)
        # A fixture defined in a class may override the others for the tests of that class (and
        # of its subclasses): no test in a class is judged by a name any class defines.
        self.in_classes = {
            statement.name.value
            for statement, scope in walk_statements(module.body, context.scope)
            if isinstance(statement, cst.FunctionDef) and scope.parent is not None and is_fixture(statement.decorators, scope)
        }

    def lookup(self, name: str, in_class: bool) -> ParamMarks | None:
        """The marks the params of fixture ``name`` give a test of this module (None: no
        fixture found, or which one it gets cannot be told: both claim nothing)."""
        if (in_class and name in self.in_classes) or self.own is None:
            return None  # a class's fixture may win; a fixture name of this module cannot be read
        if name in self.own:
            return self.own[name]
        if self._binds(name) or self.scope.star_imports:
            return None  # an imported or assigned fixture, or one a star import may bring, wins
        found = self.conftests.nearest(self.path, name)
        return found.fixture if found.known else ParamMarks()  # unknown: claims nothing

    def _binds(self, name: str) -> bool:
        try:
            return self.scope.table.lookup(name).is_local()
        except KeyError:
            return False


def _requested(test: TestInfo, model: MarkerModel) -> Iterator[str]:
    """The fixture names ``test`` requests: its parameters and its usefixtures marks."""
    params = test.node.params
    for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
        yield param.name.value
    for mark in model.chain(test):
        if isinstance(mark, Mark) and mark.name == "usefixtures":
            for arg in mark.arguments:
                if arg.keyword is None and isinstance(arg.value, cst.SimpleString):
                    value = arg.value.evaluated_value
                    if isinstance(value, str):
                        yield value


CODEMOD = Codemod(
    id=CODEMOD_ID,
    summary="Report the async tests that strict mode did not run and auto mode will (no change).",
    commands=("to-auto",),
    prefilter=(b"async",),
    transform=transform,
    test_files_only=True,
    modes=("strict",),
    survey=survey,
)
