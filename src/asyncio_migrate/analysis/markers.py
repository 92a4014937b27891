"""Marker analysis: which marks apply to which test, and which asyncio mark pytest-asyncio uses.

pytest-asyncio reads ``item.get_closest_marker("asyncio")``. pytest lists a test's marks
as: the function's own marks (decorators bottom-up), then its class's marks (for each class
of the MRO from the most basic one: ``pytestmark`` of the body, then class decorators
bottom-up), then the module's ``pytestmark``. The first asyncio mark wins and the arguments
of the others are ignored. :class:`MarkerModel` builds that list for every test of a module
so a codemod can ask whether adding or removing a mark changes any test's loop settings.

Anything we cannot see statically (an unresolvable decorator, a ``pytestmark`` built at run
time, a base class from another module) becomes an :data:`UNKNOWN` entry, and an answer
that depends on it is "not safe".
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace

import libcst as cst

from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.config.pytest_config import CollectionRules

PYTEST_FIXTURE = "pytest.fixture"
PYTEST_ASYNCIO_FIXTURE = "pytest_asyncio.fixture"
_MARK_PREFIX = "pytest.mark."
# pytest's fixture scopes, narrowest first (also the loop scopes pytest-asyncio accepts).
SCOPES = ("function", "class", "module", "package", "session")
# Base classes known to carry no pytest marks.
MARKLESS_BASES = {"object", "abc.ABC"}
# unittest.TestCase and library subclasses of it: pytest's unittest plugin runs their tests,
# pytest-asyncio none of them, in either mode.
UNITTEST_BASES = {
    "unittest.TestCase",
    "unittest.case.TestCase",
    "unittest.IsolatedAsyncioTestCase",
    "unittest.async_case.IsolatedAsyncioTestCase",
    "aiohttp.test_utils.AioHTTPTestCase",
    "asynctest.TestCase",
    "asynctest.case.TestCase",
    "django.test.SimpleTestCase",
    "django.test.TransactionTestCase",
    "django.test.TestCase",
}


@dataclass(frozen=True)
class LoopSettings:
    """What an asyncio mark decides: the loop scope and the loop factories (as source)."""

    loop_scope: str
    loop_factories: str | None = None
    # Set through the deprecated `scope=`: pytest-asyncio warns (an error under
    # filterwarnings = error), so a change that makes such a mark decide is not neutral.
    deprecated_scope: bool = False


@dataclass(eq=False)
class Mark:
    """One mark as pytest stores it, with the syntax it came from."""

    node: cst.CSTNode  # the Decorator, or the element of a pytestmark list/tuple/value
    expression: cst.BaseExpression
    name: str | None  # "asyncio", "slow", ...; None when it cannot be told statically
    arguments: Sequence[cst.Arg] = ()

    @property
    def is_asyncio(self) -> bool:
        return self.name == "asyncio"

    @property
    def is_unknown(self) -> bool:
        return self.name is None

    def keyword(self, name: str) -> cst.Arg | None:
        return next((arg for arg in self.arguments if arg.keyword and arg.keyword.value == name), None)

    def literal(self, name: str) -> str | None:
        arg = self.keyword(name)
        if arg is not None and isinstance(arg.value, cst.SimpleString):
            value = arg.value.evaluated_value
            return value if isinstance(value, str) else None
        return None

    def carries_information(self, default_loop_scope: str) -> bool:
        """False for ``asyncio``, ``asyncio()`` and ``asyncio(loop_scope=<the default>)``."""
        if not self.arguments:
            return False
        if len(self.arguments) == 1 and self.keyword("loop_scope") is not None:
            return self.literal("loop_scope") != default_loop_scope
        return True

    def settings(self, default_loop_scope: str) -> LoopSettings | None:
        """The loop settings this mark gives a test, None when not statically known."""
        factories = self.keyword("loop_factories")
        for arg in self.arguments:
            if arg.keyword is None or arg.keyword.value not in ("loop_scope", "scope", "loop_factories"):
                return None
        scope_arg = self.keyword("loop_scope") or self.keyword("scope")
        loop_scope = default_loop_scope
        if scope_arg is not None:
            literal = self.literal(scope_arg.keyword.value)  # type: ignore[union-attr]
            if literal is None:
                return None
            loop_scope = literal
        factories_code = None if factories is None else cst.Module([]).code_for_node(factories.value)
        return LoopSettings(loop_scope, factories_code, deprecated_scope=self.keyword("scope") is not None)


def read_mark(node: cst.CSTNode, expression: cst.BaseExpression, scope: Scope) -> Mark | None:
    """The mark ``expression`` applies, or None when it is certainly not a pytest mark."""
    call = expression if isinstance(expression, cst.Call) else None
    target = call.func if call is not None else expression
    qualified = scope.qualified_name(target)
    arguments = call.args if call is not None else ()
    if qualified is None:
        if isinstance(target, cst.Name) and scope.is_builtin(target.value):
            return None  # @staticmethod, @classmethod, @property
        return Mark(node, expression, None, arguments)
    if qualified.startswith(_MARK_PREFIX) and "." not in qualified[len(_MARK_PREFIX) :]:
        return Mark(node, expression, qualified[len(_MARK_PREFIX) :], arguments)
    return None  # imported from elsewhere: a decorator, not a mark


def decorator_marks(decorators: Sequence[cst.Decorator], scope: Scope) -> list[Mark]:
    """Marks of a function or class in pytest's order (the decorator nearest ``def`` first)."""
    marks = []
    for decorator in reversed(decorators):
        mark = read_mark(decorator, decorator.decorator, scope)
        if mark is not None:
            marks.append(mark)
    return marks


