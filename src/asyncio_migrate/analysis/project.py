"""What crosses modules in the project, built once per run (its suites are in suites.py).

What one module cannot tell about itself is answered here: which test classes inherit
async tests from a class defined in another module (through imports and package
re-exports, resolved by the name resolver, never by spelling), and which of those tests
strict mode would stop running.

The index stays cheap: bytes pre-filter every file, and only test modules that subclass
something are parsed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from asyncio_migrate.analysis.markers import (
    MARKLESS_BASES,
    UNITTEST_BASES,
    ClassInfo,
    Mark,
    MarkerModel,
    analyse,
    decorator_marks,
    fixture_decorator_name,
    fixture_name,
    is_fixture,
    read_mark,
)
from asyncio_migrate.analysis.names import Scope, module_scope, walk_statements
from asyncio_migrate.analysis.plugins import FOREIGN_MARKS, requested_anyio_fixtures
from asyncio_migrate.config.pytest_config import CollectionRules
from asyncio_migrate.results import Diagnostic, Severity

CODEMOD_ID = "project"

# Pre-filter: a test module whose classes subclass nothing cannot inherit tests.
_SUBCLASS = re.compile(rb"^[ \t]*class\s+\w+\s*\(\s*[A-Za-z_]", re.MULTILINE)

T = TypeVar("T")


# --- test classes across modules --------------------------------------------------------------


@dataclass(frozen=True)
class InheritedTests:
    """Async tests strict mode would stop running in a subclass defined in another module."""

    # Real path of the defining module -> (class, method) pairs to mark there.
    to_mark: dict[str, frozenset[tuple[str, str]]]
    # What cannot be accounted for: blockers of a switch to strict mode.
    problems: list[Diagnostic]
    # Real path of a test module -> its test classes whose bases from other modules carry no
    # class mark that matters (see markers.analyse's neutral_bases).
    neutral_bases: dict[str, frozenset[str]]
    # Real path of a test module -> its test classes that are unittest.TestCase subclasses
    # through a base of another module: pytest's unittest plugin runs their tests, pytest-asyncio
    # none of them in either mode, so they need no mark (see markers.analyse's unittest_bases).
    unittest_classes: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class _Module:
    path: Path
    module: cst.Module
    scope: Scope
    model: MarkerModel


class _Modules:
    """Parsed modules of the project, each once; module names resolved to files the way
    pytest's default import mode makes them importable (from the rootdir of their package,
    the suite's rootdir, or its src/)."""

    def __init__(self, rules: CollectionRules, default_loop_scope: str, roots: Sequence[Path]) -> None:
        self.rules = rules
        self.default_loop_scope = default_loop_scope
        self.roots = list(roots)
        self._parsed: dict[str, _Module | None] = {}

    def load(self, path: Path) -> _Module | None:
        key = os.path.realpath(path)
        if key not in self._parsed:
            self._parsed[key] = self._parse(path)
        return self._parsed[key]

    def _parse(self, path: Path) -> _Module | None:
        try:
            source = path.read_bytes()
            module = cst.parse_module(source)
            scope = module_scope(module, source, str(path))
        except Exception:  # noqa: BLE001  (libcst raises more than ParserSyntaxError; the engine reports it)
            return None
        model = analyse(module, scope, self.rules, self.default_loop_scope, b"pytestmark" in source)
        return _Module(path, module, scope, model)

    def file_of(self, qualified: str, importer: Path) -> tuple[Path, str] | None:
        """The file defining module-level name ``qualified`` (``pkg.mod.Name``, or relative
        ``..mod.Name`` from ``importer``), and the name in it."""
        module_name, _, name = qualified.rpartition(".")
        if not module_name:
            return None
        if module_name.startswith("."):
            dots = len(module_name) - len(module_name.lstrip("."))
            folder = Path(os.path.abspath(importer)).parent
            for _ in range(dots - 1):
                folder = folder.parent
            parts = [part for part in module_name[dots:].split(".") if part]
            return _module_file(folder, parts, name)
        parts = module_name.split(".")
        for root in [_package_root(importer), *self.roots]:
            found = _module_file(root, parts, name)
            if found is not None:
                return found
        return None


