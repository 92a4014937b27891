"""pytest-aiohttp-renames: the fixture names pytest-aiohttp 1.x no longer has.

    async def test_get(test_client, loop):     →   async def test_get(aiohttp_client):
        app = make_app()                                loop = asyncio.get_running_loop()
        client = await test_client(app)                 app = make_app()
        loop.call_soon(app.tick)                        client = await aiohttp_client(app)
                                                        loop.call_soon(app.tick)

aiohttp's old pytest plugin (and pytest-aiohttp 0.3/1.0, which carried it over) had fixtures
that pytest-aiohttp 1.1 does not: requesting one fails with "fixture not found". In the
parameters of tests and fixtures, and every use of those parameters in the body (closures
included; a nested function that binds the name itself is left alone):

- ``test_client``, ``test_server``, ``raw_test_server`` become ``aiohttp_client``,
  ``aiohttp_server``, ``aiohttp_raw_server`` (the old names only forwarded to these);
- ``aiohttp_unused_port`` and ``unused_port`` become pytest-asyncio's
  ``unused_tcp_port_factory``: both are callables returning a free port, so calls stay calls;
- ``loop`` (the loop the test runs in) is dropped from async tests and fixtures; where the
  body uses it, ``loop = asyncio.get_running_loop()`` opens the body, so stored or passed
  uses keep their meaning. A sync test or fixture has no running loop: reported.

``@unittest_run_loop`` (``aiohttp.test_utils``) goes everywhere: since aiohttp 3.8 it only
warns (pytest-aiohttp 1.x needs aiohttp >= 3.8).

The names are generic, so a file is changed only with evidence that aiohttp's fixtures are
the ones requested: it imports aiohttp (or pytest_aiohttp), or a conftest.py above it loads
``aiohttp.pytest_plugin``. A name the project defines itself (a fixture, import or
assignment in the file, in a conftest.py above it, or in a non-test module that may be a
plugin) is never touched; a star import that may define it is reported. ``proactor_loop``,
old names given to ``@pytest.mark.usefixtures``, and renames that would collide with a name
the function already uses are reported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from asyncio_migrate.analysis.local_names import FunctionUses, function_uses
from asyncio_migrate.analysis.markers import is_fixture
from asyncio_migrate.analysis.names import Scope, is_docstring, walk_statements
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.edit.statements import apply_statement_edits, without_decorators
from asyncio_migrate.results import Severity

CODEMOD_ID = "pytest-aiohttp-renames"

RENAMES = {
    "test_client": "aiohttp_client",
    "test_server": "aiohttp_server",
    "raw_test_server": "aiohttp_raw_server",
    "aiohttp_unused_port": "unused_tcp_port_factory",
    "unused_port": "unused_tcp_port_factory",
}
LOOP = "loop"
PROACTOR_LOOP = "proactor_loop"
WATCHED = frozenset({*RENAMES, LOOP, PROACTOR_LOOP})
# Worth a note where nothing shows aiohttp (`loop` and `unused_port` are too common for that).
_NOTED_WITHOUT_EVIDENCE = frozenset({"test_client", "test_server", "raw_test_server", "aiohttp_unused_port"})
UNITTEST_RUN_LOOP = "aiohttp.test_utils.unittest_run_loop"
GET_RUNNING_LOOP = "asyncio.get_running_loop"
USEFIXTURES = "pytest.mark.usefixtures"
_AIOHTTP_PLUGINS = frozenset({"aiohttp.pytest_plugin", "pytest_aiohttp", "pytest_aiohttp.plugin"})
_AIOHTTP_PACKAGES = frozenset({"aiohttp", "pytest_aiohttp"})
# A star import may define any name.
ANY_NAME = "*"


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    requests = list(_requests(module, context))
    dropped_decorators = _unittest_run_loop_decorators(module, context)
    mentions = _usefixtures_mentions(module, context)
    if not requests and not dropped_decorators and not mentions:
        return module
    provenance = _Provenance.of(context)
    for call, name in mentions:
        if provenance.applies(name):
            context.report(
                call,
                f"pytest.mark.usefixtures requests pytest-aiohttp's old fixture {name!r}, which pytest-aiohttp "
                f"1.x does not have: {_what_to_do(name)}",
            )
    rewriter = _FunctionRewriter(context)
    new_functions: dict[int, cst.FunctionDef] = {}
    for function, names in requests:
        applicable = [name for name in names if _check_provenance(provenance, function, name, context)]
        rewritten = rewriter.rewrite(function, applicable) if applicable else None
        if rewritten is not None:
            new_functions[id(function)] = rewritten
            for test in context.markers(module).tests:
                if test.node is function:
                    context.announce_test(test.qualified_name)
    for function, decorators in dropped_decorators:
        base = new_functions.get(id(function), function)
        new_functions[id(function)] = without_decorators(base, decorators)  # type: ignore[assignment]
        for decorator in decorators:
            context.report(
                decorator,
                "removed @unittest_run_loop: since aiohttp 3.8 it does nothing but warn (pytest-aiohttp 1.x "
                "needs aiohttp >= 3.8).",
                Severity.INFO,
            )
    if not new_functions:
        return module
    edits = {key: (lambda node, new=new: [new]) for key, new in new_functions.items()}
    module = apply_statement_edits(module, edits)
    if rewriter.spelling_used is not None:
        module = rewriter.spelling_used.added_to(module, context.scope, context.settings.first_party)
    return module


def _what_to_do(name: str) -> str:
    if name in RENAMES:
        return f"use {RENAMES[name]!r}."
    if name == LOOP:
        return "drop it (pytest-asyncio runs async tests in their loop: use asyncio.get_running_loop())."
    return "drop it, and choose loops with the pytest_asyncio_loop_factories hook (pytest-asyncio >= 1.4)."


def _check_provenance(provenance: _Provenance, function: cst.FunctionDef, name: str, context: FileContext) -> bool:
    """Whether ``name`` requested by ``function`` is certainly aiohttp's fixture (reporting doubts)."""
    param = _requested_param(function, name)
    if name in provenance.project_defined:
        return False  # the project's own fixture
    if provenance.unknown_source is not None:
        context.report(
            param,
            f"{function.name.value} requests {name!r}, but {provenance.unknown_source} may define a fixture of "
            f"that name. If it is pytest-aiohttp's old fixture, {_what_to_do(name)}",
            Severity.INFO,
        )
        return False
    if not provenance.from_aiohttp:
        if name in _NOTED_WITHOUT_EVIDENCE:
            context.report(
                param,
                f"{function.name.value} requests {name!r}; nothing in this file or its conftest.py files shows "
                f"that it is pytest-aiohttp's old fixture. If it is, {_what_to_do(name)}",
                Severity.INFO,
            )
        return False
    if name == PROACTOR_LOOP:
        context.report(
            param,
            f"{function.name.value} requests 'proactor_loop', which pytest-aiohttp 1.1 removed: {_what_to_do(name)}",
        )
        return False
    return True


