"""A file some codemod may apply to: parsed once, its codemods run, rendered, checked to compile."""

from __future__ import annotations

import ast
import symtable
from collections.abc import Sequence
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from asyncio_migrate.analysis.names import UnsupportedSyntax, module_scope
from asyncio_migrate.codemod import (
    Codemod,
    Declaration,
    FileContext,
    PendingDiagnostic,
    PendingSetting,
    ProjectSettings,
)
from asyncio_migrate.edit.imports import referenced_globals, remove_unused_imports
from asyncio_migrate.results import Diagnostic, FileResult, SettingRequest, Severity, Status


def rewrite(
    path: Path, source: bytes, selected: Sequence[Codemod | Declaration], settings: ProjectSettings,
    is_test_file: bool,
) -> FileResult:
    """The result of running ``selected`` (the codemods that may apply to the file) on it."""
    try:
        module = cst.parse_module(source)
    except Exception as error:  # libcst raises more than ParserSyntaxError on some valid code
        return FileResult(path, Status.FAILED, old=source, reason=_parse_error(source, error))
    try:
        scope = module_scope(module, source, str(path))
    except UnsupportedSyntax as error:
        return FileResult(
            path,
            Status.SKIPPED,
            old=source,
            reason=f"this Python cannot analyse the file's syntax ({error}); run asyncio-migrate "
            "with the Python version the project targets",
        )
    context = FileContext(path, source, scope, settings, is_test_file)
    referenced_before = referenced_globals(scope.table)
    original = module
    applied = []
    for codemod in selected:
        context.codemod = codemod.id
        transformed = codemod.transform(module, context)
        if transformed is not module:
            applied.append(codemod.id)
        module = transformed
    # Only a read-only pass needs them located: elsewhere the changes are written.
    diagnostics, requested, needed = _locate(
        path, original, context.diagnostics, context.settings_requested, context.needed if settings.read_only else []
    )
    announced = {"announced_tests": tuple(context.announced_tests), "announced_fixtures": tuple(context.announced_fixtures)}
    if module is original:
        return FileResult(path, Status.UNCHANGED, old=source, diagnostics=diagnostics, **announced)
    try:
        new = _with_final_cr(source, _render_checked(module, path, referenced_before))
    except _InvalidOutput as error:
        diagnostics.append(Diagnostic(path, 0, 0, ",".join(applied), str(error), Severity.ERROR))
        return FileResult(
            path, Status.FAILED, old=source, reason=f"internal error: {error}", diagnostics=diagnostics
        )
    if new == source:
        return FileResult(path, Status.UNCHANGED, old=source, diagnostics=diagnostics, **announced)
    return FileResult(
        path, Status.CHANGED, old=source, new=new, diagnostics=diagnostics, applied=tuple(applied),
        settings_requested=requested, needed=needed, **announced,
    )


class _InvalidOutput(Exception):
    pass


def _render_checked(module: cst.Module, path: Path, referenced_before: set[str]) -> bytes:
    """The new file's bytes, with imports our edits left unused removed; checked to compile."""
    code = module.code
    table = _symbol_table(code, path)
    pruned = remove_unused_imports(module, code, referenced_before, referenced_globals(table))
    if pruned is not module:
        code = pruned.code
        _symbol_table(code, path)
    return code.encode(module.encoding)  # what Module.bytes does, without rendering again


def _with_final_cr(source: bytes, new: bytes) -> bytes:
    # libcst drops the "\r" that ends a file written with CR-only line endings.
    if source.endswith(b"\r") and not new.endswith((b"\r", b"\n")):
        return new + b"\r"
    return new


def _symbol_table(code: str, path: Path) -> symtable.SymbolTable:
    try:
        return symtable.symtable(code, str(path), "exec")
    except SyntaxError as error:
        raise _InvalidOutput(
            f"the rewritten file would not compile ({error.msg}, line {error.lineno}); nothing written"
        ) from error


def _parse_error(source: bytes, error: Exception) -> str:
    # CPython's message and position are far better than libcst's for syntax errors.
    try:
        ast.parse(source)
    except SyntaxError as syntax_error:
        return f"cannot parse: line {syntax_error.lineno}:{syntax_error.offset}: {syntax_error.msg}"
    except (ValueError, UnicodeDecodeError) as decode_error:
        return f"cannot decode: {decode_error}"
    if isinstance(error, cst.ParserSyntaxError):
        return f"cannot parse: line {error.raw_line}:{error.raw_column}: {error.message}"
    return f"cannot parse ({type(error).__name__}: {error})"


def _locate(
    path: Path,
    module: cst.Module,
    pending: list[PendingDiagnostic],
    settings: list[PendingSetting],
    needed: list[PendingDiagnostic],
) -> tuple[list[Diagnostic], tuple[SettingRequest, ...], tuple[Diagnostic, ...]]:
    """Diagnostics, setting requests and needed changes with line and column (positions only
    for files that have any)."""
    if not pending and not settings and not needed:
        return [], (), ()
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)

    def where(node: cst.CSTNode | None) -> tuple[int, int]:
        position = positions.get(node) if node is not None else None
        return (position.start.line, position.start.column + 1) if position else (0, 0)

    diagnostics = [
        Diagnostic(path, *where(item.node), item.codemod, item.message, item.severity) for item in pending
    ]
    requests = tuple(
        SettingRequest(item.key, item.value, item.codemod, path, where(item.node)[0]) for item in settings
    )
    located_needs = tuple(
        Diagnostic(path, *where(item.node), item.codemod, item.message, item.severity) for item in needed
    )
    return diagnostics, requests, located_needs
