"""Exact name resolution through imports and scopes, at a fraction of libcst's metadata cost.

The question every codemod asks is "does this decorator or ``pytestmark`` value refer to
``pytest.mark.asyncio`` (or ``pytest_asyncio.fixture``, ...)?". libcst's
QualifiedNameProvider answers it exactly but costs several times a parse. We answer it from
CPython's own symbol table (the compiler's view of which name is bound where, built in C)
plus the import statements of the scope: a name resolves to an import only when every
binding of that name in its scope is an import of the same thing. Anything else (a
parameter, an assignment, ``del``, a ``global`` rebinding, a star import that may come
later) makes the name ambiguous, and an ambiguous name is never rewritten.

Codemods only look at module- and class-level code (decorators and ``pytestmark``), so a
:class:`Scope` exists for the module and for each class reachable through statements.
What names mean inside function bodies is :mod:`asyncio_migrate.analysis.local_names`'s part.
"""

from __future__ import annotations

import symtable
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

# Spellings that name the same public object.
_CANONICAL_PREFIXES = {
    "pytest_asyncio.plugin.fixture": "pytest_asyncio.fixture",
    "_pytest.mark.MARK_GEN": "pytest.mark",
}


class UnsupportedSyntax(Exception):
    """The running Python cannot build a symbol table for this file (newer syntax)."""


