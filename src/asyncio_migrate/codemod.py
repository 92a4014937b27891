"""What a codemod declares, and what it is given for each file."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asyncio_migrate.config.pytest_config import CollectionRules, PytestConfig
from asyncio_migrate.config.versions import NEWEST, at_least, setting_min_version
from asyncio_migrate.results import Diagnostic, SettingRequest, Severity

# The engine reads declarations and selects files before anything is parsed: libcst and the
# analysis load only once a file is (see ``Declaration``).
if TYPE_CHECKING:
    import libcst as cst

    from asyncio_migrate.analysis.local_names import ScopeIndex
    from asyncio_migrate.analysis.markers import MarkerModel
    from asyncio_migrate.analysis.names import Scope


@dataclass(frozen=True)
class ProjectSettings:
    """Facts about the project every file needs (sent to worker processes, so plain data)."""

    rules: CollectionRules = CollectionRules()
    mode: str = "strict"  # the asyncio_mode the suite runs in before the command
    default_test_loop_scope: str = "function"
    style: str = "decorator"  # how to-strict marks tests: "decorator" or "pytestmark"
    # The project's own top-level packages and modules (isort's first-party group).
    first_party: frozenset[str] = frozenset()
    # The pytest-asyncio release the output must run on ("major.minor"; see versions.py).
    target: str = NEWEST
    # The project's requirement still admits releases without the loop factories hook.
    allows_before_hook: bool = False
    # asyncio_default_fixture_loop_scope as configured (None: unset).
    default_fixture_loop_scope: str | None = None
    # What each codemod's survey found in the whole project (its own typed facts), by codemod id.
    facts: Mapping[str, object] = field(default_factory=dict)
    # Async test methods that subclasses in other modules collect and strict mode needs marked:
    # real path of the defining module -> (class, method) pairs (see project.inherited_tests).
    inherited_tests: Mapping[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    # Test classes (real path of their module -> names) whose bases from other modules give
    # their tests no mark that matters to pytest-asyncio (see markers.analyse).
    neutral_bases: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Test classes (real path of their module -> names) that are unittest.TestCase subclasses
    # through bases from other modules (see markers.analyse).
    unittest_bases: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # A pass whose changes are never written (files a mode switch reads but was not given):
    # what the switch relies on is located and returned (FileResult.needed).
    read_only: bool = False

    def supports(self, minimum: str) -> bool:
        """Whether the target release runs code that needs pytest-asyncio >= ``minimum``."""
        return at_least(self.target, minimum)

    def supports_setting(self, key: str, value: str | bool) -> bool:
        return self.supports(setting_min_version(key, value))


@dataclass
class PendingDiagnostic:
    node: cst.CSTNode | None  # located in the original tree once the file is done
    codemod: str
    message: str
    severity: Severity


@dataclass
class PendingSetting:
    node: cst.CSTNode  # what made the setting necessary, located once the file is done
    codemod: str
    key: str
    value: str | bool


@dataclass
class FileContext:
    path: Path
    source: bytes
    scope: Scope  # the module scope, resolving names through imports
    settings: ProjectSettings
    is_test_file: bool
    codemod: str = ""  # the codemod running now, set by the engine
    diagnostics: list[PendingDiagnostic] = field(default_factory=list)
    # Tests whose behaviour changes on purpose ("TestClass::test_name"), for --verify.
    announced_tests: list[str] = field(default_factory=list)
    # Fixtures (by pytest name) whose change may change the outcome of every test using them.
    announced_fixtures: list[str] = field(default_factory=list)
    settings_requested: list[PendingSetting] = field(default_factory=list)
    # Changes the mode switch relies on: if they are not written, the switch must not be.
    needed: list[PendingDiagnostic] = field(default_factory=list)
    _models: dict[int, MarkerModel] = field(default_factory=dict)
    _scope_indexes: dict[int, ScopeIndex] = field(default_factory=dict)

    def report(self, node: cst.CSTNode | None, message: str, severity: Severity = Severity.WARNING) -> None:
        """Tell the user about ``node`` (a node of the tree as parsed): why, and what to do."""
        self.diagnostics.append(PendingDiagnostic(node, self.codemod, message, severity))

    def needed_by_switch(self, node: cst.CSTNode, what: str) -> None:
        """Declare that the mode switch relies on this change (``what``: the test or fixture and
        what it needs); a run that cannot write it must not switch the mode."""
        self.needed.append(PendingDiagnostic(node, self.codemod, what, Severity.BLOCKER))

    def announce_test(self, qualified_name: str) -> None:
        """Declare that this test's treatment changes on purpose (``Class::test`` or ``test``)."""
        self.announced_tests.append(qualified_name)

    def announce_fixture(self, name: str) -> None:
        """Declare that the outcome of tests using fixture ``name`` may change on purpose."""
        self.announced_fixtures.append(name)

    def announce_module_tests(self, module: cst.Module) -> None:
        """Announce every test of this test module: pytest could not collect it before the change."""
        if self.is_test_file:
            for test in self.markers(module).tests:
                self.announce_test(test.qualified_name)

    def request_setting(self, node: cst.CSTNode, key: str, value: str | bool) -> None:
        """Ask for ``key = value`` in the pytest configuration; this file's changes rely on it.

        Check ``settings.supports_setting`` first: a setting the target cannot read, or two
        files asking for different values, refuses the whole run.
        """
        self.settings_requested.append(PendingSetting(node, self.codemod, key, value))

    def markers(self, module: cst.Module) -> MarkerModel:
        """The marker analysis of ``module`` (computed once per tree)."""
        if id(module) not in self._models:
            from asyncio_migrate.analysis.markers import analyse

            self._models[id(module)] = analyse(
                module,
                self.scope,
                self.settings.rules,
                self.settings.default_test_loop_scope,
                mentions_pytestmark=b"pytestmark" in self.source,
                neutral_bases=self.settings.neutral_bases.get(os.path.realpath(self.path), ()),
                unittest_bases=self.settings.unittest_bases.get(os.path.realpath(self.path), ()),
            )
        return self._models[id(module)]

    def scopes(self, module: cst.Module) -> ScopeIndex:
        """What names mean in every scope of ``module``, and its calls (computed once per tree)."""
        index = self._scope_indexes.get(id(module))
        if index is None or index.module is not module:
            from asyncio_migrate.analysis.local_names import ScopeIndex

            index = self._scope_indexes[id(module)] = ScopeIndex(module, self.scope)
        return index


