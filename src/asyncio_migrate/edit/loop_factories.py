"""The ``pytest_asyncio_loop_factories`` hook (pytest-asyncio 1.4+), written into a conftest.

Codemods that replace a custom event loop (an ``event_loop`` or ``event_loop_policy`` override)
build the hook here, so every conftest gets the same shape::

    _LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}


    @pytest.hookimpl(optionalhook=True)  # only while the project still allows pytest-asyncio < 1.4
    def pytest_asyncio_loop_factories(config, item):
        return _LOOP_FACTORIES

The mapping is built once, at module level, and the hook returns that same object on every
call. pytest-asyncio parametrizes its loop fixture by the factory objects (the mapping's
values), so a factory made anew on each call (``{"p": P().new_event_loop}`` inside the hook:
a new bound method each time) is a new parameter for every test: each test gets its own loop,
and ``loop_scope="module"`` or wider silently stops sharing one (verified on 1.5.0).

With factories per test module (``per_module``: an override that lived in a test module, whose
hook has to go to a conftest), the hook picks by ``item.path`` and falls back to the
conftest's own mapping::

    _LOOP_FACTORIES = {"asyncio": asyncio.new_event_loop}
    _LOOP_FACTORIES_BY_MODULE = {
        Path(__file__).parent / "test_uvloop.py": {"uvloop": uvloop.new_event_loop},
    }


    def pytest_asyncio_loop_factories(config, item):
        return _LOOP_FACTORIES_BY_MODULE.get(item.path, _LOOP_FACTORIES)

The hook cannot return None to mean "as before": pytest-asyncio raises a UsageError when no
implementation returns a mapping. ``{"asyncio": asyncio.new_event_loop}`` is the neutral
mapping: a single factory keeps test ids unchanged, and the loop comes from the event loop
policy, as without the hook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from asyncio_migrate.analysis.loop_overrides import HOOK_NAME
from asyncio_migrate.analysis.names import dotted_name
from asyncio_migrate.codemod import FileContext
from asyncio_migrate.edit.imports import Spelling, referenced_globals, spelling_for

# Makes the loop of a plain `asyncio.Runner()`: the event loop policy's new_event_loop().
DEFAULT_FACTORY_NAME = "asyncio"
DEFAULT_FACTORY = "asyncio.new_event_loop"


class CannotWriteHook(Exception):
    """The hook cannot be written into this file; the message says why (for a report)."""


@dataclass(frozen=True)
class Factory:
    """One entry of the hook's mapping: ``name`` (what test ids show) → a callable making a loop.

    ``expression`` is evaluated once, where the hook's statements are placed (module level).
    The dotted names in it listed in ``qualified`` are written the way the file spells them
    (``uvloop.new_event_loop`` becomes ``new_event_loop`` after ``from uvloop import
    new_event_loop``), with an import added if needed; any other name in it must already mean
    the right thing at that place.
    """

    name: str
    expression: cst.BaseExpression
    qualified: tuple[str, ...] = ()

    @classmethod
    def imported(cls, name: str, qualified: str) -> Factory:
        """A factory that is an importable callable: ``Factory.imported("uvloop", "uvloop.new_event_loop")``."""
        return cls(name, cst.parse_expression(qualified), (qualified,))


DEFAULT = Factory.imported(DEFAULT_FACTORY_NAME, DEFAULT_FACTORY)


@dataclass(frozen=True)
class Hook:
    """The statements to put in the conftest, and the imports they need."""

    statements: list[cst.BaseStatement]
    spellings: tuple[Spelling, ...]

    def imports_added(self, module: cst.Module, context: FileContext) -> cst.Module:
        """``module`` with the imports the statements need (call once they are in place)."""
        for spelling in self.spellings:
            module = spelling.added_to(module, context.scope, context.settings.first_party)
        return module


def hook_statements(
    context: FileContext,
    factories: Sequence[Factory],
    *,
    per_module: Mapping[str, Sequence[Factory]] | None = None,
) -> Hook:
    """The mapping assignment(s) and the hook function, for the module level of a conftest.

    ``factories``: the mapping every test gets (non-empty, unique names). ``per_module``:
    mappings for the tests of particular modules, keyed by the module's path relative to
    the conftest's folder (``"sub/test_x.py"``). The first statement has no leading blank
    lines (the caller places it); the function gets PEP 8's two. The hook carries
    ``@pytest.hookimpl(optionalhook=True)`` while the project allows pytest-asyncio < 1.4,
    which would otherwise refuse the conftest (unknown hook).

    Raises :class:`CannotWriteHook` when a needed name cannot be spelled in this file.
    """
    assert factories, "pytest-asyncio rejects an empty mapping"
    spellings: dict[str, Spelling] = {}

    def spell(qualified: str) -> str:
        if qualified not in spellings:
            spelling = spelling_for(context.scope, qualified)
            if spelling is None:
                root = qualified.partition(".")[0]
                raise CannotWriteHook(
                    f"`{root}` means something else in this file or is imported only conditionally, "
                    f"so {qualified} cannot be written here"
                )
            spellings[qualified] = spelling
        return spellings[qualified].expression

    taken = _names_in_use(context)
    mapping_name = _free_name("_LOOP_FACTORIES", taken)
    lines = [f"{mapping_name} = {_mapping_code(factories, spell)}\n"]
    returned = mapping_name
    if per_module:
        by_module_name = _free_name("_LOOP_FACTORIES_BY_MODULE", taken)
        path = spell("pathlib.Path")
        entries = "".join(
            f"    {path}(__file__).parent / {_string(module)}: {_mapping_code(module_factories, spell, 4)},\n"
            for module, module_factories in per_module.items()
        )
        lines.append(f"{by_module_name} = {{\n{entries}}}\n")
        returned = f"{by_module_name}.get(item.path, {mapping_name})"
    lines.append("\n\n")
    if context.settings.allows_before_hook:
        lines.append(f"@{spell('pytest.hookimpl')}(optionalhook=True)\n")
    lines.append(f"def {HOOK_NAME}(config, item):\n    return {returned}\n")
    statements = list(cst.parse_module("".join(lines)).body)
    imports = {spelling.needs_import: spelling for spelling in spellings.values() if spelling.needs_import}
    return Hook(statements, tuple(imports.values()))  # one import per module, however many names it gives


def _mapping_code(factories: Sequence[Factory], spell, indent: int = 0) -> str:
    names = [factory.name for factory in factories]
    assert len(set(names)) == len(names), f"factory names must be unique: {names}"
    entries = [f"{_string(factory.name)}: {_expression_code(factory, spell)}" for factory in factories]
    one_line = "{" + ", ".join(entries) + "}"
    if len(one_line) + indent <= 80 and "\n" not in one_line:
        return one_line
    inner = " " * (indent + 4)
    return "{\n" + "".join(f"{inner}{entry},\n" for entry in entries) + " " * indent + "}"


def _expression_code(factory: Factory, spell) -> str:
    return cst.Module([]).code_for_node(factory.expression.visit(_Respeller(factory.qualified, spell)))


class _Respeller(cst.CSTTransformer):
    """Writes the listed qualified names the way the file spells them."""

    def __init__(self, qualified: Sequence[str], spell) -> None:
        super().__init__()
        self.qualified = set(qualified)
        self.spell = spell

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) in self.qualified:
            return False  # replaced whole in on_leave
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        if isinstance(original_node, (cst.Name, cst.Attribute)):
            name = dotted_name(original_node)
            if name in self.qualified:
                return cst.parse_expression(self.spell(name))
        return super().on_leave(original_node, updated_node)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _names_in_use(context: FileContext) -> set[str]:
    table = context.scope.table
    return {symbol.get_name() for symbol in table.get_symbols()} | referenced_globals(table)


def _free_name(wanted: str, taken: set[str]) -> str:
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted}_{number}", number + 1
    taken.add(name)
    return name
