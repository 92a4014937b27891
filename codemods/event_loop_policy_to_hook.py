"""event-loop-policy-to-hook: an ``event_loop_policy`` override becomes the loop factories hook.

    # conftest.py                              # conftest.py
    @pytest.fixture(scope="session")           _LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}
    def event_loop_policy():              →
        return uvloop.EventLoopPolicy()
                                               def pytest_asyncio_loop_factories(config, item):
                                                   return _LOOP_FACTORIES

Overriding ``event_loop_policy`` is deprecated since pytest-asyncio 1.4 (a
PytestDeprecationWarning, an error under ``filterwarnings = error``). The hook is written in
place of the fixture (see loop_factories.py for its shape and why the mapping is built once).
Known policies map to their loop factory: ``uvloop.EventLoopPolicy()`` →
``uvloop.new_event_loop``, ``asyncio.DefaultEventLoopPolicy()`` → ``asyncio.new_event_loop``,
the Windows selector/proactor policies → ``asyncio.SelectorEventLoop`` /
``asyncio.ProactorEventLoop``; any other ``P(...)`` (literal arguments) → ``P(...).new_event_loop``.

Only a fixture whose body is ``return <policy>`` (or ``return request.param`` with a literal
``params=`` list of policies: one factory each, named by a literal ``ids=`` or after the policy)
is rewritten. The hook covers the conftest's folder, as the fixture did, whatever its scope.
What changes, and is reported: the policy is no longer installed while tests run (code calling
``asyncio.get_event_loop_policy()`` or ``asyncio.new_event_loop()`` in a test gets the default);
several factories name test ids after them (``test[uvloop]``, not ``test[event_loop_policy1]``)
and no longer multiply sync tests.

An override in a test module needs a conftest (pytest loads no hook from a test module): the
nearest ``conftest.py`` among the processed files gets a hook that picks the module's
factories by ``item.path``, and ``{"asyncio": asyncio.new_event_loop}`` (the same loop as no
hook) for other tests; the module loses its fixture. The survey decides this for the whole
project before any file is written, so both files agree. Everything else is reported: an
override in a class or behind an ``if``, a body that does more, a policy we cannot name
exactly, a test that requests ``event_loop_policy`` by name (it would get the default policy),
a conftest that already has the hook or sits below one that has it or an override.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import HOOK_NAME, defines_loop_factories_hook, find_event_loop_overrides
from asyncio_migrate.analysis.markers import fixture_name
from asyncio_migrate.analysis.names import Scope, module_scope, same_scope_blocks, walk_statements
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.edit.loop_factories import DEFAULT, CannotWriteHook, Factory, hook_statements
from asyncio_migrate.edit.statements import apply_statement_edits
from asyncio_migrate.results import Severity

ID = "event-loop-policy-to-hook"
FIXTURE = "event_loop_policy"
# Policy class → (factory name, the loop factory that policy's new_event_loop() uses).
KNOWN_POLICIES = {
    "uvloop.EventLoopPolicy": ("uvloop", "uvloop.new_event_loop"),
    "asyncio.DefaultEventLoopPolicy": ("asyncio", "asyncio.new_event_loop"),
    "asyncio.WindowsSelectorEventLoopPolicy": ("selector", "asyncio.SelectorEventLoop"),
    "asyncio.WindowsProactorEventLoopPolicy": ("proactor", "asyncio.ProactorEventLoop"),
}
_FIXTURE_KEYWORDS = {"scope", "autouse", "name", "params", "ids"}


@dataclass(eq=False)
class Override:
    """A fixture overriding ``event_loop_policy``."""

    function: cst.FunctionDef
    scope: Scope
    top_level: bool  # directly in the module body: not in a class, not behind if/try


@dataclass
class Plan:
    """What an override becomes: the hook's factories."""

    factories: list[Factory]
    parametrized: bool
    # Policies other than the default: installing them no longer happens (their source).
    installed_policies: list[str] = field(default_factory=list)
    unknown_policies: list[str] = field(default_factory=list)
    named_by_ids: bool = False  # the factories are named by the fixture's literal ids=
    # Why the factories cannot be written in another file (None: they can).
    not_movable: str | None = None


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    facts = Facts.of(context.settings)
    overrides = list(find_overrides(module, context.scope)) if FIXTURE.encode() in context.source else []
    is_conftest = context.path.name == "conftest.py"
    hosted = facts.hosted_in(context.path) if is_conftest else {}
    if facts.announced_by(context.path) is not None:
        # Its test ids change, and its sync tests are no longer run once per policy.
        for test in context.markers(module).tests:
            context.announce_test(test.qualified_name)
    if not overrides and not hosted:
        return module
    if not is_conftest and not context.is_test_file:
        for override in overrides:
            _left(context, override, "it is in a plugin module, not in a conftest.py or a test module")
        return module
    for override in overrides:
        if not override.top_level:
            where = "it is in a class" if override.scope.parent is not None else "it is defined behind an if/try/with"
            _left(context, override, f"{where}, and the hook only works at module level of a conftest.py")
    own = [override for override in overrides if override.top_level]
    if is_conftest:
        return _rewrite_conftest(module, context, own, hosted, facts)
    if len(own) > 1:
        for override in own:
            _left(context, override, "it is defined more than once here")
        return module
    if own and _move_to_conftest(module, context, own[0], facts):
        return apply_statement_edits(module, {id(own[0].function): lambda _node: []})
    return module