# --- Which functions request what -----------------------------------------------------------


def _requests(module: cst.Module, context: FileContext) -> Iterator[tuple[cst.FunctionDef, list[str]]]:
    """Tests and fixtures with the watched names they request as parameters."""
    if not any(name.encode() in context.source for name in WATCHED):
        return
    tests = {id(test.node) for test in context.markers(module).tests}
    for statement, scope in walk_statements(module.body, context.scope):
        if not isinstance(statement, cst.FunctionDef):
            continue
        if id(statement) not in tests and not is_fixture(statement.decorators, scope):
            continue
        names = [param.name.value for param in _fixture_params(statement) if param.name.value in WATCHED]
        if names:
            yield statement, names


def _fixture_params(function: cst.FunctionDef) -> list[cst.Param]:
    # pytest requests a fixture for each parameter without a default, positional-only ones aside.
    params = [*function.params.params, *function.params.kwonly_params]
    return [param for param in params if param.default is None]


def _requested_param(function: cst.FunctionDef, name: str) -> cst.Param:
    return next(param for param in _fixture_params(function) if param.name.value == name)


def _unittest_run_loop_decorators(
    module: cst.Module, context: FileContext
) -> list[tuple[cst.FunctionDef, list[cst.Decorator]]]:
    found: list[tuple[cst.FunctionDef, list[cst.Decorator]]] = []
    if b"unittest_run_loop" not in context.source:
        return found
    for statement, scope in walk_statements(module.body, context.scope):
        if isinstance(statement, cst.FunctionDef):
            decorators = [
                decorator
                for decorator in statement.decorators
                if scope.qualified_name(decorator.decorator) == UNITTEST_RUN_LOOP
            ]
            if decorators:
                found.append((statement, decorators))
    return found


