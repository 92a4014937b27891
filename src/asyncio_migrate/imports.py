"""Adding the imports a codemod needs and removing the ones it made unused (and only those)."""

from __future__ import annotations

import re
import symtable
import sys
from collections.abc import Iterator

import libcst as cst

from asyncio_migrate.edits import apply_statement_edits
from asyncio_migrate.names import Scope, same_scope_blocks


def referenced_globals(table: symtable.SymbolTable) -> set[str]:
    """Module-level names that code anywhere in the module reads."""
    names = {symbol.get_name() for symbol in table.get_symbols() if symbol.is_referenced()}
    pending = list(table.get_children())
    while pending:
        child = pending.pop()
        pending.extend(child.get_children())
        names.update(
            symbol.get_name()
            for symbol in child.get_symbols()
            if symbol.is_referenced() and symbol.is_global()
        )
    return names


def _mentioned_in_string(name: str, code: str) -> bool:
    # String annotations ("pytest.FixtureRequest") and __all__ entries read a name too; a
    # quote before the word on the same line is a cheap, safe over-approximation.
    return re.search(rf"""["'][^"'\n]*\b{re.escape(name)}\b""", code) is not None


def remove_unused_imports(
    module: cst.Module, code: str, referenced_before: set[str], referenced_after: set[str]
) -> cst.Module:
    """Drop the module-level imports our edits left unused.

    An import goes only if code read it before the edits and reads it no more; an import
    that was already unused (a plugin imported for its side effects, ``# noqa``) stays.
    ``code`` is the module rendered, ``referenced_after`` read from its symbol table.
    """
    dropped = referenced_before - referenced_after
    if not dropped:
        return module
    dropped = {name for name in dropped if not _mentioned_in_string(name, code)}
    edits = {}
    for line in _module_import_lines(module.body):
        if any(name in dropped for name in _bound_names(line)):
            edits[id(line)] = lambda statement: _without_bindings(statement, dropped)
    return apply_statement_edits(module, edits)


def _module_import_lines(body) -> Iterator[cst.SimpleStatementLine]:
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            if any(isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body):
                yield statement
        else:
            for block in same_scope_blocks(statement):
                yield from _module_import_lines(block)


def _alias_binding(alias: cst.ImportAlias, is_from: bool) -> str:
    if alias.asname is not None:
        return alias.asname.name.value  # type: ignore[union-attr]
    name = cst.Module([]).code_for_node(alias.name)
    return name if is_from else name.partition(".")[0]


def _bound_names(line: cst.SimpleStatementLine) -> Iterator[str]:
    for small in line.body:
        if isinstance(small, cst.Import):
            yield from (_alias_binding(alias, False) for alias in small.names)
        elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            yield from (_alias_binding(alias, True) for alias in small.names)


def _without_bindings(line: cst.BaseStatement, dropped: set[str]) -> list[cst.BaseStatement]:
    assert isinstance(line, cst.SimpleStatementLine)
    kept_smalls: list[cst.BaseSmallStatement] = []
    for small in line.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
            is_from = isinstance(small, cst.ImportFrom)
            aliases = [alias for alias in small.names if _alias_binding(alias, is_from) not in dropped]
            if not aliases:
                continue
            if len(aliases) != len(small.names):
                parenthesized = is_from and small.lpar is not None  # type: ignore[union-attr]
                last = aliases[-1]
                if not parenthesized:  # a trailing comma is only legal inside parentheses
                    aliases[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                elif small.names[-1] is not last:
                    aliases[-1] = last.with_changes(comma=small.names[-1].comma)
                small = small.with_changes(names=aliases)
        kept_smalls.append(small)
    if not kept_smalls:
        return []
    last_small = kept_smalls[-1]
    if hasattr(last_small, "semicolon"):
        kept_smalls[-1] = last_small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
    return [line.with_changes(body=kept_smalls)]


def ensure_import(module: cst.Module, scope: Scope, qualified: str) -> tuple[cst.Module, str] | None:
    """An expression spelling ``qualified`` (``pytest.fixture``), adding ``import <root>`` if needed.

    Returns None when the module cannot get the import without rebinding a name it uses
    for something else; the caller reports the place instead of guessing.
    """
    spellings = scope.local_names_for(qualified, unconditional=True)
    if spellings:
        return module, spellings[0]
    root = qualified.partition(".")[0]
    root_scope = scope
    while root_scope.parent is not None:
        root_scope = root_scope.parent
    try:
        symbol = root_scope.table.lookup(root)
    except KeyError:
        symbol = None
    if symbol is not None and (symbol.is_local() or symbol.is_declared_global()):
        return None
    if any(root in scope_imports for scope_imports in _all_import_names(scope)):
        return None
    new_line = cst.SimpleStatementLine(body=[cst.Import(names=[cst.ImportAlias(name=cst.Name(root))])])
    body = list(module.body)
    position = _import_position(body, root)
    if position < len(body) and _is_import_line(body[position]):
        # Take over the blank lines above the import it goes before, so groups stay apart.
        new_line = new_line.with_changes(leading_lines=body[position].leading_lines)
        body[position] = body[position].with_changes(leading_lines=[])
    body.insert(position, new_line)
    root_scope.add_import(root, root)
    return module.with_changes(body=body), qualified


def _all_import_names(scope: Scope) -> Iterator[set[str]]:
    current: Scope | None = scope
    while current is not None:
        yield set(current.imports)
        current = current.parent


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def _is_docstring(statement: cst.BaseStatement) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _import_position(body: list[cst.BaseStatement], root: str) -> int:
    """Where ``import <root>`` goes: among the file's leading imports, in isort's order.

    It joins the group it belongs to (standard library or not) before the first import of
    that group that sorts after it, else after the group's last import; with no import of
    its group, after the leading imports (and docstring).
    """
    start = 1 if body and _is_docstring(body[0]) else 0
    end = start
    while end < len(body) and _is_import_line(body[end]):
        end += 1
    group = _is_stdlib(root)
    same_group = [index for index in range(start, end) if _is_stdlib(_first_module(body[index])) == group]
    for index in same_group:
        if _first_module(body[index]).lower() > root.lower():
            return index
    return same_group[-1] + 1 if same_group else end


def _first_module(line: cst.BaseStatement) -> str:
    assert isinstance(line, cst.SimpleStatementLine)
    small = line.body[0]
    if isinstance(small, cst.Import):
        return cst.Module([]).code_for_node(small.names[0].name)
    assert isinstance(small, cst.ImportFrom)
    if small.relative or small.module is None:
        return "~"  # relative imports come last
    return cst.Module([]).code_for_node(small.module)


def _is_stdlib(module: str) -> bool:
    return module.partition(".")[0] in sys.stdlib_module_names or module == "__future__"
