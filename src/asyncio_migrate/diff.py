"""Unified diffs of a run's changes, as text (the library API's ``render_diff``; the CLI prints them)."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path
from typing import TYPE_CHECKING

from asyncio_migrate.textdiff import unified_diff as diff_lines

if TYPE_CHECKING:
    from asyncio_migrate.api import RunResult


def _decode(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"
    return data.decode(encoding, errors="replace").removeprefix("\ufeff")


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it is below it, as the user typed it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)


def unified_diff(path: Path, old: bytes | None, new: bytes) -> str:
    before = _decode(old).splitlines(keepends=True) if old is not None else []
    after = _decode(new).splitlines(keepends=True)
    shown = display_path(path)
    lines = diff_lines(before, after, fromfile=shown if old is not None else "/dev/null", tofile=shown)
    # Keep a final line without newline readable, as git does.
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def patches(result: RunResult) -> list[str]:
    """One unified diff per changed file, then one per configuration file edit."""
    diffs = []
    for file_result in result.changed:
        assert file_result.new is not None
        diffs.append(unified_diff(file_result.path, file_result.old, file_result.new))
    diffs.extend(unified_diff(edit.path, edit.old, edit.new) for edit in result.config_edits)
    return diffs


def render_diff(result: RunResult) -> str:
    """Every change of ``result`` as one unified diff (what ``--diff`` prints)."""
    return "".join(patches(result))
