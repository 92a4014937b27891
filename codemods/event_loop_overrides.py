"""event-loop-overrides: an ``event_loop`` fixture becomes loop scopes, ``asyncio_debug`` or a loop factory.

    # conftest.py above every test                 # after: the fixture is gone, and the config says
    @pytest.fixture(scope="session")               asyncio_default_fixture_loop_scope = session
    def event_loop():                              asyncio_default_test_loop_scope = session
        loop = asyncio.new_event_loop()            asyncio_debug = true
        loop.set_debug(True)
        yield loop
        loop.close()

    # tests/db/conftest.py, scope="module"   →   in every test module below tests/db/:
                                                 @pytest.mark.asyncio(loop_scope="module") on its async tests
                                                 (an existing bare mark gets the argument; in auto mode a
                                                 module whose tests are all async gets one pytestmark), and
                                                 loop_scope="module" on the async fixtures those tests use

    loop = uvloop.new_event_loop()           →   _LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}
                                                 def pytest_asyncio_loop_factories(config, item): ...

Under pytest-asyncio 0.21 every async test and async fixture ran in the loop of the closest
``event_loop`` fixture, so an override decided the loop of everything under it. 1.x never
uses the fixture (a leftover one is silently ignored): the loop comes from loop scopes.

What is rewritten: a fixture whose body only makes a loop (``asyncio.new_event_loop()``,
``asyncio.get_event_loop_policy().new_event_loop()``, ``asyncio.get_event_loop()``, or a
custom one like ``uvloop.new_event_loop()`` / ``MyLoop()``), optionally calls
``asyncio.set_event_loop(loop)`` and ``loop.set_debug(True)``, then returns it or yields
and closes it. Its scope becomes the loop scope of the tests and async fixtures it covered:

* the deepest conftest whose folder holds every test module of the project (the project's
  rootdir is walked, not only the paths given) asks for the two default loop scopes
  (``asyncio_default_test_loop_scope`` needs 0.26; before that its tests get marks);
* any other conftest, a test module or a class: marks and ``loop_scope=`` as above. The
  survey finds every conftest override first, so each test module knows which one covers
  it. An asyncio mark with its own ``loop_scope`` wins and is left alone; a mark shared by
  tests that need different loops is not edited, the tests get their own mark instead;
* an async fixture gets ``loop_scope=`` where the default would give another loop
  (``@pytest.fixture`` becomes ``@pytest_asyncio.fixture``, which takes it). One used by
  tests that ran in different ``event_loop`` fixtures (it followed each test's loop) is
  reported: an async fixture has a single loop now;
* ``loop.set_debug(True)`` asks for ``asyncio_debug = true`` (1.2), only where the
  override covers every test; a custom loop becomes the ``pytest_asyncio_loop_factories``
  hook (1.4) in that conftest.

Reported and left: any other body (other fixtures, ``request``, exception handlers,
teardown beyond ``close()``, parameters), a custom loop or debug mode outside a conftest,
a conftest whose folder holds test modules this run does not include.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import (
    ConftestOverride,
    FixtureLoop,
    Override,
    OverridePlan,
    Role,
    find_event_loop_overrides,
)
from asyncio_migrate.analysis.markers import (
    PYTEST_ASYNCIO_FIXTURE,
    PYTEST_FIXTURE,
    SCOPES,
    ClassInfo,
    Mark,
    MarkerModel,
    TestInfo,
    analyse,
    enclosing,
    fixture_decorator_name,
    fixture_name,
    mro,
)
from asyncio_migrate.analysis.names import Scope, excerpt, is_name, module_scope, walk_statements
from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.config.discovery import discover
from asyncio_migrate.config.pytest_config import locate_config
from asyncio_migrate.config.versions import HOOK_MIN_VERSION
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.edit.loop_factories import CannotWriteHook, Factory, defines_loop_factories_hook, hook_statements
from asyncio_migrate.edit.marks import with_keyword, with_module_pytestmark
from asyncio_migrate.edit.statements import apply_statement_edits
from asyncio_migrate.results import Severity

CODEMOD_ID = "event-loop-overrides"
ASYNCIO_MARK = "pytest.mark.asyncio"
_IGNORED = ("pytest-asyncio 1.x silently ignores it, so the tests it covered run in pytest-asyncio's own loops: "
            "carry over by hand what it did (its scope as loop_scope on those tests and their async fixtures, a "
            "custom loop as a loop factory), then delete it")


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


# --- Survey: every conftest override, and which loop each group of tests needs ---------------------


@dataclass(frozen=True)
class Group:
    """Tests that one override (or none) covered: the loop scope they need now."""

    scope: str | None  # None: its override is left as is, so nothing is decided for them
    converted: bool  # an override we rewrite covered them (else: pytest-asyncio 0.21's function loop)
    where: str  # for reports


_UNCOVERED = Group("function", False, "tests without an event_loop fixture")


@dataclass
class _Fixture:
    name: str
    is_async: bool
    scope: str | None  # None: not a literal
    has_loop_scope: bool
    requests: frozenset[str]
    autouse: bool


def survey(files: Sequence[Path], settings: ProjectSettings) -> OverridePlan:
    """What every file needs: each conftest override's role, which folders it covers, the
    default loop scopes asked for, and what each conftest's async fixtures need."""
    conftests = {_key(path): path for path in files if path.name == "conftest.py"}
    tests = {_key(path): path for path in files if path.name != "conftest.py" and settings.rules.is_test_file(path)}
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
                    factory = _factory(override, *parsed[:2])
                    if isinstance(factory, str):
                        no_hook[key] = factory
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
    settings: ProjectSettings,
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