def _left(context: FileContext, override: Override, why: str) -> None:
    context.report(
        override.function,
        f"left the {FIXTURE} override: {why}. By hand: build the loop factories once, at module level of a "
        f"conftest.py, return them from a {HOOK_NAME}(config, item) hook, and remove the fixture.",
    )


# --- conftest.py ------------------------------------------------------------------------------


def _rewrite_conftest(
    module: cst.Module,
    context: FileContext,
    own: list[Override],
    hosted: Mapping[str, list[Factory]],
    facts: Facts,
) -> cst.Module:
    state = conftest_state(module, context.scope, own)
    if isinstance(state, str):
        for override in own:
            _left(context, override, state)
        _report_unhosted(hosted, context, state)
        return module
    override, plan = state
    blocked = facts.blocked_reason(context.path)
    if override is not None and blocked:
        _left(context, override, blocked)
        _report_unhosted(hosted, context, blocked)
        return module
    try:
        hook = hook_statements(context, plan.factories if plan else [DEFAULT], per_module=hosted or None)
    except CannotWriteHook as error:
        if override is not None:
            _left(context, override, str(error))
        _report_unhosted(hosted, context, str(error))
        return module
    if override is None:
        module = module.with_changes(body=[*module.body, *_spaced(hook.statements, module)])
    else:
        assert plan is not None
        _report_conversion(context, override, plan)
        statements = _with_comments_of(override.function, hook.statements)
        module = apply_statement_edits(module, {id(override.function): lambda _node: statements})
    for relative in hosted:
        context.report(
            None,
            f"added the {FIXTURE} override of {relative} to this conftest's {HOOK_NAME} hook (picked by item.path); "
            "other tests get the same loop as before.",
            Severity.INFO,
        )
    return hook.imports_added(module, context)


def conftest_state(
    module: cst.Module, scope: Scope, own: Sequence[Override]
) -> tuple[Override | None, Plan | None] | str:
    """The conftest's own override and its plan (None, None: there is none), or why it stays."""
    if defines_loop_factories_hook(module):
        return f"this conftest already defines {HOOK_NAME} (add the policy's factory to its mapping)"
    if len(own) > 1:
        return f"{FIXTURE} is defined more than once here"
    if not own:
        return None, None
    plan = read_plan(own[0], module, scope)
    return plan if isinstance(plan, str) else (own[0], plan)