def _usefixtures_mentions(module: cst.Module, context: FileContext) -> list[tuple[cst.Call, str]]:
    """``pytest.mark.usefixtures("test_client")`` in decorators and ``pytestmark``: (call, name)."""
    if b"usefixtures" not in context.source:
        return []
    mentions: list[tuple[cst.Call, str]] = []
    for statement, scope in walk_statements(module.body, context.scope):
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            holders: Sequence[cst.CSTNode] = statement.decorators
        elif isinstance(statement, cst.SimpleStatementLine):
            holders = [statement]
        else:
            continue
        for holder in holders:
            finder = _UsefixturesFinder(scope)
            holder.visit(finder)
            mentions.extend(finder.found)
    return mentions


class _UsefixturesFinder(cst.CSTVisitor):
    def __init__(self, scope: Scope) -> None:
        super().__init__()
        self.scope = scope
        self.found: list[tuple[cst.Call, str]] = []

    def visit_Call(self, node: cst.Call) -> None:
        if self.scope.qualified_name(node.func) != USEFIXTURES:
            return
        for arg in node.args:
            if isinstance(arg.value, cst.SimpleString):
                value = arg.value.evaluated_value
                if value in WATCHED:
                    self.found.append((node, str(value)))


# --- Where the names come from --------------------------------------------------------------


@dataclass
class _Provenance:
    """What this file and the project say about the watched fixture names."""

    from_aiohttp: bool  # the file imports aiohttp, or a conftest above it loads aiohttp's plugin
    project_defined: frozenset[str]
    unknown_source: str | None  # a star import that may define any of them

    def applies(self, name: str) -> bool:
        return self.from_aiohttp and self.unknown_source is None and name not in self.project_defined

    @classmethod
    def of(cls, context: FileContext) -> _Provenance:
        project = context.settings.facts[CODEMOD_ID]
        assert isinstance(project, ProjectNames)  # every run surveys first (pipeline.engine.survey_project)
        own = _read_module(context.source)
        defined = set(own.defines) | project.plugins
        from_aiohttp = own.imports_aiohttp
        for folder in Path(context.path).resolve().parents:
            conftest = project.conftests.get(str(folder))
            if conftest is not None:
                defined |= conftest.defines
                from_aiohttp = from_aiohttp or conftest.loads_aiohttp_plugin
        unknown = None
        if ANY_NAME in defined:
            unknown = own.star_import or "a star import in a conftest.py or plugin module"
        return cls(from_aiohttp, frozenset(defined - {ANY_NAME}), unknown)


@dataclass(frozen=True)
class _ModuleFacts:
    defines: frozenset[str]  # watched names bound at module or class level (ANY_NAME: star import)
    loads_aiohttp_plugin: bool
    imports_aiohttp: bool
    star_import: str | None  # "from x import *", for messages


