"""httpx-app-transport: give httpx clients an explicit transport instead of ``app=``.

httpx 0.27 deprecated the ``app=`` shortcut and 0.28 removed it (``TypeError``)::

    async with httpx.AsyncClient(app=app, base_url="http://test") as client:
→   async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:

    with Client(app=flask_app) as client:                 # from httpx import Client
→   with Client(transport=WSGITransport(app=flask_app)) as client:   # from httpx import Client, WSGITransport

Rules:

- only a call whose callee is httpx's ``AsyncClient`` / ``Client`` through the file's imports,
  in whatever scope the call is (module, class, function, lambda); anything else is left alone;
- ``transport=`` takes ``app=``'s place, so argument order, layout and comments stay; the
  transport is what httpx < 0.28 built itself (``AsyncClient`` → ``ASGITransport``, ``Client``
  → ``WSGITransport``);
- the transport class is named through an import the file has, else through one added in the
  file's style: a name added to its ``from httpx import ...``, or ``import httpx``;
- ``app=None`` is dropped (httpx then used its default transport).

Reported instead:

- ``app=`` together with ``transport=``: httpx < 0.28 used the transport and ignored ``app``;
  ``app=`` is dropped and the place reported (left unchanged when a comment would go with it,
  or when ``transport=None`` made httpx use the app after all);
- ``**kwargs``: the mapping may hold ``app`` (or ``transport``); left unchanged.
"""

from __future__ import annotations

import symtable
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m

from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.imports import Spelling, spelling_for
from asyncio_migrate.names import Scope, dotted_name, same_scope_blocks
from asyncio_migrate.results import Severity

# Client class → the transport httpx < 0.28 made from app= (``_init_transport``).
_TRANSPORTS = {"httpx.AsyncClient": "httpx.ASGITransport", "httpx.Client": "httpx.WSGITransport"}


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    edits: dict[int, Callable[[cst.Call], cst.Call]] = {}
    imports = _NewImports(context.scope)
    for site in call_sites(module, context.scope):
        call, names = site.call, site.names
        client = names.qualified_name(call.func)
        if client not in _TRANSPORTS:
            continue
        target = _TRANSPORTS[client]
        app = _keyword(call, "app")
        if any(arg.star == "**" for arg in call.args):
            if app is None:
                context.report(
                    call,
                    f"{client}(**...): if the unpacked mapping holds app=, httpx 0.28 rejects it. Left unchanged: "
                    f"pass transport={target}(app=...) instead by hand if it does.",
                    Severity.INFO,
                )
            else:
                context.report(
                    call,
                    f"{client}(app=..., **...): httpx 0.28 rejects app=, and the unpacked mapping may hold "
                    f"transport=, which httpx < 0.28 used instead of the app. Left unchanged: replace app=X by "
                    f"transport={target}(app=X) by hand, or delete app= if the mapping has a transport.",
                )
            continue
        if app is None:
            continue
        index = next(position for position, arg in enumerate(call.args) if arg is app)
        transport = _keyword(call, "transport")
        if transport is not None and _is_none(transport.value):
            context.report(
                call,
                f"{client} got transport=None and app=: httpx < 0.28 then used the app, and 0.28 rejects "
                f"app=. Left unchanged: replace both by transport={target}(app=...) by hand.",
            )
        elif transport is not None or _is_none(app.value):
            if m.findall(app, m.Comment()):
                context.report(
                    call,
                    f"{client} got app=, which httpx 0.28 rejects and which does nothing here, with a comment "
                    "that would go with it. Left unchanged: delete app= by hand.",
                )
                continue
            if transport is not None:
                context.report(
                    call,
                    f"{client} got both app= and transport=: httpx < 0.28 used the transport whenever it was "
                    "not None and ignored app=, and 0.28 rejects app=. Removed app=; check that the transport "
                    "serves the app the code meant.",
                )
            edits[id(call)] = lambda call, index=index: _without_argument(call, index)
        else:
            spelling = imports.spelling(names, target, call.func)
            if spelling is None:
                context.report(
                    call,
                    f"{client}(app=...) is rejected by httpx 0.28, and {target} cannot be named here without "
                    f"rebinding a name in use. Left unchanged: pass transport={target}(app=...) instead by hand.",
                )
                continue
            transport_class = cst.parse_expression(spelling)
            edits[id(call)] = lambda call, index=index, cls=transport_class: _with_transport(call, index, cls)
    if not edits:
        return module
    # `import httpx` first: the edits find their nodes by identity, and a transformer rebuilds every node.
    module = imports.module_imports_added(module, context.settings.first_party)
    return _edit_nodes(module, edits, imports.from_imports_edits())


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


