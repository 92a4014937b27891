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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import FixtureLoop, Override, OverridePlan, find_event_loop_overrides
from asyncio_migrate.analysis.markers import (
    PYTEST_ASYNCIO_FIXTURE,
    PYTEST_FIXTURE,
    Mark,
    MarkerModel,
    TestInfo,
    fixture_decorator_name,
    fixture_name,
)
from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.analysis.override_plan import (
    Loops,
    closure,
    conftest_entry,
    custom_loop_problem,
    fixture_decision,
    fixture_info,
    group_of_folder,
    local_fixtures,
    module_requested_names,
    parameter_names,
    path_key,
    plan_overrides,
)
from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.edit.loop_factories import CannotWriteHook, Factory, hook_statements
from asyncio_migrate.edit.marks import with_keyword, with_module_pytestmark
from asyncio_migrate.edit.statements import apply_statement_edits
from asyncio_migrate.results import Severity

CODEMOD_ID = "event-loop-overrides"
ASYNCIO_MARK = "pytest.mark.asyncio"
_IGNORED = ("pytest-asyncio 1.x silently ignores it, so the tests it covered run in pytest-asyncio's own loops: "
            "carry over by hand what it did (its scope as loop_scope on those tests and their async fixtures, a "
            "custom loop as a loop factory), then delete it")


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
    entry = conftest_entry(plan, context.path)
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
            fixture = fixture_info(statement, scope)
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
    problem = custom_loop_problem(override, module, scope)
    if problem is not None:
        return problem
    expression = override.factory
    assert expression is not None
    qualified = scope.qualified_name(expression)
    if qualified is None:  # a class or function the conftest defines above the fixture
        assert isinstance(expression, cst.Name)
        return Factory(expression.value, expression)
    parts = qualified.lstrip(".").split(".")
    name = parts[0] if parts[-1] == "new_event_loop" else parts[-1]
    if qualified.startswith("."):  # a relative import: spelled as the file does, which works at module level
        return Factory(name, expression)
    return Factory.imported(name, qualified)


def _rewrite_test_module(rewrite: _Rewrite, plan: OverridePlan) -> None:
    context, module = rewrite.context, rewrite.module
    model = context.markers(module)
    loops = Loops(model, context.scope, group_of_folder(plan.coverage, path_key(context.path)))
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


def _mark_tests(rewrite: _Rewrite, model: MarkerModel, loops: Loops, test_default: str) -> None:
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


def _scope_local_fixtures(rewrite: _Rewrite, model: MarkerModel, loops: Loops, plan: OverridePlan) -> None:
    """``loop_scope`` on the module's own async fixtures, from the loops of the tests that use them."""
    context = rewrite.context
    local = local_fixtures(model, context.scope)
    fixtures = [fixture for *_, fixture in local]
    everywhere = module_requested_names(model.module)
    for statement, scope, cls, fixture in local:
        if not fixture.is_async or fixture.has_loop_scope:
            continue
        visible = model.tests if cls is None else model.tests_under(cls)
        users = [
            test for test in visible if fixture.name in closure({*parameter_names(test.node), *everywhere}, fixtures)
        ]
        groups = [loops.group_of(test) for test in users]
        decision = fixture_decision(fixture.scope, groups, plan.fixture_loop_scope, context.settings)
        if decision is not None:
            _apply_fixture_decision(rewrite, statement, scope, decision)


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
    survey=plan_overrides,
    note="a leftover event_loop fixture is silently ignored by pytest-asyncio 1.x",
)