def _module_file(folder: Path, parts: list[str], name: str) -> tuple[Path, str] | None:
    target = folder.joinpath(*parts)
    for candidate in (target.with_suffix(".py") if parts else None, target / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate, name
    return None


def _package_root(path: Path) -> Path:
    """The first folder up from ``path`` without ``__init__.py`` (what pytest puts on sys.path)."""
    folder = Path(os.path.abspath(path)).parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder


@dataclass(frozen=True)
class _Base:
    """A class resolved to its definition."""

    module: _Module
    info: ClassInfo


def _bases(info: ClassInfo, module: _Module, modules: _Modules) -> Iterator[tuple[_Base | None, str]]:
    """Each base of ``info`` that may carry marks or tests, resolved (None: not found; with its source)."""
    scope = info.scope.parent
    assert scope is not None
    earlier = module.model.classes[: module.model.classes.index(info)]
    for arg in info.node.bases:
        if arg.keyword is not None:
            continue
        source = cst.Module([]).code_for_node(arg.value)
        if isinstance(arg.value, cst.Name):
            local = [each for each in earlier if each.parent is None and each.node.name.value == arg.value.value]
            if local:
                yield _Base(module, local[-1]), source
                continue
            if arg.value.value == "object" and scope.is_builtin("object"):
                continue
        qualified = scope.qualified_name(arg.value)
        if qualified in MARKLESS_BASES or qualified in UNITTEST_BASES:
            continue
        yield (_resolve_class(qualified, module.path, modules, 0) if qualified else None), source


def _resolve_class(qualified: str, importer: Path, modules: _Modules, depth: int) -> _Base | None:
    """Follow ``qualified`` to the class statement, through package re-exports."""
    if depth > 8:
        return None
    found = modules.file_of(qualified, importer)
    if found is None:
        return None
    path, name = found
    module = modules.load(path)
    if module is None:
        return None
    for info in reversed(module.model.classes):
        if info.parent is None and info.node.name.value == name:
            return _Base(module, info)
    reexported = module.scope.resolve(name)
    return _resolve_class(reexported, path, modules, depth + 1) if reexported else None


def inherited_tests(test_files: Sequence[Path], rules: CollectionRules, default_loop_scope: str,
                    roots: Sequence[Path]) -> InheritedTests:
    """For each collected test class that inherits from a class of another module: the async
    test methods it collects that no asyncio mark reaches once strict mode is on."""
    modules = _Modules(rules, default_loop_scope, roots)
    to_mark: dict[str, set[tuple[str, str]]] = {}
    neutral: dict[str, set[str]] = {}
    unittest_classes: dict[str, set[str]] = {}
    problems: list[Diagnostic] = []
    for path in test_files:
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if not _SUBCLASS.search(source):
            continue
        here = modules.load(path)
        if here is None:
            continue
        for cls in here.model.classes:
            if not cls.is_collected or cls.is_unittest or cls.parent is not None or None not in cls.bases:
                continue
            try:
                mro = list(_mro(_Base(here, cls), modules))
            except _Unresolved as unresolved:
                problems.append(_problem(here, cls.node, (
                    f"{cls.node.name.value} inherits from {unresolved.source}, which asyncio-migrate cannot find "
                    "in the project: the async tests it may inherit cannot be accounted for. Mark them by hand "
                    "where they are defined (then use --force)"
                )))
                continue
            if any(holder.info.is_unittest for holder in mro[1:]):
                unittest_classes.setdefault(os.path.realpath(path), set()).add(cls.node.name.value)
                continue
            chain = _class_chain(mro)
            if all(_is_neutral(holder) for holder in mro if holder.module is not here):
                neutral.setdefault(os.path.realpath(path), set()).add(cls.node.name.value)
            own = {statement.name.value for statement in cls.node.body.body if isinstance(statement, cst.FunctionDef)}
            for method, defining in _async_test_methods(mro[1:], rules, own):
                if defining.module is here:
                    continue  # add-asyncio-marks sees it in this module
                verdict = _strict_verdict(method, defining, chain, here)
                if verdict == "mark":
                    key = os.path.realpath(defining.module.path)
                    to_mark.setdefault(key, set()).add((defining.info.node.name.value, method.name.value))
                elif verdict != "marked":
                    problems.append(_problem(here, cls.node, (
                        f"{cls.node.name.value} collects {method.name.value} from {defining.module.path}, and "
                        f"{verdict}: strict mode may stop running it. Mark it by hand where it is defined "
                        "(then use --force)"
                    )))
    return InheritedTests(
        {key: frozenset(pairs) for key, pairs in to_mark.items()},
        problems,
        {key: frozenset(names) for key, names in neutral.items()},
        {key: frozenset(names) for key, names in unittest_classes.items()},
    )


def _is_neutral(holder: _Base) -> bool:
    """The class's own marks cannot decide, or hide, which plugin runs a test."""
    return not holder.info.level.unknown_reason and not any(
        mark.is_asyncio or mark.is_unknown or mark.name in FOREIGN_MARKS for mark in holder.info.own_marks()
    )


class _Unresolved(Exception):
    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.source = source


def _mro(base: _Base, modules: _Modules, depth: int = 0) -> Iterator[_Base]:
    """``base`` and its bases, depth first (enough for the single inheritance of test classes)."""
    yield base
    if depth > 16:
        raise _Unresolved(base.info.node.name.value)
    for resolved, source in _bases(base.info, base.module, modules):
        if resolved is None:
            raise _Unresolved(source)
        yield from _mro(resolved, modules, depth + 1)


def _class_chain(mro: Sequence[_Base]) -> list[Mark | None]:
    """The class-level marks a test collected in ``mro[0]`` gets, in pytest's order (bases first)."""
    entries: list[Mark | None] = []
    for holder in reversed(mro):
        if holder.info.level.unknown_reason:
            entries.append(None)
        entries.extend(mark for mark in holder.info.own_marks() if mark not in entries)
    return entries


def _async_test_methods(
    mro: Sequence[_Base], rules: CollectionRules, own: set[str]
) -> Iterator[tuple[cst.FunctionDef, _Base]]:
    """Test-named async methods the bases bring, the first definition in the MRO winning."""
    seen = set(own)
    for holder in mro:
        for statement in holder.info.node.body.body:
            if not isinstance(statement, cst.FunctionDef) or statement.name.value in seen:
                continue
            seen.add(statement.name.value)
            if (
                statement.asynchronous is not None
                and rules.is_test_function(statement.name.value)
                and not is_fixture(statement.decorators, holder.info.scope)
            ):
                yield statement, holder


def _strict_verdict(method: cst.FunctionDef, defining: _Base, class_chain: list[Mark | None], here: _Module) -> str:
    """"marked" when an asyncio mark (or another plugin) reaches the test where it is collected,
    "mark" when a bare mark on the method is what it needs, else why neither can be told."""
    own = decorator_marks(method.decorators, defining.info.scope)
    if requested_anyio_fixtures(method):
        return "marked"  # anyio runs it, in either mode
    # pytest's order: the method's marks, the collecting class's (its MRO, bases included),
    # the collecting module's pytestmark. The defining module's pytestmark does not follow.
    chain: list[Mark | None] = [*own, *class_chain]
    if here.model.module_level.unknown_reason:
        chain.append(None)
    chain.extend(here.model.module_level.marks)
    for entry in chain:
        if entry is None or entry.is_unknown:
            return "its marks cannot all be read"
        if entry.is_asyncio or entry.name in FOREIGN_MARKS:
            return "marked"
    return "mark"


def _problem(here: _Module, node: cst.CSTNode, message: str) -> Diagnostic:
    positions = MetadataWrapper(here.module, unsafe_skip_copy=True).resolve(PositionProvider)
    line = positions[node].start.line if node in positions else 0
    return Diagnostic(here.path, line, 1, CODEMOD_ID, message, Severity.BLOCKER)


# --- fixtures and the marks their params carry -------------------------------------------------


@dataclass(frozen=True)
class ParamMarks:
    """The marks each param of a fixture gives the tests that request it: the names of a
    ``pytest.param(..., marks=...)``'s marks, None where they cannot be read. No params: a
    fixture that is not parametrized, or whose params are not a literal list."""

    per_param: tuple[frozenset[str] | None, ...] = ()
    literal: bool = True  # False: params given otherwise than as a literal list or tuple

    @property
    def unreadable(self) -> bool:
        """Whether some param may carry marks that cannot be read."""
        return not self.literal or None in self.per_param

    def runs_every_param(self) -> bool:
        """Whether each run through a param is marked for pytest-asyncio or another async plugin
        (in strict mode too)."""
        return bool(self.per_param) and all(
            marks is not None and ("asyncio" in marks or not marks.isdisjoint(FOREIGN_MARKS)) for marks in self.per_param
        )


def module_fixtures(
    module: cst.Module,
    scope: Scope,
    read: Callable[[cst.FunctionDef, Scope, str], T],
    unclaimed: T,
    *,
    other_bindings: bool = False,
) -> dict[str, T] | None:
    """The fixtures a module defines at module level, by name, each as ``read`` reads it:
    ``unclaimed`` for a fixture defined twice (if/else) or whose name is also imported or
    assigned, which may hold a fixture too (which one pytest takes is not told here); None when
    a fixture's name cannot be read, or a star import may bring any.

    ``other_bindings``: also list every other name the module imports or assigns, as
    ``unclaimed``. That reads every symbol of the module, which symtable makes quadratic in its
    functions: for small modules such as conftest.py (a test module asks per name).
    """
    if scope.star_imports:
        return None
    defined: dict[str, list[T]] = {}
    fixture_functions: set[str] = set()
    for statement, statement_scope in walk_statements(module.body, scope):
        if statement_scope is not scope or not isinstance(statement, cst.FunctionDef):
            continue
        if is_fixture(statement.decorators, scope):
            name = fixture_name(statement, scope)
            if name is None:
                return None
            defined.setdefault(name, []).append(read(statement, scope, name))
            fixture_functions.add(statement.name.value)
    found: dict[str, T] = {}
    if other_bindings:
        found = dict.fromkeys(
            (symbol.get_name() for symbol in scope.table.get_symbols()
             if (symbol.is_assigned() or symbol.is_imported()) and symbol.get_name() not in fixture_functions),
            unclaimed,
        )
    for name, definitions in defined.items():
        single = len(definitions) == 1 and not _bound_otherwise(scope, name, fixture_functions)
        found[name] = definitions[0] if single else unclaimed
    return found


def fixture_param_marks(module: cst.Module, scope: Scope) -> dict[str, ParamMarks] | None:
    """The fixtures a module defines at module level with their params' marks (see module_fixtures)."""
    return module_fixtures(module, scope, param_marks, ParamMarks())


def _bound_otherwise(scope: Scope, name: str, fixture_functions: set[str]) -> bool:
    """Whether ``name`` is imported or assigned in the module other than by a fixture's def."""
    if name in fixture_functions:
        return False
    try:
        symbol = scope.table.lookup(name)
    except KeyError:
        return False
    return symbol.is_assigned() or symbol.is_imported()


def param_marks(function: cst.FunctionDef, scope: Scope, name: str = "") -> ParamMarks:
    """The marks each param of fixture ``function`` carries."""
    for decorator in function.decorators:
        call = decorator.decorator
        if not isinstance(call, cst.Call) or fixture_decorator_name(decorator, scope) is None:
            continue
        params = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "params"), None)
        if params is None:
            return ParamMarks()
        if isinstance(params, (cst.List, cst.Tuple)) and all(isinstance(e, cst.Element) for e in params.elements):
            return ParamMarks(tuple(_marks_of_param(element.value, scope) for element in params.elements))
        return ParamMarks(literal=False)
    return ParamMarks()


