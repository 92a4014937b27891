"""The library API: run a command over paths and get typed results; no printing here."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import Codemod, ProjectSettings
from asyncio_migrate.config.discovery import discover
from asyncio_migrate.config.pytest_config import (
    CODEMOD_ID as CONFIG_ID,
)
from asyncio_migrate.config.pytest_config import (
    ConfigEdit,
    PytestConfig,
    forced_mode_diagnostics,
    locate_config,
    plan_settings,
)
from asyncio_migrate.config.versions import Target, choose_target, setting_min_version
from asyncio_migrate.pipeline.commands import COMMANDS
from asyncio_migrate.pipeline.cache import ResultCache
from asyncio_migrate.pipeline.engine import needs_parse, process_source, read_source, survey_project
from asyncio_migrate.results import Diagnostic, FileResult, SettingRequest, Severity, Status
from asyncio_migrate.verify.compare import Expectations, Verification, verify

# Below this many files a process pool costs more than it saves.
_POOL_THRESHOLD = 16


class SelectionError(ValueError):
    """--select/--ignore named a codemod that does not exist."""


@dataclass
class RunResult:
    command: str
    files: list[FileResult]
    config: PytestConfig
    config_edits: list[ConfigEdit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # project-level ones
    verification: Verification | None = None
    written: bool = False
    target: Target | None = None  # commands that write for a pytest-asyncio release

    def all_diagnostics(self) -> list[Diagnostic]:
        return [*self.diagnostics, *(d for result in self.files for d in result.diagnostics)]

    @property
    def blocked(self) -> bool:
        return any(d.severity is Severity.BLOCKER for d in self.all_diagnostics())

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.files if result.status is Status.FAILED]

    @property
    def changed(self) -> list[FileResult]:
        return [result for result in self.files if result.status is Status.CHANGED]

    @property
    def would_change(self) -> bool:
        return bool(self.changed or self.config_edits)

    @property
    def verification_failed(self) -> bool:
        return self.verification is not None and bool(self.verification.unexpected)


def select_codemods(command: str, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Codemod]:
    known = registry.by_id()
    unknown = [name for name in [*select, *ignore] if name not in known]
    if unknown:
        raise SelectionError(f"unknown codemod id: {', '.join(unknown)} (see `asyncio-migrate list`)")
    chosen = registry.for_command(command)
    if select:
        chosen = [codemod for codemod in chosen if codemod.id in select]
    return [codemod for codemod in chosen if codemod.id not in ignore]


def run(
    command: str,
    paths: Sequence[Path],
    *,
    write: bool,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    excludes: Sequence[str] = (),
    jobs: int | None = None,
    force: bool = False,
    verify_mode: str | None = None,
    python: str | None = None,
    style: str = "decorator",
    target: str | None = None,
    on_file_done: Callable[[FileResult], None] | None = None,
    cache_folder: Path | None = None,
) -> RunResult:
    """Compute ``command``'s changes over ``paths``; write them when ``write`` and nothing blocks.

    ``verify_mode`` ("collect" or "run") first compares pytest's view of the project before
    and after the changes (see verify.py, run with ``python``); any difference the command
    did not announce means nothing is written. With ``cache_folder``, files found to need
    nothing are remembered there and not parsed again while nothing they depend on changes
    (see cache.py).
    """
    codemods = select_codemods(command, select, ignore)
    files = discover(paths, excludes)
    config = _single_config(paths)
    chosen = choose_target(target, config.rootdir, python) if COMMANDS[command].uses_target else None
    settings = ProjectSettings(
        rules=config.collection,
        mode=config.effective_mode,
        default_test_loop_scope=config.default_test_loop_scope,
        style=style,
        first_party=first_party_names(config.rootdir),
        default_fixture_loop_scope=config.default_fixture_loop_scope,
        **({"target": chosen.version, "allows_before_hook": chosen.allows_before_hook} if chosen else {}),
    )
    project_diagnostics = []
    if chosen is not None:
        where = config.path or config.rootdir
        project_diagnostics.append(
            Diagnostic(where, 0, 0, "target", f"writing for pytest-asyncio {chosen.version}: {chosen.reason}",
                       Severity.INFO)
        )
        for codemod in [codemod for codemod in codemods if not settings.supports(codemod.min_pytest_asyncio)]:
            codemods.remove(codemod)
            project_diagnostics.append(
                Diagnostic(where, 0, 0, codemod.id,
                           f"not applied: its output needs pytest-asyncio >= {codemod.min_pytest_asyncio} and "
                           f"the target is {chosen.version} (raise the project's requirement or pass --target)",
                           Severity.INFO)
            )
    codemods = [codemod for codemod in codemods if codemod.applies_to(settings)]
    settings = survey_project(files, codemods, settings)
    cache = ResultCache.open(cache_folder, codemods, settings) if cache_folder is not None else None
    results = _process_all(files, codemods, settings, jobs, on_file_done, cache)
    result = RunResult(command, results, config, diagnostics=project_diagnostics, target=chosen)
    # The command's settings are what make the code changes safe, so --select/--ignore never skip them.
    requests = [SettingRequest(key, value, command) for key, value in COMMANDS[command].settings.items()]
    for codemod in codemods:
        if codemod.configure is not None:
            requests.extend(codemod.configure(config, settings))
    requests.extend(request for file_result in result.changed for request in file_result.settings_requested)
    wanted, problems = merge_settings(requests, settings)
    result.diagnostics.extend(problems)
    if wanted:
        edit = plan_settings(config, wanted)
        if edit is not None:
            result.config_edits.append(edit)
    if "asyncio_mode" in COMMANDS[command].settings:  # only a mode switch cares what else forces the mode
        result.diagnostics.extend(forced_mode_diagnostics(config))
    for codemod in codemods:
        if codemod.check_config is not None:
            result.diagnostics.extend(codemod.check_config(config))
    if force:
        result.diagnostics = [_downgraded(d) for d in result.diagnostics]
        for file_result in results:
            file_result.diagnostics = [_downgraded(d) for d in file_result.diagnostics]
    if verify_mode is not None and result.would_change and not result.blocked:
        result.verification = _verify(result, verify_mode, python or sys.executable)
    if write and not result.blocked and not result.verification_failed:
        for file_result in result.changed:
            assert file_result.new is not None
            write_atomically(file_result.path, file_result.new)
        for edit in result.config_edits:
            write_atomically(edit.path, edit.new)
        result.written = True
    return result


def merge_settings(
    requests: Sequence[SettingRequest], settings: ProjectSettings
) -> tuple[dict[str, str | bool], list[Diagnostic]]:
    """One value per key; two different values for a key, or one the target cannot read, block the run."""
    by_key: dict[str, list[SettingRequest]] = {}
    for request in requests:
        by_key.setdefault(request.key, []).append(request)
    wanted: dict[str, str | bool] = {}
    problems = []
    for key, asked in by_key.items():
        values = {request.value for request in asked}
        first = asked[0]
        where = first.path or Path(".")
        if len(values) > 1:
            listing = "; ".join(f"{request.value!r} for {request.source}" for request in asked)
            problems.append(Diagnostic(where, first.line, 0, CONFIG_ID,
                                       f"{key} would need different values ({listing}); nothing written. "
                                       "Run the codemods one at a time (--select) and settle the value by hand",
                                       Severity.BLOCKER))
        elif not settings.supports_setting(key, first.value):
            problems.append(Diagnostic(where, first.line, 0, CONFIG_ID,
                                       f"{key} = {first.value!r} (asked for by {first.source}) needs pytest-asyncio "
                                       f">= {setting_min_version(key, first.value)}, the target is {settings.target}; "
                                       "nothing written", Severity.BLOCKER))
        else:
            wanted[key] = first.value
    return wanted, problems


def _verify(result: RunResult, mode: str, python: str) -> Verification:
    root = result.config.rootdir
    command = COMMANDS[result.command]
    new_files = {file_result.path: file_result.new for file_result in result.changed}
    new_files.update({edit.path: edit.new for edit in result.config_edits})
    announced = {
        f"{_relative_posix(file_result.path, root)}::{name}"
        for file_result in result.files
        for name in file_result.announced_tests
    }
    fixtures = {name for file_result in result.files for name in file_result.announced_fixtures}
    expectations = Expectations(command.expected_always, command.expected_for_announced, announced, fixtures)
    return verify(root, new_files, expectations, mode=mode, python=python)  # type: ignore[arg-type]


def _relative_posix(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _downgraded(diagnostic: Diagnostic) -> Diagnostic:
    if diagnostic.severity is not Severity.BLOCKER:
        return diagnostic
    return Diagnostic(
        diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.codemod,
        diagnostic.message, Severity.WARNING,
    )


def _process_all(
    files: list[Path],
    codemods: list[Codemod],
    settings: ProjectSettings,
    jobs: int | None,
    on_file_done: Callable[[FileResult], None] | None,
    cache: ResultCache | None,
) -> list[FileResult]:
    """Every file's result, in order: files no codemod may apply to and cached files first,
    then the rest parsed (in a process pool only when that many are left)."""
    results: list[FileResult | None] = [None] * len(files)
    to_parse: list[tuple[int, bytes]] = []
    for index, path in enumerate(files):
        source = read_source(path)
        if isinstance(source, FileResult):
            results[index] = source
        elif not needs_parse(path, source, codemods, settings):
            results[index] = FileResult(path, Status.UNCHANGED, old=source)
        elif cache is not None and (cached := cache.load(path, source)) is not None:
            results[index] = cached
        else:
            to_parse.append((index, source))
            continue
        if on_file_done:
            on_file_done(results[index])
    work = partial(process_source, codemods=codemods, settings=settings)
    paths = [files[index] for index, _ in to_parse]
    sources = [source for _, source in to_parse]
    jobs = min(jobs or os.cpu_count() or 1, len(to_parse))
    if jobs <= 1 or len(to_parse) < _POOL_THRESHOLD:
        parsed = map(work, paths, sources)
        return _collect(results, to_parse, parsed, on_file_done, cache)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Small chunks: one large file must not hold up a whole chunk of small ones.
        return _collect(results, to_parse, pool.map(work, paths, sources, chunksize=4), on_file_done, cache)


def _collect(
    results: list[FileResult | None],
    to_parse: list[tuple[int, bytes]],
    parsed: Iterable[FileResult],
    on_file_done: Callable[[FileResult], None] | None,
    cache: ResultCache | None,
) -> list[FileResult]:
    for (index, _), file_result in zip(to_parse, parsed):
        results[index] = file_result
        if cache is not None:
            cache.store(file_result)
        if on_file_done:
            on_file_done(file_result)
    return [file_result for file_result in results if file_result is not None]


class ProjectError(ValueError):
    """The paths given belong to projects with different pytest configurations."""


def _single_config(paths: Sequence[Path]) -> PytestConfig:
    """The one pytest configuration that governs every path (a run migrates one project)."""
    configs = {path: locate_config(path.resolve() if path.is_dir() else path.resolve().parent) for path in paths}
    found = {config.path for config in configs.values()}
    if len(found) > 1:
        listing = ", ".join(f"{path} → {config.path or 'none'}" for path, config in configs.items())
        raise ProjectError(f"the paths belong to different pytest configurations ({listing}); run once per project")
    return locate_config(_common_folder(paths)) if None in found else next(iter(configs.values()))


def first_party_names(rootdir: Path) -> frozenset[str]:
    """Top-level packages and modules of the project at ``rootdir`` (and in its ``src/``)."""
    names = set()
    for folder in (rootdir, rootdir / "src"):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.suffix == ".py" and entry.stem.isidentifier():
                names.add(entry.stem)
            elif entry.is_dir() and (entry / "__init__.py").exists():
                names.add(entry.name)
    return frozenset(names)


def _common_folder(paths: Sequence[Path]) -> Path:
    folders = [path.resolve() if path.is_dir() else path.resolve().parent for path in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step, keeping its permission bits.

    The new content goes to a temporary file in the same folder, which is then renamed
    over the original: an interrupted run leaves either the old file or the new one.
    """
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
