"""event-loop-overrides' planning: which loop each group of tests needs once ``event_loop`` fixtures go.

:func:`plan_overrides` is the codemod's survey. It reads every conftest override (and the test
modules that have their own) before any file is changed, and decides each conftest override's
role, which folders it covers, the default loop scopes asked for, and the ``loop_scope`` each
async fixture of a conftest needs (an :class:`~asyncio_migrate.analysis.loop_overrides.OverridePlan`).
:class:`Loops` tells which override covered each test of a test module; the codemod
(``codemods/event_loop_overrides.py``) rewrites files from these answers.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Protocol

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import (
    ConftestOverride,
    FixtureLoop,
    Override,
    OverridePlan,
    Role,
    defines_loop_factories_hook,
    find_event_loop_overrides,
)
from asyncio_migrate.analysis.markers import (
    SCOPES,
    ClassInfo,
    MarkerModel,
    TestInfo,
    analyse,
    enclosing,
    fixture_decorator_name,
    fixture_name,
    mro,
)
from asyncio_migrate.analysis.names import Scope, excerpt, is_name, module_scope, walk_statements
from asyncio_migrate.config.discovery import discover
from asyncio_migrate.config.pytest_config import CollectionRules, locate_config
from asyncio_migrate.config.versions import HOOK_MIN_VERSION


class PlanSettings(Protocol):
    """What the plan reads of the project settings (``ProjectSettings`` has it all)."""

    @property
    def rules(self) -> CollectionRules: ...
    @property
    def target(self) -> str: ...
    @property
    def default_test_loop_scope(self) -> str: ...
    @property
    def default_fixture_loop_scope(self) -> str | None: ...
    def supports(self, minimum: str) -> bool: ...
    def supports_setting(self, key: str, value: str | bool) -> bool: ...


# --- Survey: every conftest override, and which loop each group of tests needs ---------------------


@dataclass(frozen=True)
class Group:
    """Tests that one override (or none) covered: the loop scope they need now."""

    scope: str | None  # None: its override is left as is, so nothing is decided for them
    converted: bool  # an override we rewrite covered them (else: pytest-asyncio 0.21's function loop)
    where: str  # for reports


_UNCOVERED = Group("function", False, "tests without an event_loop fixture")


@dataclass
class FixtureInfo:
    name: str
    is_async: bool
    scope: str | None  # None: not a literal
    has_loop_scope: bool
    requests: frozenset[str]
    autouse: bool


def plan_overrides(files: Sequence[Path], settings: PlanSettings) -> OverridePlan:
    """What every file needs: each conftest override's role, which folders it covers, the
    default loop scopes asked for, and what each conftest's async fixtures need."""
    conftests = {path_key(path): path for path in files if path.name == "conftest.py"}
    tests = {path_key(path): path for path in files if path.name != "conftest.py" and settings.rules.is_test_file(path)}
    overrides: dict[str, Override] = {}
    no_hook: dict[str, str] = {}  # conftests where a custom loop cannot become the hook, and why
    own: dict[str, tuple[cst.Module, Scope]] = {}  # test modules with overrides of their own
    # Every conftest with fixtures is parsed once, for its override and its async fixtures.
    parsed_conftests = {key: parsed for key, path in conftests.items() if (parsed := _parse(path, b"fixture"))}
    parsed_tests = ((key, _parse(path, b"event_loop")) for key, path in tests.items())
    for key, parsed in [*parsed_conftests.items(), *parsed_tests]:
        if parsed is None or b"event_loop" not in parsed[2]:
            continue
        found = find_event_loop_overrides(*parsed[:2])
        if key in conftests:
            at_module_level = [each.override for each in found if each.owner is None]
            if at_module_level:
                override = overrides[key] = at_module_level[-1]  # the last definition is the one pytest sees
                if override.factory is not None:
                    problem = custom_loop_problem(override, *parsed[:2])
                    if problem is not None:
                        no_hook[key] = problem
                    elif defines_loop_factories_hook(parsed[0]):
                        no_hook[key] = ("it makes a custom loop, and this conftest.py already has a "
                                        "pytest_asyncio_loop_factories hook: add the loop's factory to it")
        elif found:
            own[key] = parsed[:2]
    if not overrides and not own:
        return OverridePlan()

    roles, reasons = _roles(overrides, no_hook, tests, files, settings)
    coverage = {os.path.dirname(key): None if role == "report" else overrides[key].scope for key, role in roles.items()}
    fixture_loop_scope = test_loop_scope = None
    top = next((key for key, role in roles.items() if role == "config"), None)
    if top is not None:
        scope = overrides[top].scope
        if scope != "function" and settings.default_fixture_loop_scope in (None, scope):
            fixture_loop_scope = scope
        if scope != "function" and _test_default_settable(scope, settings):
            test_loop_scope = scope
    fixtures: dict[str, dict[str, FixtureLoop]] = {}
    # With only the top override turned into both defaults, every async fixture already gets its loop.
    if own or any(role == "marks" for role in roles.values()) or (
        top is not None and overrides[top].scope != "function" and fixture_loop_scope is None
    ):
        fixtures = _survey_fixtures(parsed_conftests, tests, coverage, fixture_loop_scope, own, settings)
    conftest_parts = {
        key: ConftestOverride(roles.get(key), reasons.get(key), fixtures.get(key, {}))
        for key in [*roles, *(key for key in fixtures if key not in roles)]
    }
    return OverridePlan(conftest_parts, coverage, fixture_loop_scope, test_loop_scope)


