"""What names mean inside function bodies, lambdas and comprehensions.

:class:`names.Scope <asyncio_migrate.analysis.names.Scope>` answers for module and class bodies. Code
in a function body also needs to know whether ``httpx`` there is the module's import or a
parameter, a local, a closure variable: the function's own symbol table says which.

- :class:`ScopeIndex` (``FileContext.scopes(module)``, once per tree) gives the
  :class:`LocalNames` of every module, class, function, lambda and comprehension body
  (``names_at``), and every call with the names visible where it runs (``call_sites``, as
  Python evaluates it); :class:`LocalNames` also resolves imports made inside function bodies.
- :func:`function_uses` gives, for each name a function binds, its bindings and every read of
  them (in its own code, or from nested scopes), as Python resolves them.
- :class:`OwnBodyVisitor` visits a function's own body only; :func:`yields` uses it.
- :class:`ScopedVisitor` visits a whole module knowing how names resolve at each node: module
  and class bodies through their :class:`Scope`, a function body through its
  :class:`LocalNames`, by the module's imports only (a name no function binds is the
  module's; anything else is not resolved).
"""

from __future__ import annotations

import symtable
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m

from asyncio_migrate.analysis.names import Scope, child_tables, dotted_name, qualified_from, same_scope_blocks, table_kind


class OwnBodyVisitor(cst.CSTVisitor):
    """Visits what runs in the function itself: a nested def, lambda or class body is another scope
    (its ``yield`` or ``return`` is its own). Start it on the function's body, not the function."""

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


