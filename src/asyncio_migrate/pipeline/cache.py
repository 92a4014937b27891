"""A persistent cache of files that need nothing, as ruff keeps one.

A run that parses a file and finds nothing to change remembers it, with the file's
diagnostics and announcements, under a key made of everything the result depends on: the
file's bytes and path, the codemods that run, every project setting they are given (the
surveys' findings included), the tool's own code, libcst's version and this Python's. Change
any of them and the key changes, so a stale entry is never read; entries are only added.

Each entry is one small JSON file written under a temporary name and renamed into place,
so runs sharing the folder at the same time read either a whole entry or none. An entry
that cannot be read is a miss. Changed, skipped and failed files are not cached: they are
computed again (they are to be written or reported anyway).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path, PurePath

from asyncio_migrate.codemod import Codemod, Declaration, ProjectSettings
from asyncio_migrate.results import Diagnostic, FileResult, Severity, Status

CACHE_DIR_VARIABLE = "ASYNCIO_MIGRATE_CACHE_DIR"
_FORMAT = "1"  # bump when the entries' layout changes


def default_folder() -> Path:
    """``$ASYNCIO_MIGRATE_CACHE_DIR``, else the user's cache folder (platformdirs)."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured:
        return Path(configured)
    import platformdirs  # only runs that use the cache need it

    return Path(platformdirs.user_cache_dir("asyncio-migrate", appauthor=False))


class Uncacheable(TypeError):
    """A setting has no stable spelling, so no key can promise the same result."""


class ResultCache:
    def __init__(self, folder: Path, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings) -> None:
        self._folder = os.path.join(folder, f"v{_FORMAT}")
        run = {
            "tool": _tool_fingerprint(codemods),
            "codemods": [codemod.id for codemod in codemods],
            "settings": _canonical(settings),
        }
        self._run_key = hashlib.sha256(json.dumps(run, sort_keys=True).encode()).digest()

    @classmethod
    def open(
        cls, folder: Path, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings
    ) -> ResultCache | None:
        """The cache for this run, or None when the settings cannot be keyed (then nothing is cached)."""
        try:
            return cls(folder, codemods, settings)
        except Uncacheable:
            return None

    def _entry(self, path: Path, source: bytes) -> str:
        digest = hashlib.sha256(self._run_key)
        digest.update(os.fsencode(os.path.abspath(path)))  # the path as processed decides is_test_file
        digest.update(b"\0")
        digest.update(source)
        key = digest.hexdigest()
        return os.path.join(self._folder, key[:2], key)  # no pathlib: this runs for every cached file

    def load(self, path: Path, source: bytes) -> FileResult | None:
        try:
            with open(self._entry(path, source), "rb") as stream:
                entry = json.loads(stream.read())
            diagnostics = [
                Diagnostic(path, line, column, codemod, message, Severity(severity))
                for line, column, codemod, message, severity in entry["diagnostics"]
            ]
            return FileResult(
                path,
                Status.UNCHANGED,
                old=source,
                diagnostics=diagnostics,
                announced_tests=tuple(entry["announced_tests"]),
                announced_fixtures=tuple(entry["announced_fixtures"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, or unreadable: compute it again

    def store(self, result: FileResult) -> None:
        """Remember ``result`` if it says the file needs nothing; never fails the run."""
        if result.status is not Status.UNCHANGED or result.old is None:
            return
        entry = {
            "diagnostics": [
                [d.line, d.column, d.codemod, d.message, d.severity.value] for d in result.diagnostics
            ],
            "announced_tests": list(result.announced_tests),
            "announced_fixtures": list(result.announced_fixtures),
        }
        target = self._entry(result.path, result.old)
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(entry, stream)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full cache folder costs speed, not correctness


def _tool_fingerprint(codemods: Sequence[Codemod | Declaration]) -> str:
    """This installation's code, libcst's version and this Python's (they decide every result)."""
    digest = hashlib.sha256(f"{sys.version}\0{_libcst_version()}".encode())
    for source in _code_files(codemods):
        digest.update(os.fsencode(source))
        digest.update(_read(source))
    return digest.hexdigest()


def _code_files(codemods: Sequence[Codemod | Declaration]) -> list[Path]:
    """The tool's Python files, and those of the codemods that run (they ship from their own folder)."""
    package = Path(__file__).resolve().parent.parent
    modules = {Path(codemod.source_file).resolve() for codemod in codemods}
    return sorted({*package.rglob("*.py"), *(module for module in modules if module.suffix == ".py")})


@cache
def _read(source: Path) -> bytes:
    return source.read_bytes()


def _libcst_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("libcst")
    except PackageNotFoundError:
        return "unknown"


def _canonical(value: object) -> object:
    """``value`` as JSON that is the same in every process (sets sorted; hash order ignored)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, bytes):
        return ["bytes", value.hex()]
    if isinstance(value, PurePath):
        return ["path", str(value)]
    if isinstance(value, enum.Enum):
        return [type(value).__qualname__, _canonical(value.value)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {field.name: _canonical(getattr(value, field.name)) for field in dataclasses.fields(value)}
        return [type(value).__module__, type(value).__qualname__, fields]
    if isinstance(value, Mapping):
        items = [[_canonical(key), _canonical(item)] for key, item in value.items()]
        return ["map", sorted(items, key=_sort_key)]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted((_canonical(item) for item in value), key=_sort_key)]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_canonical(item) for item in value]]
    raise Uncacheable(f"no stable key for a {type(value).__qualname__}")


def _sort_key(value: object) -> str:
    return json.dumps(value, sort_keys=True)