@dataclass(frozen=True)
class ProjectNames:
    """What the survey found: the watched names the project defines outside test modules."""

    conftests: Mapping[str, _ModuleFacts]  # by the absolute folder holding the conftest.py
    plugins: frozenset[str]  # bound in non-test modules (plugins, as far as anyone can tell)


def survey(files: Sequence[Path], settings: ProjectSettings) -> ProjectNames:
    """The watched names each conftest.py defines (with whether it loads aiohttp's plugin),
    those of the conftest.py files above the given files, and those of non-test modules."""
    conftests: dict[str, _ModuleFacts] = {}
    plugins: set[str] = set()
    folders: set[Path] = set()
    for path in files:
        folders.update(Path(path).resolve().parents)
        if path.name != "conftest.py" and not settings.rules.is_test_file(path):
            source = _read_bytes(path)
            if any(name.encode() in source for name in WATCHED):
                plugins |= _read_module(source).defines
    for folder in folders:
        conftest = folder / "conftest.py"
        if conftest.is_file():
            conftests[str(folder)] = _read_module(_read_bytes(conftest))
    return ProjectNames(conftests, frozenset(plugins))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"*"  # unreadable: treated as defining anything


def _read_module(source: bytes) -> _ModuleFacts:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return _ModuleFacts(frozenset({ANY_NAME}), False, False, None)
    defines: set[str] = set()
    loads_plugin = False
    star_import = None
    for statement in _module_level(tree.body):
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.decorator_list:  # any decorator may make it a fixture
                defines.add(statement.name)
            defines |= _name_keywords(statement.decorator_list)
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            bound = {node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)}
            defines |= bound
            if statement.value is not None:
                defines |= _name_keywords([statement.value])
                if "pytest_plugins" in bound:
                    loads_plugin = loads_plugin or bool(_plugin_names(statement.value) & _AIOHTTP_PLUGINS)
        elif isinstance(statement, ast.Import):
            defines |= {(alias.asname or alias.name).partition(".")[0] for alias in statement.names}
        elif isinstance(statement, ast.ImportFrom):
            module = "." * statement.level + (statement.module or "")
            for alias in statement.names:
                if alias.name == "*":
                    if module.partition(".")[0] not in _AIOHTTP_PACKAGES:
                        defines.add(ANY_NAME)
                        star_import = star_import or f"`from {module} import *`"
                else:
                    defines.add(alias.asname or alias.name)
    imports_aiohttp = any(_top_package(module) in _AIOHTTP_PACKAGES for module in _imported_modules(tree))
    return _ModuleFacts(frozenset(defines & (WATCHED | {ANY_NAME})), loads_plugin, imports_aiohttp, star_import)


def _imported_modules(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module


def _top_package(module: str) -> str:
    return module.partition(".")[0]


def _module_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements run at module or class level (function bodies are not entered)."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            for child in getattr(statement, field, ()):
                if isinstance(child, ast.stmt):
                    yield from _module_level([child])
                elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                    yield from _module_level(child.body)


def _name_keywords(expressions: Sequence[ast.expr]) -> set[str]:
    """String values of ``name=`` keywords (``@pytest.fixture(name="loop")``)."""
    return {
        keyword.value.value
        for expression in expressions
        for node in ast.walk(expression)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)
    }


def _plugin_names(value: ast.expr) -> set[str]:
    elements = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    return {
        element.value for element in elements if isinstance(element, ast.Constant) and isinstance(element.value, str)
    }


# --- Rewriting one function -----------------------------------------------------------------


