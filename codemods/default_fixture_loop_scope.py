"""default-fixture-loop-scope: set asyncio_default_fixture_loop_scope so fixtures keep their loop.

Unset, pytest-asyncio (0.24+) warns on every run and runs each async fixture in a loop of
the fixture's own scope. The setting that keeps exactly that:

- target 1.5 or newer: ``asyncio_default_fixture_loop_scope = "fixture-scope"``;
- older targets (0.24-1.4): ``"function"``, plus an explicit ``loop_scope=`` equal to the
  fixture's ``scope`` on every wider-scoped async fixture (a session fixture in a function
  loop is a ScopeMismatch):

      @pytest_asyncio.fixture(scope="module")    →   @pytest_asyncio.fixture(scope="module", loop_scope="module")

  In auto mode an async ``@pytest.fixture(scope=...)`` becomes ``@pytest_asyncio.fixture``
  too, since ``pytest.fixture`` rejects ``loop_scope``.

Nothing happens when the project already sets the key, or when event-loop-overrides sets it
from an ``event_loop`` override that covers the whole suite. A fixture whose scope is not a
string literal is reported: its loop scope must be written by hand.
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import OverridePlan
from asyncio_migrate.analysis.markers import PYTEST_ASYNCIO_FIXTURE, PYTEST_FIXTURE, SCOPES, fixture_decorator_name
from asyncio_migrate.analysis.names import walk_statements
from asyncio_migrate.analysis.plugins import requested_anyio_fixtures
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.config.pytest_config import PytestConfig
from asyncio_migrate.edit.retarget import Target, retarget_decorators
from asyncio_migrate.edit.statements import apply_statement_edits
from asyncio_migrate.results import SettingRequest

ID = "default-fixture-loop-scope"
KEY = "asyncio_default_fixture_loop_scope"


def _value_to_set(settings: ProjectSettings) -> str | None:
    """What this codemod sets the key to, or None when it leaves the key alone."""
    # event-loop-overrides' survey asks for the key when an override covering every test becomes it.
    overrides = settings.facts.get("event-loop-overrides")
    if settings.default_fixture_loop_scope is not None or (
        isinstance(overrides, OverridePlan) and overrides.fixture_loop_scope is not None
    ):
        return None
    return "fixture-scope" if settings.supports_setting(KEY, "fixture-scope") else "function"


def configure(config: PytestConfig, settings: ProjectSettings) -> list[SettingRequest]:
    value = _value_to_set(settings)
    return [] if value is None else [SettingRequest(KEY, value, ID)]


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    if _value_to_set(context.settings) != "function":
        return module
    auto_mode = context.settings.mode != "strict"  # legacy mode handled async @pytest.fixture too
    edits = {}
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef):
            continue
        for decorator in statement.decorators:
            name = fixture_decorator_name(decorator, scope)
            runs_in_a_loop = name == PYTEST_ASYNCIO_FIXTURE or (
                name == PYTEST_FIXTURE and auto_mode and statement.asynchronous is not None
                and not requested_anyio_fixtures(statement)
            )
            if not runs_in_a_loop:
                continue
            with_loop_scope = _with_loop_scope(decorator, statement.name.value, context)
            if with_loop_scope is not None:
                edits[id(statement)] = lambda node, old=decorator, new=with_loop_scope: [
                    node.with_changes(decorators=[new if d is old else d for d in node.decorators])
                ]
    if not edits:
        return module
    module = apply_statement_edits(module, edits)
    # pytest.fixture never takes loop_scope, so those carrying one now are the ones just edited.
    targets: list[Target] = [
        (statement, decorator, scope)
        for statement, scope in walk_statements(module.body, context.scope)
        if isinstance(statement, cst.FunctionDef)
        for decorator in statement.decorators
        if fixture_decorator_name(decorator, scope) == PYTEST_FIXTURE and _keyword(decorator, "loop_scope")
    ]
    return retarget_decorators(module, context, targets, PYTEST_ASYNCIO_FIXTURE, "pytest.fixture")


def _keyword(decorator: cst.Decorator, name: str) -> cst.Arg | None:
    call = decorator.decorator
    if not isinstance(call, cst.Call):
        return None
    return next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


def _with_loop_scope(decorator: cst.Decorator, fixture: str, context: FileContext) -> cst.Decorator | None:
    """``decorator`` with ``loop_scope=`` equal to its wider-than-function ``scope=``, else None."""
    scope_arg = _keyword(decorator, "scope")
    if scope_arg is None or _keyword(decorator, "loop_scope") is not None:
        return None
    value = scope_arg.value
    literal = value.evaluated_value if isinstance(value, cst.SimpleString) else None
    if literal not in SCOPES:
        context.report(
            scope_arg,
            f"fixture {fixture}: its scope is not a string literal, so its loop scope cannot be kept "
            f"once {KEY} = function. Add loop_scope= with the same value as scope= to its "
            "pytest_asyncio.fixture by hand.",
        )
        return None
    if literal == "function":
        return None
    call = decorator.decorator
    assert isinstance(call, cst.Call)
    args = list(call.args)
    position = args.index(scope_arg)
    new_arg = cst.Arg(
        keyword=cst.Name("loop_scope"), value=cst.SimpleString(value.value), equal=scope_arg.equal,
        comma=_without_comment(scope_arg.comma),
    )
    if position == len(args) - 1:
        # scope= was last: it takes the separator the other arguments use, the new one its trailing comma.
        previous = args[position - 1].comma if position else None
        separator = previous if isinstance(previous, cst.Comma) else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args[position] = scope_arg.with_changes(comma=separator)
    args.insert(position + 1, new_arg)
    return decorator.with_changes(decorator=call.with_changes(args=args))


def _without_comment(comma: cst.Comma | cst.MaybeSentinel) -> cst.Comma | cst.MaybeSentinel:
    """The same separator, without the comment that belongs to the argument it followed."""
    if isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
        after = comma.whitespace_after
        return comma.with_changes(whitespace_after=after.with_changes(first_line=cst.TrailingWhitespace()))
    return comma


CODEMOD = Codemod(
    id=ID,
    # The fixture loop scope is settled on the fixtures as the other codemods left them.
    runs_after=("asyncio-marks-on-fixtures", "strict-mode-async-fixtures", "event-loop-overrides", "event-loop-requests"),
    summary="Set asyncio_default_fixture_loop_scope (fixture-scope on 1.5; function plus loop_scope= on "
    "wider-scoped async fixtures before) so async fixtures keep their loop.",
    commands=("upgrade",),
    prefilter=(b"fixture",),
    transform=transform,
    min_pytest_asyncio="0.24",
    configure=configure,
)