def is_fixture(decorators: Sequence[cst.Decorator], scope: Scope) -> bool:
    return any(fixture_decorator_name(decorator, scope) for decorator in decorators)


def asyncio_marks_on_fixture(function: cst.FunctionDef, scope: Scope) -> list[Mark]:
    """The asyncio marks stacked on ``function`` if it is a fixture (in either order)."""
    if not is_fixture(function.decorators, scope):
        return []
    return [mark for mark in decorator_marks(function.decorators, scope) if mark.is_asyncio]


def fixture_name(function: cst.FunctionDef, scope: Scope) -> str | None:
    """The name pytest knows a fixture by (``name=`` or the function's); None when ``function`` is
    not a fixture or its ``name=`` is not a string literal."""
    for decorator in function.decorators:
        if fixture_decorator_name(decorator, scope) is None:
            continue
        call = decorator.decorator
        for arg in call.args if isinstance(call, cst.Call) else ():
            if arg.keyword is not None and arg.keyword.value == "name":
                value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                return value if isinstance(value, str) else None
        return function.name.value
    return None


def fixture_decorator_name(decorator: cst.Decorator, scope: Scope) -> str | None:
    """``pytest.fixture`` or ``pytest_asyncio.fixture`` when the decorator is one of them."""
    expression = decorator.decorator
    target = expression.func if isinstance(expression, cst.Call) else expression
    qualified = scope.qualified_name(target)
    return qualified if qualified in (PYTEST_FIXTURE, PYTEST_ASYNCIO_FIXTURE) else None


@dataclass(eq=False)
class PytestmarkHolder:
    """A ``pytestmark = ...`` statement whose marks we can read."""

    statement: cst.SimpleStatementLine
    value: cst.BaseExpression
    marks: list[Mark]


def _pytestmark_target(small: cst.BaseSmallStatement) -> cst.BaseExpression | None:
    if isinstance(small, cst.Assign):
        for target in small.targets:
            if isinstance(target.target, cst.Name) and target.target.value == "pytestmark":
                return small.value if len(small.targets) == 1 else None
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
        if small.target.value == "pytestmark" and small.value is not None:
            return small.value
    return None


def _mentions_pytestmark(node: cst.CSTNode) -> bool:
    return "pytestmark" in cst.Module([]).code_for_node(node)


@dataclass(eq=False)
class Level:
    """The marks one module or class body contributes to each of its tests."""

    holder: PytestmarkHolder | None = None
    marks: list[Mark] = field(default_factory=list)
    # The marks cannot be read completely (pytestmark built at run time, changed later...).
    unknown_reason: str | None = None


