"""The scope index codemods query through ``FileContext.scopes(module)``: one walk per tree."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import libcst as cst
import libcst.matchers as m

from asyncio_migrate.analysis.local_names import NameUses, function_uses
from asyncio_migrate.analysis.names import module_scope
from asyncio_migrate.codemod import FileContext, ProjectSettings

SOURCE = dedent(
    """\
    import asyncio as aio
    import httpx

    class Suite:
        httpx = None

        async def test_method(self):
            import httpx as hx
            hx.AsyncClient()
            [aio for aio in range(3)]
            return lambda httpx: httpx.Client()
    """
)


def _context(source: str) -> tuple[cst.Module, FileContext]:
    module = cst.parse_module(source)
    scope = module_scope(module, source.encode())
    return module, FileContext(Path("test_example.py"), source.encode(), scope, ProjectSettings(), is_test_file=True)


def test_names_at_each_kind_of_scope() -> None:
    module, context = _context(SOURCE)
    index = context.scopes(module)
    suite = m.findall(module, m.ClassDef())[0]
    method = m.findall(module, m.FunctionDef())[0]
    comprehension = m.findall(module, m.ListComp())[0]
    lambda_ = m.findall(module, m.Lambda())[0]
    name = cst.parse_expression
    assert index.names_at(module).qualified_name(name("httpx.AsyncClient")) == "httpx.AsyncClient"
    assert index.names_at(suite).qualified_name(name("httpx.AsyncClient")) is None  # the class binds httpx
    assert index.names_at(method).qualified_name(name("hx.AsyncClient")) == "httpx.AsyncClient"
    assert index.names_at(method).qualified_name(name("httpx.AsyncClient")) == "httpx.AsyncClient"  # class skipped
    assert index.names_at(method).qualified_name(name("aio.run")) == "asyncio.run"
    assert index.names_at(comprehension).qualified_name(name("aio.run")) is None  # the target shadows it
    assert index.names_at(lambda_).qualified_name(name("httpx.Client")) is None  # a parameter


def test_call_sites_carry_the_names_where_they_run() -> None:
    module, context = _context(SOURCE)
    resolved = {
        cst.Module([]).code_for_node(site.call): site.names.qualified_name(site.call.func)
        for site in context.scopes(module).call_sites
    }
    assert resolved == {"hx.AsyncClient()": "httpx.AsyncClient", "range(3)": None, "httpx.Client()": None}


def test_built_once_per_tree() -> None:
    module, context = _context(SOURCE)
    assert context.scopes(module) is context.scopes(module)
    changed = module.with_changes(body=module.body[:-1])
    assert context.scopes(changed) is not context.scopes(module)
    assert context.scopes(changed).call_sites == []


USES = dedent(
    """\
    def fixture(loop, request):
        import os.path
        os.path.join(loop)
        flags = [(seen := item) for item in loop.items if item]
        picked = [item for item in request.items for item in item if item]
        match request:
            case other:
                pass

        def inner():
            nonlocal picked
            picked = loop

        class Holder:
            loop = None

            def method(self):
                return loop

        return lambda: request, seen, flags
    """
)


def _uses() -> dict[str, NameUses]:
    function = cst.parse_module(USES).body[0]
    assert isinstance(function, cst.FunctionDef)
    uses = function_uses(function)
    assert {"Holder", "method", "self", "item", "inner"} <= uses.mentioned
    return uses.own


def _names(nodes: list) -> list[str]:
    return [type(node).__name__ for node in nodes]


def test_function_uses_follow_python_scopes() -> None:
    uses = _uses()
    # A parameter read in the body, in a comprehension, and from a method (the class's own
    # `loop` is not seen from the method) and a nested def.
    assert _names(uses["loop"].bindings) == ["Param"]
    assert len(uses["loop"].direct) == 2
    assert len(uses["loop"].nested) == 2
    # := in a comprehension binds in the function; the comprehension's `item` is its own.
    assert _names(uses["seen"].bindings) == ["Name"] and len(uses["seen"].direct) == 1
    assert "item" not in uses
    # A nested def's nonlocal assignment binds the function's name.
    assert _names(uses["picked"].bindings) == ["Name", "Name"]
    # A match capture binds; a dotted import binds its first name, read directly.
    assert _names(uses["other"].bindings) == ["Name"]
    assert _names(uses["os"].bindings) == ["Import"] and len(uses["os"].direct) == 1
    # `request` read in a lambda is a nested use; the second comprehension reads its own `item`.
    assert len(uses["request"].direct) == 2 and len(uses["request"].nested) == 1