def _report_conversion(context: FileContext, override: Override, plan: Plan) -> None:
    parts = [f"replaced the {FIXTURE} override with the {HOOK_NAME} hook"]
    if plan.installed_policies:
        parts.append(
            f"{', '.join(plan.installed_policies)} is no longer installed as the event loop policy while tests run: "
            "code calling asyncio.get_event_loop_policy() or asyncio.new_event_loop() in a test gets the default one"
        )
    if plan.unknown_policies:
        parts.append(
            f"one {', '.join(plan.unknown_policies)} instance, made when the conftest is imported, now makes "
            "every loop"
        )
    if plan.parametrized:
        parts.append(_id_changes(plan))
    if context.settings.allows_before_hook:
        parts.append("with pytest-asyncio < 1.4, which the project still allows, the hook is ignored")
    severity = Severity.WARNING if plan.unknown_policies or plan.parametrized else Severity.INFO
    context.report(override.function, "; ".join(parts) + ".", severity)


def _id_changes(plan: Plan) -> str:
    names = ", ".join(f"[{factory.name}]" for factory in plan.factories)
    sync_tests = "sync tests are no longer run once per policy and lose the suffix"
    if plan.named_by_ids:
        return f"async tests keep their ids ({names}); {sync_tests} (update -k and node-id selections)"
    return (
        f"async test ids change from [{FIXTURE}0], [{FIXTURE}1], ... to {names}; {sync_tests} "
        "(update -k and node-id selections)"
    )


def _report_unhosted(hosted: Mapping[str, object], context: FileContext, why: str) -> None:
    # Only when another codemod changed this conftest after the survey: the modules lost their fixture.
    for relative in hosted:
        context.report(
            None,
            f"the {FIXTURE} override of {relative} was taken out of that module, but the hook could not be "
            f"written here ({why}): add its loop factories to this conftest's {HOOK_NAME} by hand.",
            Severity.ERROR,
        )


def _spaced(statements: list[cst.BaseStatement], module: cst.Module) -> list[cst.BaseStatement]:
    if not module.body:
        return statements
    blank = [cst.EmptyLine(indent=False)] * 2
    return [statements[0].with_changes(leading_lines=blank), *statements[1:]]