def read_level(body: Sequence[cst.BaseStatement], scope: Scope, mentions_pytestmark: bool) -> Level:
    """The ``pytestmark`` of a module or class body.

    ``mentions_pytestmark`` is whether the file's bytes contain the word at all; without it
    there is nothing to read and no statement needs rendering to be checked.
    """
    holders: list[PytestmarkHolder] = []
    level = Level()
    if not mentions_pytestmark:
        return level
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                value = _pytestmark_target(small)
                if value is not None:
                    if len(statement.body) != 1:
                        level.unknown_reason = "pytestmark shares its line with other statements"
                    holders.append(PytestmarkHolder(statement, value, _marks_of_value(value, scope)))
                elif _mentions_pytestmark(small):
                    level.unknown_reason = "pytestmark is changed after it is assigned"
        elif not isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and _mentions_pytestmark(statement):
            level.unknown_reason = "pytestmark is set inside a compound statement"
    if len(holders) > 1:
        level.unknown_reason = "pytestmark is assigned more than once"
        level.holder = holders[-1]
    elif holders:
        level.holder = holders[0]
        if any(mark.is_unknown for mark in holders[0].marks):
            level.unknown_reason = level.unknown_reason or "pytestmark holds a value that is not a literal mark"
        level.marks = holders[0].marks
    return level


def _marks_of_value(value: cst.BaseExpression, scope: Scope) -> list[Mark]:
    if isinstance(value, (cst.List, cst.Tuple)):
        marks = []
        for element in value.elements:
            if isinstance(element, cst.StarredElement):
                marks.append(Mark(element, element.value, None))
                continue
            mark = read_mark(element, element.value, scope)
            marks.append(mark if mark is not None else Mark(element, element.value, None))
        return marks
    mark = read_mark(value, value, scope)
    return [mark if mark is not None else Mark(value, value, None)]


@dataclass(eq=False)
class ClassInfo:
    node: cst.ClassDef
    scope: Scope  # the class body's scope
    level: Level
    decorator_marks: list[Mark]
    bases: list[ClassInfo | None]  # None: a base we cannot see (another module)
    is_unittest: bool
    is_collected: bool
    parent: ClassInfo | None = None  # the class this one is nested in
    # For a nested class pytest also collects inside a subclass of its enclosing class
    # (`class TestSub(TestBase)` collects `TestSub::Inner`): the class as written.
    original: ClassInfo | None = None

    @property
    def qualified_name(self) -> str:
        """``Outer::Inner``, as in a test id."""
        name = self.node.name.value
        return name if self.parent is None else f"{self.parent.qualified_name}::{name}"

    def own_marks(self) -> list[Mark]:
        return [*self.level.marks, *self.decorator_marks]

    def chain(self) -> list[Mark | None]:
        """Class-level marks in pytest's order, None standing for marks we cannot see."""
        entries: list[Mark | None] = []
        for base in self.bases:
            if base is None:
                entries.append(None)
            else:
                entries.extend(entry for entry in base.chain() if entry not in entries)
        if self.level.unknown_reason:
            entries.append(None)
        entries.extend(self.own_marks())
        return entries


@dataclass(eq=False)
class TestInfo:
    """One test function as pytest would collect it, in one class (or the module)."""

    node: cst.FunctionDef
    scope: Scope  # where its decorators are evaluated
    cls: ClassInfo | None  # the collecting class
    marks: list[Mark]

    @property
    def is_async(self) -> bool:
        return self.node.asynchronous is not None

    @property
    def qualified_name(self) -> str:
        """The test's name in its test id: ``TestClass::test_name`` or ``test_name``."""
        name = self.node.name.value
        return name if self.cls is None else f"{self.cls.qualified_name}::{name}"


