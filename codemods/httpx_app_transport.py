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

from collections.abc import Callable, Collection

import libcst as cst
import libcst.matchers as m

from asyncio_migrate.analysis.local_names import LocalNames
from asyncio_migrate.analysis.names import Scope
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.imports import Spelling, spelling_for
from asyncio_migrate.results import Severity

# Client class → the transport httpx < 0.28 made from app= (``_init_transport``).
_TRANSPORTS = {"httpx.AsyncClient": "httpx.ASGITransport", "httpx.Client": "httpx.WSGITransport"}


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    edits: dict[int, Callable[[cst.Call], cst.Call]] = {}
    imports = _NewImports(context.scope)
    for site in context.scopes(module).call_sites:
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


CODEMOD = Codemod(
    id="httpx-app-transport",
    summary="Pass httpx clients an ASGI/WSGI transport instead of app= (removed in httpx 0.28).",
    commands=("fix-tests",),
    # A name resolves to httpx only through an import that spells it.
    prefilter=(b"httpx",),
    transform=transform,
    min_pytest_asyncio="0.17",
)