class _FunctionRewriter:
    def __init__(self, context: FileContext) -> None:
        self.context = context
        self._spelling: Spelling | None | bool = False  # False: not looked up yet
        self.spelling_used: Spelling | None = None

    def rewrite(self, function: cst.FunctionDef, names: list[str]) -> cst.FunctionDef | None:
        """``function`` with ``names`` renamed or dropped; None when nothing could be done."""
        uses = function_uses(function)
        new_names: dict[int, str] = {}
        new_function = function
        for name in names:
            param = _requested_param(function, name)
            if name == LOOP:
                new_function = self._drop_loop(new_function, param, uses) or new_function
                continue
            new_name = RENAMES[name]
            renamed = _renamable_uses(function, name, new_name, uses)
            if isinstance(renamed, str):
                self.context.report(
                    param,
                    f"left {name!r} in {function.name.value}: {renamed}. pytest-aiohttp 1.x has no such fixture; "
                    f"rename it to {new_name!r} by hand.",
                )
                continue
            new_names.update((id(node), new_name) for node in renamed)
        if new_names:
            new_function = new_function.visit(_Renamer(new_names))  # type: ignore[assignment]
        return None if new_function is function else new_function

    def _drop_loop(
        self, function: cst.FunctionDef, param: cst.Param, uses: FunctionUses
    ) -> cst.FunctionDef | None:
        name = function.name.value
        if function.asynchronous is None:
            self.context.report(
                param,
                f"{name} is sync and requests 'loop', which pytest-aiohttp 1.1 removed: no loop runs while it "
                "does. Make it async and use asyncio.get_running_loop(), or drop the loop it no longer needs.",
            )
            return None
        without = _without_param(function, param)
        if isinstance(without, str):
            self.context.report(
                param, f"left 'loop' in {name}: {without}. Drop it by hand (pytest-aiohttp 1.1 removed the fixture)."
            )
            return None
        loop = uses.own.get(LOOP)
        used = (loop is not None and bool(loop.direct or loop.nested)) or _declared_elsewhere(
            function, LOOP
        )
        if not used:
            return without
        spelling = self._get_running_loop()
        # The new line runs in the function: a local of the spelling's first name would shadow it.
        if spelling is None or spelling.expression.partition(".")[0] in uses.own:
            self.context.report(
                param,
                f"left 'loop' in {name}: `asyncio.get_running_loop` cannot be spelled safely here (the name is "
                "bound to something else). Drop the parameter and bind loop = asyncio.get_running_loop() by hand.",
            )
            return None
        self.spelling_used = spelling
        return _with_first_statement(without, f"{LOOP} = {spelling.expression}()")

    def _get_running_loop(self) -> Spelling | None:
        if self._spelling is False:
            self._spelling = spelling_for(self.context.scope, GET_RUNNING_LOOP)
        return self._spelling  # type: ignore[return-value]


def _renamable_uses(function: cst.FunctionDef, name: str, new_name: str, uses: FunctionUses) -> list[cst.Name] | str:
    """Every ``Name`` node that is the function's local variable ``name``, or why it cannot be renamed."""
    if any(param.name.value == new_name for param in _all_params(function)):
        return f"it also has a parameter {new_name!r}"
    if new_name in uses.mentioned:
        return f"its body already uses the name {new_name!r}"
    if _declared_elsewhere(function, name):
        return f"a nested function declares {name!r} global or nonlocal"
    own = uses.own.get(name)
    if own is None:
        return []
    nodes: dict[int, cst.Name] = {}
    for binding in own.bindings:
        if isinstance(binding, cst.Param):
            nodes[id(binding.name)] = binding.name
        elif isinstance(binding, cst.Name):
            nodes[id(binding)] = binding
        else:
            return f"the body also binds {name!r} by an import, def or class"
    for use in [*own.direct, *own.nested]:
        if not isinstance(use, cst.Name):
            return f"{name!r} is used in a string annotation"
        nodes[id(use)] = use
    return list(nodes.values())


def _declared_elsewhere(function: cst.FunctionDef, name: str) -> bool:
    """Whether a ``global``/``nonlocal`` statement in ``function`` names ``name``."""
    finder = _DeclarationFinder(name)
    function.body.visit(finder)
    return finder.found