class _YieldFinder(OwnBodyVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found = False

    def visit_Yield(self, node: cst.Yield) -> None:
        self.found = True


def yields(function: cst.FunctionDef) -> bool:
    """Whether ``function`` itself is a generator (an async one when it is ``async def``)."""
    finder = _YieldFinder()
    function.body.visit(finder)
    return finder.found


@dataclass(frozen=True)
class ImportBinding:
    qualified: str  # what the bound name means: "httpx", "httpx.AsyncClient"
    nested: bool  # inside an if/try/with/... block of its scope
    node: cst.Import | cst.ImportFrom


@dataclass(eq=False)
class LocalNames:
    """The names visible at one place: the module's, or a function's, class's, lambda's or comprehension's."""

    module: Scope
    # The symbol table of a function or class body (None: module, lambda, comprehension, unknown).
    table: symtable.SymbolTable | None = None
    is_class: bool = False
    # Names a lambda or comprehension binds (None: not one of those).
    bound: frozenset[str] | None = None
    # The imports of this module or function body, by the name they bind.
    imports: dict[str, list[ImportBinding]] = field(default_factory=dict)
    # Where names this scope does not bind are looked up (class bodies are skipped); None: the module.
    outer: LocalNames | None = None
    unknown: bool = False  # no symbol table matched: nothing resolves
    _occurrences: dict[tuple[str, str], int] = field(default_factory=dict)

    def resolve(self, name: str) -> str | None:
        """The dotted name ``name`` was imported as, here; None if it may be anything else."""
        holder = self._holder(name)
        if holder is None:
            return None
        if holder.outer is None:
            return self.module.resolve(name)
        targets = {binding.qualified for binding in holder.imports.get(name, [])}
        return targets.pop() if len(targets) == 1 else None

    def owner(self, name: str) -> LocalNames | None:
        """The module or function body whose imports give ``name`` its meaning here."""
        holder = self._holder(name)
        if holder is None or name not in holder.imports or self.resolve(name) is None:
            return None
        return holder

    def _holder(self, name: str) -> LocalNames | None:
        """The scope ``name`` is bound in, seen from here; None when not bound by imports alone."""
        if self.unknown:
            return None
        if self.outer is None:
            return self
        if self.bound is not None:
            return None if name in self.bound else self.outer._holder(name)
        assert self.table is not None
        try:
            symbol = self.table.lookup(name)
        except KeyError:
            return self.outer._holder(name)
        if symbol.is_global():
            if symbol.is_declared_global():
                return None  # `global x`: the module's x, which any function declaring it may rebind
            module = self.outer
            while module.outer is not None:
                module = module.outer
            return module
        if symbol.is_free() or not symbol.is_local():
            return self.outer._holder(name)
        if self.is_class or not symbol.is_imported() or symbol.is_assigned() or symbol.is_parameter():
            return None
        return self

    def qualified_name(self, node: cst.BaseExpression) -> str | None:
        """``httpx.AsyncClient`` for ``hx.AsyncClient`` after ``import httpx as hx``."""
        return qualified_from(node, self.resolve)

    def is_module_name(self, name: str) -> bool:
        """Whether ``name`` here is the module's own: no function (nor lambda, comprehension) from
        here up binds it, imports included, nor declares it ``global`` (any function may then
        rebind it). A name the function's symbol table does not know was written by an earlier
        codemod (or is read only in a comprehension): the module's too."""
        holder = self._holder(name)
        return holder is not None and holder.outer is None

    def module_qualified_name(self, node: cst.BaseExpression) -> str | None:
        """:meth:`qualified_name` through the module's imports only (None for a function-level import)."""
        return qualified_from(node, lambda name: self.module.resolve(name) if self.is_module_name(name) else None)

    def uses(self, name: str) -> bool:
        """Whether this module or function body binds or reads ``name`` itself."""
        table = self.module.table if self.outer is None else self.table
        if table is None:
            return True
        try:
            table.lookup(name)
        except KeyError:
            return self.outer is None and name in self.module.added_imports
        return True

    def binds_locally(self, name: str, below: LocalNames | None = None) -> bool:
        """Whether a scope from here up to ``below`` (default: the module), excluded, binds ``name``."""
        names: LocalNames | None = self
        while names is not None and names is not below and names.outer is not None:
            if names.unknown or (names.bound is not None and name in names.bound):
                return True
            if names.table is not None:
                try:
                    if names.table.lookup(name).is_local():
                        return True
                except KeyError:
                    pass
            names = names.outer
        return False

    def spellings_for(self, qualified: str) -> list[str]:
        """Expressions that mean ``qualified`` here through unconditional imports, shortest first."""
        candidates = set(self.module.local_names_for(qualified, unconditional=True))
        names: LocalNames | None = self
        while names is not None:
            for name, bindings in names.imports.items():
                if any(binding.nested for binding in bindings):
                    continue
                target = bindings[0].qualified
                if target == qualified:
                    candidates.add(name)
                elif qualified.startswith(target + "."):
                    candidates.add(name + qualified[len(target) :])
            names = names.outer
        usable = [spelling for spelling in candidates if self.qualified_name(cst.parse_expression(spelling)) == qualified]
        return sorted(usable, key=lambda spelling: (spelling.count("."), spelling))

    def _child_table(self, name: str, kind: str) -> symtable.SymbolTable | None:
        """The symbol table of the next ``def``/``class`` named ``name`` met in this body."""
        table = self.module.table if self.outer is None else self.table
        if self.unknown or table is None:
            return None
        occurrence = self._occurrences.get((kind, name), 0)
        self._occurrences[(kind, name)] = occurrence + 1
        if kind == "function" and name in _COMPREHENSION_TABLES:
            return None  # its table cannot be told from a comprehension's
        tables = [child for child in child_tables(table) if child.get_name() == name and table_kind(child) == kind]
        return tables[occurrence] if occurrence < len(tables) else None

    def _lexical_outer(self) -> LocalNames:
        """What a nested function sees: class bodies are not part of it."""
        names = self
        while names.is_class and names.outer is not None:
            names = names.outer
        return names

    def for_function(self, node: cst.FunctionDef) -> LocalNames:
        table = self._child_table(node.name.value, "function")
        if table is None:
            return LocalNames(self.module, outer=self._lexical_outer(), unknown=True)
        return LocalNames(self.module, table=table, imports=imports_of(node.body.body), outer=self._lexical_outer())

    def for_class(self, node: cst.ClassDef) -> LocalNames:
        table = self._child_table(node.name.value, "class")
        if table is None:
            return LocalNames(self.module, outer=self._lexical_outer(), unknown=True)
        return LocalNames(self.module, table=table, is_class=True, outer=self._lexical_outer())

    def binding(self, bound: set[str]) -> LocalNames:
        """A lambda's or comprehension's scope, binding ``bound``."""
        return LocalNames(self.module, bound=frozenset(bound), outer=self._lexical_outer())


# CPython names comprehension scopes so; a def of the same name is not told apart.
_COMPREHENSION_TABLES = {"listcomp", "setcomp", "dictcomp", "genexpr"}


def imports_of(body: Sequence[cst.BaseStatement]) -> dict[str, list[ImportBinding]]:
    """The imports a module or function body runs itself (not those of nested defs or classes)."""
    imports: dict[str, list[ImportBinding]] = {}

    def collect(statements: Sequence[cst.BaseStatement], nested: bool) -> None:
        for statement in statements:
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        for bound, qualified in _imported(small):
                            imports.setdefault(bound, []).append(ImportBinding(qualified, nested, small))
            for block in same_scope_blocks(statement):
                collect(block, nested=True)

    collect(body, nested=False)
    return imports


def _imported(small: cst.Import | cst.ImportFrom) -> list[tuple[str, str]]:
    """(bound name, qualified name) of each name an import statement binds."""
    if isinstance(small, cst.Import):
        pairs = []
        for alias in small.names:
            full = dotted_name(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                pairs.append((alias.asname.name.value, full))
            else:
                head = full.partition(".")[0]
                pairs.append((head, head))
        return pairs
    if isinstance(small.names, cst.ImportStar):
        return []
    source = "." * len(small.relative) + (dotted_name(small.module) or "" if small.module is not None else "")
    return [
        (alias.asname.name.value if alias.asname is not None else alias.name.value, f"{source}.{alias.name.value}")  # type: ignore[union-attr]
        for alias in small.names
    ]


@dataclass(frozen=True)
class CallSite:
    call: cst.Call
    names: LocalNames  # what names mean where the call is
    # The innermost def or lambda the call runs in (None: module or class level).
    function: cst.FunctionDef | cst.Lambda | None
    in_with: bool  # the call is a `with` item (`with TestClient(app) as client:`)


class ScopeIndex:
    """Every scope of one tree: what names mean in each body, and every call.

    Codemods get it from ``FileContext.scopes(module)``, built once per tree. Defs and
    classes are indexed by a walk over statements only; expressions (lambdas,
    comprehensions, calls) are walked the first time something asks for them.
    """

    def __init__(self, module: cst.Module, scope: Scope) -> None:
        self.module = module  # kept alive: the index is keyed by the id() of its nodes
        self.scope = scope  # the module scope
        self._module_names = LocalNames(scope, imports=imports_of(module.body))
        # id() of a scope's node → the names in its body
        self._bodies: dict[int, LocalNames] = {id(module): self._module_names}
        _index_definitions(module.body, self._module_names, self._bodies)
        self._call_sites: list[CallSite] | None = None

    @property
    def call_sites(self) -> list[CallSite]:
        """Every call, with the names visible where it runs."""
        return self._walk_expressions()

    def names_at(self, node: cst.Module | cst.FunctionDef | cst.ClassDef | cst.Lambda | cst.BaseComp) -> LocalNames:
        """What names mean in the body of ``node``, a module, def, class, lambda or comprehension of this tree."""
        if id(node) not in self._bodies:
            self._walk_expressions()  # indexes lambdas and comprehensions
        return self._bodies[id(node)]

    def _walk_expressions(self) -> list[CallSite]:
        if self._call_sites is None:
            walker = _CallWalker(self._module_names, self._bodies)
            self.module.visit(walker)
            self._call_sites = walker.sites
        return self._call_sites


def _index_definitions(body: Sequence[cst.BaseStatement], names: LocalNames, bodies: dict[int, LocalNames]) -> None:
    """Index every def and class under ``body`` (they are statements, never inside expressions)."""
    for statement in body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            if isinstance(statement, cst.FunctionDef):
                inner = names.for_function(statement)
            else:
                inner = names.for_class(statement)
            bodies[id(statement)] = inner
            if isinstance(statement.body, cst.IndentedBlock):
                _index_definitions(statement.body.body, inner, bodies)
        else:
            for block in same_scope_blocks(statement):
                _index_definitions(block, names, bodies)


class _CallWalker(cst.CSTVisitor):
    def __init__(self, names: LocalNames, bodies: dict[int, LocalNames]) -> None:
        super().__init__()
        self.names = names
        self.bodies = bodies  # defs and classes already indexed; lambdas and comprehensions are added
        self.function: cst.FunctionDef | cst.Lambda | None = None
        self.with_items: set[int] = set()
        self.sites: list[CallSite] = []

    def _inside(self, node: cst.CSTNode, names: LocalNames, function: cst.FunctionDef | cst.Lambda | None) -> None:
        saved = self.names, self.function
        self.names, self.function = names, function
        node.visit(self)
        self.names, self.function = saved

    def visit_Call(self, node: cst.Call) -> None:
        self.sites.append(CallSite(node, self.names, self.function, id(node) in self.with_items))

    def visit_WithItem(self, node: cst.WithItem) -> None:
        self.with_items.add(id(node.item))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        # Decorators, defaults and annotations run in the enclosing scope.
        for decorator in node.decorators:
            decorator.visit(self)
        node.params.visit(self)
        if node.returns is not None:
            node.returns.visit(self)
        self._inside(node.body, self.bodies[id(node)], node)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for part in (*node.decorators, *node.bases, *node.keywords):
            part.visit(self)
        self._inside(node.body, self.bodies[id(node)], self.function)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        node.params.visit(self)
        params = node.params
        bound = {param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)}
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                bound.add(star.name.value)
        bound |= _walrus_targets(node.body)
        names = self.bodies[id(node)] = self.names.binding(bound)
        self._inside(node.body, names, node)
        return False

    def _comprehension(self, node: cst.BaseComp) -> bool:
        # Conservative: the first iterable (evaluated outside) also sees the targets as bound.
        bound = set()
        for_in: cst.CompFor | None = node.for_in
        while for_in is not None:
            bound |= {name.value for name in m.findall(for_in.target, m.Name())}  # type: ignore[union-attr]
            for_in = for_in.inner_for_in
        names = self.bodies[id(node)] = self.names.binding(bound)
        for child in node.children:
            self._inside(child, names, self.function)
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        return self._comprehension(node)

    def visit_SetComp(self, node: cst.SetComp) -> bool:
        return self._comprehension(node)

    def visit_DictComp(self, node: cst.DictComp) -> bool:
        return self._comprehension(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        return self._comprehension(node)


def _walrus_targets(node: cst.CSTNode) -> set[str]:
    return {walrus.target.value for walrus in m.findall(node, m.NamedExpr(target=m.Name()))}  # type: ignore[attr-defined]


_OWN_SCOPE = (cst.Lambda, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


class ScopedVisitor(cst.CSTVisitor):
    """Visits a whole module knowing how names resolve at each node (``qualified_name``).

    Module and class bodies resolve through their :class:`Scope`, a function body through the
    module's imports where its :class:`LocalNames` (from the tree's :class:`ScopeIndex`) say
    the name is the module's. Lambdas,
    comprehensions and classes defined in functions are not entered. Call ``remember_path(node)``
    on the nodes to replace; ``ancestors_of`` then gives what
    :func:`asyncio_migrate.edit.statements.replace_nodes` rebuilds.
    """

    def __init__(self, scopes: ScopeIndex) -> None:
        self.scopes = scopes
        self.module_scope = scopes.scope
        self.names: Scope | LocalNames = scopes.scope
        self._path: list[int] = []
        self._paths: dict[int, list[int]] = {}
        self._seen: dict[tuple[int, str], int] = {}  # classes met so far, by table

    def qualified_name(self, node: cst.BaseExpression) -> str | None:
        if isinstance(self.names, LocalNames):
            return self.names.module_qualified_name(node)
        return self.names.qualified_name(node)

    def remember_path(self, node: cst.CSTNode) -> None:
        """Keep the way from the module to ``node``, the node being visited."""
        self._paths[id(node)] = list(self._path)

    def ancestors_of(self, nodes: Collection[int]) -> set[int]:
        return {ancestor for node in nodes for ancestor in self._paths.get(node, ())}

    def on_visit(self, node: cst.CSTNode) -> bool:
        self._path.append(id(node))
        if isinstance(node, _OWN_SCOPE):
            return False
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self._path.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for outer in (*node.decorators, node.params, node.returns):
            if outer is not None:
                outer.visit(self)
        self._within(self.scopes.names_at(node), node.body)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for outer in (*node.decorators, *node.bases, *node.keywords):
            outer.visit(self)
        if isinstance(self.names, Scope):
            occurrence = self._occurrence(self.names.table, node.name.value)
            self._within(self.names.class_scope(node, occurrence), node.body)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False  # binds names, reads none

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def _within(self, names: Scope | LocalNames, body: cst.CSTNode) -> None:
        outer, self.names = self.names, names
        try:
            body.visit(self)
        finally:
            self.names = outer

    def _occurrence(self, table: symtable.SymbolTable, name: str) -> int:
        key = (id(table), name)
        occurrence = self._seen.get(key, 0)
        self._seen[key] = occurrence + 1
        return occurrence


@dataclass
class NameUses:
    """One name of a function's own scope: what binds it there, and where that binding is read."""

    # Param, Name (an assignment's, for's, with's, except's, match's or := target), the Import or
    # ImportFrom statement, or the nested FunctionDef / ClassDef; a nested function's ``nonlocal``
    # assignments included.
    bindings: list[cst.CSTNode] = field(default_factory=list)
    direct: list[cst.Name] = field(default_factory=list)  # reads in the function's own code (del too)
    # Reads from a nested def, lambda, class or comprehension, and string annotations naming it.
    nested: list[cst.CSTNode] = field(default_factory=list)


@dataclass(frozen=True)
class FunctionUses:
    own: dict[str, NameUses]  # the names the function's own scope binds
    mentioned: frozenset[str]  # every name bound or read anywhere in its body, nested scopes too


def function_uses(function: cst.FunctionDef) -> FunctionUses:
    """The names ``function`` binds in its own scope, each with its bindings and reads, as Python
    resolves them (a read anywhere in the function is the local, before its assignment too; a
    ``:=`` in a comprehension binds in the function; a class body hides its names from the defs
    in it; ``global`` and ``nonlocal`` send a name elsewhere)."""
    walker = _UsesWalker()
    own = walker.enter("function", None)
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params, params.star_arg, params.star_kwarg):
        if isinstance(param, cst.Param):
            own.bind(param.name.value, param)
    walker.scope = own
    function.body.visit(walker)
    uses: dict[str, NameUses] = {}
    for scope in walker.scopes:
        for name, node in scope.binding_events:
            owner = scope.binding_owner(name)
            if owner is own:
                uses.setdefault(name, NameUses()).bindings.append(node)
    for scope in walker.scopes:
        for name, node in scope.reads:
            if scope.resolve(name) is own and name in uses:
                if scope is own and isinstance(node, cst.Name):
                    uses[name].direct.append(node)
                elif all(node is not seen for seen in uses[name].nested):
                    uses[name].nested.append(node)
    mentioned = {name for scope in walker.scopes for name, _ in (*scope.binding_events, *scope.reads)}
    return FunctionUses(uses, frozenset(mentioned))


class _UsesScope:
    def __init__(self, kind: str, parent: _UsesScope | None) -> None:
        self.kind = kind  # "function", "lambda", "class" or "comprehension"
        self.parent = parent
        self.binding_events: list[tuple[str, cst.CSTNode]] = []
        self.bound: set[str] = set()
        self.globals: set[str] = set()
        self.nonlocals: set[str] = set()
        self.reads: list[tuple[str, cst.CSTNode]] = []

    def bind(self, name: str, node: cst.CSTNode) -> None:
        self.binding_events.append((name, node))
        self.bound.add(name)

    def binding_owner(self, name: str) -> _UsesScope | None:
        """The scope a binding of ``name`` here binds in (None: the module's)."""
        if name in self.globals:
            return None
        if name in self.nonlocals:
            return self._enclosing_function_binding(name)
        return self

    def resolve(self, name: str) -> _UsesScope | None:
        """The scope whose binding a read of ``name`` here gets (None: the module's, or a builtin)."""
        scope: _UsesScope | None = self
        while scope is not None:
            if scope is self or scope.kind != "class":  # a class body's names are not seen from scopes in it
                if name in scope.globals:
                    return None
                if name in scope.nonlocals:
                    return scope._enclosing_function_binding(name)
                if name in scope.bound:
                    return scope
            scope = scope.parent
        return None

    def _enclosing_function_binding(self, name: str) -> _UsesScope | None:
        scope = self.parent
        while scope is not None and (scope.kind == "class" or name not in scope.bound):
            scope = scope.parent
        return scope if scope is None or name not in scope.nonlocals else scope._enclosing_function_binding(name)


class _UsesWalker(cst.CSTVisitor):
    """Records the bindings and reads of every scope under a function (see :func:`function_uses`)."""

    def __init__(self) -> None:
        super().__init__()
        self.scopes: list[_UsesScope] = []
        self.scope: _UsesScope = None  # type: ignore[assignment]  # set by function_uses
        self.annotation_depth = 0

    def enter(self, kind: str, parent: _UsesScope | None) -> _UsesScope:
        scope = _UsesScope(kind, parent)
        self.scopes.append(scope)
        return scope

    def _within(self, scope: _UsesScope, *nodes: cst.CSTNode | None) -> None:
        outer, self.scope = self.scope, scope
        for node in nodes:
            if node is not None:
                node.visit(self)
        self.scope = outer

    def _store(self, target: cst.BaseExpression, node: cst.CSTNode | None = None, scope: _UsesScope | None = None) -> None:
        """Bind the names ``target`` assigns (an attribute or subscript target only reads)."""
        if isinstance(target, cst.Name):
            (scope or self.scope).bind(target.value, node or target)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._store(element.value, scope=scope)
        elif isinstance(target, cst.StarredElement):
            self._store(target.value, scope=scope)
        else:
            target.visit(self)

    # -- reads -------------------------------------------------------------------------------

    def visit_Name(self, node: cst.Name) -> None:
        self.scope.reads.append((node.value, node))

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # the attribute's own name is no variable
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # a keyword is no variable
        return False

    def visit_MatchKeywordElement(self, node: cst.MatchKeywordElement) -> bool:
        node.pattern.visit(self)
        return False

    def visit_Annotation(self, node: cst.Annotation) -> None:
        self.annotation_depth += 1

    def leave_Annotation(self, original_node: cst.Annotation) -> None:
        self.annotation_depth -= 1

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        self._string_annotation(node)
        return False

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        return not self._string_annotation(node)

    def _string_annotation(self, node: cst.SimpleString | cst.ConcatenatedString) -> bool:
        """A string annotation reads the names written in it (the string stands for each)."""
        value = node.evaluated_value if self.annotation_depth else None
        if not isinstance(value, str) or not value:
            return False
        try:
            parsed = cst.parse_expression(value)
        except cst.ParserSyntaxError:
            return True
        names = _UsesWalker()
        names.scope = _UsesScope("function", None)
        parsed.visit(names)
        self.scope.reads.extend((name, node) for name, _ in names.scope.reads)
        return True

    # -- bindings ----------------------------------------------------------------------------

    def visit_Assign(self, node: cst.Assign) -> bool:
        for target in node.targets:
            self._store(target.target)
        node.value.visit(self)
        return False

    def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
        node.annotation.visit(self)
        self._store(node.target)
        if node.value is not None:
            node.value.visit(self)
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> bool:
        self._store(node.target)
        node.value.visit(self)
        return False

    def visit_For(self, node: cst.For) -> bool:
        self._store(node.target)
        for part in (node.iter, node.body, node.orelse):
            if part is not None:
                part.visit(self)
        return False

    def visit_WithItem(self, node: cst.WithItem) -> bool:
        node.item.visit(self)
        if node.asname is not None:
            self._store(node.asname.name)  # type: ignore[arg-type]
        return False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        return self._handler(node)

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> bool:
        return self._handler(node)

    def _handler(self, node: cst.ExceptHandler | cst.ExceptStarHandler) -> bool:
        if node.type is not None:
            node.type.visit(self)
        if node.name is not None:
            self._store(node.name.name)  # type: ignore[arg-type]
        node.body.visit(self)
        return False

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        scope = self.scope
        while scope.kind == "comprehension" and scope.parent is not None:
            scope = scope.parent  # := in a comprehension binds in the scope around it
        self._store(node.target, scope=scope)
        node.value.visit(self)
        return False

    def visit_Del(self, node: cst.Del) -> None:
        pass  # `del x` reads x's binding (its Name is visited as a read)

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            bound = alias.asname.name if alias.asname is not None else alias.name
            name = (dotted_name(bound) or "").partition(".")[0]  # type: ignore[arg-type]
            self.scope.bind(name, node)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name):
                    self.scope.bind(bound.value, node)
        return False

    def visit_Global(self, node: cst.Global) -> bool:
        self.scope.globals.update(item.name.value for item in node.names)
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        self.scope.nonlocals.update(item.name.value for item in node.names)
        return False

    def visit_MatchAs(self, node: cst.MatchAs) -> bool:
        if node.pattern is not None:
            node.pattern.visit(self)
        if node.name is not None:
            self._store(node.name)
        return False

    def visit_MatchStar(self, node: cst.MatchStar) -> bool:
        if node.name is not None:
            self._store(node.name)
        return False

    def visit_MatchMapping(self, node: cst.MatchMapping) -> bool:
        for element in node.elements:
            element.visit(self)
        if node.rest is not None:
            self._store(node.rest)
        return False

    # -- nested scopes -----------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.scope.bind(node.name.value, node)
        inner = self.enter("function", self.scope)
        self._parameters(node.params, inner)
        for decorator in node.decorators:
            decorator.visit(self)
        if node.returns is not None:
            node.returns.visit(self)
        self._within(inner, node.body)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        inner = self.enter("lambda", self.scope)
        self._parameters(node.params, inner)
        self._within(inner, node.body)
        return False

    def _parameters(self, params: cst.Parameters, inner: _UsesScope) -> None:
        """Bind the parameters in ``inner``; their defaults and annotations are read out here."""
        for param in (*params.posonly_params, *params.params, *params.kwonly_params, params.star_arg, params.star_kwarg):
            if isinstance(param, cst.Param):
                inner.bind(param.name.value, param)
                for part in (param.default, param.annotation):
                    if part is not None:
                        part.visit(self)

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.scope.bind(node.name.value, node)
        for part in (*node.decorators, *node.bases, *node.keywords):
            part.visit(self)
        self._within(self.enter("class", self.scope), node.body)
        return False

    def _comprehension(self, node: cst.BaseComp) -> bool:
        for_in: cst.CompFor | None = node.for_in
        assert for_in is not None
        for_in.iter.visit(self)  # the first iterable is evaluated outside
        inner = self.enter("comprehension", self.scope)
        outer, self.scope = self.scope, inner
        while for_in is not None:
            self._store(for_in.target)
            for condition in for_in.ifs:
                condition.visit(self)
            for_in = for_in.inner_for_in
            if for_in is not None:
                for_in.iter.visit(self)
        if isinstance(node, cst.DictComp):
            node.key.visit(self)
            node.value.visit(self)
        else:
            node.elt.visit(self)  # type: ignore[attr-defined]
        self.scope = outer
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        return self._comprehension(node)

    def visit_SetComp(self, node: cst.SetComp) -> bool:
        return self._comprehension(node)

    def visit_DictComp(self, node: cst.DictComp) -> bool:
        return self._comprehension(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        return self._comprehension(node)