def _roles(
    overrides: Mapping[str, Override],
    no_hook: Mapping[str, str],
    tests: Mapping[str, Path],
    files: Sequence[Path],
    settings: PlanSettings,
) -> tuple[dict[str, Role], dict[str, str]]:
    """Each conftest override's role: "config" (it covers every test: the defaults), "marks" or "report"."""
    project_tests = _project_test_modules(files, settings) or set(tests)
    covering_all = [key for key in overrides if all(_is_under(test, os.path.dirname(key)) for test in project_tests)]
    top = max(covering_all, key=lambda key: key.count(os.sep), default=None)
    roles: dict[str, Role] = {}
    reasons: dict[str, str] = {}
    for key, override in overrides.items():
        folder = os.path.dirname(key)
        problem = override.problem
        if problem is None and override.factory is not None:
            if not settings.supports(HOOK_MIN_VERSION):
                problem = (f"it makes a custom loop, which needs the pytest_asyncio_loop_factories hook of "
                           f"pytest-asyncio {HOOK_MIN_VERSION} (the target is {settings.target})")
            else:
                problem = no_hook.get(key)
        if problem is None and override.debug:
            if key != top:
                problem = ("it turns on debug mode, which is now on for every test or none (asyncio_debug), and it "
                           "does not cover every test")
            elif not settings.supports_setting("asyncio_debug", True):
                problem = f"it turns on debug mode: asyncio_debug needs pytest-asyncio 1.2 (target: {settings.target})"
        if problem is None and top is not None and key in covering_all and key != top:
            problem = f"no test uses it: every test sees the event_loop fixture of {_relative(top, folder)} first"
        # Tests below it that get marks must all be part of the run.
        if problem is None and (key != top or not _test_default_settable(override.scope, settings)):
            missing = sorted(test for test in project_tests if _is_under(test, folder) and test not in tests)
            if missing:
                problem = (f"test modules under its folder are not part of this run ({_relative(missing[0], folder)}"
                           f"{', ...' if len(missing) > 1 else ''}), so they could not get its loop scope")
        roles[key] = "report" if problem else ("config" if key == top else "marks")
        if problem:
            reasons[key] = problem
    return roles, reasons


def _test_default_settable(scope: str, settings: PlanSettings) -> bool:
    """Whether asyncio_default_test_loop_scope can give every test ``scope`` (else: marks)."""
    return scope == settings.default_test_loop_scope or (
        settings.supports_setting("asyncio_default_test_loop_scope", scope)
        and settings.default_test_loop_scope == "function"
    )


def _project_test_modules(files: Sequence[Path], settings: PlanSettings) -> set[str] | None:
    """Every test module under the project's rootdir, whatever paths the run was given."""
    if not files:
        return None
    common = os.path.commonpath([os.path.dirname(path_key(path)) for path in files])
    try:
        rootdir = locate_config(Path(common)).rootdir
        found = discover([rootdir])
    except Exception:  # noqa: BLE001 - an unreadable config or folder: fall back to the files of the run
        return None
    return {path_key(path) for path in found if path.name != "conftest.py" and settings.rules.is_test_file(path)}