class _NewImports:
    """How call sites name the transport classes, and the imports that takes."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        # `from httpx import ...` statements to extend: id() → (statement, names to add).
        self.extended: dict[int, tuple[cst.ImportFrom, set[str]]] = {}
        self.modules: dict[str, Spelling] = {}  # `import httpx` to add, by the name it binds

    def spelling(self, names: LocalNames, target: str, client: cst.BaseExpression) -> str | None:
        """How the call site names ``target``, the call's client class being spelled ``client``.

        ``hx.AsyncClient`` gives ``hx.ASGITransport`` (the same import, wherever it is);
        else an import the file has; else the name joins the ``from httpx import`` that
        bound the client (so it is bound whenever the client is); else ``import httpx``.
        """
        short = target.removeprefix("httpx.")
        if isinstance(client, cst.Attribute) and names.qualified_name(client.value) == "httpx":
            return f"{cst.Module([]).code_for_node(client.value)}.{short}"
        existing = names.spellings_for(target)
        if existing:
            return existing[0]
        if not isinstance(client, cst.Name):
            return None
        owner = names.owner(client.value)
        if owner is None or names.binds_locally(short, below=owner):
            return None
        bindings = owner.imports[client.value]
        statements = [binding.node for binding in bindings]
        if not all(isinstance(statement, cst.ImportFrom) for statement in statements):
            return None
        if {id(binding.node) for binding in owner.imports.get(short, [])} == {id(node) for node in statements}:
            return short if names.resolve(short) == target else None  # imported together with the client
        added_there = all(short in self.extended.get(id(statement), ((), ()))[1] for statement in statements)
        if added_there or not owner.uses(short):
            for statement in statements:
                self.extended.setdefault(id(statement), (statement, set()))[1].add(short)  # type: ignore[arg-type]
            if owner.outer is None:
                self.scope.add_import(short, target)  # so later codemods resolve it
            return short
        if owner.outer is not None or any(binding.nested for binding in bindings):
            return None  # a new module-level `import httpx` could fail where the client's import is guarded
        spelling = spelling_for(self.scope, target)
        if spelling is None or names.binds_locally(spelling.expression.partition(".")[0]):
            return None
        if spelling.needs_import is not None:
            self.modules[spelling.needs_import] = spelling
        return spelling.expression

    def module_imports_added(self, module: cst.Module, first_party: Collection[str]) -> cst.Module:
        for spelling in self.modules.values():
            module = spelling.added_to(module, self.scope, first_party)
        return module

    def from_imports_edits(self) -> dict[int, Callable[[cst.ImportFrom], cst.ImportFrom]]:
        return {
            key: lambda statement, names=names: _with_names(statement, names) for key, (_, names) in self.extended.items()
        }


def _isort_key(name: str) -> tuple[int, str]:
    """isort's default order of imported names: CONSTANTS, Classes, functions."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _with_names(statement: cst.ImportFrom, new_names: set[str]) -> cst.ImportFrom:
    """``statement`` importing ``new_names`` too: in isort order if it is sorted, else last."""
    assert not isinstance(statement.names, cst.ImportStar)
    aliases = list(statement.names)
    # The separator between two names as the statement writes them (one per line in a block).
    lpar = statement.lpar
    if lpar is not None and isinstance(lpar.whitespace_after, cst.ParenthesizedWhitespace):
        separator = cst.Comma(whitespace_after=lpar.whitespace_after)
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))

    def keys() -> list[tuple[int, str]]:
        return [_isort_key(cst.Module([]).code_for_node(alias.name)) for alias in aliases]

    is_sorted = keys() == sorted(keys())
    for name in sorted(new_names, key=_isort_key):
        new = cst.ImportAlias(name=cst.Name(name))
        position = len(aliases)
        if is_sorted:
            position = next((index for index, key in enumerate(keys()) if key > _isort_key(name)), len(aliases))
        if position < len(aliases):
            aliases.insert(position, new.with_changes(comma=separator))
        else:
            last = aliases[-1]
            aliases[-1] = last.with_changes(comma=separator)
            aliases.append(new.with_changes(comma=last.comma))
    return statement.with_changes(names=aliases)