def _test_default_settable(scope: str, settings: ProjectSettings) -> bool:
    """Whether asyncio_default_test_loop_scope can give every test ``scope`` (else: marks)."""
    return scope == settings.default_test_loop_scope or (
        settings.supports_setting("asyncio_default_test_loop_scope", scope)
        and settings.default_test_loop_scope == "function"
    )


def _project_test_modules(files: Sequence[Path], settings: ProjectSettings) -> set[str] | None:
    """Every test module under the project's rootdir, whatever paths the run was given."""
    if not files:
        return None
    common = os.path.commonpath([os.path.dirname(_key(path)) for path in files])
    try:
        rootdir = locate_config(Path(common)).rootdir
        found = discover([rootdir])
    except Exception:  # noqa: BLE001 - an unreadable config or folder: fall back to the files of the run
        return None
    return {_key(path) for path in found if path.name != "conftest.py" and settings.rules.is_test_file(path)}


def _survey_fixtures(
    conftests: Mapping[str, tuple[cst.Module, Scope, bytes]],
    tests: Mapping[str, Path],
    coverage: Mapping[str, str | None],
    fixture_loop_scope: str | None,
    own: Mapping[str, tuple[cst.Module, Scope]],
    settings: ProjectSettings,
) -> dict[str, dict[str, FixtureLoop]]:
    """Decide, by conftest, for each of its async fixtures the loop_scope it needs (or a report)."""
    fixtures = {key: _fixtures_of(module, scope) for key, (module, scope, _) in conftests.items()}
    # The fixture names each group of tests may use, by test module.
    users: list[tuple[str, Group, set[str]]] = []
    for key, path in tests.items():
        visible = [fixture for conftest, found in fixtures.items() if _is_under(key, os.path.dirname(conftest))
                   for fixture in found]
        base = _group_of_folder(coverage, key)
        if key not in own:  # one group: every name any function of the module takes
            users.append((key, base, _closure(_requested_names(path), visible)))
            continue
        module, scope = own[key]
        model = analyse(module, scope, settings.rules, settings.default_test_loop_scope, mentions_pytestmark=True)
        loops = _Loops(model, scope, base, _relative(key))
        local = [fixture for *_, fixture in _local_fixtures(model, scope)]
        everywhere = _module_requested_names(module)
        by_group: dict[Group, set[str]] = {}
        for test in model.tests:
            names = _closure({*_parameter_names(test.node), *everywhere}, [*local, *visible])
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
            decision = _fixture_decision(fixture.scope, groups, fixture_loop_scope, settings)
            if decision is not None:
                decisions[fixture.name] = decision
        if decisions:
            decided[conftest] = decisions
    return decided


def _group_of_folder(coverage: Mapping[str, str | None], path: str) -> Group:
    folder = _nearest(coverage, path)
    if folder is None:
        return _UNCOVERED
    return Group(coverage[folder], True, f"tests under {_relative(os.path.join(folder, 'conftest.py'))}")