def _survey_fixtures(
    conftests: Mapping[str, tuple[cst.Module, Scope, bytes]],
    tests: Mapping[str, Path],
    coverage: Mapping[str, str | None],
    fixture_loop_scope: str | None,
    own: Mapping[str, tuple[cst.Module, Scope]],
    settings: PlanSettings,
) -> dict[str, dict[str, FixtureLoop]]:
    """Decide, by conftest, for each of its async fixtures the loop_scope it needs (or a report)."""
    fixtures = {key: _fixtures_of(module, scope) for key, (module, scope, _) in conftests.items()}
    # The fixture names each group of tests may use, by test module.
    users: list[tuple[str, Group, set[str]]] = []
    for key, path in tests.items():
        visible = [fixture for conftest, found in fixtures.items() if _is_under(key, os.path.dirname(conftest))
                   for fixture in found]
        base = group_of_folder(coverage, key)
        if key not in own:  # one group: every name any function of the module takes
            users.append((key, base, closure(_requested_names(path), visible)))
            continue
        module, scope = own[key]
        model = analyse(module, scope, settings.rules, settings.default_test_loop_scope, mentions_pytestmark=True)
        loops = Loops(model, scope, base, _relative(key))
        local = [fixture for *_, fixture in local_fixtures(model, scope)]
        everywhere = module_requested_names(module)
        by_group: dict[Group, set[str]] = {}
        for test in model.tests:
            names = closure({*parameter_names(test.node), *everywhere}, [*local, *visible])
            by_group.setdefault(loops.group_of(test), set()).update(names)
        users.extend((key, group, names) for group, names in by_group.items())
    decided: dict[str, dict[str, FixtureLoop]] = {}
    for conftest, defined in fixtures.items():
        folder = os.path.dirname(conftest)
        decisions: dict[str, FixtureLoop] = {}
        for fixture in defined:
            if not fixture.is_async or fixture.has_loop_scope:
                continue
            groups = [group for key, group, names in users if fixture.name in names and _is_under(key, folder)]
            decision = fixture_decision(fixture.scope, groups, fixture_loop_scope, settings)
            if decision is not None:
                decisions[fixture.name] = decision
        if decisions:
            decided[conftest] = decisions
    return decided


def group_of_folder(coverage: Mapping[str, str | None], path: str) -> Group:
    folder = _nearest(coverage, path)
    if folder is None:
        return _UNCOVERED
    return Group(coverage[folder], True, f"tests under {_relative(os.path.join(folder, 'conftest.py'))}")


def fixture_decision(
    scope: str | None, groups: Sequence[Group], fixture_loop_scope: str | None, settings: PlanSettings
) -> FixtureLoop | None:
    """The loop_scope, or a report, for an async fixture used by ``groups`` (None: nothing to do)."""
    decided = [group for group in groups if group.scope is not None]
    if not any(group.converted for group in decided):
        return None
    needed = sorted({group.scope for group in decided}, key=SCOPES.index)  # type: ignore[arg-type]
    if len(needed) > 1:
        listing = "; ".join(sorted({f"{group.where}: {group.scope} loop" for group in decided}))
        return FixtureLoop(report=f"it is used by tests that ran in different event_loop fixtures ({listing}). "
                           "Under pytest-asyncio 0.21 it ran in the loop of each test; now it has one loop_scope. "
                           "Give it the loop scope its tests need by hand (or one fixture per loop scope)")
    loop_scope = needed[0]
    if scope is None:
        return FixtureLoop(report=f"its tests need loop_scope=\"{loop_scope}\", but its scope is not a literal: "
                                  "add it by hand")
    if SCOPES.index(scope) > SCOPES.index(loop_scope):
        return FixtureLoop(report=f"its scope ({scope}) is wider than the loop of the tests using it ({loop_scope}): "
                                  "pytest-asyncio 0.21 refused that (ScopeMismatch). Settle its scope by hand")
    if loop_scope == _default_fixture_loop(scope, fixture_loop_scope, settings):
        return None
    return FixtureLoop(loop_scope=loop_scope)