def _marks_of_param(value: cst.BaseExpression, scope: Scope) -> frozenset[str] | None:
    if not (isinstance(value, cst.Call) and scope.qualified_name(value.func) == "pytest.param"):
        return frozenset()
    marks = next((arg.value for arg in value.args if arg.keyword is not None and arg.keyword.value == "marks"), None)
    if marks is None:
        return frozenset()
    if isinstance(marks, (cst.List, cst.Tuple)):
        if not all(isinstance(e, cst.Element) for e in marks.elements):
            return None
        expressions = [element.value for element in marks.elements]
    else:
        expressions = [marks]
    names = set()
    for expression in expressions:
        mark = read_mark(expression, expression, scope)
        if mark is None or mark.name is None:
            return None
        names.add(mark.name)
    return frozenset(names)


# --- conftest.py chains -------------------------------------------------------------------------

# A conftest.py may bring fixtures no statement of it shows: plugins it loads, a star import.
_PLUGINS_OR_STAR = re.compile(rb"\bpytest_plugins\b|import\s*\*")


@dataclass(frozen=True)
class Nearest(Generic[T]):
    """What the conftest.py files above a file give it for one fixture name."""

    known: bool  # False: a conftest.py on the way cannot be read, or was not among the files read
    conftest: str | None = None  # the nearest conftest.py that defines the name (None: none does)
    fixture: T | None = None  # what was read of its fixture


