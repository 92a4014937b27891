"""Adding the imports a codemod needs and removing the ones it made unused (and only those)."""

from __future__ import annotations

import re
import symtable
import sys
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import libcst as cst

from asyncio_migrate.analysis.names import Scope, is_docstring, same_scope_blocks
from asyncio_migrate.edit.statements import apply_statement_edits


def referenced_globals(table: symtable.SymbolTable) -> set[str]:
    """Module-level names that code anywhere in the module reads."""
    # Not table.get_symbols(): each module-level Symbol it builds scans every child table for
    # namespaces, quadratic in the functions of the module. The USE flag is what is_referenced() reads.
    names = {name for name, flags in table._table.symbols.items() if flags & symtable.USE}
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


@dataclass(frozen=True)
class Spelling:
    """How code in a scope can name something: ``expression``, after ``import <root>`` if ``needs_import``."""

    expression: str
    needs_import: str | None = None

    def usable_in(self, scope: Scope, qualified: str) -> bool:
        """Whether the spelling means ``qualified`` in ``scope`` (a class body may shadow it)."""
        if self.needs_import is not None:
            return not scope.bound_in_class(self.needs_import)
        return scope.qualified_name(cst.parse_expression(self.expression)) == qualified

    def added_to(self, module: cst.Module, scope: Scope, first_party: Collection[str] = ()) -> cst.Module:
        """``module`` with the import this spelling needs (call once all edits are made).

        ``first_party``: the project's own top-level packages, which isort groups apart.
        """
        if self.needs_import is None:
            return module
        while scope.parent is not None:
            scope = scope.parent
        scope.add_import(self.needs_import, self.needs_import)  # so later codemods reuse it
        return module.with_changes(body=_with_import(list(module.body), self.needs_import, first_party))


def spelling_for(scope: Scope, qualified: str) -> Spelling | None:
    """How to write ``qualified`` (``pytest.fixture``) here: an existing alias, else a new import.

    None when the module cannot get the import without rebinding a name it uses for
    something else (or imports only conditionally); the caller reports the place instead.
    """
    spellings = scope.local_names_for(qualified, unconditional=True)
    if spellings:
        return Spelling(spellings[0])
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
    return Spelling(qualified, needs_import=root)


def _all_import_names(scope: Scope) -> Iterator[set[str]]:
    current: Scope | None = scope
    while current is not None:
        yield set(current.imports)
        current = current.parent


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def end_of_leading_imports(body: Sequence[cst.BaseStatement]) -> int:
    """The index of the first statement after the file's docstring and leading imports."""
    end = 1 if body and is_docstring(body[0]) else 0
    while end < len(body) and _is_import_line(body[end]):
        end += 1
    return end


def _with_import(
    body: list[cst.BaseStatement], root: str, first_party: Collection[str]
) -> list[cst.BaseStatement]:
    """``body`` with ``import <root>`` where isort would put it among the leading imports.

    Within its group (future, standard library, third party, first party, relative) it follows the last
    import that sorts before it (plain imports before from-imports); a group of its own
    is set apart by a blank line; code after a new first import keeps PEP 8's spacing.
    """
    new_line = cst.SimpleStatementLine(body=[cst.Import(names=[cst.ImportAlias(name=cst.Name(root))])])
    key = (_group(root, first_party), 0, root.lower())
    start = 1 if body and is_docstring(body[0]) else 0
    end = end_of_leading_imports(body)
    keys = {index: _line_key(body[index], first_party) for index in range(start, end)}
    same_group = [index for index in keys if keys[index][0] == key[0]]
    earlier_groups = [index for index in keys if keys[index][0] < key[0]]
    if same_group:
        sorting_before = [index for index in same_group if keys[index] <= key]
        if sorting_before:
            position = sorting_before[-1] + 1
        else:
            position = same_group[0]
            new_line = new_line.with_changes(leading_lines=body[position].leading_lines)
            body[position] = body[position].with_changes(leading_lines=[])
    elif earlier_groups:
        position = earlier_groups[-1] + 1
        new_line = new_line.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    elif start < end:  # only imports of later groups: this one opens the block
        position = start
        new_line = new_line.with_changes(leading_lines=body[position].leading_lines)
        body[position] = body[position].with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    else:  # no imports at all
        position = start
        if start:
            new_line = new_line.with_changes(leading_lines=[cst.EmptyLine(indent=False)])
        if position < len(body):
            body[position] = spaced_after_imports(body[position])
    body.insert(position, new_line)
    return body


def spaced_after_imports(statement: cst.BaseStatement) -> cst.BaseStatement:
    """``statement`` with the blank lines PEP 8 wants after imports (two before a def or class)."""
    wanted = 2 if isinstance(statement, (cst.FunctionDef, cst.ClassDef)) else 1
    blank = 0
    while blank < len(statement.leading_lines) and statement.leading_lines[blank].comment is None:
        blank += 1
    if blank >= wanted:
        return statement
    return statement.with_changes(leading_lines=[*([cst.EmptyLine(indent=False)] * (wanted - blank)), *statement.leading_lines])


def _line_key(line: cst.BaseStatement, first_party: Collection[str]) -> tuple[int, int, str]:
    module = _first_module(line)
    is_from = isinstance(line, cst.SimpleStatementLine) and isinstance(line.body[0], cst.ImportFrom)
    return (_group(module, first_party), int(is_from), module.lower())


def _group(module: str, first_party: Collection[str]) -> int:
    if module == "__future__":
        return 0
    if module.startswith("."):
        return 4
    top = module.partition(".")[0]
    if top in sys.stdlib_module_names:
        return 1
    return 3 if top in first_party else 2


def _first_module(line: cst.BaseStatement) -> str:
    assert isinstance(line, cst.SimpleStatementLine)
    small = line.body[0]
    if isinstance(small, cst.Import):
        return cst.Module([]).code_for_node(small.names[0].name)
    assert isinstance(small, cst.ImportFrom)
    dots = "." * len(small.relative)
    return dots + (cst.Module([]).code_for_node(small.module) if small.module is not None else "")