def _default_fixture_loop(scope: str, fixture_loop_scope: str | None, settings: PlanSettings) -> str:
    """The loop an async fixture without loop_scope gets after the upgrade."""
    configured = fixture_loop_scope or settings.default_fixture_loop_scope
    # Left unset, default-fixture-loop-scope keeps each fixture in the loop of its own scope.
    return scope if configured in (None, "fixture-scope") else configured  # type: ignore[return-value]


def custom_loop_problem(override: Override, module: cst.Module, scope: Scope) -> str | None:
    """Why the custom loop of a conftest's override cannot become a loop factory; None when it can:
    its maker is imported, or is a class or function of the conftest itself defined once and above
    the fixture (the hook's mapping is built where the fixture was, when the conftest is imported)."""
    expression = override.factory
    assert expression is not None
    if scope.qualified_name(expression) is not None:
        return None
    if isinstance(expression, cst.Name):
        bindings = [index for index, statement in enumerate(module.body) if expression.value in _bound_by(statement)]
        position = next((index for index, statement in enumerate(module.body) if statement is override.node), None)
        definition = module.body[bindings[0]] if len(bindings) == 1 else None
        if isinstance(definition, (cst.ClassDef, cst.FunctionDef)) and position is not None and bindings[0] < position:
            return None
    return (f"it makes a custom loop with `{excerpt(expression)}`, which is neither imported nor a class or "
            "function defined once above it in this conftest.py, so no loop factory can be written for it")


def _bound_by(statement: cst.BaseStatement) -> set[str]:
    """Module-level names a statement may bind: a def's or class's name, else every name written
    in it (an over-approximation: it can only make us refuse)."""
    if isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
        return {statement.name.value}
    names = _Names()
    statement.visit(names)
    return names.found