@dataclass(frozen=True)
class ConftestFixtures(Generic[T]):
    """The module-level fixtures of a suite's conftest.py files, as a survey read them (plain
    data: surveys go to worker processes). Absolute path of each conftest.py -> fixture name ->
    what was read (see module_fixtures); None for one whose fixtures cannot all be told (it does
    not parse, a fixture's name is not a literal, a star import, pytest_plugins)."""

    by_conftest: dict[str, dict[str, T] | None] = field(default_factory=dict)

    def nearest(self, path: Path, name: str) -> Nearest[T]:
        """Fixture ``name`` as a test or fixture in ``path`` gets it from the conftest.py files
        above it (pytest's lookup, each folder up from the file's, the path as given)."""
        path = Path(os.path.abspath(path))
        for folder in path.parents:
            conftest = folder / "conftest.py"
            if conftest == path:
                continue  # a conftest.py's own fixtures are its module's business
            fixtures = self.by_conftest.get(str(conftest), {} if not conftest.exists() else None)
            if fixtures is None:
                return Nearest(known=False)
            if name in fixtures:
                return Nearest(True, str(conftest), fixtures[name])
        return Nearest(known=True)


def conftest_fixtures(
    files: Sequence[Path], read: Callable[[cst.FunctionDef, Scope, str], T], unclaimed: T
) -> ConftestFixtures[T]:
    """The fixtures every conftest.py among ``files`` defines, each as ``read`` reads it."""
    return ConftestFixtures({
        os.path.abspath(path): _fixtures_of(path, read, unclaimed) for path in files if path.name == "conftest.py"
    })


def _fixtures_of(path: Path, read: Callable[[cst.FunctionDef, Scope, str], T], unclaimed: T) -> dict[str, T] | None:
    try:
        source = path.read_bytes()
        module = cst.parse_module(source)
        scope = module_scope(module, source, str(path))
    except Exception:  # noqa: BLE001  (unreadable: the engine reports the file)
        return None
    if _PLUGINS_OR_STAR.search(source):
        return None
    return module_fixtures(module, scope, read, unclaimed, other_bindings=True)