def _with_comments_of(function: cst.FunctionDef, statements: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """The hook's statements, taking the fixture's place, its comments kept above them."""
    inner = _CommentCollector()
    function.with_changes(leading_lines=[]).visit(inner)
    lines = [*function.leading_lines, *(cst.EmptyLine(indent=False, comment=comment) for comment in inner.comments)]
    return [statements[0].with_changes(leading_lines=lines), *statements[1:]]


class _CommentCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.comments: list[cst.Comment] = []

    def visit_Comment(self, node: cst.Comment) -> None:
        self.comments.append(node)


# --- test modules -----------------------------------------------------------------------------


def _move_to_conftest(module: cst.Module, context: FileContext, override: Override, facts: Facts) -> bool:
    """Whether the survey gave the override to a conftest's hook (else it is reported)."""
    conftest = facts.moved_to(context.path)
    if conftest is None:
        plan = read_plan(override, module, context.scope)
        _left(context, override, plan if isinstance(plan, str) else (
            facts.unmoved_reason(context.path) or "no conftest.py among the processed files covers this module"
        ))
        return False
    plan = read_plan(override, module, context.scope)
    if isinstance(plan, str):  # an earlier codemod changed it since the survey; the hook's entry is harmless
        _left(context, override, plan)
        return False
    names = ", ".join(factory.name for factory in plan.factories)
    message = (
        f"moved the {FIXTURE} override to the {HOOK_NAME} hook of {conftest}, which picks this module's "
        f"loop factories ({names}) by item.path"
    )
    if plan.installed_policies:
        message += f"; {', '.join(plan.installed_policies)} is no longer installed as the policy while tests run"
    if plan.parametrized:
        message += "; " + _id_changes(plan)
        for test in context.markers(module).tests:
            context.announce_test(test.qualified_name)
    context.report(override.function, message + ".", Severity.WARNING)
    return True


# --- reading an override ----------------------------------------------------------------------


def find_overrides(module: cst.Module, scope: Scope) -> Iterator[Override]:
    """The event_loop_policy fixtures (by their function's name or ``name=``), at module or class level."""
    top = {id(statement) for statement in module.body}
    for statement, statement_scope in walk_statements(module.body, scope):
        if isinstance(statement, cst.FunctionDef) and fixture_name(statement, statement_scope) == FIXTURE:
            yield Override(statement, statement_scope, top_level=id(statement) in top)




def read_plan(override: Override, module: cst.Module, scope: Scope) -> Plan | str:
    """The factories the override becomes, or why it is left as it is."""
    function = override.function
    if function.asynchronous is not None:
        return "it is async"
    if len(function.decorators) != 1:
        return "it has decorators besides the fixture decorator"
    decorator = function.decorators[0].decorator
    arguments = decorator.args if isinstance(decorator, cst.Call) else ()
    for arg in arguments:
        if arg.keyword is None or arg.keyword.value not in _FIXTURE_KEYWORDS:
            return "its fixture decorator has arguments other than scope, autouse, name, params and ids"
    params = _keyword(decorator, "params")
    returned = _returned(function)
    if returned is None:
        return "its body does more than return a policy"
    if _requested_by_name(module, function):
        return f"this file requests {FIXTURE} by name, and would then get the default policy"
    signature = function.params
    parameters = [param.name.value for param in [*signature.posonly_params, *signature.params, *signature.kwonly_params]]
    if isinstance(signature.star_arg, cst.Param) or signature.star_kwarg is not None:
        return "it takes *args or **kwargs"
    if params is None:
        if parameters:
            return "it requests other fixtures"
        policies = [returned]
    else:
        if parameters != ["request"] or _dotted(returned) != "request.param":
            return "it is parametrized but does not just return request.param"
        if not isinstance(params.value, (cst.List, cst.Tuple)) or not params.value.elements:
            return "its params are not a literal list of policies"
        policies = []
        for element in params.value.elements:
            if isinstance(element, cst.StarredElement):
                return "its params are not a literal list of policies"
            policies.append(element.value)
    plan = Plan([], parametrized=params is not None)
    names = []
    for policy in policies:
        factory = _factory_of(policy, module, scope, override, plan)
        if isinstance(factory, str):
            return factory
        names.append(factory.name)
        plan.factories.append(factory)
    ids = _literal_ids(_keyword(decorator, "ids"), len(policies))
    plan.named_by_ids = ids is not None
    for index, name in enumerate(_unique(ids or names)):
        plan.factories[index] = Factory(name, plan.factories[index].expression, plan.factories[index].qualified)
    return plan


def _factory_of(
    policy: cst.BaseExpression, module: cst.Module, scope: Scope, override: Override, plan: Plan
) -> Factory | str:
    code = cst.Module([]).code_for_node(policy)
    if not isinstance(policy, cst.Call) or any(arg.star for arg in policy.args):
        return f"{code} is not a call of a policy class"
    qualified = scope.qualified_name(policy.func)
    if qualified in KNOWN_POLICIES and not policy.args:
        name, factory = KNOWN_POLICIES[qualified]
        if qualified != "asyncio.DefaultEventLoopPolicy":
            plan.installed_policies.append(code)
        return Factory.imported(name, factory)
    if not all(_is_literal(arg.value) for arg in policy.args):
        return f"the arguments of {code} are not literals (they would be evaluated once, at import)"
    plan.installed_policies.append(code)
    plan.unknown_policies.append(cst.Module([]).code_for_node(policy.func))
    new_event_loop = cst.Name("new_event_loop")
    if qualified is not None and not qualified.startswith("."):
        if qualified.count(".") != 1:
            plan.not_movable = f"{qualified} cannot be imported by a plain `import` in another file"
        made = policy.with_changes(func=cst.parse_expression(qualified))
        return Factory(qualified.rpartition(".")[2], cst.Attribute(made, new_event_loop), (qualified,))
    if qualified is not None or (
        isinstance(policy.func, cst.Name) and _class_defined_before(module, policy.func.value, override.function)
    ):
        # A relative import, or a class of this file: right as written, here only.
        plan.not_movable = f"{cst.Module([]).code_for_node(policy.func)} is only known in this file"
        name = (qualified or cst.Module([]).code_for_node(policy.func)).rpartition(".")[2]
        return Factory(name, cst.Attribute(policy, new_event_loop))
    return f"{cst.Module([]).code_for_node(policy.func)} cannot be resolved exactly (imported conditionally or rebound)"


def _returned(function: cst.FunctionDef) -> cst.BaseExpression | None:
    """``X`` when the body is (a docstring and) ``return X``."""
    body = function.body.body if isinstance(function.body, cst.IndentedBlock) else [function.body]
    statements = [statement for statement in body if not _is_docstring(statement)]
    if len(statements) != 1:
        return None
    statement = statements[0]
    small = statement.body if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else ()
    if len(small) == 1 and isinstance(small[0], cst.Return) and small[0].value is not None:
        return small[0].value
    return None


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _keyword(decorator: cst.BaseExpression, name: str) -> cst.Arg | None:
    if not isinstance(decorator, cst.Call):
        return None
    return next((arg for arg in decorator.args if arg.keyword is not None and arg.keyword.value == name), None)


def _string(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
        return f"{node.value.value}.{node.attr.value}"
    return None


def _literal_ids(ids: cst.Arg | None, count: int) -> list[str] | None:
    if ids is None or not isinstance(ids.value, (cst.List, cst.Tuple)) or len(ids.value.elements) != count:
        return None
    names = [_string(element.value) for element in ids.value.elements]
    return names if all(names) else None  # type: ignore[return-value]


def _unique(names: Sequence[str]) -> list[str]:
    """pytest's way with duplicate ids: ``x0``, ``x1``."""
    counts = {name: names.count(name) for name in names}
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        if counts[name] > 1:
            seen[name] = seen.get(name, -1) + 1
            name = f"{name}{seen[name]}"
        unique.append(name)
    return unique


def _is_literal(node: cst.BaseExpression) -> bool:
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float, cst.Imaginary)):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return isinstance(node.expression, (cst.Integer, cst.Float))
    return isinstance(node, cst.Name) and node.value in ("True", "False", "None")


