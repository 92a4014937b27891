"""Typed results of a run: what happened to each file, and what the user must look at."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Status(enum.Enum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


class Severity(enum.Enum):
    # Ordered from least to most serious; the report sorts on it.
    INFO = "info"
    WARNING = "warning"
    # A blocker stops the whole command: nothing is written (unless --force).
    BLOCKER = "blocker"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """One place the user should know about, and what to do there by hand."""

    path: Path
    line: int
    column: int
    codemod: str
    message: str
    severity: Severity = Severity.WARNING

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class SettingRequest:
    """A codemod needs ``key = value`` in the pytest configuration."""

    key: str
    value: str | bool | tuple[str, ...]  # a tuple: a TOML list (pytest 9's native tables)
    codemod: str
    path: Path | None = None  # the file whose changes rely on it (None: the project)
    line: int = 0

    @property
    def source(self) -> str:
        return f"{self.codemod} ({self.path}:{self.line})" if self.path else self.codemod


@dataclass
class FileResult:
    path: Path
    status: Status
    old: bytes | None = None
    new: bytes | None = None
    # Why a file was skipped, or the error that made it fail.
    reason: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    applied: tuple[str, ...] = ()
    # Tests of this file whose treatment changes on purpose ("Class::test"), for --verify.
    announced_tests: tuple[str, ...] = ()
    # ...and fixtures (pytest names) whose change may change every test using them.
    announced_fixtures: tuple[str, ...] = ()
    # pytest configuration settings this file's changes rely on.
    settings_requested: tuple[SettingRequest, ...] = ()
    # Changes of this file the mode switch relies on, located (see FileContext.needed_by_switch).
    needed: tuple[Diagnostic, ...] = ()

    @property
    def changed(self) -> bool:
        return self.status is Status.CHANGED