def _with_transport(call: cst.Call, index: int, transport_class: cst.BaseExpression) -> cst.Call:
    """``call`` with its ``app=X`` (at ``index``) made ``transport=<class>(app=X)`` in the same place."""
    app = call.args[index]
    inner = cst.Arg(keyword=cst.Name("app"), value=app.value, equal=app.equal.deep_clone())
    transport = app.with_changes(keyword=cst.Name("transport"), value=cst.Call(func=transport_class, args=[inner]))
    return call.with_changes(args=[*call.args[:index], transport, *call.args[index + 1 :]])


def _without_argument(call: cst.Call, index: int) -> cst.Call:
    """``call`` without its argument at ``index``; when that was last, the new last one takes its comma."""
    args = [*call.args[:index], *call.args[index + 1 :]]
    if index == len(call.args) - 1 and args:
        args[-1] = args[-1].with_changes(comma=call.args[index].comma)
    return call.with_changes(args=args)


def _edit_nodes(
    module: cst.Module,
    calls: dict[int, Callable[[cst.Call], cst.Call]],
    imports: dict[int, Callable[[cst.ImportFrom], cst.ImportFrom]],
) -> cst.Module:
    """``module`` with the calls and import statements whose original id() is a key edited."""

    class Editor(cst.CSTTransformer):
        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
            edit = calls.get(id(original_node))
            return updated_node if edit is None else edit(updated_node)

        def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
            edit = imports.get(id(original_node))
            return updated_node if edit is None else edit(updated_node)

    return module.visit(Editor())


# --- What names mean inside function bodies --------------------------------------------------
#
# names.Scope answers for module and class bodies. A call in a test body also needs to know
# whether ``httpx`` there is the module's import or a parameter, a local, a closure variable:
# the function's own symbol table says which.


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
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        target = self.resolve(head)
        if target is None:
            return None
        return f"{target}.{rest}" if rest else target

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
        tables = [child for child in _children(table) if child.get_name() == name and _kind(child) == kind]
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


def _kind(table: symtable.SymbolTable) -> str:
    kind = table.get_type()
    return getattr(kind, "value", kind)


def _children(table: symtable.SymbolTable) -> list[symtable.SymbolTable]:
    children = []
    for child in table.get_children():
        if _kind(child) == "type parameters":  # Python 3.12+: `def f[T]()` wraps the function
            children.extend(_children(child))
        else:
            children.append(child)
    return children


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


def call_sites(module: cst.Module, scope: Scope) -> list[CallSite]:
    """Every call in ``module``, with the names visible where it is (evaluation scopes as Python has them)."""
    walker = _CallWalker(LocalNames(scope, imports=imports_of(module.body)))
    module.visit(walker)
    return walker.sites


class _CallWalker(cst.CSTVisitor):
    def __init__(self, names: LocalNames) -> None:
        super().__init__()
        self.names = names
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
        self._inside(node.body, self.names.for_function(node), node)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for part in (*node.decorators, *node.bases, *node.keywords):
            part.visit(self)
        self._inside(node.body, self.names.for_class(node), self.function)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        node.params.visit(self)
        params = node.params
        bound = {param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)}
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                bound.add(star.name.value)
        bound |= _walrus_targets(node.body)
        self._inside(node.body, self.names.binding(bound), node)
        return False

    def _comprehension(self, node: cst.BaseComp) -> bool:
        # Conservative: the first iterable (evaluated outside) also sees the targets as bound.
        bound = set()
        for_in: cst.CompFor | None = node.for_in
        while for_in is not None:
            bound |= {name.value for name in m.findall(for_in.target, m.Name())}  # type: ignore[union-attr]
            for_in = for_in.inner_for_in
        names = self.names.binding(bound)
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


CODEMOD = Codemod(
    id="httpx-app-transport",
    summary="Pass httpx clients an ASGI/WSGI transport instead of app= (removed in httpx 0.28).",
    commands=("fix-tests",),
    # A name resolves to httpx only through an import that spells it.
    prefilter=(b"httpx",),
    transform=transform,
    min_pytest_asyncio="0.17",
)
