"""Edits of module- and class-level statements that keep every comment the user wrote.

libcst drops the comments attached to a node that is removed (a comment between two
decorators, the trailing comment of a removed decorator or statement). Every removal here
moves such comments onto the next thing that stays, as own-line comments, except pragmas
(``# noqa``, ``# type: ignore``, ``# pragma: ...``), which only meant something on the
removed line.

:func:`replace_nodes` rewrites any nodes, found by identity, rebuilding only their ancestors;
:func:`with_body_edits` applies statement edits (such as :func:`dropping`) to a function's body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence

import libcst as cst

# Replaces one statement (as rebuilt, children already edited) by zero or more statements.
StatementEdit = Callable[[cst.BaseStatement], Sequence[cst.BaseStatement]]
# Rewrites one node (as rebuilt, children already rewritten).
Rewrite = Callable[[cst.CSTNode], cst.CSTNode]

_PRAGMA = re.compile(r"#\s*(noqa|type:\s*ignore|pragma|pyright:|mypy:|fmt:|isort:)", re.IGNORECASE)


def _comment_line(comment: cst.Comment) -> cst.EmptyLine:
    return cst.EmptyLine(indent=True, whitespace=cst.SimpleWhitespace(""), comment=comment)


def _kept_comments(
    leading_lines: Sequence[cst.EmptyLine], trailing: cst.TrailingWhitespace | None
) -> list[cst.EmptyLine]:
    """The lines of a removed node that must survive it: its comments, with the blank
    lines that set them apart from the code above."""
    trailing_comment = (
        trailing.comment
        if trailing is not None and trailing.comment is not None and not _PRAGMA.match(trailing.comment.value)
        else None
    )
    if trailing_comment is None and all(line.comment is None for line in leading_lines):
        return []
    kept = list(leading_lines)
    if trailing_comment is not None:
        kept.append(_comment_line(trailing_comment))
    return kept


def without_decorators(
    node: cst.FunctionDef | cst.ClassDef, remove: Sequence[cst.Decorator]
) -> cst.FunctionDef | cst.ClassDef:
    """``node`` without the decorators in ``remove``, their comments kept in place."""
    doomed = {id(decorator) for decorator in remove}
    kept: list[cst.Decorator] = []
    carried: list[cst.EmptyLine] = []
    for decorator in node.decorators:
        if id(decorator) in doomed:
            carried.extend(_kept_comments(decorator.leading_lines, decorator.trailing_whitespace))
            continue
        if carried:
            decorator = decorator.with_changes(leading_lines=[*carried, *decorator.leading_lines])
            carried = []
        kept.append(decorator)
    lines_after = [*carried, *node.lines_after_decorators]
    return node.with_changes(decorators=kept, lines_after_decorators=lines_after)


def with_decorator_callee(
    function: cst.BaseStatement, decorator: cst.Decorator, callee: cst.BaseExpression
) -> cst.FunctionDef:
    """``function`` with ``@old`` / ``@old(args)`` in ``decorator`` made ``@callee`` / ``@callee(args)``."""
    assert isinstance(function, cst.FunctionDef)
    expression = decorator.decorator
    new_expression = expression.with_changes(func=callee) if isinstance(expression, cst.Call) else callee
    decorators = [
        existing.with_changes(decorator=new_expression) if existing is decorator else existing
        for existing in function.decorators
    ]
    return function.with_changes(decorators=decorators)


def without_elements(
    container: cst.List | cst.Tuple, remove: Sequence[cst.CSTNode]
) -> cst.List | cst.Tuple | None:
    """``container`` without the elements in ``remove``; None when nothing is left.

    An element's comma (and the comment or line break after it) goes with it; when the
    last element goes, the new last one takes over its comma so the layout stays as it was.
    """
    doomed = {id(element) for element in remove}
    elements = list(container.elements)
    kept: list[cst.BaseElement] = []
    for index, element in enumerate(elements):
        if id(element) not in doomed:
            kept.append(element)
            continue
        is_last = all(id(later) in doomed for later in elements[index + 1 :])
        if is_last and kept:
            kept[-1] = kept[-1].with_changes(comma=element.comma)
    if not kept:
        return None
    if isinstance(container, cst.Tuple) and len(kept) == 1 and kept[0].comma is cst.MaybeSentinel.DEFAULT:
        kept[0] = kept[0].with_changes(comma=cst.Comma())  # `(x,)` stays a tuple
    return container.with_changes(elements=kept)


def element_comment(element: cst.BaseElement) -> bool:
    """Whether the whitespace after an element's comma holds a comment."""
    comma = element.comma
    if not isinstance(comma, cst.Comma):
        return False
    after = comma.whitespace_after
    if isinstance(after, cst.ParenthesizedWhitespace):
        return after.first_line.comment is not None or any(line.comment for line in after.empty_lines)
    return False