@dataclass
class MarkerModel:
    """Every test of a module with the marks that apply to it."""

    module: cst.Module
    module_level: Level
    classes: list[ClassInfo]
    tests: list[TestInfo]
    default_loop_scope: str
    # Tests by the id() of each class whose marks they inherit (see tests_under).
    _tests_by_holder: dict[int, list[TestInfo]] | None = field(default=None, repr=False, compare=False)

    def chain(self, test: TestInfo) -> list[Mark | None]:
        entries: list[Mark | None] = [*test.marks]
        if any(mark.is_unknown for mark in test.marks):
            entries.append(None)  # an unreadable decorator may be a mark in any position
        # pytest walks up from the test: its class, the classes that class is nested in, ...
        cls = test.cls
        while cls is not None:
            entries.extend(cls.chain())
            cls = cls.parent
        if self.module_level.unknown_reason:
            entries.append(None)
        entries.extend(self.module_level.marks)
        return entries

    def closest_asyncio(self, chain: Sequence[Mark | None], without: Collection[Mark] = ()) -> Mark | None | str:
        """The asyncio mark pytest would pick; "none" if there is none; None if unknowable."""
        for entry in chain:
            if entry is not None and entry in without:  # marks compare by identity
                continue
            if entry is None or entry.is_unknown:
                return None
            if entry.is_asyncio:
                return entry
        return "none"

    def settings(self, chain: Sequence[Mark | None], without: Collection[Mark] = ()) -> LoopSettings | None:
        """A test's loop settings under auto mode (None: not statically known).

        An async test with no asyncio mark runs with the default settings in auto mode.
        """
        closest = self.closest_asyncio(chain, without)
        if closest is None:
            return None
        if closest == "none":
            return LoopSettings(self.default_loop_scope)
        assert isinstance(closest, Mark)
        return closest.settings(self.default_loop_scope)

    def removal_keeps_settings(self, removed: AbstractSet[Mark], tests: Sequence[TestInfo]) -> bool:
        """True when every test keeps its loop settings if all of ``removed`` go.

        A set, not a list: a module's marks are checked one by one against all chosen so far.
        """
        for test in tests:
            chain = self.chain(test)
            if not any(entry in removed for entry in chain):
                continue
            before = self.settings(chain)
            if before is None or before != self.settings(chain, without=removed):
                return False
        return True

    def tests_under(self, holder: ClassInfo | None) -> list[TestInfo]:
        """Tests whose chain includes the marks of ``holder`` (None: the module)."""
        if holder is None:
            return self.tests
        if self._tests_by_holder is None:  # one pass over the tests, not one per class
            self._tests_by_holder = {}
            for test in self.tests:
                holders = {id(each.original or each) for cls in enclosing(test.cls) for each in mro(cls)}
                for each in holders:
                    self._tests_by_holder.setdefault(each, []).append(test)
        return list(self._tests_by_holder.get(id(holder), []))


def enclosing(cls: ClassInfo | None) -> Iterator[ClassInfo]:
    """``cls`` and the classes it is nested in, innermost first."""
    while cls is not None:
        yield cls
        cls = cls.parent


def mro(cls: ClassInfo) -> Iterator[ClassInfo]:
    """``cls`` and the classes of this module it inherits from, depth first (as far as known)."""
    yield cls
    for base in cls.bases:
        if base is not None:
            yield from mro(base)


