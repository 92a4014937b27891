"""What a run prints: the diff on stdout, diagnostics and the summary on stderr."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from asyncio_migrate import __version__
from asyncio_migrate.api import RunResult
from asyncio_migrate.diff import display_path, patches
from asyncio_migrate.results import Diagnostic, Severity, Status
from asyncio_migrate.verify.compare import Verification

_SEVERITY_STYLE = {
    Severity.INFO: "cyan",
    Severity.WARNING: "yellow",
    Severity.BLOCKER: "bold red",
    Severity.ERROR: "bold red",
}


def print_diff(result: RunResult, out: Console) -> None:
    for patch in patches(result):
        _print_patch(patch, out)


def _print_patch(patch: str, out: Console) -> None:
    if out.is_terminal:
        from rich.syntax import Syntax  # pygments: only a diff shown on a terminal needs it

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
    counts = status_counts(result)
    verb = "would change" if (check or dry_run or not result.written) else "changed"
    # --check names what it would change (as black's "would reformat"); otherwise only -v does.
    if check or verbosity > 0:
        for file_result in result.changed:
            err.print(
                f"{escape(display_path(file_result.path))}: {verb} ({', '.join(file_result.applied)})", highlight=False
            )
    for edit in result.config_edits:
        err.print(f"{escape(display_path(edit.path))}: {escape(edit.note)}", highlight=False)
    edits = len(result.config_edits)
    err.print(
        f"{len(result.files)} files scanned: {counts[Status.CHANGED]} {verb}, {counts[Status.SKIPPED]} skipped, "
        f"{counts[Status.FAILED]} failed; {edits} configuration {'file' if edits == 1 else 'files'} {verb}",
        highlight=False,
    )
    if result.blocked:
        err.print(
            "[bold red]Refused:[/] the places marked 'blocker' above must be dealt with first "
            "(or pass --force). Nothing was written.",
        )


def status_counts(result: RunResult) -> dict[Status, int]:
    counts = {status: 0 for status in Status}
    for file_result in result.files:
        counts[file_result.status] += 1
    return counts


# The JSON document's layout version: raised whenever a key changes meaning or goes away.
JSON_SCHEMA_VERSION = 1


def json_document(result: RunResult, *, exit_code: int, include_diff: bool) -> dict[str, Any]:
    """The whole run as one JSON document (its layout is documented in the README)."""
    counts = status_counts(result)

    def with_diff(entry: dict[str, Any], patch: str) -> dict[str, Any]:
        return {**entry, "diff": patch} if include_diff else entry

    changed_patches = iter(patches(result))
    files = []
    for file_result in result.files:
        entry = {
            "path": display_path(file_result.path),
            "status": file_result.status.value,
            "codemods": list(file_result.applied),
            "reason": file_result.reason,
        }
        files.append(with_diff(entry, next(changed_patches)) if file_result.changed else entry)
    config_edits = [
        with_diff(
            {"path": display_path(edit.path), "created": edit.old is None, "note": edit.note}, next(changed_patches)
        )
        for edit in result.config_edits
    ]
    verification = result.verification
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "asyncio-migrate", "version": __version__},
        "command": result.command,
        "written": result.written,
        "target": None if result.target is None else {"version": result.target.version, "reason": result.target.reason},
        "files": files,
        "diagnostics": [
            {
                "path": display_path(d.path),
                "line": d.line,
                "column": d.column,
                "codemod": d.codemod,
                "severity": d.severity.value,
                "message": d.message,
            }
            for d in sorted(result.all_diagnostics(), key=_sort_key)
        ],
        "config_edits": config_edits,
        "verification": None
        if verification is None
        else {
            "mode": verification.mode,
            "tests_compared": verification.tests_compared,
            "original_collection_errors": verification.original_errors,
            "differences": [
                {"kind": d.kind, "test": d.test, "before": d.before, "after": d.after, "expected": d.expected,
                 "why": d.why}
                for d in verification.differences
            ],
        },
        "summary": {
            "files_scanned": len(result.files),
            "files_changed": counts[Status.CHANGED],
            "files_unchanged": counts[Status.UNCHANGED],
            "files_skipped": counts[Status.SKIPPED],
            "files_failed": counts[Status.FAILED],
            "config_edits": len(result.config_edits),
            "blocked": result.blocked,
            "exit_code": exit_code,
        },
    }


def print_json(result: RunResult, out: Any, *, exit_code: int, include_diff: bool) -> None:
    out.write(json.dumps(json_document(result, exit_code=exit_code, include_diff=include_diff), indent=2) + "\n")


_GITHUB_LEVEL = {
    Severity.INFO: "notice",
    Severity.WARNING: "warning",
    Severity.BLOCKER: "error",
    Severity.ERROR: "error",
}


def _github_escape(text: str, *, property_value: bool = False) -> str:
    # The escapes GitHub's workflow command parser undoes (actions/toolkit, command.ts).
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _annotation(level: str, path: str, line: int, column: int, title: str, message: str) -> str:
    properties = [f"file={_github_escape(path, property_value=True)}"]
    if line > 0:  # 0: the whole file or project
        properties.append(f"line={line}")
        if column > 0:
            properties.append(f"col={column}")
    properties.append(f"title={_github_escape(title, property_value=True)}")
    return f"::{level} {','.join(properties)}::{_github_escape(message)}"


def print_github(result: RunResult, out: Any, *, check: bool) -> None:
    """GitHub Actions workflow commands: one annotation per diagnostic and per file that changes."""
    lines = [
        _annotation(_GITHUB_LEVEL[d.severity], display_path(d.path), d.line, d.column,
                    f"asyncio-migrate {d.codemod}", d.message)
        for d in sorted(result.all_diagnostics(), key=_sort_key)
    ]
    verb = "would change" if not result.written else "changed"
    level = "error" if check else "notice"
    for file_result in result.changed:
        lines.append(_annotation(level, display_path(file_result.path), 0, 0, f"asyncio-migrate {result.command}",
                                 f"{verb}: {', '.join(file_result.applied)}"))
    for edit in result.config_edits:
        lines.append(_annotation(level, display_path(edit.path), 0, 0, f"asyncio-migrate {result.command}",
                                 f"{verb}: {edit.note}"))
    for file_result in result.failed:
        lines.append(_annotation("error", display_path(file_result.path), 0, 0, "asyncio-migrate",
                                 f"failed: {file_result.reason or ''}"))
    counts = status_counts(result)
    lines.append(
        f"{len(result.files)} files scanned: {counts[Status.CHANGED]} {verb}, {counts[Status.SKIPPED]} skipped, "
        f"{counts[Status.FAILED]} failed; {len(result.config_edits)} configuration file(s) {verb}"
    )
    out.write("".join(line + "\n" for line in lines))
