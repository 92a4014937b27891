"""event-loop-requests: stop requesting pytest-asyncio's ``event_loop`` fixture (gone since 1.0).

    async def test_x(event_loop):                →   async def test_x():
        fut = event_loop.create_future()                 event_loop = asyncio.get_running_loop()
        event_loop.run_until_complete(work())            fut = event_loop.create_future()
                                                         await work()

    @pytest.fixture                              →   @pytest_asyncio.fixture          (strict mode)
    def client(event_loop):                          async def client():
        c = event_loop.run_until_complete(make())        c = await make()
        yield c                                          yield c
        event_loop.run_until_complete(c.close())         await c.close()

In an async test or fixture ``asyncio.get_running_loop()`` is the very loop the fixture
gave, so binding it under the old name keeps every use (stored, passed on, used in a
nested function); the binding is added only when something still uses the name. Direct
``event_loop.run_until_complete(x)`` calls become ``await x`` (on a running loop they could
only raise); one in a nested function is reported.

A sync test or fixture becomes async only when all it does with the loop is
``event_loop.run_until_complete(x)`` in its own body (and ``event_loop.close()`` lines, which
go: the loop is now the running one; calls that make a coroutine or read a value, such as
``event_loop.create_server(...)``, which keep the name bound to the running loop; for a
fixture, giving the loop itself: ``return event_loop``), it runs no other loop itself (``asyncio.run``,
``run_until_complete`` on another loop), and no decorator but pytest's marks and fixture
decorators, ``staticmethod``/``classmethod`` or ``mock.patch`` wraps it. In strict mode the
test gets ``@pytest.mark.asyncio`` (unless an asyncio mark already covers it) and the fixture
``pytest_asyncio.fixture``. If the ``event_loop`` it ran on was an override with a wider
scope (a session loop in conftest.py, say), it keeps that loop: the test gets
``@pytest.mark.asyncio(loop_scope=...)`` and the fixture ``pytest_asyncio.fixture(...,
loop_scope=...)``, in either mode (event-loop-overrides only sees what was async before).
A sync generator fixture becomes an async generator one.

Nested functions in its own body that close over the loop to run coroutines become ``async
def`` awaiting them, when nothing else can call them later: unused, or registered as the
fixture's one finalizer (``request.addfinalizer(f)`` just before a plain ``return x``, or
last), which becomes ``yield x`` followed by its body (``await f()`` when the body cannot move
into the fixture's: see :func:`_inlinable`): teardown that pytest-asyncio runs in the
fixture's loop, as sync fixtures ran theirs in event_loop. A ``try`` catching
RuntimeError around such a call also caught run_until_complete's own errors (a stopped
loop): reported as info. An async test calling ``event_loop.stop()`` is reported and
announced: the stop also ends pytest-asyncio's next run on that loop.
Anything else (``run_forever``, threads, the loop passed on, lambdas and helpers called or
returned, finalizers registered conditionally, a request made only for the current loop the
fixture set) is reported and left.

A loop alias (``def loop(event_loop): return event_loop``) becomes an async fixture giving the
running loop, as any fixture giving the loop does. Tests and fixtures whose nearest ``loop`` is
such an alias of their own module or class, or of a conftest.py above them (the survey's, when no
class, module or nearer conftest.py defines or may define that name), are rewritten as
``event_loop`` requesters are; a module-level alias of a test module then goes when nothing in it
requests the alias any more. Aliases in a conftest.py or a class stay (info): other modules may
request them.

Left alone and reported: functions whose ``event_loop`` is the project's own fixture rather
than a loop (a fixture of that name in the class, the module or a conftest.py that does not
just make a loop), tests run by anyio or another plugin, and requests made through
``@pytest.mark.usefixtures("event_loop")`` or ``request.getfixturevalue("event_loop")``. A
function that merely has a parameter of that name (neither a test nor a fixture), a local
variable of that name, and the ``event_loop`` fixture definitions themselves (see
event-loop-overrides) are not touched.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from asyncio_migrate.analysis.local_names import OwnBodyVisitor
from asyncio_migrate.analysis.loop_overrides import (
    EventLoopOrigin,
    FileDefinitions,
    is_loop_alias,
    survey_event_loop_fixtures,
)
from asyncio_migrate.analysis.loop_uses import (
    EVENT_LOOP,
    GET_RUNNING_LOOP,
    FunctionBody,
    Requester,
    analyse_functions,
    event_loop_param,
    nearest_fixture,
    tests_and_fixtures,
)
from asyncio_migrate.analysis.markers import (
    PYTEST_ASYNCIO_FIXTURE,
    PYTEST_FIXTURE,
    ClassInfo,
    Mark,
    TestInfo,
    fixture_decorator_name,
    read_mark,
)
from asyncio_migrate.analysis.names import Scope, code, is_docstring, walk_statements
from asyncio_migrate.analysis.project import ConftestFixtures, conftest_fixtures
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.edit.retarget import retarget_decorators
from asyncio_migrate.edit.statements import StatementEdit, apply_statement_edits, dropping, with_body_edits
from asyncio_migrate.results import Severity

CODEMOD_ID = "event-loop-requests"
ASYNCIO_MARK = "pytest.mark.asyncio"
# Calls that run a loop until it is done: inside a running loop they raise.
_LOOP_RUNNERS = frozenset({"asyncio.run", "asyncio.Runner"})
_RUNNING_METHODS = frozenset({"run_until_complete", "run_forever"})
_PATCHERS = ("unittest.mock.patch", "mock.patch")
# Loop methods that do the same on the running loop of an async function as on the idle loop
# a sync function held: they return a coroutine (nothing runs until it is awaited) or a plain
# value. Scheduling methods (call_soon, create_task, ...) are not among them: on an idle loop
# the callback waited for the next run_until_complete, or never ran.
_RUNNING_LOOP_METHODS = frozenset(
    {
        "create_server", "create_unix_server", "create_connection", "create_unix_connection",
        "create_datagram_endpoint", "getaddrinfo", "getnameinfo", "subprocess_exec", "subprocess_shell",
        "connect_read_pipe", "connect_write_pipe", "start_tls", "sock_connect", "sock_recv", "sock_sendall",
        "sock_accept", "create_future", "time", "get_debug", "set_debug", "get_exception_handler",
        "set_exception_handler",
    }
)  # fmt: skip
_LOOP_SCOPE_MIN_VERSION = "0.24"  # loop_scope= on marks and on pytest_asyncio.fixture
# An awaited expression needs no parentheses of its own.
_PRIMARIES = (
    cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.List, cst.Dict, cst.Set, cst.ListComp,
    cst.SetComp, cst.DictComp, cst.GeneratorExp, cst.SimpleString, cst.ConcatenatedString,
    cst.FormattedString, cst.Integer, cst.Float, cst.Imaginary,
)  # fmt: skip


@dataclass
class _Plan:
    requester: Requester
    param: cst.Param
    body: FunctionBody
    awaited: list[cst.Call]  # event_loop.run_until_complete(x) calls that become `await x`
    dropped: list[cst.SimpleStatementLine]  # event_loop.close() lines of a sync function made async
    bind: bool  # something still uses the name: bind it to the running loop
    make_async: bool
    add_mark: bool = False
    retarget: cst.Decorator | None = None  # @pytest.fixture to become @pytest_asyncio.fixture
    # The scope of the event_loop a sync function made async ran in, when wider than the function's.
    loop_scope: str | None = None
    scoped: cst.Decorator | None = None  # the fixture decorator that gets loop_scope=
    helpers: _Helpers | None = None  # nested functions of a sync function made async
    stops: list[cst.Call] = field(default_factory=list)  # event_loop.stop() in an async test or fixture


@dataclass
class _Helpers:
    """Nested functions of a sync test or fixture that run coroutines on its ``event_loop``.

    Each becomes an ``async def`` awaiting them. The one registered as the fixture's
    finalizer (``request.addfinalizer(f)`` just before the final ``return x``) becomes the
    code after ``yield x`` instead: teardown code of an async generator fixture, which
    pytest-asyncio runs in the fixture's loop, as it ran the setup.
    """

    functions: list[cst.FunctionDef] = field(default_factory=list)
    awaited: list[cst.Call] = field(default_factory=list)
    bind: bool = False  # they use the loop otherwise too (loop.create_server(...)): bind the name
    finalizer: cst.FunctionDef | None = None
    registration: cst.SimpleStatementLine | None = None  # the request.addfinalizer(f) line
    returned: cst.SimpleStatementLine | None = None  # the final `return x` line (None: there is none)


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    survey = LoopFixtures.of(context.settings)
    origin = EventLoopOrigin(module, context.path, context.scope, survey.event_loops)
    if origin.problem(None) is None:
        _report_indirect_requests(module, context)
    requesters = tests_and_fixtures(module, context.scope, context.markers(module), context.is_test_file)
    requests = [
        (requester, param)
        for requester in requesters
        # The event_loop fixture itself is event-loop-overrides' business.
        if (param := event_loop_param(requester.function)) is not None and requester.fixture != EVENT_LOOP
    ]
    alias_users = _alias_users(requesters, module, context)
    alias_users += _conftest_alias_users(requesters, alias_users, module, context, survey)
    requests += [(requester, param) for requester, param, _ in alias_users]
    bodies = analyse_functions([requester.function for requester, _ in requests])
    plans = []
    for requester, param in requests:
        plan = _plan(requester, param, bodies[id(requester.function)], module, context, origin)
        if plan is not None:
            plans.append(plan)
    if not plans:
        return module

    running_loop = spelling_for(context.scope, GET_RUNNING_LOOP)
    mark = spelling_for(context.scope, ASYNCIO_MARK) if any(plan.add_mark for plan in plans) else None
    edits = {}
    rewritten: dict[int, cst.FunctionDef] = {}
    for plan in plans:
        if plan.bind and not _usable(running_loop, plan, context, GET_RUNNING_LOOP):
            continue
        if plan.add_mark and not _usable(mark, plan, context, ASYNCIO_MARK):
            continue
        edits[id(plan.requester.function)] = lambda node, plan=plan: [
            rewritten.setdefault(id(node), _rewritten(plan, running_loop, mark))
        ]
    _remove_unneeded_aliases(requesters, module, alias_users, edits, context)
    module = apply_statement_edits(module, edits)
    retargets = [
        (function, function.decorators[_index(plan.requester.function.decorators, plan.retarget)], plan.requester.scope)
        for plan in plans
        if plan.retarget is not None and (function := rewritten.get(id(plan.requester.function))) is not None
    ]
    module = retarget_decorators(module, context, retargets, PYTEST_ASYNCIO_FIXTURE, "pytest.fixture")
    done = [plan for plan in plans if id(plan.requester.function) in rewritten]
    for plan in done:
        _report_changes_on_purpose(plan, context)
        for line in plan.dropped:
            context.report(
                line,
                f"removed event_loop.close() from {plan.requester.what}, now async: the loop is the running one, "
                "which pytest-asyncio closes itself.",
                Severity.INFO,
            )
    first_party = context.settings.first_party
    if running_loop is not None and any(plan.bind for plan in done):
        module = running_loop.added_to(module, context.scope, first_party)
    if mark is not None and any(plan.add_mark for plan in done):
        module = mark.added_to(module, context.scope, first_party)
    return module


def _alias_users(
    requesters: Sequence[Requester], module: cst.Module, context: FileContext
) -> list[tuple[Requester, cst.Param, Requester | None]]:
    """The tests and fixtures requesting a loop alias defined in this module (``def loop(event_loop):
    return event_loop``, see :func:`is_loop_alias`), with their parameter and the alias they get.

    In 0.21 such a request gave the very ``event_loop`` the requester itself saw (pytest resolves
    the alias's request for it), which async requesters ran in: the parameter gives way to
    ``asyncio.get_running_loop()`` as for ``event_loop``, sync requesters are made async (or
    left) by the same rules, and none of them changes loop scope by no longer requesting it.
    """
    aliases = {
        requester.fixture
        for requester in requesters
        if requester.fixture not in (None, EVENT_LOOP) and _is_loop_alias(requester)
    }
    found: list[tuple[Requester, cst.Param, Requester | None]] = []
    for requester in requesters:
        for name in sorted(aliases):  # type: ignore[type-var]
            param = event_loop_param(requester.function, name)  # type: ignore[arg-type]
            # A fixture of the alias's name requesting it gets the definition further out.
            if param is None or requester.fixture == name:
                continue
            got = _definitions_got(requester, name, requesters, module, context)  # type: ignore[arg-type]
            alias = got[0]
            if alias is None or any(each is not alias for each in got) or not _is_loop_alias(alias):
                continue
            if _requests_another_loop(requester, param, name, found, context):
                continue
            found.append((requester, param, alias))
    return found


def _is_loop_alias(fixture: Requester) -> bool:
    return is_loop_alias(fixture.function, fixture.scope, in_class=fixture.cls is not None)


def _definitions_got(
    requester: Requester, name: str, requesters: Sequence[Requester], module: cst.Module, context: FileContext
) -> list[Requester | None]:
    """The definition of fixture ``name`` that ``requester`` gets in each class of this module that
    collects it (a test inherited by a subclass, a class fixture requested from a subclass's tests),
    or at module level (see :func:`nearest_fixture`)."""
    places = [test.cls for test in requester.tests] or [requester.cls]
    if requester.cls is not None:
        places += [cls for cls in context.markers(module).classes if _derives(cls, requester.cls)]
    return [nearest_fixture(place, name, requesters, context.scope) for place in places]


def _derives(cls: ClassInfo, base: ClassInfo) -> bool:
    return any(each is not None and (each.node is base.node or _derives(each, base)) for each in cls.bases)


# --- loop aliases of a conftest.py, requested from other files --------------------------------


@dataclass(frozen=True)
class LoopFixtures:
    """What this codemod reads in other files, surveyed before any file changes (plain data: it
    goes to worker processes). Keys are absolute paths."""

    # The event_loop fixtures of every file (see survey_event_loop_fixtures).
    event_loops: Mapping[str, FileDefinitions] = field(default_factory=dict)
    # The fixtures of every conftest.py: True for a loop alias, False for anything else (another
    # fixture, or a name bound there that may be one).
    conftests: ConftestFixtures[bool] = field(default_factory=ConftestFixtures)
    # Files below a conftest.py with a loop alias that mention its name: the ones to read for it.
    alias_readers: frozenset[str] = frozenset()

    @classmethod
    def of(cls, settings: ProjectSettings) -> LoopFixtures:
        found = settings.facts.get(CODEMOD_ID)
        return found if isinstance(found, LoopFixtures) else cls()


def survey_loop_fixtures(paths: Sequence[Path], settings: ProjectSettings) -> LoopFixtures:
    """The project's event_loop fixtures, and the fixtures of its conftest.py files (see LoopFixtures)."""
    conftests = conftest_fixtures(paths, _is_conftest_alias, False)
    fixtures = {key: names for key, names in conftests.by_conftest.items() if names is not None}
    alias_folders = [Path(key).parent for key, names in fixtures.items() if any(names.values())]
    alias_names = {name for names in fixtures.values() for name, alias in names.items() if alias}
    readers = set()
    if alias_names:
        mentions = re.compile(rb"\b(?:" + b"|".join(re.escape(name.encode()) for name in sorted(alias_names)) + rb")\b")
        for path in paths:
            key = os.path.abspath(path)
            if any(Path(key).is_relative_to(folder) for folder in alias_folders):
                try:
                    if mentions.search(path.read_bytes()):
                        readers.add(key)
                except OSError:
                    continue
    return LoopFixtures(survey_event_loop_fixtures(paths, settings), conftests, frozenset(readers))


def _is_conftest_alias(function: cst.FunctionDef, scope: Scope, name: str) -> bool:
    return _is_loop_alias(Requester(function, scope, None, (), name))


def _requests_another_loop(
    requester: Requester,
    param: cst.Param,
    name: str,
    found: Sequence[tuple[Requester, cst.Param, Requester | None]],
    context: FileContext,
) -> bool:
    """Whether ``requester`` also requests event_loop or an alias already found (reported: one
    rewrite cannot tell which loop each name means)."""
    if event_loop_param(requester.function) is None and not any(requester is user for user, _, _ in found):
        return False
    context.report(
        param,
        f"left the {name} request of {requester.what}: it also requests event_loop or another loop "
        "alias. Use asyncio.get_running_loop() for each by hand.",
    )
    return True


def _conftest_alias_users(
    requesters: Sequence[Requester],
    local_users: Sequence[tuple[Requester, cst.Param, Requester | None]],
    module: cst.Module,
    context: FileContext,
    survey: LoopFixtures,
) -> list[tuple[Requester, cst.Param, Requester | None]]:
    """The tests and fixtures of this module requesting a loop alias of a conftest.py above it
    (another file): what they get is the alias, when neither their classes, nor this module, nor
    a nearer conftest.py defines or may define that name."""
    names = sorted({
        name for fixtures in survey.conftests.by_conftest.values() if fixtures for name, alias in fixtures.items() if alias
    })
    if not names:
        return []
    path = Path(context.path)
    found: list[tuple[Requester, cst.Param, Requester | None]] = []
    for name in names:
        if not survey.conftests.nearest(path, name).fixture:
            continue  # not found or unknown, or what the nearest conftest.py defines is not an alias
        if _module_may_define(context.scope, name):
            continue
        for requester in requesters:
            param = event_loop_param(requester.function, name)
            if param is None or requester.fixture == name or any(requester is user for user, _, _ in local_users):
                continue
            if not _places_leave_to_module(requester, name, requesters, module, context):
                continue
            if _requests_another_loop(requester, param, name, found, context):
                continue
            found.append((requester, param, None))
    return found


def _module_may_define(scope: Scope, name: str) -> bool:
    """Whether a module (or class) body binds ``name``, or may through a star import."""
    if scope.star_imports:
        return True
    try:
        symbol = scope.table.lookup(name)
    except KeyError:
        return False
    return symbol.is_assigned() or symbol.is_imported()


def _places_leave_to_module(
    requester: Requester, name: str, requesters: Sequence[Requester], module: cst.Module, context: FileContext
) -> bool:
    """Whether no class collecting ``requester`` (its own, a subclass here, their bases and outer
    classes) defines fixture ``name`` or may (a base this module does not show)."""
    places = [test.cls for test in requester.tests] or [requester.cls]
    if requester.cls is not None:
        places += [cls for cls in context.markers(module).classes if _derives(cls, requester.cls)]
    defined = [fixture.cls for fixture in requesters if fixture.fixture == name]
    if None in defined:
        return False  # a module-level fixture of that name (say with name=): this module's business
    for place in places:
        for cls in _class_chain(place):
            if cls is None or _module_may_define(cls.scope, name) or any(each.node is cls.node for each in defined):
                return False
    return True


def _class_chain(cls: ClassInfo | None) -> Iterator[ClassInfo | None]:
    """``cls``, its bases depth first (None for one this module does not show), then its outer classes."""
    while cls is not None:
        yield from _with_bases(cls)
        cls = cls.parent


def _with_bases(cls: ClassInfo) -> Iterator[ClassInfo | None]:
    yield cls
    for base in cls.bases:
        if base is None:
            yield None
        else:
            yield from _with_bases(base)


def _remove_unneeded_aliases(
    requesters: Sequence[Requester],
    module: cst.Module,
    alias_users: Sequence[tuple[Requester, cst.Param, Requester | None]],
    edits: dict[int, StatementEdit],
    context: FileContext,
) -> None:
    """Delete (in ``edits``) the module-level loop aliases of a test module whose requesters are all
    rewritten: nothing else can request them. Others are kept, and said so."""
    for alias in requesters:
        if alias.fixture in (None, EVENT_LOOP) or not _is_loop_alias(alias):
            continue
        name: str = alias.fixture  # type: ignore[assignment]
        requesting = [
            user
            for user in requesters
            if event_loop_param(user.function, name) is not None
            and user.fixture != name
            and any(each is alias for each in _definitions_got(user, name, requesters, module, context))
        ]
        rewritten = {id(user.function) for user, _, each in alias_users if each is alias and id(user.function) in edits}
        why = None
        if alias.cls is not None:
            why = "tests of other modules may subclass its class, which this run does not follow"
        elif not context.is_test_file:
            why = "other modules may still request it (this run rewrites the requesters it can in the files it reads)"
        elif _named_in_strings(name, context):
            why = "it may be requested by name (usefixtures, getfixturevalue)"
        if why is not None:
            context.report(
                alias.function.name,
                f"kept loop alias {name}: {why}. Where nothing requests it, delete it; async requesters can use "
                "asyncio.get_running_loop().",
                Severity.INFO,
            )
        elif all(id(user.function) in rewritten for user in requesting):
            edits[id(alias.function)] = lambda node: []


def _named_in_strings(name: str, context: FileContext) -> bool:
    """Whether ``name`` may be requested by string (``usefixtures``, ``getfixturevalue``)."""
    return any(quoted in context.source for quoted in (f'"{name}"'.encode(), f"'{name}'".encode()))


def _plan(
    requester: Requester,
    param: cst.Param,
    body: FunctionBody,
    module: cst.Module,
    context: FileContext,
    origin: EventLoopOrigin,
) -> _Plan | None:
    """What to do with one test or fixture requesting ``event_loop``; None (reported) to leave it."""

    requested = param.name.value  # event_loop, or an alias of it (see _alias_users)

    def leave(why: str) -> None:
        context.report(param, f"left the {requested} request of {requester.what}: {why}.")

    problem = origin.problem(requester)
    if problem is not None:
        leave(f"{problem}. Rename that fixture, or change this function by hand")
        return None
    if requester.run_by_other_plugin(context.markers(module)):
        leave(
            "another plugin (anyio, trio, ...) runs it, so its running loop is not the one event_loop gave. "
            "Change it by hand"
        )
        return None
    if requester.parametrizes(requested):
        leave(f"{requested} is a parametrize argument here, not the fixture")
        return None
    if "#" in code(param):
        leave(
            "a comment sits on the parameter. Remove the parameter by hand (pytest-asyncio 1.0 has no "
            "event_loop fixture)"
        )
        return None
    if _without_param(requester.function.params, param) is None:
        leave(
            "its parameter list has a layout this codemod does not edit (event_loop is positional-only, or the "
            "only argument after a bare `*`). Remove the parameter by hand"
        )
        return None
    if len(body.bindings(requested)) != 1:
        leave(
            f"the function assigns {requested} again. Remove the parameter and use asyncio.get_running_loop() by hand"
        )
        return None
    direct, nested = body.references(requested)
    awaited = [call for name in direct if (call := _awaitable_run(name, body)) is not None]
    if requester.is_async:
        for name in [*direct, *nested]:
            call = body.method_call(name, "run_until_complete") if isinstance(name, cst.Name) else None
            if call is not None and all(call is not each for each in awaited):
                context.report(
                    call,
                    f"left {requested}.run_until_complete(...) in {requester.what} (nested, awaited already, or with "
                    "other arguments): it raises on the running loop. Await the coroutine in the async body instead.",
                )
        plan = _Plan(
            requester, param, body, awaited, [], bind=len(direct) + len(nested) > len(awaited), make_async=False
        )
        plan.stops = [call for name in direct if (call := body.method_call(name, "stop")) is not None]
        return plan
    return _plan_sync(requester, param, body, (direct, nested, awaited), module, context, origin, leave)


def _plan_sync(
    requester: Requester,
    param: cst.Param,
    body: FunctionBody,
    uses: tuple[list[cst.Name], list[cst.CSTNode], list[cst.Call]],
    module: cst.Module,
    context: FileContext,
    origin: EventLoopOrigin,
    leave: Callable[[str], None],
) -> _Plan | None:
    """A sync test or fixture that only runs coroutines on the loop becomes async.

    ``uses``: the references to ``event_loop`` in its own body and in nested scopes, and the
    ``run_until_complete`` calls that can be awaited.
    """
    direct, nested, awaited = uses
    helpers = _nested_helpers(requester, body, nested, leave)
    if helpers is None:
        return None
    closes = []
    bind = bool(helpers.bind)
    for name in direct:
        if any(name is call.func.value for call in awaited):  # type: ignore[attr-defined]
            continue
        if _running_loop_call(name, body) or (requester.fixture is not None and _given(name, body)):
            bind = True  # the same loop, running now: asyncio.get_running_loop() stands in for it
            continue
        line = _close_line(name, body)
        if line is None:
            leave(
                f"it does more with the loop than run_until_complete ({_describe(name, body)}). Rewrite it by "
                "hand (in an async function, asyncio.get_running_loop() is the loop)"
            )
            return None
        closes.append(line)
    gives_loop = requester.fixture is not None and any(_given(name, body) for name in direct)
    if not awaited and not helpers.awaited and not gives_loop:
        leave(
            "it runs nothing on the loop; it may rely on the current event loop the fixture set. Check what "
            "it needs and remove the parameter by hand"
        )
        return None
    runner = _other_loop_runner(requester.function, body, [*awaited, *helpers.awaited], context.scope)
    if runner is not None:
        leave(
            f"it also runs a loop itself ({runner}), which fails inside the running loop of an async function. "
            "Rewrite it by hand"
        )
        return None
    generator = _generator_problem(requester)
    if generator is not None:
        leave(generator)
        return None
    decorator = _unknown_decorator(requester)
    if decorator is not None:
        leave(
            f"@{code(decorator.decorator)} may not wrap an async function the way it wraps this one. Convert it by hand"
        )
        return None
    # It ran in the loop of the event_loop it requested: a wider one than the function's
    # needs saying, since only tests and async fixtures were covered by the override's scope.
    loop_scope = origin.loop_scope(requester)
    if loop_scope is None:
        leave(
            "the event_loop fixture it requests has a scope that is not a literal, so the loop it must run in "
            "is unknown. Convert it by hand"
        )
        return None
    wider = loop_scope if loop_scope != "function" else None
    if wider and not context.settings.supports(_LOOP_SCOPE_MIN_VERSION):
        leave(
            f"it ran in the {wider}-scoped event_loop, and keeping that loop takes loop_scope= (pytest-asyncio "
            f"{_LOOP_SCOPE_MIN_VERSION}), newer than the target {context.settings.target}. Convert it by hand"
        )
        return None
    if helpers.finalizer is not None and _yields(requester):
        leave("it both yields and registers a finalizer that runs the loop. Convert it by hand")
        return None
    plan = _Plan(
        requester,
        param,
        body,
        [*awaited, *helpers.awaited],
        closes,
        bind=bind,
        make_async=True,
        loop_scope=wider,
        helpers=helpers,
    )
    strict = context.settings.mode == "strict"
    if requester.fixture is None:
        if wider:
            if any(mark.is_asyncio or mark.is_unknown for test in requester.tests for mark in test.marks):
                leave(
                    f"it ran in the {wider}-scoped event_loop, and it has a mark of its own that may be an "
                    f'asyncio mark. Make it async with @pytest.mark.asyncio(loop_scope="{wider}") by hand'
                )
                return None
            plan.add_mark = True  # as its own mark, closer than any class or module mark
        elif strict:
            marks = {_closest_mark(context, module, test) for test in requester.tests}
            if marks != {"marked"} and marks != {"none"}:
                leave(
                    "its asyncio marks cannot all be read statically, or classes collecting it differ. Make it "
                    "async and mark it by hand"
                )
                return None
            plan.add_mark = marks == {"none"}
        return plan
    decorator = next(d for d in requester.function.decorators if fixture_decorator_name(d, requester.scope))
    if fixture_decorator_name(decorator, requester.scope) == PYTEST_FIXTURE and (strict or wider):
        spelling = spelling_for(context.scope, PYTEST_ASYNCIO_FIXTURE)
        if spelling is None or not spelling.usable_in(requester.scope, PYTEST_ASYNCIO_FIXTURE):
            leave(
                "it needs pytest_asyncio.fixture (strict mode, or loop_scope=), and `pytest_asyncio` is imported "
                "only conditionally or means something else here. Convert it by hand"
            )
            return None
        plan.retarget = decorator
    if (
        wider
        and isinstance(decorator.decorator, cst.Call)
        and any(arg.keyword is not None and arg.keyword.value == "loop_scope" for arg in decorator.decorator.args)
    ):
        leave("its fixture decorator already has loop_scope=. Convert it by hand")
        return None
    plan.scoped = decorator if wider else None
    return plan


def _nested_helpers(
    requester: Requester, body: FunctionBody, nested: Sequence[cst.CSTNode], leave: Callable[[str], None]
) -> _Helpers | None:
    """The nested functions using the loop of a sync function to make async; None (reported) when one
    cannot become an awaited ``async def``."""
    helpers = _Helpers()
    block = requester.function.body
    top = list(block.body) if isinstance(block, cst.IndentedBlock) else []
    for node in nested:
        holder = _enclosing_scope(node, body)
        if not isinstance(holder, cst.FunctionDef) or all(holder is not statement for statement in top):
            leave(
                "it uses the loop inside a lambda, comprehension, class or deeper nested function, which may run "
                "after it returns or outside an async function. Make it async by hand"
            )
            return None
        helper = holder.name.value
        if holder.asynchronous is not None or holder.decorators or _yields_in(holder):
            leave(
                f"its nested function {helper} uses the loop and is async, decorated or a generator. Convert it by hand"
            )
            return None
        call = _awaitable_run(node, body) if isinstance(node, cst.Name) else None
        if call is not None:
            helpers.awaited.append(call)
        elif isinstance(node, cst.Name) and _running_loop_call(node, body):
            helpers.bind = True
        else:
            what = _describe(node, body) if isinstance(node, cst.Name) else "uses it indirectly"
            leave(
                f"its nested function {helper} does more with the loop than run_until_complete ({what}). Convert it "
                "by hand"
            )
            return None
        if all(holder is not each for each in helpers.functions):
            helpers.functions.append(holder)
    for helper in helpers.functions:
        if not _helper_use_planned(requester, body, helper, top, helpers, leave):
            return None
    return helpers


def _helper_use_planned(
    requester: Requester,
    body: FunctionBody,
    helper: cst.FunctionDef,
    top: Sequence[cst.BaseStatement],
    helpers: _Helpers,
    leave: Callable[[str], None],
) -> bool:
    """Whether ``helper`` (to become async) is unused, or registered as the fixture's finalizer
    just before its final return (then noted in ``helpers``); reported when neither."""
    name = helper.name.value
    uses = body.references(name)
    if len(body.bindings(name)) != 1 or uses[1]:
        leave(
            f"its nested function {name}, which runs the loop, is rebound or used from a nested scope. Convert it by hand"
        )
        return False
    for use in uses[0]:
        line = _registration(use, body, requester)
        index = next((i for i, statement in enumerate(top) if statement is line), None)
        rest = top[index + 1 :] if index is not None else []
        returned = rest[0] if len(rest) == 1 and _plain_return(rest[0]) else None
        if line is None:
            why = "is called or passed on, not only registered with request.addfinalizer"
        elif index is None:
            why = "is registered as a finalizer conditionally (not in the fixture's own body)"
        elif helpers.finalizer is not None:
            why = "is one of several finalizers"
        elif _takes_arguments(helper):
            why = "takes arguments"
        elif rest and returned is None:
            why = "is registered as a finalizer before code other than a plain `return name`, which could fail after it"
        else:
            helpers.finalizer, helpers.registration, helpers.returned = helper, line, returned  # type: ignore[assignment]
            continue
        leave(f"its nested function {name}, which runs the loop, {why}. Convert it by hand")
        return False
    return True


def _registration(use: cst.Name, body: FunctionBody, requester: Requester) -> cst.SimpleStatementLine | None:
    """The line ``request.addfinalizer(<use>)`` when ``use`` is its argument and ``request`` the
    fixture's own parameter."""
    arg = body.parent(use)
    call = body.parent(arg) if isinstance(arg, cst.Arg) and arg.keyword is None and not arg.star else None
    if requester.fixture is None or not isinstance(call, cst.Call) or len(call.args) != 1:
        return None
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and func.attr.value == "addfinalizer"
        and isinstance(func.value, cst.Name)
        and func.value.value == "request"
        and any(param.name.value == "request" for param in requester.function.params.params)
        and len(body.bindings("request")) == 1
    ):
        return None
    line = body.statement_of(call)
    return line if line is not None and len(line.body) == 1 else None


def _takes_arguments(function: cst.FunctionDef) -> bool:
    params = function.params
    return bool(
        params.params or params.posonly_params or params.kwonly_params or params.star_kwarg is not None
    ) or isinstance(params.star_arg, cst.Param)


def _plain_return(statement: cst.BaseStatement) -> bool:
    """``return``, ``return name`` or ``return name.attribute``: nothing left that could raise."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    if not isinstance(small, cst.Return):
        return False
    value = small.value
    while isinstance(value, cst.Attribute):
        value = value.value
    return value is None or isinstance(value, cst.Name)


def _enclosing_scope(node: cst.CSTNode, body: FunctionBody) -> cst.CSTNode | None:
    """The innermost function, lambda, class or comprehension holding ``node``."""
    parent = body.parent(node)
    while parent is not None and not isinstance(
        parent, (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
    ):
        parent = body.parent(parent)
    return parent


def _running_loop_call(name: cst.Name, body: FunctionBody) -> bool:
    """``event_loop.<method>(...)`` for a method that does the same on the running loop."""
    attribute = body.parent(name)
    return (
        isinstance(attribute, cst.Attribute)
        and attribute.value is name
        and attribute.attr.value in _RUNNING_LOOP_METHODS
        and isinstance(call := body.parent(attribute), cst.Call)
        and call.func is attribute
    )


def _given(name: cst.Name, body: FunctionBody) -> bool:
    """``return event_loop`` / ``yield event_loop``: a fixture giving the loop to its requesters."""
    parent = body.parent(name)
    return isinstance(parent, (cst.Return, cst.Yield)) and parent.value is name


def _yields(requester: Requester) -> bool:
    return _yields_in(requester.function)


def _yields_in(function: cst.FunctionDef) -> bool:
    finder = _YieldAndReturnFinder()
    function.body.visit(finder)
    return finder.yields


def _awaitable_run(name: cst.Name, body: FunctionBody) -> cst.Call | None:
    """``event_loop.run_until_complete(x)``, with one positional argument and not awaited already."""
    call = body.method_call(name, "run_until_complete")
    if call is None or len(call.args) != 1 or call.args[0].keyword is not None or call.args[0].star:
        return None
    return None if isinstance(body.parent(call), cst.Await) else call


def _close_line(name: cst.Name, body: FunctionBody) -> cst.SimpleStatementLine | None:
    call = body.method_call(name, "close")
    return body.statement_of(call) if call is not None and not call.args else None


def _describe(name: cst.Name, body: FunctionBody) -> str:
    attribute = body.parent(name)
    if isinstance(attribute, cst.Attribute) and attribute.value is name:
        called = isinstance(body.parent(attribute), cst.Call)
        return f"{name.value}.{attribute.attr.value}{'()' if called else ''}"
    return "passes the loop on or stores it"


def _other_loop_runner(
    function: cst.FunctionDef, body: FunctionBody, awaited: Sequence[cst.Call], module: Scope
) -> str | None:
    finder = _LoopRunnerFinder(body, awaited, module)
    function.body.visit(finder)
    return finder.found


class _LoopRunnerFinder(cst.CSTVisitor):
    """A call anywhere in the body that runs an event loop, other than the calls to await."""

    def __init__(self, body: FunctionBody, awaited: Sequence[cst.Call], module: Scope) -> None:
        super().__init__()
        self.body, self.awaited, self.module = body, awaited, module
        self.found: str | None = None

    def visit_Call(self, node: cst.Call) -> None:
        if self.found is not None or any(node is call for call in self.awaited):
            return
        func = node.func
        runs_a_loop = isinstance(func, cst.Attribute) and func.attr.value in _RUNNING_METHODS
        if runs_a_loop or self.body.qualified_name(func, self.module) in _LOOP_RUNNERS:
            self.found = f"{code(func)}()"


def _unknown_decorator(requester: Requester) -> cst.Decorator | None:
    """A decorator other than pytest's marks and fixture decorators, ``staticmethod``,
    ``classmethod`` and ``mock.patch``: it might call the function and expect a result."""
    scope = requester.scope
    for decorator in requester.function.decorators:
        expression = decorator.decorator
        target = expression.func if isinstance(expression, cst.Call) else expression
        if fixture_decorator_name(decorator, scope) is not None:
            continue
        mark = read_mark(decorator, expression, scope)
        if mark is not None and mark.name is not None:
            continue
        if (
            isinstance(target, cst.Name)
            and target.value in ("staticmethod", "classmethod")
            and scope.is_builtin(target.value)
        ):
            continue
        qualified = scope.qualified_name(target) or ""
        if any(qualified == patch or qualified.startswith(f"{patch}.") for patch in _PATCHERS):
            continue  # patch wraps a coroutine function in a coroutine function
        return decorator
    return None


def _generator_problem(requester: Requester) -> str | None:
    """Why the function cannot become an async generator, if it is a generator."""
    finder = _YieldAndReturnFinder()
    requester.function.body.visit(finder)
    if not finder.yields:
        return None
    if requester.fixture is None:
        return "a test that yields is not run by pytest"
    if finder.yields_from:
        return "it uses `yield from`, which an async generator cannot. Convert it by hand"
    if finder.returns_value:
        return "it returns a value after yielding, which an async generator cannot. Convert it by hand"
    return None


class _YieldAndReturnFinder(OwnBodyVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.yields = self.yields_from = self.returns_value = False

    def visit_Yield(self, node: cst.Yield) -> None:
        self.yields = True
        self.yields_from = self.yields_from or isinstance(node.value, cst.From)

    def visit_Return(self, node: cst.Return) -> None:
        self.returns_value = self.returns_value or node.value is not None


def _closest_mark(context: FileContext, module: cst.Module, test: TestInfo) -> str:
    """ "marked" when an asyncio mark applies to the test, "none" when none does, "unknown"."""
    model = context.markers(module)
    closest = model.closest_asyncio(model.chain(test))
    if closest is None:
        return "unknown"
    return "marked" if isinstance(closest, Mark) else "none"


def _usable(spelling: Spelling | None, plan: _Plan, context: FileContext, qualified: str) -> bool:
    """Whether ``spelling`` can be written in the function (reported when not)."""
    root = spelling.expression.partition(".")[0] if spelling is not None else ""
    where = plan.requester.scope if qualified == ASYNCIO_MARK else context.scope  # a body does not see its class
    if (
        spelling is not None
        and spelling.usable_in(where, qualified)
        and not (qualified == GET_RUNNING_LOOP and plan.body.binds(root))
    ):
        return True
    context.report(
        plan.param,
        f"left the {plan.param.name.value} request of {plan.requester.what}: {qualified} cannot be written there (the name "
        f"is imported only conditionally or means something else). Change it by hand.",
    )
    return False


def _rewritten(plan: _Plan, running_loop: Spelling | None, mark: Spelling | None) -> cst.FunctionDef:
    function = plan.requester.function
    # Only the statements that change are rebuilt: the others stay the nodes the file was
    # parsed into, so later codemods can still report on them.
    edits: dict[int, StatementEdit] = {id(line): dropping(line.body) for line in plan.dropped}
    helpers = plan.helpers or _Helpers()
    for call in plan.awaited:
        holder = next((helper for helper in helpers.functions if _inside(call, helper, plan.body)), None)
        statement = holder if holder is not None else _statement_of(call, plan.body)
        edits.setdefault(id(statement), lambda node: [node.visit(_Awaiter(plan))])
    for helper in helpers.functions:
        edits.setdefault(id(helper), lambda node: [node.visit(_Awaiter(plan))])
    if helpers.finalizer is not None:
        assert helpers.registration is not None
        finalizer = helpers.finalizer
        teardown: list[cst.BaseStatement]
        if _inlinable(finalizer, plan.body):
            # Its body, awaiting, becomes the teardown after the yield; the def goes.
            teardown = list(finalizer.visit(_Awaiter(plan)).body.body)  # type: ignore[attr-defined]
            edits[id(finalizer)] = lambda node: []
        else:
            teardown = [
                cst.SimpleStatementLine(body=[cst.Expr(cst.Await(cst.Call(func=cst.Name(finalizer.name.value))))])
            ]
        if helpers.returned is None:
            edits[id(helpers.registration)] = lambda node: [_yield_line(None, node), *teardown]
        else:
            edits[id(helpers.registration)] = lambda node: []
            edits[id(helpers.returned)] = lambda node: [_yield_line(node, node), *teardown]
    function = with_body_edits(function, edits)
    params = _without_param(function.params, plan.param)
    assert params is not None
    changes: dict[str, object] = {"params": params}
    if not (
        params.params
        or params.posonly_params
        or params.kwonly_params
        or isinstance(params.star_arg, (cst.Param, cst.ParamStar))
        or params.star_kwarg is not None
    ):
        changes["whitespace_before_params"] = cst.SimpleWhitespace("")
    if plan.bind:
        assert running_loop is not None
        changes["body"] = _with_binding(function.body, plan.param, running_loop)
    if plan.make_async:
        changes["asynchronous"] = cst.Asynchronous()
    decorators = list(function.decorators)
    if plan.scoped is not None:
        decorators[_index(decorators, plan.scoped)] = _with_loop_scope(plan.scoped, plan.loop_scope)  # type: ignore[arg-type]
    if plan.add_mark:
        assert mark is not None
        arguments = f'(loop_scope="{plan.loop_scope}")' if plan.loop_scope else ""
        decorators.insert(0, cst.Decorator(decorator=cst.parse_expression(mark.expression + arguments)))
    changes["decorators"] = decorators
    return function.with_changes(**changes)


def _inside(node: cst.CSTNode, ancestor: cst.CSTNode, body: FunctionBody) -> bool:
    parent = body.parent(node)
    while parent is not None and parent is not ancestor:
        parent = body.parent(parent)
    return parent is ancestor


def _inlinable(finalizer: cst.FunctionDef, body: FunctionBody) -> bool:
    """Whether the finalizer's body can stand in the fixture's own body, after its yield: an
    indented body with no docstring, no ``return value``, ``nonlocal`` or ``global``, binding no
    name that the fixture uses outside it (the name would become the fixture's local)."""
    block = finalizer.body
    if not isinstance(block, cst.IndentedBlock) or (block.body and is_docstring(block.body[0])):
        return False
    finder = _InlineBlockers()
    block.visit(finder)
    if finder.blocked:
        return False
    own = analyse_functions([finalizer])[id(finalizer)]
    bound = own.bound_names()
    outside = _NamesOutside(finalizer)
    body.function.body.visit(outside)
    return not bound & outside.names


class _InlineBlockers(OwnBodyVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.blocked = False

    def visit_Return(self, node: cst.Return) -> None:
        self.blocked = self.blocked or node.value is not None

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.blocked = True

    def visit_Global(self, node: cst.Global) -> None:
        self.blocked = True


class _NamesOutside(cst.CSTVisitor):
    """Every name written in a function except inside one of its nested functions."""

    def __init__(self, skipped: cst.FunctionDef) -> None:
        super().__init__()
        self.skipped = skipped
        self.names: set[str] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return node is not self.skipped

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)


def _yield_line(returned: cst.BaseStatement | None, layout: cst.BaseStatement) -> cst.SimpleStatementLine:
    """``yield x`` for the line ``return x`` (a bare ``yield`` for None), keeping the line's comments."""
    value = None
    if isinstance(returned, cst.SimpleStatementLine) and isinstance(returned.body[0], cst.Return):
        value = returned.body[0].value
    line = cst.SimpleStatementLine(body=[cst.Expr(cst.Yield(value=value))])
    if isinstance(layout, cst.SimpleStatementLine):
        line = line.with_changes(leading_lines=layout.leading_lines, trailing_whitespace=layout.trailing_whitespace)
    return line


def _report_changes_on_purpose(plan: _Plan, context: FileContext) -> None:
    """What may run differently after the rewrite, announced for --verify."""
    requester = plan.requester
    for call in plan.stops:
        context.report(
            call,
            f"{requester.what} stops the running loop. The callback that ends the current run then stays queued and "
            "stops the next run on that loop too: pytest-asyncio's teardown of the async fixtures it uses fails "
            "('Event loop stopped before Future completed'), where sync fixtures used to catch that RuntimeError "
            "around their own run_until_complete. Its outcome may change; drop the stop() if the test allows.",
        )
    for call in plan.awaited:
        if plan.make_async and _caught_runtime_error(call, plan.body):
            context.report(
                call,
                f"awaited in {requester.what}: the handler around it also caught run_until_complete's own "
                "RuntimeError (a loop a test stopped or closed), which now ends pytest-asyncio's run of the "
                "fixture instead.",
                Severity.INFO,
            )
    if plan.stops or plan.make_async:  # pytest-asyncio now runs it, or its stop() may change outcomes
        for test in requester.tests:
            context.announce_test(test.qualified_name)
        if requester.fixture is not None:
            context.announce_fixture(requester.fixture)


def _caught_runtime_error(call: cst.Call, body: FunctionBody) -> bool:
    """Whether ``call`` sits in the body of a ``try`` with a handler for RuntimeError (or wider)."""
    child: cst.CSTNode = call
    parent = body.parent(call)
    while parent is not None and parent is not body.function:
        if isinstance(parent, cst.Try) and child is parent.body:
            for handler in parent.handlers:
                caught = handler.type
                if caught is None:
                    return True
                types = [element.value for element in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
                if {code(each) for each in types} & {"RuntimeError", "Exception", "BaseException"}:
                    return True
        child, parent = parent, body.parent(parent)
    return False


def _index(decorators: Sequence[cst.Decorator], decorator: cst.Decorator) -> int:
    return next(index for index, each in enumerate(decorators) if each is decorator)


def _with_loop_scope(decorator: cst.Decorator, loop_scope: str) -> cst.Decorator:
    """``@fixture(...)`` with ``loop_scope="<loop_scope>"`` as its last argument."""
    expression = decorator.decorator
    new = cst.Arg(
        keyword=cst.Name("loop_scope"),
        value=cst.SimpleString(f'"{loop_scope}"'),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    if not isinstance(expression, cst.Call):
        return decorator.with_changes(decorator=cst.Call(func=expression, args=[new]))
    args = list(expression.args)
    if args:
        last = args[-1]
        # One argument per line: the new one gets a line of its own, indented like the first.
        opening = expression.whitespace_before_args
        spacing = opening if isinstance(opening, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace(" ")
        new = new.with_changes(comma=last.comma)
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=spacing))
    return decorator.with_changes(decorator=expression.with_changes(args=[*args, new]))


def _statement_of(node: cst.CSTNode, body: FunctionBody) -> cst.BaseStatement:
    """The innermost statement holding ``node``."""
    while not isinstance(node, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        parent = body.parent(node)
        assert parent is not None
        node = parent
    return node


class _Awaiter(cst.CSTTransformer):
    """``event_loop.run_until_complete(x)`` → ``await x`` for the planned calls."""

    def __init__(self, plan: _Plan) -> None:
        super().__init__()
        self.plan = plan

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        helpers = self.plan.helpers
        if helpers is not None and any(original_node is helper for helper in helpers.functions):
            return updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if all(original_node is not call for call in self.plan.awaited):
            return updated_node
        parent = self.plan.body.parent(original_node)
        is_primary = (isinstance(parent, (cst.Attribute, cst.Subscript)) and parent.value is original_node) or (
            isinstance(parent, cst.Call) and parent.func is original_node
        )
        needs_parentheses = is_primary and not updated_node.lpar
        return cst.Await(
            expression=_operand(updated_node),
            lpar=[cst.LeftParen()] if needs_parentheses else updated_node.lpar,
            rpar=[cst.RightParen()] if needs_parentheses else updated_node.rpar,
        )


def _operand(call: cst.Call) -> cst.BaseExpression:
    """The argument of ``run_until_complete(...)`` as ``await``'s operand.

    When the call spans lines or holds comments, its parentheses stay, with their layout.
    """
    arg = call.args[0]
    value = arg.value
    around = [call.whitespace_before_args, arg.whitespace_after_arg]
    if isinstance(arg.comma, cst.Comma):
        around.append(arg.comma)
    if any("#" in code(node) or "\n" in code(node) for node in around):
        closing = arg.comma.whitespace_after if isinstance(arg.comma, cst.Comma) else arg.whitespace_after_arg
        return value.with_changes(
            lpar=[cst.LeftParen(whitespace_after=call.whitespace_before_args), *value.lpar],
            rpar=[*value.rpar, cst.RightParen(whitespace_before=closing)],
        )
    if value.lpar or isinstance(value, _PRIMARIES):
        return value
    return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _without_param(params: cst.Parameters, param: cst.Param) -> cst.Parameters | None:
    """``params`` without ``param``, commas kept right; None for layouts not handled (reported)."""
    for kind in ("params", "kwonly_params"):
        items = list(getattr(params, kind))
        index = next((i for i, item in enumerate(items) if item is param), None)
        if index is None:
            continue
        kept = items[:index] + items[index + 1 :]
        if kind == "kwonly_params" and not kept and isinstance(params.star_arg, cst.ParamStar):
            return _without_bare_star(params, param)  # a bare `*` needs a keyword-only parameter after it
        followed = (
            index < len(items) - 1
            or params.star_kwarg is not None
            or (kind == "params" and (params.kwonly_params or isinstance(params.star_arg, (cst.Param, cst.ParamStar))))
        )
        changes: dict[str, object] = {kind: kept}
        if not followed:
            if index > 0:
                kept[index - 1] = kept[index - 1].with_changes(comma=param.comma)
            elif kind == "params" and params.posonly_params:
                return None
            elif kind == "kwonly_params" and isinstance(params.star_arg, cst.Param):
                changes["star_arg"] = params.star_arg.with_changes(comma=param.comma)
        return params.with_changes(**changes)
    return None


def _without_bare_star(params: cst.Parameters, param: cst.Param) -> cst.Parameters | None:
    """``params`` without ``*, param`` (``param`` the only keyword-only parameter)."""
    changes: dict[str, object] = {"kwonly_params": [], "star_arg": cst.MaybeSentinel.DEFAULT}
    if params.star_kwarg is None:
        if params.params:
            last = params.params[-1]
            changes["params"] = [*params.params[:-1], last.with_changes(comma=param.comma)]
        elif params.posonly_params:
            return None
    return params.with_changes(**changes)


def _with_binding(block: cst.BaseSuite, param: cst.Param, running_loop: Spelling) -> cst.BaseSuite:
    """The body with ``event_loop = asyncio.get_running_loop()`` first (after a docstring)."""
    value = cst.Call(func=cst.parse_expression(running_loop.expression))
    target = cst.Name(param.name.value)
    binding = (
        cst.AnnAssign(target=target, annotation=cst.Annotation(param.annotation.annotation), value=value)
        if param.annotation is not None
        else cst.Assign(targets=[cst.AssignTarget(target)], value=value)
    )
    line = cst.SimpleStatementLine(body=[binding])
    if isinstance(block, cst.SimpleStatementSuite):  # `async def f(): ...` on one line
        rest = cst.SimpleStatementLine(body=block.body, trailing_whitespace=block.trailing_whitespace)
        return cst.IndentedBlock(body=[line, rest])
    assert isinstance(block, cst.IndentedBlock)
    body = list(block.body)
    body.insert(1 if body and is_docstring(body[0]) else 0, line)
    return block.with_changes(body=body)


def _report_indirect_requests(module: cst.Module, context: FileContext) -> None:
    """``usefixtures("event_loop")`` and ``getfixturevalue("event_loop")`` (no rewrite)."""
    if b"usefixtures" not in context.source and b"getfixturevalue" not in context.source:
        return
    for statement, scope in walk_statements(module.body, context.scope):
        holders: Sequence[cst.CSTNode] = ()
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            holders = statement.decorators
        elif isinstance(statement, cst.SimpleStatementLine):
            holders = [statement]
        for holder in holders:
            holder.visit(_IndirectRequestFinder(scope, context, usefixtures=True))
    for statement, _ in walk_statements(module.body, context.scope):
        if isinstance(statement, cst.FunctionDef):
            statement.body.visit(_IndirectRequestFinder(context.scope, context, usefixtures=False))


class _IndirectRequestFinder(cst.CSTVisitor):
    def __init__(self, scope: Scope, context: FileContext, usefixtures: bool) -> None:
        super().__init__()
        self.scope, self.context, self.usefixtures = scope, context, usefixtures

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return not self.usefixtures  # bodies are searched for getfixturevalue, nested ones included

    def visit_Call(self, node: cst.Call) -> None:
        if not any(
            isinstance(arg.value, cst.SimpleString) and arg.value.evaluated_value == EVENT_LOOP for arg in node.args
        ):
            return
        if self.usefixtures and self.scope.qualified_name(node.func) == "pytest.mark.usefixtures":
            self.context.report(
                node,
                'usefixtures("event_loop"): pytest-asyncio 1.0 removed that fixture ("fixture \'event_loop\' not '
                'found"). Drop it; if the tests need an event loop, make them async.',
            )
        elif (
            not self.usefixtures and isinstance(node.func, cst.Attribute) and node.func.attr.value == "getfixturevalue"
        ):
            self.context.report(
                node,
                'getfixturevalue("event_loop"): pytest-asyncio 1.0 removed that fixture. In async code use '
                "asyncio.get_running_loop(); otherwise rewrite it by hand.",
            )


def _reads_conftest_alias(path: Path, settings: ProjectSettings) -> bool:
    """A file below a conftest.py loop alias that may request it (it need not name event_loop)."""
    readers = LoopFixtures.of(settings).alias_readers
    return bool(readers) and os.path.abspath(path) in readers


CODEMOD = Codemod(
    id=CODEMOD_ID,
    # Marks settled first; event-loop-overrides reads fixtures as they were (this one makes sync fixtures async).
    runs_after=("marker-scope-to-loop-scope", "asyncio-marks-on-fixtures", "event-loop-overrides"),
    summary="Stop requesting the event_loop fixture: asyncio.get_running_loop() in async code, "
    "sync users of run_until_complete made async.",
    commands=("upgrade",),
    prefilter=(b"event_loop",),
    transform=transform,
    survey=survey_loop_fixtures,
    wants_file=_reads_conftest_alias,
)