class _DeclarationFinder(cst.CSTVisitor):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.found = False

    def visit_Global(self, node: cst.Global) -> None:
        self.found = self.found or any(item.name.value == self.name for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.found = self.found or any(item.name.value == self.name for item in node.names)


class _Renamer(cst.CSTTransformer):
    def __init__(self, new_names: dict[int, str]) -> None:
        super().__init__()
        self.new_names = new_names

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = self.new_names.get(id(original_node))
        return updated_node if new is None else updated_node.with_changes(value=new)


def _all_params(function: cst.FunctionDef) -> list[cst.Param]:
    params = function.params
    star = [params.star_arg] if isinstance(params.star_arg, cst.Param) else []
    kwargs = [params.star_kwarg] if params.star_kwarg is not None else []
    return [*params.posonly_params, *params.params, *star, *params.kwonly_params, *kwargs]


def _without_param(function: cst.FunctionDef, param: cst.Param) -> cst.FunctionDef | str:
    """``function`` without ``param``, or why it cannot go (a comment would be lost, a bare ``*`` left)."""
    params = function.params
    for field in ("params", "kwonly_params"):
        group: list[cst.Param] = list(getattr(params, field))
        if not any(each is param for each in group):
            continue
        index = next(position for position, each in enumerate(group) if each is param)
        kept = group[:index] + group[index + 1 :]
        is_last = index == len(group) - 1
        if "#" in _code(param) or (is_last and kept and "#" in _code(kept[-1].comma)):
            return "a comment next to the parameter would be lost"
        if is_last and kept:
            kept[-1] = kept[-1].with_changes(comma=param.comma)  # its comma held the layout up to `)`
        if field == "kwonly_params" and not kept and isinstance(params.star_arg, cst.ParamStar):
            return "it is the only parameter after a bare `*`"
        return function.with_changes(params=params.with_changes(**{field: kept}))
    raise AssertionError("a requested parameter is in params or kwonly_params")


def _code(node: cst.CSTNode | cst.MaybeSentinel) -> str:
    return "" if isinstance(node, cst.MaybeSentinel) else cst.Module([]).code_for_node(node)


def _with_first_statement(function: cst.FunctionDef, code: str) -> cst.FunctionDef:
    """``function`` with ``code`` run first in its body (after the docstring)."""
    line = cst.parse_statement(code)
    assert isinstance(line, cst.SimpleStatementLine)
    body = function.body
    if isinstance(body, cst.IndentedBlock):
        statements = list(body.body)
        index = 1 if statements and is_docstring(statements[0]) else 0
        statements.insert(index, line)
        return function.with_changes(body=body.with_changes(body=statements))
    assert isinstance(body, cst.SimpleStatementSuite)
    # A one-line body: `async def test(loop): loop.stop()` → `async def test(): loop = ...; loop.stop()`.
    smalls = list(body.body)
    opens_with_docstring = is_docstring(cst.SimpleStatementLine(body=smalls[:1]))
    smalls.insert(1 if opens_with_docstring else 0, line.body[0])
    separator = cst.Semicolon(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(" "))
    for position, small in enumerate(smalls[:-1]):
        if small.semicolon == cst.MaybeSentinel.DEFAULT:
            smalls[position] = small.with_changes(semicolon=separator)
    return function.with_changes(body=body.with_changes(body=smalls))


CODEMOD = Codemod(
    id=CODEMOD_ID,
    summary="Use pytest-aiohttp's current fixture names; drop the loop fixture and @unittest_run_loop.",
    commands=("fix-tests",),
    # A file that only requests the old names (aiohttp's plugin loaded by a conftest.py).
    prefilter=(b"aiohttp", b"test_client", b"test_server", b"unused_port", b"loop"),
    transform=transform,
    survey=survey,
    # unused_tcp_port_factory exists since pytest-asyncio 0.17.
    min_pytest_asyncio="0.17",
    note="Only where the file imports aiohttp or a conftest.py loads aiohttp's plugin, and the project "
    "defines no fixture of that name.",
)