Transform = Callable[["cst.Module", FileContext], "cst.Module"]


class _Selection:
    """Whether a codemod has anything to do in a project, and in a file, from what it declares."""

    id: str
    prefilter: tuple[bytes, ...]
    prefilter_all: tuple[bytes, ...]
    modes: tuple[str, ...]
    test_files_only: bool
    wants_file: Callable[[Path, ProjectSettings], bool] | None
    wants_source: Callable[[bytes, ProjectSettings], bool] | None

    def applies_to(self, settings: ProjectSettings) -> bool:
        return not self.modes or settings.mode in self.modes

    def may_apply(self, path: Path, source: bytes, is_test_file: bool, settings: ProjectSettings) -> bool:
        if (self.test_files_only and not is_test_file) or not self.applies_to(settings):
            return False
        if self.wants_file is not None and self.wants_file(path, settings):
            return True
        if any(needle in source for needle in self.prefilter) and all(
            needle in source for needle in self.prefilter_all
        ):
            return True
        return self.wants_source is not None and self.wants_source(source, settings)


@dataclass(frozen=True)
class Codemod(_Selection):
    """One codemod module's declaration (see codemods/)."""

    id: str  # stable, kebab-case; what --select/--ignore take
    summary: str
    commands: tuple[str, ...]  # the commands that run it
    # A file is parsed for this codemod only if its bytes contain one of these...
    prefilter: tuple[bytes, ...]
    transform: Transform
    # ...and every one of these.
    prefilter_all: tuple[bytes, ...] = ()
    # The asyncio_mode values (before the command) of projects it has anything to do in; empty:
    # any. Checked once per run, so in other projects no file is even read for it.
    modes: tuple[str, ...] = ()
    # Only files pytest collects tests from (python_files), not conftest or plugins.
    test_files_only: bool = False
    # The oldest pytest-asyncio release that runs the code this codemod writes.
    min_pytest_asyncio: str = "0.17"
    # Shown by `asyncio-migrate list` next to the summary.
    note: str = ""
    # Looks at the project's pytest configuration once per run (not per file).
    check_config: Callable[[PytestConfig], list[Diagnostic]] | None = None
    # Reads the project's files once, before any file is processed (e.g. which conftest
    # overrides a fixture); its typed result reaches every file as ``settings.facts[id]``.
    # Codemods sharing a survey function share one run of it (pipeline.engine.survey_project).
    # The only place a codemod may read other files: a file's result is cached under its own
    # bytes and the settings, facts included (pipeline/cache.py).
    survey: Callable[[Sequence[Path], ProjectSettings], object] | None = None
    # Files its survey chose, parsed for it whatever their bytes (say a conftest.py that is to
    # receive code from a test module).
    wants_file: Callable[[Path, ProjectSettings], bool] | None = None
    # Files whose bytes may hold a case no fixed pre-filter can spell (it depends on the
    # settings, say python_functions), parsed for it whatever the pre-filters say. Called for
    # every file the pre-filters reject, before the cache is read: keep it to a bytes search.
    wants_source: Callable[[bytes, ProjectSettings], bool] | None = None
    # Configuration settings the codemod needs whatever the files say.
    configure: Callable[[PytestConfig, ProjectSettings], list[SettingRequest]] | None = None
    # Codemods (by id) that must have changed a file before this one reads it, when a command
    # runs both; the registry's order is checked against these (see ``check_order``).
    runs_after: tuple[str, ...] = ()

    @property
    def source_file(self) -> str:
        """The file of the module that declares it."""
        return importlib.import_module(self.transform.__module__).__file__ or ""


