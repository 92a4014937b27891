"""The round trip: to-auto then to-strict (and the reverse) keeps how pytest-asyncio treats every test.

For any suite, for every test: whether pytest-asyncio runs it, its loop scope and its loop
factories; for every async fixture (and every ``pytest_asyncio.fixture``) a test uses:
whether pytest-asyncio handles it and its loop scope. pytest itself is asked (the --verify
probe, collection only) after each step, on generated projects: a pytest.ini with a mode and
default loop scopes, an optional conftest.py (fixtures, a pytest_asyncio_loop_factories
hook), one or two test modules (at the root or in tests/) with module-level tests, classes,
subclasses and nested classes, sync, async and static-method tests, parametrized or not;
asyncio marks in every form (bare, ``()``, ``loop_scope=``, the deprecated ``scope=``,
``loop_factories=``) and place (decorators, ``pytestmark`` alone or in a list with
``filterwarnings``/``usefixtures`` marks, class decorators); ``import pytest as pt`` and
``from pytest import fixture, mark`` spellings; sync/async fixtures via ``pytest.fixture`` or
``pytest_asyncio.fixture`` with scopes, loop scopes and fixtures they request.

The one difference the round trip makes on purpose: an async test with no asyncio mark is not
run in strict mode; to-auto makes it run, and to-strict then marks it. So starting from strict
mode, exactly those tests end up run (with the default loop scope) and everything else is as
it was. Starting from auto mode nothing differs at all. Besides, both commands must leave
nothing to change on a second run, and --verify must accept each step (no difference, new
warnings included, that the command did not announce); tests to-strict reports it could not
mark are held only to that --verify check.

The projects are generated valid by construction (a loop scope never narrower than its
fixture's scope, ``loop_scope="class"`` only inside classes, fixtures only requested where
they are visible and from fixtures of no broader scope); an example whose original collection
still has errors is skipped with ``assume``.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, note, settings
from hypothesis import strategies as st

from asyncio_migrate import api
from asyncio_migrate.pipeline.commands import COMMANDS
from asyncio_migrate.verify.compare import Expectations, compare, probe_project

PYTHON = sys.executable  # has pytest-asyncio 1.5.0 (the test extra)

# Every loop scope pytest-asyncio accepts, narrowest first ("package" left out: the
# generated projects are no packages).
SCOPES = ("function", "class", "module", "session")
RANK = {scope: rank for rank, scope in enumerate(SCOPES)}

# Each example probes pytest three times (a subprocess each).
ROUND_TRIP = settings(
    max_examples=int(os.environ.get("ROUND_TRIP_EXAMPLES", "25")),
    # CI draws the same examples every run, so its verdict is reproducible; a developer's
    # runs explore new ones each time (raise ROUND_TRIP_EXAMPLES to explore more).
    derandomize=os.environ.get("CI") == "true",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------------------------
# The model of a generated project


@dataclass(frozen=True)
class Mark:
    name: str  # "asyncio", "filterwarnings", "usefixtures"
    args: str | None = None  # the source between the parentheses; None: no call

    @property
    def is_asyncio(self) -> bool:
        return self.name == "asyncio"

    def render(self, prefix: str) -> str:
        return f"{prefix}.{self.name}" if self.args is None else f"{prefix}.{self.name}({self.args})"


@dataclass(frozen=True)
class Fixture:
    name: str
    is_async: bool
    decorator: str  # "pytest" or "pytest_asyncio"
    scope: str | None  # None: not given (function)
    loop_scope: str | None  # only with pytest_asyncio.fixture
    generator: bool  # yield rather than return
    requests: tuple[str, ...]  # other fixtures it requests
    called: bool = False  # @pytest.fixture() rather than @pytest.fixture when there are no arguments


@dataclass(frozen=True)
class GeneratedTest:
    name: str
    is_async: bool
    marks: tuple[Mark, ...] = ()  # decorators, top first
    requests: tuple[str, ...] = ()
    parametrized: bool = False
    static: bool = False  # a @staticmethod in a class


@dataclass(frozen=True)
class Class:
    name: str
    base: str | None = None  # an earlier class of the module
    decorators: tuple[Mark, ...] = ()
    pytestmark: tuple[Mark, ...] = ()  # empty: none
    pytestmark_as_list: bool = False
    fixtures: tuple[Fixture, ...] = ()
    tests: tuple[GeneratedTest, ...] = ()
    nested: tuple[Class, ...] = ()  # test classes in its body


@dataclass(frozen=True)
class Module:
    name: str  # "test_m0"
    # "pytest" (import pytest), "pt" (import pytest as pt), "from" (from pytest import fixture, mark)
    pytest_style: str = "pytest"
    asyncio_style: str = "module"  # "module" (import pytest_asyncio), "from" (from pytest_asyncio import fixture)
    pytestmark: tuple[Mark, ...] = ()
    pytestmark_as_list: bool = False
    fixtures: tuple[Fixture, ...] = ()
    tests: tuple[GeneratedTest, ...] = ()
    classes: tuple[Class, ...] = ()


@dataclass(frozen=True)
class Project:
    mode: str
    default_fixture_loop_scope: str | None = "function"  # None: unset
    default_test_loop_scope: str | None = None
    conftest: tuple[Fixture, ...] | None = None  # None: no conftest.py
    loop_factories: tuple[str, ...] = ()  # names the conftest's pytest_asyncio_loop_factories hook returns
    modules: tuple[Module, ...] = ()
    folder: str = ""  # where the test modules are: "" or "tests/"

    @property
    def test_loop_scope(self) -> str:
        return self.default_test_loop_scope or "function"


# --------------------------------------------------------------------------------------------
# Strategies


def _asyncio_marks(project_factories: tuple[str, ...], in_class: bool) -> st.SearchStrategy[Mark]:
    scopes = ["function", "module", "session", *(["class"] if in_class else [])]
    options = [Mark("asyncio"), Mark("asyncio", "")]
    options += [Mark("asyncio", f'loop_scope="{scope}"') for scope in scopes]
    options.append(Mark("asyncio", 'scope="module"'))  # the deprecated spelling
    for factory in project_factories:
        options.append(Mark("asyncio", f'loop_factories=["{factory}"]'))
        options.append(Mark("asyncio", f'loop_scope="module", loop_factories=["{factory}"]'))
    return st.sampled_from(options)


def _marks(project_factories: tuple[str, ...], in_class: bool, usable: list[str]) -> st.SearchStrategy[Mark]:
    others = [Mark("filterwarnings", '"default"')] + [Mark("usefixtures", f'"{name}"') for name in usable]
    return st.one_of(_asyncio_marks(project_factories, in_class), st.sampled_from(others))


@dataclass
class _Context:
    mode: str
    default_fixture_loop_scope: str | None
    factories: tuple[str, ...]
    fixture_scopes: dict[str, str]  # every fixture so far: name -> scope
    names: Iterator[int]


def _draw_fixture(draw, context: _Context, name: str, in_class: bool, visible: list[str]) -> Fixture:
    is_async = draw(st.booleans())
    if is_async and context.mode == "strict":
        decorator = "pytest_asyncio"  # strict mode ignores async @pytest.fixture
    else:
        decorator = draw(st.sampled_from(["pytest", "pytest_asyncio"]))
    handled = is_async or decorator == "pytest_asyncio"
    with_loop_scope = decorator == "pytest_asyncio" and draw(st.booleans())
    scopes = ["function", "class"] if in_class else list(SCOPES)
    default = context.default_fixture_loop_scope
    if handled and not with_loop_scope and default in RANK:
        # The default loop scope applies: it must not be narrower than the fixture's scope.
        scopes = [scope for scope in scopes if RANK[scope] <= RANK[default]]
    scope = draw(st.sampled_from([None, *scopes]))
    effective = scope or "function"
    loop_scope = None
    if with_loop_scope:
        loop_scope = draw(st.sampled_from([s for s in SCOPES if RANK[s] >= RANK[effective]]))
    # Only fixtures of no narrower scope may be requested.
    candidates = [other for other in visible if RANK[context.fixture_scopes[other]] >= RANK[effective]]
    requests = tuple(draw(st.lists(st.sampled_from(candidates), unique=True, max_size=2))) if candidates else ()
    context.fixture_scopes[name] = effective
    called = not (scope or loop_scope) and draw(st.booleans())
    return Fixture(name, is_async, decorator, scope, loop_scope, draw(st.booleans()), requests, called)


def _draw_fixtures(
    draw, context: _Context, prefix: str, in_class: bool, visible: list[str], most: int
) -> tuple[Fixture, ...]:
    fixtures = []
    for index in range(draw(st.integers(0, most))):
        fixture = _draw_fixture(draw, context, f"{prefix}_fx{index}", in_class, visible)
        fixtures.append(fixture)
        visible = [*visible, fixture.name]
    return tuple(fixtures)


def _draw_tests(
    draw, context: _Context, in_class: bool, visible: list[str], usable: list[str], least: int
) -> tuple[GeneratedTest, ...]:
    tests = []
    for _ in range(draw(st.integers(least, 3))):
        name = f"test_{next(context.names)}"
        is_async = draw(st.sampled_from([True, True, False]))
        marks = tuple(draw(st.lists(_marks(context.factories, in_class, usable), max_size=2)))
        requests = tuple(draw(st.lists(st.sampled_from(visible), unique=True, max_size=2))) if visible else ()
        static = in_class and draw(st.sampled_from([False, False, False, True]))
        tests.append(GeneratedTest(name, is_async, marks, requests, draw(st.booleans()), static))
    return tuple(tests)


def _draw_pytestmark(draw, context: _Context, in_class: bool, usable: list[str]) -> tuple[tuple[Mark, ...], bool]:
    marks = tuple(draw(st.lists(_marks(context.factories, in_class, usable), max_size=2)))
    as_list = len(marks) > 1 or (bool(marks) and draw(st.booleans()))
    return marks, as_list


def _draw_class(
    draw, context: _Context, name: str, base: str | None, module_visible: list[str], outer: list[str], nesting: bool
) -> Class:
    """A test class; ``outer``: the fixtures of its base classes or of the class it is nested in."""
    fixtures = _draw_fixtures(draw, context, name[4:].lower(), True, [*module_visible, *outer], 1)
    visible = [*module_visible, *outer, *(fixture.name for fixture in fixtures)]
    decorators = tuple(draw(st.lists(_marks(context.factories, True, module_visible), max_size=1)))
    pytestmark, as_list = _draw_pytestmark(draw, context, True, module_visible)
    nested = []
    if nesting:
        for index in range(draw(st.sampled_from([0, 0, 0, 1]))):
            nested.append(_draw_class(draw, context, f"{name}N{index}", None, module_visible, visible, nesting=False))
    tests = _draw_tests(draw, context, True, visible, module_visible, 0 if base or nested else 1)
    return Class(name, base, decorators, pytestmark, as_list, fixtures, tests, tuple(nested))


@st.composite
def projects(draw, mode: str) -> Project:
    context = _Context(
        mode=mode,
        default_fixture_loop_scope=draw(st.sampled_from([None, "function", "module", "fixture-scope"])),
        factories=(),
        fixture_scopes={},
        names=itertools.count(),
    )
    default_test_loop_scope = draw(st.sampled_from([None, "function", "module"]))
    conftest = None
    if draw(st.booleans()):
        context.factories = draw(st.sampled_from([(), ("default",), ("default", "other")]))
        conftest = _draw_fixtures(draw, context, "cf", False, [], 2)
    shared = [fixture.name for fixture in conftest or ()]
    modules = []
    for index in range(draw(st.integers(1, 2))):
        prefix = f"m{index}"
        fixtures = _draw_fixtures(draw, context, prefix, False, shared, 2)
        module_visible = [*shared, *(fixture.name for fixture in fixtures)]
        pytestmark, as_list = _draw_pytestmark(draw, context, False, module_visible)
        tests = _draw_tests(draw, context, False, module_visible, module_visible, 0)
        classes: list[Class] = []
        class_fixtures: dict[str, list[str]] = {}
        for class_index in range(draw(st.integers(0, 2))):
            name = f"Test{prefix.upper()}C{class_index}"
            base = draw(st.sampled_from([None, *(cls.name for cls in classes)]))
            inherited = class_fixtures.get(base, []) if base else []
            cls = _draw_class(draw, context, name, base, module_visible, inherited, nesting=True)
            class_fixtures[name] = [*inherited, *(fixture.name for fixture in cls.fixtures)]
            classes.append(cls)
        modules.append(
            Module(
                name=f"test_{prefix}",
                pytest_style=draw(st.sampled_from(["pytest", "pt", "from"])),
                asyncio_style=draw(st.sampled_from(["module", "from"])),
                pytestmark=pytestmark,
                pytestmark_as_list=as_list,
                fixtures=fixtures,
                tests=tests,
                classes=tuple(classes),
            )
        )
    folder = draw(st.sampled_from(["", "tests/"]))
    return Project(
        mode,
        context.default_fixture_loop_scope,
        default_test_loop_scope,
        conftest,
        context.factories,
        tuple(modules),
        folder,
    )


# --------------------------------------------------------------------------------------------
# Rendering


@dataclass(frozen=True)
class _Spelling:
    imports: tuple[str, ...]
    mark: str
    fixture: str
    asyncio_fixture: str


def _spelling(pytest_style: str, asyncio_style: str) -> _Spelling:
    imports = ["import asyncio", ""]
    if pytest_style == "pytest":
        imports.append("import pytest")
        mark, fixture = "pytest.mark", "pytest.fixture"
    elif pytest_style == "pt":
        imports.append("import pytest as pt")
        mark, fixture = "pt.mark", "pt.fixture"
    else:
        imports.append("from pytest import fixture, mark")
        mark, fixture = "mark", "fixture"
    if asyncio_style == "module":
        imports.append("import pytest_asyncio")
        asyncio_fixture = "pytest_asyncio.fixture"
    elif pytest_style == "from":
        imports.append("from pytest_asyncio import fixture as asyncio_fixture")
        asyncio_fixture = "asyncio_fixture"
    else:
        imports.append("from pytest_asyncio import fixture")
        asyncio_fixture = "fixture"
    return _Spelling(tuple(imports), mark, fixture, asyncio_fixture)


def _render_fixture(fixture: Fixture, spelling: _Spelling, indent: str, method: bool) -> list[str]:
    decorator = spelling.fixture if fixture.decorator == "pytest" else spelling.asyncio_fixture
    keywords = (("scope", fixture.scope), ("loop_scope", fixture.loop_scope))
    arguments = [f'{key}="{value}"' for key, value in keywords if value]
    if arguments or fixture.called:
        decorator += f"({', '.join(arguments)})"
    parameters = ", ".join([*(["self"] if method else []), *fixture.requests])
    keyword = "async def" if fixture.is_async else "def"
    body = f'yield "{fixture.name}"' if fixture.generator else f'return "{fixture.name}"'
    return [f"{indent}@{decorator}", f"{indent}{keyword} {fixture.name}({parameters}):", f"{indent}    {body}", ""]


def _render_test(test: GeneratedTest, spelling: _Spelling, indent: str, method: bool) -> list[str]:
    lines = [f"{indent}@staticmethod"] if test.static else []
    if test.parametrized:
        lines.append(f'{indent}@{spelling.mark}.parametrize("n", [1, 2])')
    lines += [f"{indent}@{mark.render(spelling.mark)}" for mark in test.marks]
    own = ["self"] if method and not test.static else []
    parameters = ", ".join([*own, *test.requests, *(["n"] if test.parametrized else [])])
    if test.is_async:
        lines += [f"{indent}async def {test.name}({parameters}):", f"{indent}    await asyncio.sleep(0)", ""]
    else:
        lines += [f"{indent}def {test.name}({parameters}):", f"{indent}    pass", ""]
    return lines


def _render_pytestmark(marks: tuple[Mark, ...], as_list: bool, spelling: _Spelling, indent: str) -> list[str]:
    if not marks:
        return []
    rendered = [mark.render(spelling.mark) for mark in marks]
    value = f"[{', '.join(rendered)}]" if as_list else rendered[0]
    return [f"{indent}pytestmark = {value}", ""]


def _render_class(cls: Class, spelling: _Spelling, indent: str) -> list[str]:
    lines = [f"{indent}@{mark.render(spelling.mark)}" for mark in cls.decorators]
    lines.append(f"{indent}class {cls.name}({cls.base}):" if cls.base else f"{indent}class {cls.name}:")
    inner = indent + "    "
    body = _render_pytestmark(cls.pytestmark, cls.pytestmark_as_list, spelling, inner)
    for fixture in cls.fixtures:
        body += _render_fixture(fixture, spelling, inner, True)
    for nested in cls.nested:
        body += _render_class(nested, spelling, inner)
    for test in cls.tests:
        body += _render_test(test, spelling, inner, True)
    return lines + (body or [f"{inner}pass", ""])


def render_module(module: Module) -> str:
    spelling = _spelling(module.pytest_style, module.asyncio_style)
    blocks = [[*spelling.imports, ""]]
    blocks.append(_render_pytestmark(module.pytestmark, module.pytestmark_as_list, spelling, ""))
    blocks += [_render_fixture(fixture, spelling, "", False) for fixture in module.fixtures]
    blocks += [_render_test(test, spelling, "", False) for test in module.tests]
    blocks += [_render_class(cls, spelling, "") for cls in module.classes]
    return "\n".join(line for block in blocks if block for line in [*block, ""]).rstrip() + "\n"


def render_conftest(project: Project) -> str:
    spelling = _spelling("pytest", "module")
    lines = [*spelling.imports, "", ""]
    if project.loop_factories:
        factories = ", ".join(f'"{name}": asyncio.new_event_loop' for name in project.loop_factories)
        lines += ["def pytest_asyncio_loop_factories(config, item):", f"    return {{{factories}}}", "", ""]
    for fixture in project.conftest or ():
        lines += [*_render_fixture(fixture, spelling, "", False), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_ini(project: Project) -> str:
    lines = ["[pytest]", f"asyncio_mode = {project.mode}"]
    if project.default_fixture_loop_scope:
        lines.append(f"asyncio_default_fixture_loop_scope = {project.default_fixture_loop_scope}")
    if project.default_test_loop_scope:
        lines.append(f"asyncio_default_test_loop_scope = {project.default_test_loop_scope}")
    return "\n".join(lines) + "\n"


def render(project: Project) -> dict[str, str]:
    files = {"pytest.ini": render_ini(project)}
    if project.conftest is not None or project.loop_factories:
        files["conftest.py"] = render_conftest(project)
    for module in project.modules:
        files[f"{project.folder}{module.name}.py"] = render_module(module)
    return files


def write_project(root: Path, project: Project) -> None:
    for name, text in render(project).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    note("\n".join(f"----- {name}\n{(root / name).read_text()}" for name in sorted(render(project))))


# --------------------------------------------------------------------------------------------
# What the model says


def async_tests(project: Project) -> dict[str, bool]:
    """Each async test's id without parameters, and whether any asyncio mark applies to it.

    pytest's marks of a test: its own, its class's (with the base classes'), those of the
    class it is nested in, the module's.
    """
    found = {}

    def add(test_id: str, test: GeneratedTest, *outer: list[Mark]) -> None:
        if test.is_async:
            found[test_id] = any(mark.is_asyncio for marks in (test.marks, *outer) for mark in marks)

    for module in project.modules:
        path = f"{project.folder}{module.name}.py"
        classes = {cls.name: cls for cls in module.classes}
        for test in module.tests:
            add(f"{path}::{test.name}", test, module.pytestmark)
        for cls in module.classes:
            for each in _mro(cls, classes):
                for test in each.tests:
                    add(f"{path}::{cls.name}::{test.name}", test, _class_marks(cls, classes), module.pytestmark)
                for nested in each.nested:  # collected in every class that has it, inherited too
                    for test in nested.tests:
                        test_id = f"{path}::{cls.name}::{nested.name}::{test.name}"
                        outer = [*_class_marks(nested, classes), *_class_marks(cls, classes)]
                        add(test_id, test, outer, module.pytestmark)
    return found


def _mro(cls: Class, classes: dict[str, Class]) -> Iterator[Class]:
    yield cls
    if cls.base:
        yield from _mro(classes[cls.base], classes)


def _class_marks(cls: Class, classes: dict[str, Class]) -> list[Mark]:
    return [mark for each in _mro(cls, classes) for mark in (*each.decorators, *each.pytestmark)]


# --------------------------------------------------------------------------------------------
# The property


def base_id(test_id: str) -> str:
    return test_id.split("[", 1)[0]


def by_base(record: dict) -> dict[str, dict[str, dict]]:
    grouped: dict[str, dict[str, dict]] = defaultdict(dict)
    for test_id, test in record["tests"].items():
        grouped[base_id(test_id)][test_id] = test
    return dict(grouped)


def treatment(record: dict) -> dict[str, dict]:
    """Per test id: what pytest-asyncio does with it and with the fixtures it uses."""
    return {
        test_id: {
            "asyncio": test["asyncio"],
            "loop_scope": test["loop_scope"],
            "loop_factories": test["loop_factories"],
            "fixtures": {name: (f["handled"], f["loop_scope"]) for name, f in test["fixtures"].items()},
        }
        for test_id, test in record["tests"].items()
    }


def probe(root: Path) -> dict:
    record = probe_project(root, PYTHON, "collect")
    note(f"probe of {root.name}: {record['collection_errors'] or 'no collection errors'}")
    return record


def migrate(command: str, root: Path) -> api.RunResult:
    result = api.run(command, [root], write=True, jobs=1)
    if result.blocked and all(_left_unmarked_message(d) for d in result.all_diagnostics() if d.severity.value == "blocker"):
        # to-strict refuses to leave a test auto mode ran unmarked; the user's way on is --force,
        # and left_unmarked() below checks that --verify catches exactly those tests.
        result = api.run(command, [root], write=True, jobs=1, force=True)
    messages = [f"{d.location()} [{d.codemod}] {d.severity.value}: {d.message}" for d in result.all_diagnostics()]
    note(f"{command}: changed {[r.path.name for r in result.changed]}; diagnostics:\n  " + "\n  ".join(messages))
    for file_result in result.changed:
        note(f"----- {file_result.path.name} after {command}\n{file_result.new.decode()}")
    assert not result.failed, [(r.path.name, r.reason) for r in result.failed]
    assert not result.blocked, messages
    assert result.written
    again = api.run(command, [root], write=False, jobs=1)
    assert not again.failed
    assert not again.would_change, f"a second {command} still changes {[r.path.name for r in again.changed]}"
    return result


def _left_unmarked_message(diagnostic) -> bool:
    return diagnostic.codemod == "add-asyncio-marks" and re.match(r"left \w+ unmarked", diagnostic.message) is not None


def announced(result: api.RunResult, root: Path) -> set[str]:
    return {
        f"{file_result.path.resolve().relative_to(root.resolve()).as_posix()}::{name}"
        for file_result in result.files
        for name in file_result.announced_tests
    }


def unannounced_differences(before: dict, after: dict, result: api.RunResult, root: Path) -> list:
    """What --verify would hold against ``result``'s changes (see api._verify)."""
    command = COMMANDS[result.command]
    expectations = Expectations(command.expected_always, command.expected_for_announced, announced(result, root))
    return compare(before, after, expectations).unexpected


def left_unmarked(result: api.RunResult, root: Path) -> set[tuple[str, str]]:
    """(file, function name) of the tests to-strict reported it could not mark safely.

    A method collected both in a class whose asyncio mark has arguments and in one with no
    mark cannot take a mark of its own without shadowing the first (pytest puts a base
    class's marks before a subclass's): to-strict leaves it and says so.
    """
    left = set()
    for diagnostic in result.all_diagnostics():
        match = re.match(r"left (\w+) unmarked", diagnostic.message)
        if diagnostic.codemod == "add-asyncio-marks" and match:
            left.add((diagnostic.path.resolve().relative_to(root.resolve()).as_posix(), match.group(1)))
    return left


def is_left(test: str, left: set[tuple[str, str]]) -> bool:
    parts = test.split("::")
    return (parts[0], parts[-1].partition("[")[0]) in left  # test_9[2] is a case of test_9


def assert_left_ones_are_caught(before: dict, after: dict, result: api.RunResult, root: Path, left) -> None:
    """--verify holds against the migration exactly the tests it reported leaving unmarked."""
    flagged = {base_id(difference.test.split(" ")[0]) for difference in unannounced_differences(before, after, result, root)}
    assert all(is_left(test, left) for test in flagged), flagged
    changed = {
        base_id(test_id)
        for test_id in treatment(before).keys() | treatment(after).keys()
        if treatment(before).get(test_id) != treatment(after).get(test_id)
    }
    assert changed <= flagged, changed - flagged


def assert_no_errors(record: dict, step: str) -> None:
    assert record["collection_errors"] == {}, f"collection errors after {step}: {record['collection_errors']}"


# --------------------------------------------------------------------------------------------
# Minimal examples of the bugs the property found, run first on every run (hypothesis runs
# explicit examples before generating any).

ASYNCIO = Mark("asyncio")
MODULE_LOOP = Mark("asyncio", 'loop_scope="module"')
DEPRECATED_MODULE_LOOP = Mark("asyncio", 'scope="module"')


def _one_module(mode: str, **kwargs) -> Project:
    project_keys = {"default_test_loop_scope", "conftest", "loop_factories"}
    project = {key: kwargs.pop(key) for key in project_keys & kwargs.keys()}
    return Project(mode, modules=(Module("test_m0", **kwargs),), **project)


def _async_test(name: str = "test_0", *marks: Mark) -> GeneratedTest:
    return GeneratedTest(name, True, marks)


# An unmarked async test: strict mode does not run it; in auto mode its id gets a
# parameter per loop factory, which --verify held against to-auto (fixed in 64b04e5).
UNMARKED_WITH_TWO_LOOP_FACTORIES = _one_module(
    "strict", conftest=(), loop_factories=("default", "other"), tests=(_async_test(),)
)


def _inherited_into_marked_class(mode: str) -> Project:
    # to-strict leaves TestBase::test_0 unmarked (TestSub collects it with a mark) and reports
    # it: in strict mode TestBase::test_0 is not run. A bare mark of its own would shadow only
    # TestSub's bare mark, so it could be marked; left_unmarked() lets the reported ones pass.
    base = Class("TestBase", tests=(_async_test(),))
    return _one_module(mode, classes=(base, Class("TestSub", base="TestBase", decorators=(ASYNCIO,))))


def _nested_in_marked_class(mode: str) -> Project:
    # The enclosing class's asyncio mark also applies to the nested class's tests.
    if mode == "strict":  # to-auto removes the bare mark of TestInner: module loop instead of function
        inner = Class("TestInner", decorators=(ASYNCIO,), tests=(_async_test(),))
        return _one_module(mode, classes=(Class("TestOuter", pytestmark=(MODULE_LOOP,), nested=(inner,)),))
    # to-strict marks test_0 bare: function loop instead of module
    inner = Class("TestInner", tests=(_async_test(),))
    return _one_module(mode, classes=(Class("TestOuter", decorators=(MODULE_LOOP,), nested=(inner,)),))


# to-auto announced TestInner::test_0 instead of TestOuter::TestInner::test_0, so --verify
# held its start against it.
UNMARKED_IN_NESTED_CLASS = _one_module(
    "strict", classes=(Class("TestOuter", nested=(Class("TestInner", tests=(_async_test(),)),)),)
)


def _bare_mark_over_deprecated_scope(mode: str) -> Project:
    # to-auto removes the bare mark (same loop scope: the default is "module"), so the
    # deprecated scope= mark decides and pytest-asyncio warns (an error under -W error).
    return _one_module(
        mode, default_test_loop_scope="module", tests=(_async_test("test_0", DEPRECATED_MODULE_LOOP, ASYNCIO),)
    )


@pytest.fixture(scope="module", autouse=True)
def _no_hypothesis_in_probes():
    """The probed projects do not use hypothesis: loading its plugin would triple each probe's time."""
    with pytest.MonkeyPatch.context() as patch:
        options = [os.environ.get("PYTEST_ADDOPTS"), "-p no:hypothesispytest"]
        patch.setenv("PYTEST_ADDOPTS", " ".join(filter(None, options)))
        yield


_counter = itertools.count()


def _fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A folder per example; /tmp holds no pytest configuration that pytest's upward search could find.
    return tmp_path_factory.mktemp("round-trip") / f"project{next(_counter)}"


@ROUND_TRIP
@given(project=projects("strict"))
@example(project=UNMARKED_WITH_TWO_LOOP_FACTORIES)
@example(project=_inherited_into_marked_class("strict"))
@example(project=_nested_in_marked_class("strict"))
@example(project=UNMARKED_IN_NESTED_CLASS)
@example(project=_bare_mark_over_deprecated_scope("strict"))
def test_strict_to_auto_to_strict_keeps_every_treatment(project: Project, tmp_path_factory) -> None:
    root = _fresh(tmp_path_factory)
    write_project(root, project)
    original = probe(root)
    assume(not original["collection_errors"])
    model = async_tests(project)
    groups = by_base(original)
    # The generator's own model agrees with pytest on which tests strict mode runs.
    for test, marked in model.items():
        assert all(t["asyncio"] == marked for t in groups[test].values()), (test, groups[test])
    unmarked = {test for test, marked in model.items() if not marked}

    to_auto = migrate("to-auto", root)
    middle = probe(root)
    assert_no_errors(middle, "to-auto")
    to_strict = migrate("to-strict", root)
    final = probe(root)
    assert_no_errors(final, "to-strict")

    # Strict mode after the round trip runs exactly what auto mode ran, but for the tests
    # to-strict reported it could not mark, which --verify would refuse.
    left = left_unmarked(to_strict, root)
    assert_left_ones_are_caught(middle, final, to_strict, root, left)
    kept = {test_id: record for test_id, record in treatment(final).items() if not is_left(test_id, left)}
    assert kept == {test_id: record for test_id, record in treatment(middle).items() if not is_left(test_id, left)}
    # Against the original: the unmarked async tests are now marked and run with the default
    # loop scope (and so parametrized by the loop factories, when the project has some);
    # every other test and every fixture is treated as before.
    before, after = by_base(original), by_base(final)
    assert before.keys() == after.keys()
    original_treatment, final_treatment = treatment(original), treatment(final)
    for test in before:
        if is_left(test, left):
            continue
        if test in unmarked:
            assert all(not t["asyncio"] for t in before[test].values())
            for test_id in after[test]:
                assert final_treatment[test_id]["asyncio"], test_id
                assert final_treatment[test_id]["loop_scope"] == project.test_loop_scope, test_id
                assert final_treatment[test_id]["loop_factories"] is None, test_id
            old_fixtures = [original_treatment[test_id]["fixtures"] for test_id in before[test]]
            new_fixtures = [final_treatment[test_id]["fixtures"] for test_id in after[test]]
            assert all(fixtures == old_fixtures[0] for fixtures in old_fixtures + new_fixtures), test
        else:
            assert {i: final_treatment[i] for i in after[test]} == {i: original_treatment[i] for i in before[test]}

    # The tests to-auto announces as starting to run are exactly the unmarked async ones, and
    # --verify would accept both steps (it finds no difference the commands did not announce).
    assert {base_id(test) for test in announced(to_auto, root)} == unmarked
    assert not unannounced_differences(original, middle, to_auto, root)


@ROUND_TRIP
@given(project=projects("auto"))
@example(project=_inherited_into_marked_class("auto"))
@example(project=_nested_in_marked_class("auto"))
@example(project=_bare_mark_over_deprecated_scope("auto"))
def test_auto_to_strict_to_auto_keeps_every_treatment(project: Project, tmp_path_factory) -> None:
    root = _fresh(tmp_path_factory)
    write_project(root, project)
    original = probe(root)
    assume(not original["collection_errors"])
    # Auto mode runs every async test.
    model = async_tests(project)
    for test, tests in by_base(original).items():
        if test in model:
            assert all(t["asyncio"] for t in tests.values()), (test, tests)

    to_strict = migrate("to-strict", root)
    middle = probe(root)
    assert_no_errors(middle, "to-strict")
    to_auto = migrate("to-auto", root)
    final = probe(root)
    assert_no_errors(final, "to-auto")

    # Every test keeps its treatment, but for the tests to-strict reported it could not
    # mark, which --verify would refuse; --verify accepts the way back.
    left = left_unmarked(to_strict, root)
    assert_left_ones_are_caught(original, middle, to_strict, root, left)
    assert treatment(final) == treatment(original)
    assert not unannounced_differences(middle, final, to_auto, root)