class _Names(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.found.add(node.value)


def _fixtures_of(module: cst.Module, module_scope: Scope) -> list[FixtureInfo]:
    """The fixtures defined at module level."""
    found = (
        fixture_info(statement, scope)
        for statement, scope in walk_statements(module.body, module_scope)
        if scope is module_scope and isinstance(statement, cst.FunctionDef)
    )
    return [fixture for fixture in found if fixture is not None]


def fixture_info(function: cst.FunctionDef, scope: Scope) -> FixtureInfo | None:
    decorator = next((d for d in function.decorators if fixture_decorator_name(d, scope)), None)
    name = fixture_name(function, scope)
    if decorator is None or name is None or name == "event_loop":
        return None
    arguments = _keywords(decorator.decorator)
    scope_arg = arguments.get("scope")
    fixture_scope = "function" if scope_arg is None else _literal(scope_arg)
    autouse = arguments.get("autouse")
    return FixtureInfo(
        name,
        function.asynchronous is not None,
        fixture_scope if fixture_scope in SCOPES else None,
        "loop_scope" in arguments,
        frozenset(parameter_names(function)),
        autouse is not None and not is_name(autouse, "False"),
    )


def closure(names: Iterable[str], fixtures: Sequence[FixtureInfo]) -> set[str]:
    """``names`` and every fixture name they request in turn, plus the autouse fixtures (by name)."""
    wanted = set(names) | {fixture.name for fixture in fixtures if fixture.autouse}
    pending = list(wanted)
    while pending:
        name = pending.pop()
        for fixture in fixtures:
            if fixture.name == name:
                for requested in fixture.requests - wanted:
                    wanted.add(requested)
                    pending.append(requested)
    return wanted


def _requested_names(path: Path) -> set[str]:
    """Fixture names a test module may request: every parameter of every function in it, and the
    strings given to usefixtures / getfixturevalue (an over-approximation, on purpose)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = node.args
            names.update(arg.arg for arg in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs))
        elif isinstance(node, ast.Call):
            function = node.func
            called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
            if called in ("usefixtures", "getfixturevalue"):
                strings = (arg.value for arg in node.args if isinstance(arg, ast.Constant))
                names.update(string for string in strings if isinstance(string, str))
    return names


def _parse(path: Path, needle: bytes) -> tuple[cst.Module, Scope, bytes] | None:
    """The module, its scope and its bytes, if they contain ``needle``."""
    try:
        source = path.read_bytes()
        if needle not in source:
            return None
        module = cst.parse_module(source)
        return module, module_scope(module, source, str(path)), source
    except Exception:  # noqa: BLE001 - unreadable, or libcst fails: the file's own run reports it
        return None


def local_fixtures(
    model: MarkerModel, module_scope: Scope
) -> list[tuple[cst.FunctionDef, Scope, ClassInfo | None, FixtureInfo]]:
    """The fixtures a test module defines, with the class each is defined in."""
    classes = {id(cls.scope): cls for cls in model.classes}
    local = []
    for statement, scope in walk_statements(model.module.body, module_scope):
        if isinstance(statement, cst.FunctionDef):
            fixture = fixture_info(statement, scope)
            if fixture is not None:
                local.append((statement, scope, classes.get(id(scope)), fixture))
    return local


def module_requested_names(module: cst.Module) -> set[str]:
    """Strings given to usefixtures / getfixturevalue anywhere in the module (they may name fixtures)."""
    finder = _RequestedStrings()
    module.visit(finder)
    return finder.names


class _RequestedStrings(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        function = node.func
        called = function.attr.value if isinstance(function, cst.Attribute) else getattr(function, "value", None)
        if called in ("usefixtures", "getfixturevalue"):
            self.names.update(literal for arg in node.args if (literal := _literal(arg.value)) is not None)


def _keywords(expression: cst.BaseExpression) -> dict[str, cst.BaseExpression]:
    if not isinstance(expression, cst.Call):
        return {}
    return {arg.keyword.value: arg.value for arg in expression.args if arg.keyword is not None}


def _literal(node: cst.BaseExpression) -> str | None:
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def parameter_names(function: cst.FunctionDef) -> list[str]:
    params = function.params
    return [param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)]


def _test_module_problem(override: Override) -> str | None:
    """Why an override in a test module (or one of its classes) cannot be rewritten."""
    if override.problem:
        return override.problem
    if override.factory is not None:
        return ("it makes a custom loop, which only a loop factory (the pytest_asyncio_loop_factories hook, "
                "which pytest reads from conftest.py files) can make now")
    if override.debug:
        return "it turns on debug mode, which is now on for every test or none (asyncio_debug)"
    return None


class Loops:
    """The loop each test of a module needs: from its class's override, its module's, or its conftest's."""

    def __init__(self, model: MarkerModel, module_scope: Scope, base: Group, label: str | None = None) -> None:
        self.base = base
        self.class_groups: dict[int, Group] = {}  # id(ClassDef) → what its override gives its tests
        self.found = find_event_loop_overrides(model.module, module_scope)
        self.problems: dict[int, str] = {}  # id(Found) → why it is left
        for found in self.found:
            problem = _test_module_problem(found.override)
            if problem:
                self.problems[id(found)] = problem
            owner = found.owner
            if owner is None:
                where = label or "this module"
            else:
                where = f"{label}::{owner.name.value}" if label else f"class {owner.name.value}"
            group = Group(None if problem else found.override.scope, True, where)
            if owner is None:
                self.base = group
            else:
                self.class_groups[id(owner)] = group

    def group_of(self, test: TestInfo) -> Group:
        # pytest looks a fixture up in the test's class (and its bases), then the enclosing classes.
        for cls in enclosing(test.cls):
            for each in mro(cls):
                group = self.class_groups.get(id((each.original or each).node))
                if group is not None:
                    return group
        return self.base


# --- Paths in the survey's facts: absolute and normalised (path_key) -----------------------------


def path_key(path: Path | str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _is_under(path: str, folder: str) -> bool:
    return any(str(parent) == folder for parent in PurePath(path).parents)


def _nearest(folders: Iterable[str], path: str) -> str | None:
    """The one of ``folders`` that is the deepest folder above ``path``."""
    return next((str(parent) for parent in PurePath(path).parents if str(parent) in folders), None)


def conftest_entry(plan: OverridePlan, path: Path) -> ConftestOverride:
    return plan.conftests.get(path_key(path), ConftestOverride())


def _relative(path: str, start: str | None = None) -> str:
    try:
        return Path(os.path.relpath(path, start or os.getcwd())).as_posix()
    except ValueError:
        return Path(path).as_posix()