def _class_defined_before(module: cst.Module, name: str, function: cst.FunctionDef) -> bool:
    """``name`` is bound once in the module, by a class defined above ``function``."""
    bindings = list(_top_level_bindings(module.body, name))
    if len(bindings) != 1 or not isinstance(bindings[0], cst.ClassDef):
        return False
    body = list(module.body)
    return body.index(bindings[0]) < body.index(function) if bindings[0] in body else False


def _top_level_bindings(body: Sequence[cst.BaseStatement], name: str) -> Iterator[cst.CSTNode]:
    for statement in body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            if statement.name.value == name:
                yield statement
            continue
        if name in _names_bound(statement):
            yield statement
        for block in same_scope_blocks(statement):
            yield from _top_level_bindings(block, name)


def _names_bound(statement: cst.BaseStatement) -> set[str]:
    """Plain names a statement binds itself (not in the blocks it holds)."""
    collector = _BindingCollector()
    if isinstance(statement, cst.SimpleStatementLine):
        statement.visit(collector)
    elif isinstance(statement, (cst.For, cst.With)):
        for node in [statement.target] if isinstance(statement, cst.For) else [item.asname for item in statement.items]:
            if node is not None:
                node.visit(collector)
    return collector.names


class _BindingCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._add(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._add(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._add(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._add(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._add(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._add(node.name)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is None:
            self.names.add(cst.Module([]).code_for_node(node.name).partition(".")[0])

    def _add(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.names.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._add(element.value)
        elif isinstance(target, cst.StarredElement):
            self._add(target.value)


def _requested_by_name(module: cst.Module, *skipped: cst.FunctionDef) -> bool:
    """Whether code here (outside ``skipped``) names the fixture: a parameter or a string."""
    finder = _RequestFinder({id(function) for function in skipped})
    module.visit(finder)
    return finder.found


class _RequestFinder(cst.CSTVisitor):
    def __init__(self, skipped: set[int]) -> None:
        super().__init__()
        self.skipped = skipped
        self.found = False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return id(node) not in self.skipped

    def visit_Param(self, node: cst.Param) -> None:
        self.found = self.found or node.name.value == FIXTURE

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self.found = self.found or node.evaluated_value == FIXTURE


# --- the survey: which conftest gets which test module's override ------------------------------


@dataclass
class Facts:
    """What the survey decided (sent to worker processes, so factories are kept as source text).

    Keys are resolved paths (:func:`_key`).
    """

    # conftest → {module path relative to the conftest's folder → [[name, code, [qualified...]]]}
    hosts: dict[str, dict[str, list]] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)  # test module → the conftest hosting it (shown)
    unmoved: dict[str, str] = field(default_factory=dict)  # test module → why its override stays
    blocked: dict[str, str] = field(default_factory=dict)  # conftest → why its override stays
    # test module → the conftest whose parametrized override changes its test ids (shown)
    announced: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: ProjectSettings) -> Facts:
        found = settings.facts.get(ID)
        return found if isinstance(found, Facts) else cls()

    def hosted_in(self, conftest: Path) -> dict[str, list[Factory]]:
        modules = _lookup(self.hosts, conftest) or {}
        return {
            relative: [Factory(name, cst.parse_expression(code), tuple(qualified)) for name, code, qualified in specs]
            for relative, specs in modules.items()
        }

    def moved_to(self, module: Path) -> str | None:
        return _lookup(self.moved, module)

    def unmoved_reason(self, module: Path) -> str | None:
        return _lookup(self.unmoved, module)

    def blocked_reason(self, conftest: Path) -> str | None:
        return _lookup(self.blocked, conftest)

    def announced_by(self, module: Path) -> str | None:
        return _lookup(self.announced, module)


def _chosen_by_survey(path: Path, settings: ProjectSettings) -> bool:
    """The conftest that takes a test module's hook, and the test modules whose ids change: neither
    need name the fixture."""
    facts = Facts.of(settings)
    if not facts.hosts and not facts.announced:  # the usual case: no file to look up
        return False
    return _lookup(facts.hosts, path) is not None or facts.announced_by(path) is not None


def _lookup(mapping: Mapping[str, object], path: Path):  # type: ignore[no-untyped-def]
    return mapping.get(_key(path))


def _key(path: Path) -> str:
    """The facts' key of a file: its resolved path, however the run named it."""
    return str(path.resolve())


@dataclass
class _Parsed:
    """A file that names the fixture, read for the survey."""

    path: Path  # absolute
    source: bytes
    module: cst.Module
    scope: Scope
    overrides: list[Override]

    @property
    def own(self) -> list[Override]:
        return [override for override in self.overrides if override.top_level]


def survey(files: Sequence[Path], settings: ProjectSettings) -> Facts:
    """Decide for the whole project what no single file can: hosts, moves, blocks, announcements.

    In order: a conftest override is blocked by a test requesting the fixture by name below it
    or a hook above it; a test module's override moves to its nearest conftest when that can
    take it; a conftest override is blocked when an override that stays lives below it (the
    hook's factories would win over that override's policy); a host blocked so keeps its guests
    out. Only then are the tests of parametrized conftest overrides announced.
    """
    known = {Path(file).resolve() for file in files}
    mentioning = [path for path in sorted(known) if _mentions(path, FIXTURE)]
    parsed = {path: item for path in mentioning if (item := _parse(path)) is not None}
    facts = Facts()
    conftests = {path: item for path, item in parsed.items() if path.name == "conftest.py" and item.own}
    requesting = [path for path, item in parsed.items() if _requested_by_name(item.module, *_functions(item))]
    for path in conftests:
        reason = _requested_below(path, requesting) or _hook_above(path)
        if reason:
            facts.blocked[_key(path)] = reason
    guests: dict[Path, dict[Path, Plan]] = {}
    for path, item in parsed.items():
        if path.name == "conftest.py" or not settings.rules.is_test_file(path) or len(item.own) != 1:
            continue
        plan = read_plan(item.own[0], item.module, item.scope)
        if isinstance(plan, str):
            continue
        host = _host_for(path, plan, known)
        if isinstance(host, str):
            facts.unmoved[_key(path)] = host
        else:
            guests.setdefault(host, {})[path] = plan
    for host, plans in guests.items():
        _settle_host(host, plans, parsed.get(host) or _parse(host), settings, facts)
    # Deepest first: a conftest that keeps its override blocks the conftests above it.
    for path in sorted(conftests, key=lambda path: len(path.parts), reverse=True):
        if _key(path) in facts.blocked:
            continue
        state = conftest_state(conftests[path].module, conftests[path].scope, conftests[path].own)
        staying = [other for other in mentioning if other != path and other.is_relative_to(path.parent)
                   and not _handled(other, parsed, facts)]
        if isinstance(state, str) or staying:
            facts.blocked[_key(path)] = state if isinstance(state, str) else (
                f"{_shown(staying[0])} keeps its own {FIXTURE} override, which the hook's factories would overrule"
            )
            for guest in facts.hosts.pop(_key(path), {}):
                moved = path.parent / guest
                del facts.moved[_key(moved)]
                facts.unmoved[_key(moved)] = f"{_shown(path)} keeps its own {FIXTURE} override"
            continue
        plan = state[1]
        if plan is not None and plan.parametrized:
            for test_file in _covered_test_files(path, known, settings):
                facts.announced[_key(test_file)] = _shown(path)
    return facts


def _handled(path: Path, parsed: Mapping[Path, _Parsed], facts: Facts) -> bool:
    """Whether every override in the file goes (converted in place, or moved to a conftest)."""
    item = parsed.get(path)
    if item is None or len(item.overrides) != len(item.own):
        return False
    if path.name != "conftest.py":
        return _key(path) in facts.moved or not item.own
    return not item.own or (_key(path) not in facts.blocked and not isinstance(
        conftest_state(item.module, item.scope, item.own), str
    ))


def _covered_test_files(conftest: Path, known: set[Path], settings: ProjectSettings) -> Iterator[Path]:
    """Test files whose loops the conftest's override decides (no nearer conftest customises them)."""
    folder = conftest.parent
    for path in sorted(known):
        if not settings.rules.is_test_file(path) or not path.is_relative_to(folder):
            continue
        between = [parent / "conftest.py" for parent in path.parents if parent != folder and parent.is_relative_to(folder)]
        if not any(_customises_loop(nearer) for nearer in between):
            yield path


def _settle_host(host: Path, plans: dict[Path, Plan], item: _Parsed | None, settings: ProjectSettings, facts: Facts) -> None:
    """Record the host's per-module mapping if its hook can be written; else why the modules stay."""
    reason = None
    if item is None:
        reason = f"{_shown(host)} cannot be parsed"
    elif any(find_event_loop_overrides(item.module, item.scope)):
        # event-loop-overrides may write the hook into it in the same run.
        reason = f"{_shown(host)} overrides event_loop; migrate that first, then run again"
    elif facts.blocked_reason(host):
        reason = f"{_shown(host)} keeps its own {FIXTURE} override"
    else:
        state = conftest_state(item.module, item.scope, item.own)
        if isinstance(state, str):
            reason = f"{_shown(host)}: {state}"
        else:
            per_module = {path.relative_to(host.parent).as_posix(): plan.factories for path, plan in plans.items()}
            context = FileContext(host, item.source, item.scope, settings, is_test_file=False)
            try:
                hook_statements(context, state[1].factories if state[1] else [DEFAULT], per_module=per_module)
            except CannotWriteHook as error:
                reason = f"the hook cannot be written in {_shown(host)}: {error}"
    for path, plan in plans.items():
        if reason is not None:
            facts.unmoved[_key(path)] = reason
            continue
        facts.moved[_key(path)] = _shown(host)
        specs = [[factory.name, cst.Module([]).code_for_node(factory.expression), list(factory.qualified)]
                 for factory in plan.factories]
        facts.hosts.setdefault(_key(host), {})[path.relative_to(host.parent).as_posix()] = specs


def _host_for(path: Path, plan: Plan, known: set[Path]) -> Path | str:
    """The nearest conftest.py above a test module, if it can take the module's hook."""
    if plan.not_movable:
        return plan.not_movable
    host = next((folder / "conftest.py" for folder in path.parents if (folder / "conftest.py").is_file()), None)
    if host is None:
        return "no conftest.py covers this module"
    if host not in known:
        return f"its conftest {_shown(host)} is not among the processed files"
    for ancestor in host.parent.parents:
        if _customises_loop(ancestor / "conftest.py"):
            return (
                f"{_shown(ancestor / 'conftest.py')} also customises the loop, and a hook in {_shown(host)} "
                "would overrule it for the other tests"
            )
    return host


def _requested_below(conftest: Path, requesting: Sequence[Path]) -> str | None:
    for path in requesting:
        if path != conftest and path.is_relative_to(conftest.parent):
            return f"{_shown(path)} requests {FIXTURE} by name, and would then get the default policy"
    return None


def _hook_above(conftest: Path) -> str | None:
    for ancestor in conftest.parent.parents:
        if _mentions(ancestor / "conftest.py", HOOK_NAME):
            return f"{_shown(ancestor / 'conftest.py')} defines {HOOK_NAME}, whose factories overrule this policy"
    return None


def _customises_loop(conftest: Path) -> bool:
    """Whether a conftest may decide loops: the policy fixture, the hook, or an event_loop override
    (which event-loop-overrides may turn into the hook in this run)."""
    if _mentions(conftest, FIXTURE, HOOK_NAME):
        return True
    if not _mentions(conftest, "event_loop"):
        return False
    item = _parse(conftest)
    return item is None or any(find_event_loop_overrides(item.module, item.scope))


def _mentions(path: Path, *words: str) -> bool:
    try:
        source = path.read_bytes()
    except OSError:
        return False
    return any(word.encode() in source for word in words)


def _shown(path: Path) -> str:
    """``path`` as the report shows files: from the working folder when it is inside it."""
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _functions(item: _Parsed) -> list[cst.FunctionDef]:
    return [override.function for override in item.overrides]


def _parse(path: Path) -> _Parsed | None:
    try:
        source = path.read_bytes()
        module = cst.parse_module(source)
        scope = module_scope(module, source, str(path))
    except Exception:  # noqa: BLE001 - unreadable, or libcst fails (not only ParserSyntaxError): the engine reports it
        return None
    return _Parsed(path, source, module, scope, list(find_overrides(module, scope)))


CODEMOD = Codemod(
    id=ID,
    summary="Replace event_loop_policy fixture overrides with the pytest_asyncio_loop_factories hook.",
    commands=("upgrade",),
    prefilter=(FIXTURE.encode(),),
    wants_file=_chosen_by_survey,
    transform=transform,
    min_pytest_asyncio="1.4",
    survey=survey,
)