@dataclass(frozen=True)
class Declaration(_Selection):
    """A codemod as the engine sees it before any file is parsed: what its module's ``CODEMOD``
    declares, read without importing the module (see catalogue.py, which reads it with ``ast``).

    The module, and with it libcst, is imported the first time its ``transform`` is needed,
    so a run that parses nothing never imports either. Each of its functions (``survey``,
    ``wants_file``, ``configure``, ``check_config``) is taken from the module that defines it,
    so one defined in a light module is called without importing the codemod.
    """

    id: str
    module: str  # the codemod's module, "asyncio_migrate.codemods.<name>"
    source_file: str
    summary: str
    commands: tuple[str, ...]
    prefilter: tuple[bytes, ...]
    prefilter_all: tuple[bytes, ...] = ()
    modes: tuple[str, ...] = ()
    test_files_only: bool = False
    min_pytest_asyncio: str = "0.17"
    note: str = ""
    runs_after: tuple[str, ...] = ()
    # (field, module, name): where each function it declares is defined.
    functions: tuple[tuple[str, str, str], ...] = ()

    def _function(self, name: str) -> Callable[..., Any] | None:
        for field_name, module, attribute in self.functions:
            if field_name == name:
                return _load(module, attribute)
        return None

    @property
    def transform(self) -> Transform:
        return _load(self.module, "CODEMOD").transform

    @property
    def survey(self) -> Callable[[Sequence[Path], ProjectSettings], object] | None:
        return self._function("survey")

    @property
    def wants_file(self) -> Callable[[Path, ProjectSettings], bool] | None:
        return self._function("wants_file")

    @property
    def wants_source(self) -> Callable[[bytes, ProjectSettings], bool] | None:
        return self._function("wants_source")

    @property
    def configure(self) -> Callable[[PytestConfig, ProjectSettings], list[SettingRequest]] | None:
        return self._function("configure")

    @property
    def check_config(self) -> Callable[[PytestConfig], list[Diagnostic]] | None:
        return self._function("check_config")


@cache
def _load(module: str, name: str) -> Any:
    return getattr(importlib.import_module(module), name)


def defines_inherited_tests(path: Path, settings: ProjectSettings) -> bool:
    """A module, test file or not, that defines test methods a test class elsewhere inherits."""
    return bool(settings.inherited_tests) and os.path.realpath(path) in settings.inherited_tests


# A name, then what may stand between it and the "=" of an assignment to it: spaces, line
# continuations, the parentheses around it and comments inside them (identifier bytes above
# 0x7f: a non-ASCII name).
_ASSIGNED = rb"[A-Za-z0-9_\x80-\xff]*[ \t\f\r\n)\\]*(?:#[^\r\n]*[ \t\f\r\n)\\]*)*=(?!=)"


def assigns_test_name(source: bytes, settings: ProjectSettings) -> bool:
    """Whether the file may bind a name pytest collects as a test function by an assignment
    (``test_x = make_test()``): every such statement matches, so a file that does not holds none.

    A prefix of python_functions must begin the name; a glob can match any name, so with one
    every file may.
    """
    for option in settings.rules.python_functions:
        if any(char in option for char in "*?[") or not option.isascii():
            return True
        if _prefix_assigned(option).search(source):
            return True
    return False


@cache
def _prefix_assigned(prefix: str) -> re.Pattern[bytes]:
    return re.compile(re.escape(prefix.encode()) + _ASSIGNED)


def check_order(codemods: Sequence[Codemod]) -> None:
    """Raise ValueError unless every codemod comes after each codemod it ``runs_after``."""
    position = {codemod.id: index for index, codemod in enumerate(codemods)}
    for index, codemod in enumerate(codemods):
        for earlier in codemod.runs_after:
            if earlier not in position:
                raise ValueError(f"{codemod.id} runs after {earlier}, which is not in the registry")
            if position[earlier] > index:
                raise ValueError(f"{codemod.id} must run after {earlier}, but is listed before it")