def dotted_name(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for an attribute chain of plain names; None for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return None if base is None else f"{base}.{node.attr.value}"
    return None


def is_name(node: cst.CSTNode | None, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def is_docstring(statement: cst.BaseStatement) -> bool:
    """Whether ``statement`` is a string alone on its line (a docstring where it comes first)."""
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def code(node: cst.CSTNode) -> str:
    """``node`` as source text."""
    return cst.Module([]).code_for_node(node)


def excerpt(node: cst.CSTNode) -> str:
    """``node`` on one line, cut to 60 characters (for messages)."""
    text = " ".join(code(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def qualified_from(node: cst.BaseExpression, resolve: Callable[[str], str | None]) -> str | None:
    """What the dotted name ``node`` means when its first name means ``resolve(name)``
    (``pytest.mark.asyncio`` for ``mark.asyncio`` after ``from pytest import mark``), in the
    public spelling; None for anything but a dotted name whose first name resolves."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    target = resolve(head)
    if target is None:
        return None
    qualified = f"{target}.{rest}" if rest else target
    for prefix, canonical in _CANONICAL_PREFIXES.items():
        if qualified == prefix or qualified.startswith(prefix + "."):
            qualified = canonical + qualified[len(prefix) :]
    return qualified


def _module_name(node: cst.Attribute | cst.Name) -> str:
    return cst.Module([]).code_for_node(node)


@dataclass
class _Binding:
    qualified: str
    statement_index: int  # index of the top-level statement holding the import
    nested: bool  # inside if/try/with/... rather than directly in the scope body


@dataclass
class Scope:
    """The names of one module or class body, as far as imports go."""

    table: symtable.SymbolTable
    parent: Scope | None
    imports: dict[str, list[_Binding]] = field(default_factory=dict)
    # (statement index, nested) of each `from x import *` in this scope.
    star_imports: list[tuple[int, bool]] = field(default_factory=list)
    _class_tables: dict[str, list[symtable.SymbolTable]] = field(default_factory=dict)
    _class_tables_read: bool = False
    _class_scopes: dict[tuple[str, int], Scope] = field(default_factory=dict)
    # Imports a codemod added to the module (the symbol table predates them).
    added_imports: dict[str, str] = field(default_factory=dict)
    # Class scopes by the id() of the ClassDef node last walked (see walk_statements).
    _scope_of_class: dict[int, Scope] = field(default_factory=dict)

    def resolve(self, name: str) -> str | None:
        """The dotted name ``name`` was imported as, or None if it is anything else."""
        try:
            symbol = self.table.lookup(name)
        except KeyError:
            symbol = None
        if self.parent is not None:  # a class body
            if symbol is not None and symbol.is_local():
                return None  # bound in the class body itself: never an import we trust
            return self.parent.resolve(name)
        if symbol is None:
            return self.added_imports.get(name)
        if not symbol.is_imported():
            return None
        if symbol.is_assigned() or symbol.is_parameter() or symbol.is_declared_global():
            return None
        bindings = self.imports.get(name, [])
        targets = {binding.qualified for binding in bindings}
        if len(targets) != 1:
            return None
        first_import = min(binding.statement_index for binding in bindings)
        for index, nested in self.star_imports:
            # A star import that may run after the explicit import could rebind the name.
            if nested or index >= first_import:
                return None
        return targets.pop()

    def qualified_name(self, node: cst.BaseExpression) -> str | None:
        """``pytest.mark.asyncio`` for ``mark.asyncio`` after ``from pytest import mark``."""
        return qualified_from(node, self.resolve)

    def local_names_for(self, qualified: str, unconditional: bool = False) -> list[str]:
        """Expressions in this scope that spell ``qualified`` (``pytest.fixture`` → ``pt.fixture``).

        ``unconditional``: only names imported at the top level of the scope, so a new use
        cannot rely on an import that runs only sometimes (``if TYPE_CHECKING:``, ``try:``).
        """
        spellings = []
        candidates: set[str] = set()
        scope: Scope | None = self
        while scope is not None:
            candidates |= set(scope.imports) | set(scope.added_imports)
            scope = scope.parent
        for name in candidates:
            target = self.resolve(name)
            if target is None or (unconditional and self._conditional(name)):
                continue
            if target == qualified:
                spellings.append(name)
            elif qualified.startswith(target + "."):
                spellings.append(name + qualified[len(target) :])
        return sorted(spellings, key=lambda spelling: (spelling.count("."), spelling))

    def _conditional(self, name: str) -> bool:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.imports:
                return any(binding.nested for binding in scope.imports[name])
            scope = scope.parent
        return False

    def bound_in_class(self, name: str) -> bool:
        """Whether a class body between here and the module binds ``name`` itself."""
        scope: Scope | None = self
        while scope is not None and scope.parent is not None:
            try:
                if scope.table.lookup(name).is_local():
                    return True
            except KeyError:
                pass
            scope = scope.parent
        return False

    def is_builtin(self, name: str) -> bool:
        """True when ``name`` here can only mean the builtin (nothing binds it)."""
        scope: Scope | None = self
        while scope is not None:
            try:
                symbol = scope.table.lookup(name)
            except KeyError:
                symbol = None
            if symbol is not None and (symbol.is_local() or symbol.is_declared_global()):
                return False
            scope = scope.parent
        return True

    def scope_of_class(self, node: cst.ClassDef) -> Scope:
        """The body scope of a class met by :func:`walk_statements` in this scope."""
        return self._scope_of_class[id(node)]

    def class_scope(self, node: cst.ClassDef, occurrence: int) -> Scope:
        """The scope of the ``occurrence``-th class of that name defined in this scope.

        The symbol table lists class bodies in source order, so the n-th ``class X`` met
        by a statement walk is the n-th ``X`` table.
        """
        name = node.name.value
        key = (name, occurrence)
        if key not in self._class_scopes:
            if not self._class_tables_read:  # one pass over the child tables, not one per class name
                for table in child_tables(self.table):
                    if table_kind(table) == "class":
                        self._class_tables.setdefault(table.get_name(), []).append(table)
                self._class_tables_read = True
            scope = Scope(self._class_tables[name][occurrence], parent=self)
            _collect_imports(node.body.body, scope)
            self._class_scopes[key] = scope
        return self._class_scopes[key]

    def add_import(self, name: str, qualified: str) -> None:
        """Record an import a codemod added at module level, so later codemods resolve it."""
        self.added_imports[name] = qualified


def walk_statements(
    body: Sequence[cst.BaseStatement],
    scope: Scope,
    *,
    _occurrences: dict[str, int] | None = None,
) -> Iterator[tuple[cst.BaseStatement, Scope]]:
    """Every statement run at module or class level, with the scope it runs in.

    Compound statements (if/try/with/for/while/match) are entered, since their bodies
    share the scope; a class is yielded, then its body with the class scope; function
    bodies are not entered.
    """
    # Blocks of one scope share the count of classes met so far (see Scope.class_scope).
    occurrences = {} if _occurrences is None else _occurrences
    for statement in body:
        if isinstance(statement, cst.ClassDef):
            name = statement.name.value
            occurrence = occurrences.get(name, 0)
            occurrences[name] = occurrence + 1
            class_scope = scope.class_scope(statement, occurrence)
            scope._scope_of_class[id(statement)] = class_scope
            yield statement, scope
            yield from walk_statements(statement.body.body, class_scope)
        else:
            yield statement, scope
            for block in same_scope_blocks(statement):
                yield from walk_statements(block, scope, _occurrences=occurrences)


def child_tables(table: symtable.SymbolTable) -> Iterator[symtable.SymbolTable]:
    """The symbol tables of the scopes ``table`` defines directly, in source order."""
    for child in table.get_children():
        # Python 3.12+: `def f[T]()` / `class C[T]:` wrap the function or class in a scope of
        # their type parameters ("type parameter" in 3.12.1, "type parameters" later).
        if table_kind(child).startswith("type parameter"):
            yield from child_tables(child)
        else:
            yield child


def table_kind(table: symtable.SymbolTable) -> str:
    """``"module"``, ``"class"``, ``"function"``, ... (a str on every Python)."""
    return str(getattr(table.get_type(), "value", table.get_type()))


def module_scope(module: cst.Module, source: bytes, filename: str = "<file>") -> Scope:
    """The module-level scope of ``module`` (parsed from ``source``)."""
    try:
        table = symtable.symtable(source, filename, "exec")  # type: ignore[arg-type]
    except SyntaxError as error:
        raise UnsupportedSyntax(str(error)) from error
    scope = Scope(table, parent=None)
    _collect_imports(module.body, scope)
    return scope


def _collect_imports(body: Sequence[cst.BaseStatement], scope: Scope) -> None:
    for index, statement in enumerate(body):
        for small, nested in _scope_statements(statement, nested=False):
            if isinstance(small, cst.Import):
                for alias in small.names:
                    if alias.asname is not None:
                        bound = alias.asname.name
                        assert isinstance(bound, cst.Name)
                        scope.imports.setdefault(bound.value, []).append(
                            _Binding(_module_name(alias.name), index, nested)
                        )
                    else:
                        full = _module_name(alias.name)
                        head = full.partition(".")[0]
                        scope.imports.setdefault(head, []).append(_Binding(head, index, nested))
            elif isinstance(small, cst.ImportFrom):
                if isinstance(small.names, cst.ImportStar):
                    scope.star_imports.append((index, nested))
                    continue
                source = "." * len(small.relative)
                if small.module is not None:
                    source += _module_name(small.module)
                for alias in small.names:
                    imported = alias.name.value
                    bound_node = alias.asname.name if alias.asname else alias.name
                    assert isinstance(bound_node, cst.Name)
                    scope.imports.setdefault(bound_node.value, []).append(
                        _Binding(f"{source}.{imported}", index, nested)
                    )


def _scope_statements(
    statement: cst.BaseStatement, nested: bool
) -> Iterator[tuple[cst.BaseSmallStatement, bool]]:
    """Small statements executed in the same scope as ``statement`` (not in defs or classes)."""
    if isinstance(statement, cst.SimpleStatementLine):
        for small in statement.body:
            yield small, nested
        return
    for block in same_scope_blocks(statement):
        for inner in block:
            yield from _scope_statements(inner, nested=True)


def same_scope_blocks(statement: cst.BaseStatement) -> list[Sequence[cst.BaseStatement]]:
    """The statement lists nested in a compound statement that share its scope."""
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef, cst.SimpleStatementLine)):
        return []
    blocks: list[Sequence[cst.BaseStatement]] = []

    def add(suite: cst.BaseSuite | None) -> None:
        if isinstance(suite, cst.IndentedBlock):
            blocks.append(suite.body)
        elif isinstance(suite, cst.SimpleStatementSuite):
            blocks.append([cst.SimpleStatementLine(body=suite.body)])

    if isinstance(statement, cst.If):
        add(statement.body)
        orelse = statement.orelse
        while isinstance(orelse, cst.If):
            add(orelse.body)
            orelse = orelse.orelse
        if orelse is not None:
            add(orelse.body)
    elif isinstance(statement, (cst.Try, cst.TryStar)):
        add(statement.body)
        for handler in statement.handlers:
            add(handler.body)
        if statement.orelse is not None:
            add(statement.orelse.body)
        if statement.finalbody is not None:
            add(statement.finalbody.body)
    elif isinstance(statement, (cst.For, cst.While)):
        add(statement.body)
        if statement.orelse is not None:
            add(statement.orelse.body)
    elif isinstance(statement, cst.With):
        add(statement.body)
    elif isinstance(statement, cst.Match):
        for case in statement.cases:
            add(case.body)
    return blocks
