"""What a run prints: the diff on stdout, diagnostics and the summary on stderr."""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.syntax import Syntax
from rich.table import Column, Table

from asyncio_migrate.api import RunResult
from asyncio_migrate.results import Diagnostic, Severity, Status
from asyncio_migrate.textdiff import unified_diff as diff_lines
from asyncio_migrate.verify.compare import Verification

_SEVERITY_STYLE = {
    Severity.INFO: "cyan",
    Severity.WARNING: "yellow",
    Severity.BLOCKER: "bold red",
    Severity.ERROR: "bold red",
}


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


def print_diff(result: RunResult, out: Console) -> None:
    for file_result in result.changed:
        assert file_result.new is not None
        _print_patch(unified_diff(file_result.path, file_result.old, file_result.new), out)
    for edit in result.config_edits:
        _print_patch(unified_diff(edit.path, edit.old, edit.new), out)


def _print_patch(patch: str, out: Console) -> None:
    if out.is_terminal:
        out.print(Syntax(patch, "diff", theme="ansi_dark", background_color="default"))
    else:
        out.file.write(patch)


def print_diagnostics(result: RunResult, err: Console, verbosity: int) -> None:
    minimum = Severity.WARNING if verbosity < 0 else Severity.INFO
    order = list(Severity)
    shown = [d for d in result.all_diagnostics() if order.index(d.severity) >= order.index(minimum)]
    for diagnostic in sorted(shown, key=_sort_key):
        style = _SEVERITY_STYLE[diagnostic.severity]
        err.print(
            f"{escape(diagnostic.location())}: [{style}]{diagnostic.severity.value}[/] "
            f"[dim]\\[{diagnostic.codemod}][/] {escape(diagnostic.message)}",
            highlight=False,
        )
    for file_result in result.files:
        if file_result.status in (Status.FAILED, Status.SKIPPED):
            style = "bold red" if file_result.status is Status.FAILED else "yellow"
            err.print(
                f"{escape(str(file_result.path))}: [{style}]{file_result.status.value}[/] "
                f"{escape(file_result.reason or '')}",
                highlight=False,
            )


def print_verification(verification: Verification, err: Console) -> None:
    """The differences pytest saw, grouped by kind; unexpected ones first."""
    what = "outcomes and collection" if verification.mode == "run" else "collection"
    for test_id, error in sorted(verification.original_errors.items()):
        err.print(f"note: the original tree already fails to collect {escape(test_id or '(session)')}: {escape(error)}")
    if not verification.differences:
        err.print(f"verify: pytest's {what} of {verification.tests_compared} tests are the same before and after")
        return
    for expected, title in ((False, "[bold red]unexpected differences[/]"), (True, "[green]expected differences[/]")):
        rows = sorted(
            (d for d in verification.differences if d.expected == expected), key=lambda d: (d.kind, d.test)
        )
        if not rows:
            continue
        columns = [Column("kind"), Column("test", overflow="fold"), Column("before"), Column("after")]
        table = Table(*columns, *(["why"] if expected else []), title=title, title_justify="left")
        for difference in rows:
            cells = [difference.kind, difference.test, difference.before, difference.after]
            table.add_row(*map(escape, cells), *([difference.why] if expected else []))
        err.print(table)
    if verification.unexpected:
        err.print(
            f"[bold red]verify:[/] {len(verification.unexpected)} unexpected difference(s) in pytest's {what}; "
            "nothing was written."
        )
    else:
        err.print(f"verify: only expected differences in pytest's {what} of {verification.tests_compared} tests")


def _sort_key(diagnostic: Diagnostic) -> tuple[str, int, int]:
    return (str(diagnostic.path), diagnostic.line, diagnostic.column)


def print_summary(result: RunResult, err: Console, *, check: bool, dry_run: bool, verbosity: int) -> None:
    counts = {status: 0 for status in Status}
    for file_result in result.files:
        counts[file_result.status] += 1
    if verbosity > 0:
        for file_result in result.changed:
            err.print(f"{escape(str(file_result.path))}: {', '.join(file_result.applied)}", highlight=False)
    for edit in result.config_edits:
        err.print(f"{escape(display_path(edit.path))}: {escape(edit.note)}", highlight=False)
    verb = "would change" if (check or dry_run or not result.written) else "changed"
    changed = counts[Status.CHANGED] + len(result.config_edits)
    err.print(
        f"{len(result.files)} files scanned, {changed} {verb}, {counts[Status.SKIPPED]} skipped, "
        f"{counts[Status.FAILED]} failed",
        highlight=False,
    )
    if result.blocked:
        err.print(
            "[bold red]Refused:[/] the places marked 'blocker' above must be dealt with first "
            "(or pass --force). Nothing was written.",
        )
