"""Marks and keyword arguments: adding ``keyword="value"`` to a call, a module's ``pytestmark``."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.edit.imports import end_of_leading_imports, spaced_after_imports


def with_keyword(expression: cst.BaseExpression, keyword: str, value: str) -> cst.Call:
    """``f`` / ``f(...)`` with ``keyword="value"`` added last, laid out like the arguments before it."""
    new = cst.Arg(
        value=cst.SimpleString(f'"{value}"'),
        keyword=cst.Name(keyword),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    if not isinstance(expression, cst.Call):
        return cst.Call(func=expression, args=[new])
    args = list(expression.args)
    if not args:
        return expression.with_changes(args=[new])
    last = args[-1]
    between = expression.whitespace_before_args
    # One argument per line: the new one goes on a line of its own, like the others.
    separator = between if isinstance(between, cst.ParenthesizedWhitespace) else cst.SimpleWhitespace(" ")
    if isinstance(last.comma, cst.Comma) and isinstance(last.comma.whitespace_after, cst.ParenthesizedWhitespace):
        separator = between if isinstance(between, cst.ParenthesizedWhitespace) else last.comma.whitespace_after
    args[-1] = last.with_changes(
        comma=cst.Comma(whitespace_after=separator), whitespace_after_arg=cst.SimpleWhitespace("")
    )
    args.append(new.with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg))
    return expression.with_changes(args=args)


def with_module_pytestmark(module: cst.Module, mark: cst.BaseExpression) -> cst.Module:
    """``module`` with a new ``pytestmark = mark`` after its leading imports."""
    body = list(module.body)
    position = end_of_leading_imports(body)
    line = pytestmark_line(mark, blank_above=position > 0)
    if position < len(body):
        body[position] = spaced_after_imports(body[position])
    body.insert(position, line)
    return module.with_changes(body=body)


def pytestmark_line(mark: cst.BaseExpression, blank_above: bool) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine(
        body=[cst.Assign(targets=[cst.AssignTarget(cst.Name("pytestmark"))], value=mark)],
        leading_lines=[cst.EmptyLine(indent=False)] if blank_above else [],
    )