def apply_statement_edits(module: cst.Module, edits: Mapping[int, StatementEdit]) -> cst.Module:
    """Apply ``edits`` (keyed by ``id()`` of the original statement) anywhere at module or class level."""
    if not edits:
        return module
    header_blanks = 0
    for line in reversed(module.header):
        if line.comment is not None:
            break
        header_blanks += 1
    # Blank lines the file already has above its first statement (all of them if no header).
    blanks_above = header_blanks if module.header else None
    body, leftover = _edit_body(module.body, edits, blanks_above=blanks_above)
    if body is module.body:
        return module
    return module.with_changes(body=body, footer=[*leftover, *module.footer])


def _edit_body(
    body: Sequence[cst.BaseStatement], edits: Mapping[int, StatementEdit], blanks_above: int | None = None
) -> tuple[Sequence[cst.BaseStatement], list[cst.EmptyLine]]:
    """The edited body, and comment lines of removed statements that nothing followed.

    When the statements opening the body go, the new first one loses the blank lines that
    separated it from them, less those already above the body (``blanks_above``; None: the
    start of a file or block, where no blank line belongs).
    """
    result: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []
    # Blank lines that stood above removed statements: the next statement keeps at least as
    # many, so `import a` / blank / `import b` (removed) / `import c` keeps its two groups.
    carried_blanks = 0
    changed = removed_any = False
    for statement in body:
        rebuilt = _edit_children(statement, edits)
        replacement: Sequence[cst.BaseStatement] = (
            edits[id(statement)](rebuilt) if id(statement) in edits else [rebuilt]
        )
        if len(replacement) != 1 or replacement[0] is not statement:
            changed = True
        if not replacement:
            removed_any = True
            trailing = statement.trailing_whitespace if isinstance(statement, cst.SimpleStatementLine) else None
            kept = _kept_comments(statement.leading_lines, trailing)
            carried.extend(kept)
            if not kept:
                carried_blanks = max(carried_blanks, _leading_blanks(statement.leading_lines))
            continue
        first = replacement[0]
        leading = list(first.leading_lines)
        if not result and removed_any and not carried:
            blank = _leading_blanks(leading)
            keep = 0 if blanks_above is None else max(0, blank - blanks_above)
            leading = leading[blank - keep :]
        elif result and not carried and _leading_blanks(leading) < carried_blanks:
            leading = [*([cst.EmptyLine(indent=False)] * (carried_blanks - _leading_blanks(leading))), *leading]
        carried_blanks = 0
        if carried or leading != list(first.leading_lines):
            first = first.with_changes(leading_lines=[*carried, *leading])
            carried = []
        result.extend([first, *replacement[1:]])
    if not changed:
        return body, []
    return result, carried


def dropping(smalls: Sequence[cst.BaseSmallStatement]) -> StatementEdit:
    """An edit removing ``smalls`` from their line (the whole line when nothing else is on it)."""

    def edit(line: cst.BaseStatement) -> list[cst.BaseStatement]:
        assert isinstance(line, cst.SimpleStatementLine)
        kept = [small for small in line.body if all(small is not doomed for doomed in smalls)]
        if not kept:
            return []
        kept[-1] = kept[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return [line.with_changes(body=kept)]

    return edit


def with_body_edits(function: cst.FunctionDef, edits: Mapping[int, StatementEdit]) -> cst.FunctionDef:
    """``function`` with ``edits`` (keyed by ``id()`` of statements of its own scope) applied,
    comments of removed lines kept, and ``pass`` where a block would be left empty."""
    block = function.body
    if not edits or not isinstance(block, cst.IndentedBlock):
        return function
    edited = apply_statement_edits(cst.Module(body=block.body), edits)
    body, leftover = list(edited.body), list(edited.footer)
    if not body:
        body, leftover = [cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=leftover)], []
    return function.with_changes(body=block.with_changes(body=body, footer=[*leftover, *block.footer]))