def _fixture_decision(
    scope: str | None, groups: Sequence[Group], fixture_loop_scope: str | None, settings: ProjectSettings
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


def _default_fixture_loop(scope: str, fixture_loop_scope: str | None, settings: ProjectSettings) -> str:
    """The loop an async fixture without loop_scope gets after the upgrade."""
    configured = fixture_loop_scope or settings.default_fixture_loop_scope
    # Left unset, default-fixture-loop-scope keeps each fixture in the loop of its own scope.
    return scope if configured in (None, "fixture-scope") else configured  # type: ignore[return-value]


def _fixtures_of(module: cst.Module, module_scope: Scope) -> list[_Fixture]:
    """The fixtures defined at module level."""
    found = (
        _fixture_info(statement, scope)
        for statement, scope in walk_statements(module.body, module_scope)
        if scope is module_scope and isinstance(statement, cst.FunctionDef)
    )
    return [fixture for fixture in found if fixture is not None]


def _fixture_info(function: cst.FunctionDef, scope: Scope) -> _Fixture | None:
    decorator = next((d for d in function.decorators if fixture_decorator_name(d, scope)), None)
    name = fixture_name(function, scope)
    if decorator is None or name is None or name == "event_loop":
        return None
    arguments = _keywords(decorator.decorator)
    scope_arg = arguments.get("scope")
    fixture_scope = "function" if scope_arg is None else _literal(scope_arg)
    autouse = arguments.get("autouse")
    return _Fixture(
        name,
        function.asynchronous is not None,
        fixture_scope if fixture_scope in SCOPES else None,
        "loop_scope" in arguments,
        frozenset(_parameter_names(function)),
        autouse is not None and not is_name(autouse, "False"),
    )


def _closure(names: Iterable[str], fixtures: Sequence[_Fixture]) -> set[str]:
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


# --- Paths in the survey's facts -----------------------------------------------------------------
# Keys are absolute paths. A relative key matches any path that ends with it, so a snapshot
# case can describe a project it is not part of ("." covers every folder).


def _key(path: Path | str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _ends_with(path: str, key: str) -> bool:
    if os.path.isabs(key):
        return _key(key) == path
    parts = PurePath(key).parts
    return not parts or PurePath(path).parts[-len(parts) :] == parts


def _is_under(path: str, folder: str) -> bool:
    return any(_ends_with(str(parent), folder) for parent in PurePath(path).parents)


def _nearest(folders: Iterable[str], path: str) -> str | None:
    """The key of ``folders`` matching the deepest folder above ``path``."""
    for parent in PurePath(path).parents:
        for folder in folders:
            if _ends_with(str(parent), folder):
                return folder
    return None


def _entry(plan: OverridePlan, path: Path) -> ConftestOverride:
    found = (entry for key, entry in plan.conftests.items() if _ends_with(_key(path), key))
    return next(found, ConftestOverride())


def _relative(path: str, start: str | None = None) -> str:
    try:
        return Path(os.path.relpath(path, start or os.getcwd())).as_posix()
    except ValueError:
        return Path(path).as_posix()


# --- Rewriting a file ---------------------------------------------------------------------------


@dataclass
class _Changes:
    """What happens to one statement (a def, a class, a pytestmark line)."""

    replacements: dict[int, cst.BaseExpression] = field(default_factory=dict)  # id(expression) → new
    new_decorator: cst.BaseExpression | None = None
    replace_by: list[cst.BaseStatement] | None = None  # [] deletes it

    def __call__(self, node: cst.BaseStatement) -> Sequence[cst.BaseStatement]:
        if self.replace_by is not None:
            if self.replace_by:
                return [self.replace_by[0].with_changes(leading_lines=node.leading_lines), *self.replace_by[1:]]
            return []
        if self.replacements:
            node = node.visit(_Replacer(self.replacements))  # type: ignore[assignment]
        if self.new_decorator is not None:
            assert isinstance(node, (cst.FunctionDef, cst.ClassDef))
            node = node.with_changes(decorators=[cst.Decorator(decorator=self.new_decorator), *node.decorators])
        return [node]


class _Replacer(cst.CSTTransformer):
    def __init__(self, replacements: Mapping[int, cst.BaseExpression]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        return self.replacements.get(id(original_node), updated_node)


class _Rewrite:
    """The edits of one file, collected first and applied together."""

    def __init__(self, module: cst.Module, context: FileContext) -> None:
        self.module = module
        self.context = context
        self.changes: dict[int, _Changes] = {}
        self.spellings: list[Spelling] = []
        self.module_pytestmark: cst.BaseExpression | None = None

    def of(self, statement: cst.CSTNode) -> _Changes:
        return self.changes.setdefault(id(statement), _Changes())

    def spelling(self, qualified: str, scope: Scope, node: cst.CSTNode, what: str) -> str | None:
        spelling = spelling_for(self.context.scope, qualified)
        if spelling is None or not spelling.usable_in(scope, qualified):
            self.context.report(
                node,
                f"{what} needs {qualified}, but `{qualified.partition('.')[0]}` is imported here only "
                "conditionally or means something else, so it was left: change it by hand.",
            )
            return None
        if spelling not in self.spellings:
            self.spellings.append(spelling)
        return spelling.expression

    def result(self) -> cst.Module:
        if not self.changes and self.module_pytestmark is None:
            return self.module
        module = apply_statement_edits(self.module, self.changes)  # type: ignore[arg-type]
        if self.module_pytestmark is not None:
            module = with_module_pytestmark(module, self.module_pytestmark)
        for spelling in self.spellings:
            module = spelling.added_to(module, self.context.scope, self.context.settings.first_party)
        return module


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    plan = context.settings.facts.get(CODEMOD_ID, OverridePlan())
    assert isinstance(plan, OverridePlan)
    if plan.is_empty() and b"event_loop" not in context.source:
        return module
    rewrite = _Rewrite(module, context)
    if context.path.name == "conftest.py":
        _rewrite_conftest(rewrite, plan)
    elif context.is_test_file:
        _rewrite_test_module(rewrite, plan)
    else:
        for found in find_event_loop_overrides(module, context.scope):
            context.report(
                found.override.node,
                f"event_loop fixture outside conftest.py and test modules (a plugin?) left as is. {_IGNORED}.",
            )
    return rewrite.result()


def _rewrite_conftest(rewrite: _Rewrite, plan: OverridePlan) -> None:
    context = rewrite.context
    entry = _entry(plan, context.path)
    for found in find_event_loop_overrides(rewrite.module, context.scope):
        override = found.override
        if found.owner is not None:
            continue  # pytest reads no fixtures from classes in a conftest
        role = entry.role
        if role not in ("config", "marks") or override.problem:
            why = override.problem or entry.reason or "the project survey did not see it"
            context.report(override.node, f"event_loop fixture left as is: {why}. {_IGNORED}.")
            continue
        hooked = override.factory is not None and _replace_by_hook(rewrite, override)
        if override.factory is None:
            rewrite.of(override.node).replace_by = []
        if role == "config":
            kept = _request_defaults(rewrite, override, plan)
        else:
            kept = [f"loop_scope=\"{override.scope}\" on the tests below this folder and their async fixtures"]
        if hooked:
            kept.insert(0, "the pytest_asyncio_loop_factories hook")
        if override.factory is None or hooked:
            how = f"; what it did is kept by {', '.join(kept)}" if kept else ""
            context.report(override.node, f"removed the event_loop fixture, which pytest-asyncio 1.x ignores{how}.",
                           Severity.INFO)
    decisions = entry.fixtures
    for statement, scope in walk_statements(rewrite.module.body, context.scope):
        if scope is context.scope and isinstance(statement, cst.FunctionDef) and statement.asynchronous is not None:
            fixture = _fixture_info(statement, scope)
            decision = decisions.get(fixture.name) if fixture is not None and not fixture.has_loop_scope else None
            if decision is not None:
                _apply_fixture_decision(rewrite, statement, scope, decision)


def _request_defaults(rewrite: _Rewrite, override: Override, plan: OverridePlan) -> list[str]:
    """Ask for the settings that give every test the loop the top-most override gave it; what carries it over."""
    context, node = rewrite.context, override.node
    kept = []
    for key, value in (
        ("asyncio_default_fixture_loop_scope", plan.fixture_loop_scope),
        ("asyncio_default_test_loop_scope", plan.test_loop_scope),
    ):
        if value is not None:
            context.request_setting(node, key, value)
            kept.append(f"{key} = {value}")
    if override.debug:
        context.request_setting(node, "asyncio_debug", True)
        kept.append("asyncio_debug = true")
    if override.scope != "function" and plan.test_loop_scope is None:
        kept.append(f"loop_scope=\"{override.scope}\" marks on the tests")
    if override.scope != "function" and plan.fixture_loop_scope is None:
        kept.append("loop_scope on the async fixtures")
    return kept


def _replace_by_hook(rewrite: _Rewrite, override: Override) -> bool:
    """Put the loop factories hook where the override was; False (reported) when it cannot be."""
    context = rewrite.context
    factory = _factory(override, rewrite.module, context.scope)
    try:
        if isinstance(factory, str):
            raise CannotWriteHook(factory)
        hook = hook_statements(context, [factory])
    except CannotWriteHook as error:
        context.report(override.node, f"event_loop fixture left as is: {error}. Its loop scope is carried over; make "
                                      "its loop a factory of the pytest_asyncio_loop_factories hook by hand, then "
                                      "delete it.")
        return False
    rewrite.of(override.node).replace_by = hook.statements
    rewrite.spellings.extend(spelling for spelling in hook.spellings if spelling not in rewrite.spellings)
    return True


def _factory(override: Override, module: cst.Module, scope: Scope) -> Factory | str:
    """The hook's factory for the custom loop of a conftest's override, or why there is none."""
    expression = override.factory
    assert expression is not None
    qualified = scope.qualified_name(expression)
    if qualified is not None:
        parts = qualified.lstrip(".").split(".")
        name = parts[0] if parts[-1] == "new_event_loop" else parts[-1]
        if qualified.startswith("."):  # a relative import: spelled as the file does, which works at module level
            return Factory(name, expression)
        return Factory.imported(name, qualified)
    # A class or function of the conftest itself, defined once and above the fixture: the
    # hook's mapping is built where the fixture was, when the conftest is imported.
    if isinstance(expression, cst.Name):
        bindings = [index for index, statement in enumerate(module.body) if expression.value in _bound_by(statement)]
        position = next((index for index, statement in enumerate(module.body) if statement is override.node), None)
        definition = module.body[bindings[0]] if len(bindings) == 1 else None
        if isinstance(definition, (cst.ClassDef, cst.FunctionDef)) and position is not None and bindings[0] < position:
            return Factory(expression.value, expression)
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


class _Loops:
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


def _rewrite_test_module(rewrite: _Rewrite, plan: OverridePlan) -> None:
    context, module = rewrite.context, rewrite.module
    model = context.markers(module)
    loops = _Loops(model, context.scope, _group_of_folder(plan.coverage, _key(context.path)))
    for found in loops.found:
        override = found.override
        if id(found) in loops.problems:
            context.report(override.node, f"event_loop fixture left as is: {loops.problems[id(found)]}. {_IGNORED}.")
            continue
        rewrite.of(override.node).replace_by = []
        where = f"class {found.owner.name.value}" if found.owner is not None else "this module"
        context.report(
            override.node,
            f"removed the event_loop fixture, which pytest-asyncio 1.x ignores; the tests of {where} keep their "
            f"{override.scope} loop through loop_scope where the default differs.",
            Severity.INFO,
        )
    test_default = plan.test_loop_scope or context.settings.default_test_loop_scope
    _mark_tests(rewrite, model, loops, test_default)
    _scope_local_fixtures(rewrite, model, loops, plan)


def _mark_tests(rewrite: _Rewrite, model: MarkerModel, loops: _Loops, test_default: str) -> None:
    """Give every async test the loop its override gave it, with as few new marks as possible."""
    context = rewrite.context
    # Each asyncio mark without a loop scope, with the loop each test it decides for needs.
    by_mark: dict[int, tuple[Mark, list[tuple[TestInfo, str]]]] = {}
    unmarked: dict[int, tuple[TestInfo, str]] = {}  # by id(TestInfo); auto mode only
    for test in model.tests:
        if not test.is_async or run_by_other_plugin(model, test):
            continue
        group = loops.group_of(test)
        if group.scope is None:
            continue  # its override is left and reported
        needed = group.scope if group.converted else test_default
        closest = model.closest_asyncio(model.chain(test))
        if closest is None:
            if needed != test_default:
                context.report(test.node, f"{test.node.name.value} needs loop_scope=\"{needed}\", but its marks "
                                          "cannot all be read statically: mark it by hand.")
        elif closest == "none":
            if context.settings.mode != "strict" and needed != test_default:  # strict mode does not run it
                unmarked[id(test)] = (test, needed)
        elif closest.keyword("loop_scope") is None and closest.keyword("scope") is None:  # type: ignore[union-attr]
            by_mark.setdefault(id(closest), (closest, []))[1].append((test, needed))  # type: ignore[arg-type]

    own_marks: list[tuple[TestInfo, str]] = []
    for mark, tests in by_mark.values():
        needed = {scope for _, scope in tests}
        if needed == {test_default}:
            continue
        if len(needed) == 1:
            _add_loop_scope_to_mark(rewrite, model, mark, needed.pop())
            continue
        # The mark decides for tests that need different loops: each test gets its own, which
        # comes first only if the mark is not already the test's own.
        for test, scope in tests:
            if scope == test_default:
                continue
            if any(decorator is mark.node for decorator in test.node.decorators):
                context.report(test.node, f"{test.node.name.value} needs loop_scope=\"{scope}\" in one class and "
                                          "another loop elsewhere: mark it by hand.")
            else:
                own_marks.append((test, scope))

    if unmarked and _one_mark_for(model.tests, unmarked) and model.module_level.holder is None \
            and model.module_level.unknown_reason is None and context.is_test_file:
        rewrite.module_pytestmark = _mark_call(rewrite, next(iter(unmarked.values()))[1], context.scope, model.module)
        unmarked = {}
    for cls in model.classes:
        tests = model.tests_under(cls)
        if id(cls.node) in loops.class_groups and _one_mark_for(tests, unmarked):
            mark = _mark_call(rewrite, unmarked[id(tests[0])][1], cls.scope.parent or context.scope, cls.node)
            if mark is not None:
                rewrite.of(cls.node).new_decorator = mark
                for test in tests:
                    del unmarked[id(test)]

    per_node: dict[int, tuple[TestInfo, set[str]]] = {}
    for test, scope in [*own_marks, *unmarked.values()]:
        per_node.setdefault(id(test.node), (test, set()))[1].add(scope)
    for test, scopes in per_node.values():
        if len(scopes) > 1:
            context.report(test.node, f"{test.node.name.value} is collected in classes that need different loops "
                                      f"({', '.join(sorted(scopes))}): mark it by hand.")
            continue
        mark = _mark_call(rewrite, scopes.pop(), test.scope, test.node)
        if mark is not None:
            rewrite.of(test.node).new_decorator = mark


def _one_mark_for(tests: Sequence[TestInfo], unmarked: Mapping[int, tuple[TestInfo, str]]) -> bool:
    """Whether one mark over ``tests`` is right: all are async, unmarked and need the same loop
    (a mark over a sync test makes pytest-asyncio warn)."""
    return bool(tests) and all(id(test) in unmarked for test in tests) and (
        len({unmarked[id(test)][1] for test in tests}) == 1
    )


def _add_loop_scope_to_mark(rewrite: _Rewrite, model: MarkerModel, mark: Mark, loop_scope: str) -> None:
    owner = _owner_of_mark(model, mark)
    if owner is None:
        rewrite.context.report(mark.node, f"this asyncio mark needs loop_scope=\"{loop_scope}\": add it by hand.")
        return
    rewrite.of(owner).replacements[id(mark.expression)] = with_keyword(mark.expression, "loop_scope", loop_scope)


def _owner_of_mark(model: MarkerModel, mark: Mark) -> cst.CSTNode | None:
    """The statement holding ``mark``: its decorated def or class, or its pytestmark line."""
    if isinstance(mark.node, cst.Decorator):
        decorated = [*(test.node for test in model.tests), *(cls.node for cls in model.classes)]
        return next((node for node in decorated if any(d is mark.node for d in node.decorators)), None)
    for level in (model.module_level, *(cls.level for cls in model.classes)):
        if level.holder is not None and any(each is mark for each in level.holder.marks):
            return level.holder.statement
    return None


def _mark_call(rewrite: _Rewrite, loop_scope: str, scope: Scope, node: cst.CSTNode) -> cst.BaseExpression | None:
    spelling = rewrite.spelling(ASYNCIO_MARK, scope, node, f"loop_scope=\"{loop_scope}\" here")
    if spelling is None:
        return None
    return with_keyword(cst.parse_expression(spelling), "loop_scope", loop_scope)


def _scope_local_fixtures(rewrite: _Rewrite, model: MarkerModel, loops: _Loops, plan: OverridePlan) -> None:
    """``loop_scope`` on the module's own async fixtures, from the loops of the tests that use them."""
    context = rewrite.context
    local = _local_fixtures(model, context.scope)
    fixtures = [fixture for *_, fixture in local]
    everywhere = _module_requested_names(model.module)
    for statement, scope, cls, fixture in local:
        if not fixture.is_async or fixture.has_loop_scope:
            continue
        visible = model.tests if cls is None else model.tests_under(cls)
        users = [
            test for test in visible if fixture.name in _closure({*_parameter_names(test.node), *everywhere}, fixtures)
        ]
        groups = [loops.group_of(test) for test in users]
        decision = _fixture_decision(fixture.scope, groups, plan.fixture_loop_scope, context.settings)
        if decision is not None:
            _apply_fixture_decision(rewrite, statement, scope, decision)


def _local_fixtures(
    model: MarkerModel, module_scope: Scope
) -> list[tuple[cst.FunctionDef, Scope, ClassInfo | None, _Fixture]]:
    """The fixtures a test module defines, with the class each is defined in."""
    classes = {id(cls.scope): cls for cls in model.classes}
    local = []
    for statement, scope in walk_statements(model.module.body, module_scope):
        if isinstance(statement, cst.FunctionDef):
            fixture = _fixture_info(statement, scope)
            if fixture is not None:
                local.append((statement, scope, classes.get(id(scope)), fixture))
    return local


def _module_requested_names(module: cst.Module) -> set[str]:
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


def _apply_fixture_decision(rewrite: _Rewrite, function: cst.FunctionDef, scope: Scope, decision: FixtureLoop) -> None:
    context = rewrite.context
    name = fixture_name(function, scope)
    if decision.loop_scope is None:
        context.report(function, f"async fixture {name}: {decision.report}.")
        return
    loop_scope = decision.loop_scope
    decorator = next(d for d in function.decorators if fixture_decorator_name(d, scope))
    expression = decorator.decorator
    if fixture_decorator_name(decorator, scope) == PYTEST_FIXTURE:  # pytest.fixture rejects loop_scope
        spelling = rewrite.spelling(PYTEST_ASYNCIO_FIXTURE, scope, decorator, f"loop_scope on fixture {name}")
        if spelling is None:
            return
        callee = cst.parse_expression(spelling)
        expression = expression.with_changes(func=callee) if isinstance(expression, cst.Call) else callee
    rewrite.of(function).replacements[id(decorator.decorator)] = with_keyword(expression, "loop_scope", loop_scope)
    context.report(
        function,
        f"async fixture {name} gets loop_scope=\"{loop_scope}\": the tests using it ran it in a {loop_scope} "
        "loop (their event_loop fixture).",
        Severity.INFO,
    )


# --- Small syntax helpers -------------------------------------------------------------------------


def _keywords(expression: cst.BaseExpression) -> dict[str, cst.BaseExpression]:
    if not isinstance(expression, cst.Call):
        return {}
    return {arg.keyword.value: arg.value for arg in expression.args if arg.keyword is not None}


def _literal(node: cst.BaseExpression) -> str | None:
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def _parameter_names(function: cst.FunctionDef) -> list[str]:
    params = function.params
    return [param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)]


CODEMOD = Codemod(
    id=CODEMOD_ID,
    # Marks are renamed and taken off fixtures before the event_loop fixtures are read.
    runs_after=("marker-scope-to-loop-scope", "asyncio-marks-on-fixtures"),
    summary="Replace event_loop fixture overrides with loop scopes, asyncio_debug or loop factories.",
    commands=("upgrade",),
    # Test modules below a conftest override need marks even when they never name event_loop.
    prefilter=(b"event_loop", b"async"),
    transform=transform,
    min_pytest_asyncio="0.24",
    survey=survey,
    note="a leftover event_loop fixture is silently ignored by pytest-asyncio 1.x",
)