def analyse(
    module: cst.Module,
    scope: Scope,
    rules: CollectionRules,
    default_loop_scope: str,
    mentions_pytestmark: bool,
    neutral_bases: Collection[str] = (),
    unittest_bases: Collection[str] = (),
) -> MarkerModel:
    """Build the :class:`MarkerModel` of a module (test functions and test classes only).

    ``neutral_bases``: module-level classes whose bases from other modules are known (by the
    project index) to give their tests no asyncio, unreadable or other plugin's mark.
    ``unittest_bases``: module-level classes known (by the project index) to be
    unittest.TestCase subclasses through a base of another module.
    """
    module_level = read_level(module.body, scope, mentions_pytestmark)
    classes_by_name: dict[str, ClassInfo | None] = {}
    classes: list[ClassInfo] = []
    tests: list[TestInfo] = []
    methods: dict[int, list[TestInfo]] = {}  # test-named methods by id() of their ClassInfo
    class_of_scope: dict[int, ClassInfo] = {}

    for statement, statement_scope in walk_statements(module.body, scope):
        parent_class = class_of_scope.get(id(statement_scope))
        if isinstance(statement, cst.ClassDef):
            class_scope = statement_scope.scope_of_class(statement)
            bases = [_base_class(arg, statement_scope, classes_by_name) for arg in statement.bases]
            if parent_class is None and statement.name.value in neutral_bases:
                bases = [base for base in bases if base is not None]
            qualified_bases = {statement_scope.qualified_name(arg.value) for arg in statement.bases}
            info = ClassInfo(
                node=statement,
                scope=class_scope,
                level=read_level(statement.body.body, class_scope, mentions_pytestmark),
                decorator_marks=decorator_marks(statement.decorators, statement_scope),
                bases=[base for base in bases if base is not _MARKLESS],
                is_unittest=bool(qualified_bases & UNITTEST_BASES)
                or any(isinstance(base, ClassInfo) and base.is_unittest for base in bases)
                or (parent_class is None and statement.name.value in unittest_bases),
                is_collected=_is_test_class(statement, rules) and (parent_class is None or parent_class.is_collected),
                parent=parent_class,
            )
            if parent_class is None:  # only module-level classes can be bases of later ones
                classes_by_name[statement.name.value] = info
            class_of_scope[id(class_scope)] = info
            classes.append(info)
        elif isinstance(statement, cst.FunctionDef):
            if not rules.is_test_function(statement.name.value):
                continue
            if is_fixture(statement.decorators, statement_scope):
                continue
            marks = decorator_marks(statement.decorators, statement_scope)
            if parent_class is None:
                tests.append(TestInfo(statement, statement_scope, None, marks))
            else:
                methods.setdefault(id(parent_class), []).append(TestInfo(statement, statement_scope, None, marks))

    # A nested class is collected again inside each subclass of its enclosing class, where
    # that subclass's marks come between its own and the module's.
    contexts = list(classes)
    for nested in classes:
        for other in classes:
            if nested.parent is not None and other is not nested.parent and nested.parent in mro(other):
                contexts.append(
                    replace(
                        nested,
                        parent=other,
                        original=nested,
                        is_collected=other.is_collected and _is_test_class(nested.node, rules),
                    )
                )

    # A test method is collected in every collected class that has it, its own or inherited
    # (also from a mixin that is not collected itself); a subclass's method overrides.
    for cls in contexts:
        if not cls.is_collected or cls.is_unittest:
            continue
        seen: set[str] = set()
        for holder in mro(cls):
            for method in methods.get(id(holder.original or holder), []):
                if method.node.name.value not in seen:
                    seen.add(method.node.name.value)
                    tests.append(TestInfo(method.node, method.scope, cls, method.marks))

    return MarkerModel(module, module_level, classes, tests, default_loop_scope)


_MARKLESS = object()


def _is_test_class(node: cst.ClassDef, rules: CollectionRules) -> bool:
    """A class pytest collects tests from, wherever it is nested: a python_classes name, no
    ``__init__``, no ``__test__ = False``."""
    if not rules.is_test_class(node.name.value):
        return False
    for statement in node.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "__init__":
            return False
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if (
                    isinstance(small, cst.Assign)
                    and any(isinstance(t.target, cst.Name) and t.target.value == "__test__" for t in small.targets)
                    and not (isinstance(small.value, cst.Name) and small.value.value == "True")
                ):
                    return False
    return True


def _base_class(arg: cst.Arg, scope: Scope, known: dict[str, ClassInfo | None]) -> ClassInfo | None | object:
    if arg.keyword is not None:  # metaclass=...
        return _MARKLESS
    if isinstance(arg.value, cst.Name) and arg.value.value in known:
        return known[arg.value.value]
    if isinstance(arg.value, cst.Name) and arg.value.value == "object" and scope.is_builtin("object"):
        return _MARKLESS
    qualified = scope.qualified_name(arg.value)
    if qualified in MARKLESS_BASES or qualified in UNITTEST_BASES:
        return _MARKLESS
    return None