def _leading_blanks(lines: Sequence[cst.EmptyLine]) -> int:
    count = 0
    while count < len(lines) and lines[count].comment is None:
        count += 1
    return count


def _edit_block(block: cst.BaseSuite, edits: Mapping[int, StatementEdit]) -> cst.BaseSuite:
    if not isinstance(block, cst.IndentedBlock):
        return block  # one-line suites hold no statements we edit
    body, leftover = _edit_body(block.body, edits)
    if body is block.body:
        return block
    if not body:
        body = [cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=leftover)]
        leftover = []
    return block.with_changes(body=body, footer=[*leftover, *block.footer])


def _edit_children(statement: cst.BaseStatement, edits: Mapping[int, StatementEdit]) -> cst.BaseStatement:
    """``statement`` with the statement lists nested in it edited (same object if untouched)."""
    if isinstance(statement, (cst.SimpleStatementLine, cst.FunctionDef)):
        return statement
    changes: dict[str, object] = {}

    def edit(field_name: str, owner: cst.CSTNode | None) -> None:
        if owner is None:
            return
        new = _edit_block(owner.body, edits)  # type: ignore[attr-defined]
        if new is not owner.body:  # type: ignore[attr-defined]
            changes[field_name] = owner.with_changes(body=new) if owner is not statement else new

    if isinstance(statement, (cst.ClassDef, cst.With)):
        edit("body", statement)
    elif isinstance(statement, cst.If):
        edit("body", statement)
        if statement.orelse is not None:
            new_orelse = (
                _edit_children(statement.orelse, edits)
                if isinstance(statement.orelse, cst.If)
                else _else_edited(statement.orelse, edits)
            )
            if new_orelse is not statement.orelse:
                changes["orelse"] = new_orelse
    elif isinstance(statement, (cst.For, cst.While)):
        edit("body", statement)
        if statement.orelse is not None:
            edit("orelse", statement.orelse)
    elif isinstance(statement, (cst.Try, cst.TryStar)):
        edit("body", statement)
        handlers = [handler.with_changes(body=_edit_block(handler.body, edits)) for handler in statement.handlers]
        if any(new.body is not old.body for new, old in zip(handlers, statement.handlers)):
            changes["handlers"] = handlers
        if statement.orelse is not None:
            edit("orelse", statement.orelse)
        if statement.finalbody is not None:
            edit("finalbody", statement.finalbody)
    elif isinstance(statement, cst.Match):
        cases = [case.with_changes(body=_edit_block(case.body, edits)) for case in statement.cases]
        if any(new.body is not old.body for new, old in zip(cases, statement.cases)):
            changes["cases"] = cases
    return statement.with_changes(**changes) if changes else statement


def _else_edited(orelse: cst.Else, edits: Mapping[int, StatementEdit]) -> cst.Else:
    body = _edit_block(orelse.body, edits)
    return orelse if body is orelse.body else orelse.with_changes(body=body)


def replace_nodes(module: cst.Module, rewrites: Mapping[int, Rewrite], ancestors: Collection[int]) -> cst.Module:
    """``module`` with each node whose ``id()`` is in ``rewrites`` rewritten (it gets the node
    as rebuilt); only ``ancestors`` are rebuilt, every other node stays the same object."""
    if not rewrites:
        return module
    return module.visit(_Replacer(rewrites, ancestors))  # type: ignore[return-value]


class _Replacer(cst.CSTTransformer):
    def __init__(self, rewrites: Mapping[int, Rewrite], ancestors: Collection[int]) -> None:
        super().__init__()
        self.rewrites = rewrites
        self.ancestors = ancestors

    def on_visit(self, node: cst.CSTNode) -> bool:
        return id(node) in self.ancestors

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        rewrite = self.rewrites.get(id(original_node))
        return updated_node if rewrite is None else rewrite(updated_node)
