"""The library API: run a command over paths and get typed results; no printing here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from asyncio_migrate import catalogue
from asyncio_migrate.analysis.suites import ASYNC_KEYWORD, Suite, common_folder, suites_of, uses_pytest_asyncio
from asyncio_migrate.codemod import Declaration, ProjectSettings
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
from asyncio_migrate.pipeline import transaction
from asyncio_migrate.pipeline.commands import COMMANDS
from asyncio_migrate.pipeline.cache import ResultCache
from asyncio_migrate.pipeline.engine import (
    load_for_parsing,
    needs_parse,
    process_safely,
    read_source,
    survey_project,
)
from asyncio_migrate.pipeline.interrupts import worker_pool
from asyncio_migrate.results import Diagnostic, FileResult, SettingRequest, Severity, Status
from asyncio_migrate.verify.compare import Expectations, Verification, verify

# Below this many files a process pool costs more than it saves.
_POOL_THRESHOLD = 16


class SelectionError(ValueError):
    """--select/--ignore named a codemod that does not exist."""


class UnknownCommandError(ValueError):
    """``run`` was given a command that does not exist."""


PathArgument = str | os.PathLike[str]


def _as_paths(paths: PathArgument | Sequence[PathArgument]) -> list[Path]:
    """One path or several, each a ``str`` or ``os.PathLike``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    result = []
    for path in paths:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"paths must be str or os.PathLike (or a list of them), not {type(path).__name__}")
        result.append(Path(path))
    return result


@dataclass
class SuiteRun:
    """What a run did for one suite: the files one pytest configuration governs."""

    config: PytestConfig
    files: list[FileResult] = field(default_factory=list)
    config_edits: list[ConfigEdit] = field(default_factory=list)
    # Files of the suite not among the paths given, read for the mode switch, never written.
    unnamed: list[FileResult] = field(default_factory=list)


@dataclass
class RunResult:
    command: str
    files: list[FileResult]
    config: PytestConfig  # the first suite's (the only one, in a project with one configuration)
    config_edits: list[ConfigEdit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # project-level ones
    verification: Verification | None = None
    written: bool = False
    target: Target | None = None  # commands that write for a pytest-asyncio release
    suites: list[SuiteRun] = field(default_factory=list)
    write_error: transaction.WriteError | None = None  # the write failed: nothing was written

    def all_diagnostics(self) -> list[Diagnostic]:
        return [*self.diagnostics, *(d for result in self.files for d in result.diagnostics)]

    @property
    def blocked(self) -> bool:
        return any(d.severity is Severity.BLOCKER for d in self.all_diagnostics())

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.files if result.status is Status.FAILED]

    @property
    def incomplete(self) -> bool:
        """A file could not be read, parsed, analysed or written, or a project-wide step failed (exit 3)."""
        return any(result.status in (Status.FAILED, Status.SKIPPED) for result in self.files) or any(
            diagnostic.severity is Severity.ERROR for diagnostic in self.diagnostics
        )

    @property
    def changed(self) -> list[FileResult]:
        return [result for result in self.files if result.status is Status.CHANGED]

    @property
    def would_change(self) -> bool:
        return bool(self.changed or self.config_edits)

    @property
    def verification_failed(self) -> bool:
        return self.verification is not None and bool(self.verification.unexpected)


def select_codemods(command: str, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Declaration]:
    known = catalogue.by_id()
    unknown = [name for name in [*select, *ignore] if name not in known]
    if unknown:
        raise SelectionError(f"unknown codemod id: {', '.join(unknown)} (see `asyncio-migrate list`)")
    chosen = catalogue.for_command(command)
    foreign = [name for name in [*select, *ignore] if known[name] not in chosen]
    if foreign:
        raise SelectionError(
            f"{', '.join(foreign)}: not a codemod of {command} (see `asyncio-migrate list` for each one's command)"
        )
    if select:
        chosen = [codemod for codemod in chosen if codemod.id in select]
    return [codemod for codemod in chosen if codemod.id not in ignore]


def run(
    command: str,
    paths: PathArgument | Sequence[PathArgument] = ".",
    *,
    write: bool = False,
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
    on_files_found: Callable[[int], None] | None = None,
    cache_folder: Path | None = None,
) -> RunResult:
    """Compute ``command``'s changes over ``paths``; write them when ``write`` and nothing blocks.

    ``command`` is one of ``COMMANDS`` ("to-auto", "to-strict", "upgrade", "fix-tests");
    ``paths`` one path or a list, each ``str`` or ``Path``. ``on_files_found`` hears how many
    files will be processed, ``on_file_done`` each file's result as it comes.

    Each suite (the files one pytest configuration governs, see project.py) is handled with
    its own configuration. A mode switch is planned for a suite only when its whole suite
    is accounted for (see _switch_guards); otherwise the run is refused.
    ``verify_mode`` ("collect" or "run") first compares pytest's view of each suite before
    and after the changes (see verify.py, run with ``python``); any difference the command
    did not announce means nothing is written. With ``cache_folder``, files found to need
    nothing are remembered there and not parsed again while nothing they depend on changes
    (see pipeline/cache.py).
    """
    if command not in COMMANDS:
        raise UnknownCommandError(f"unknown command {command!r}: choose one of {', '.join(COMMANDS)}")
    paths = _as_paths(paths)
    if not paths:
        raise ValueError("no paths given")
    codemods = select_codemods(command, select, ignore)
    # A run killed while writing is undone first, so this one starts from the user's own tree
    # (its configuration files included).
    transaction_root = locate_config(common_folder(paths)).rootdir
    restored = transaction.recover(transaction_root, may_write=write)
    files = discover(paths, excludes)
    if on_files_found is not None:
        on_files_found(len(files))
    switches_mode = "asyncio_mode" in COMMANDS[command].settings
    suites = suites_of(paths, files, whole=switches_mode, excluded=bool(excludes))
    result = RunResult(command, [], suites[0].config if suites else locate_config(common_folder(paths)))
    result.diagnostics.extend(
        Diagnostic(path, 0, 0, "transaction", "put back as it was before an interrupted run", Severity.INFO)
        for path in restored
    )
    options = _Options(command, codemods, style, target, python, jobs, on_file_done, cache_folder)
    for suite in suites:
        suite_run = _run_suite(suite, options, result.diagnostics)
        result.suites.append(suite_run)
        result.files.extend(suite_run.files)
        result.config_edits.extend(suite_run.config_edits)
        result.target = result.target or options.chosen
    if switches_mode and not any(suite_run.config_edits or suite_run.files for suite_run in result.suites):
        result.diagnostics.append(
            Diagnostic(result.config.rootdir, 0, 0, CONFIG_ID, "no Python files found: nothing to switch",
                       Severity.INFO)
        )
    if force:
        result.diagnostics = [_downgraded(d) for d in result.diagnostics]
        for file_result in result.files:
            file_result.diagnostics = [_downgraded(d) for d in file_result.diagnostics]
    if verify_mode is not None and result.would_change and not result.blocked:
        result.verification = _verify(result, verify_mode, python or sys.executable)
    if write and not result.blocked and not result.verification_failed:
        # A symlink stays a symlink: its target is rewritten.
        writes = [transaction.Write(_real(item.path), item.old, item.new) for item in result.changed]  # type: ignore[arg-type]
        writes += [transaction.Write(_real(edit.path), edit.old, edit.new) for edit in result.config_edits]
        try:
            transaction.commit(writes, transaction_root)
        except transaction.WriteError as error:
            result.write_error = error
            result.diagnostics.append(Diagnostic(error.path, 0, 0, "transaction", str(error), Severity.ERROR))
        else:
            result.written = True
    return result


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


@dataclass
class _Options:
    command: str
    codemods: list[Declaration]
    style: str
    target: str | None
    python: str | None  # runs the suite: its pytest-asyncio can decide the target
    jobs: int | None
    on_file_done: Callable[[FileResult], None] | None
    cache_folder: Path | None
    chosen: Target | None = None  # the last suite's target


def _run_suite(suite: Suite, options: _Options, diagnostics: list[Diagnostic]) -> SuiteRun:
    """One suite through the command; project-level diagnostics go to ``diagnostics``."""
    command = COMMANDS[options.command]
    config = suite.config
    codemods = list(options.codemods)
    chosen = choose_target(options.target, config.rootdir, options.python) if command.uses_target else None
    options.chosen = chosen
    settings = ProjectSettings(
        rules=config.collection,
        mode=config.effective_mode,
        default_test_loop_scope=config.default_test_loop_scope,
        style=options.style,
        first_party=first_party_names(config.rootdir),
        default_fixture_loop_scope=config.default_fixture_loop_scope,
        **({"target": chosen.version, "allows_before_hook": chosen.allows_before_hook} if chosen else {}),
    )
    if chosen is not None:
        where = config.path or config.rootdir
        diagnostics.append(
            Diagnostic(where, 0, 0, "target", f"writing for pytest-asyncio {chosen.version}: {chosen.reason}",
                       Severity.INFO)
        )
        for codemod in [codemod for codemod in codemods if not settings.supports(codemod.min_pytest_asyncio)]:
            codemods.remove(codemod)
            diagnostics.append(
                Diagnostic(where, 0, 0, codemod.id,
                           f"not applied: its output needs pytest-asyncio >= {codemod.min_pytest_asyncio} and "
                           f"the target is {chosen.version} (raise the project's requirement or pass --target)",
                           Severity.INFO)
            )
    switches_mode = "asyncio_mode" in command.settings
    if switches_mode and command.settings["asyncio_mode"] == "strict" and settings.mode == "auto":
        from asyncio_migrate.analysis.project import inherited_tests  # parses: only where it is needed

        test_files = [path for path in [*suite.named, *suite.unnamed] if settings.rules.is_test_file(path)]
        roots = [config.rootdir, config.rootdir / "src"]
        inherited = inherited_tests(test_files, settings.rules, settings.default_test_loop_scope, roots)
        settings = replace(
            settings,
            inherited_tests=inherited.to_mark,
            neutral_bases=inherited.neutral_bases,
            unittest_bases=inherited.unittest_classes,
        )
        diagnostics.extend(inherited.problems)
    # Codemods whose preconditions the project fails are dropped before any file is read.
    codemods = [codemod for codemod in codemods if codemod.applies_to(settings)]
    settings = survey_project(suite.named, codemods, settings)
    cache = ResultCache.open(options.cache_folder, codemods, settings) if options.cache_folder is not None else None
    run = SuiteRun(config, _process_all(suite.named, codemods, settings, options.jobs, options.on_file_done, cache))
    uses_asyncio = True
    if switches_mode:
        diagnostics.extend(_switch_guards(suite, run, options.command, codemods, settings, options.jobs))
        uses_asyncio = uses_pytest_asyncio(
            ((file_result.path, file_result.old) for file_result in [*run.files, *run.unnamed]), settings.rules
        )
        if not uses_asyncio:
            diagnostics.append(
                Diagnostic(config.path or config.rootdir, 0, 0, CONFIG_ID,
                           f"nothing uses pytest-asyncio in {suite.label} (no async test or fixture): "
                           "nothing to switch", Severity.INFO)
            )
    # The command's settings are what make the code changes safe, so --select/--ignore never skip them.
    requests = [SettingRequest(key, value, options.command) for key, value in command.settings.items()
                if uses_asyncio]
    for codemod in codemods:
        if codemod.configure is not None:
            requests.extend(codemod.configure(config, settings))
    requests.extend(request for file_result in run.files if file_result.changed
                    for request in file_result.settings_requested)
    wanted, problems = merge_settings(requests, settings)
    diagnostics.extend(problems)
    if wanted:
        edit = plan_settings(config, wanted)
        if edit is not None:
            run.config_edits.append(edit)
    if switches_mode and uses_asyncio:  # only a mode switch cares what else forces the mode
        diagnostics.extend(forced_mode_diagnostics(config))
    for codemod in codemods:
        if codemod.check_config is not None:
            diagnostics.extend(codemod.check_config(config))
    return run


def _switch_guards(
    suite: Suite, run: SuiteRun, command: str, codemods: list[Declaration], settings: ProjectSettings, jobs: int | None
) -> list[Diagnostic]:
    """Blockers for switching ``suite``'s mode: every async test the switch would stop running,
    or hand to another runner, that no change written by this run takes care of.

    The files of the suite that were not given, and the command's codemods that were left
    out, are run as well (their changes are never written): a change the switch relies on
    there, or a blocker they find, refuses the switch.
    """
    blockers: list[Diagnostic] = []
    everything = catalogue.for_command(command)
    settings = replace(settings, read_only=True)
    left_out = [codemod for codemod in everything if codemod not in codemods and codemod.applies_to(settings)]
    if left_out:
        names = ", ".join(codemod.id for codemod in left_out)
        seen = {(d.path, d.line, d.message) for file_result in run.files for d in file_result.diagnostics}
        for file_result in _process_all(suite.named, left_out, settings, jobs, None):
            blockers.extend(
                _blocker(need, f"but --select/--ignore left out {need.codemod}; run it too, or use --force")
                for need in file_result.needed
            )
            blockers.extend(
                _blocker(d, f"({d.codemod} runs although --select/--ignore left out {names})")
                for d in file_result.diagnostics
                if d.severity is Severity.BLOCKER and (d.path, d.line, d.message) not in seen
            )
    run.unnamed = _process_all(suite.unnamed, everything, settings, jobs, None)
    for file_result in run.unnamed:
        blockers.extend(
            _blocker(need, f"but {file_result.path} is not among the paths given ({suite.label} governs it), so "
                           "the change would not be written. Run on the whole suite, or use --force")
            for need in file_result.needed
        )
        blockers.extend(d for d in file_result.diagnostics if d.severity is Severity.BLOCKER)
    for file_result in [*run.files, *run.unnamed]:
        if file_result.status in (Status.FAILED, Status.SKIPPED) and _may_hold_async_tests(file_result, settings):
            blockers.append(
                Diagnostic(file_result.path, 0, 0, CONFIG_ID,
                           f"this file could not be analysed ({file_result.reason}): the async tests it may hold "
                           f"would not be accounted for when {suite.label} switches mode. Fix it or use --force",
                           Severity.BLOCKER)
            )
    return blockers


def _blocker(need: Diagnostic, why: str) -> Diagnostic:
    return Diagnostic(need.path, need.line, need.column, need.codemod, f"{need.message}, {why}", Severity.BLOCKER)


def _may_hold_async_tests(file_result: FileResult, settings: ProjectSettings) -> bool:
    source = file_result.old
    if source is None:
        try:
            source = file_result.path.read_bytes()
        except OSError:
            return True
    return ASYNC_KEYWORD.search(source) is not None and (
        file_result.path.name == "conftest.py" or settings.rules.is_test_file(file_result.path) or b"fixture" in source
    )


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
    """Each suite with changes compared on its own rootdir; the differences put together."""
    command = COMMANDS[result.command]
    merged = Verification(mode, [])
    for suite in result.suites:
        changed = [file_result for file_result in suite.files if file_result.changed]
        if not changed and not suite.config_edits:
            continue
        root = suite.config.rootdir
        new_files = {file_result.path: file_result.new for file_result in changed}
        new_files.update({edit.path: edit.new for edit in suite.config_edits})
        announced = {
            f"{_relative_posix(file_result.path, root)}::{name}"
            for file_result in [*suite.files, *suite.unnamed]
            for name in file_result.announced_tests
        }
        fixtures = {name for file_result in [*suite.files, *suite.unnamed] for name in file_result.announced_fixtures}
        expectations = Expectations(command.expected_always, command.expected_for_announced, announced, fixtures)
        verification = verify(root, new_files, expectations, mode=mode, python=python)  # type: ignore[arg-type]
        merged.differences.extend(verification.differences)
        merged.original_errors.update(verification.original_errors)
        merged.tests_compared += verification.tests_compared
    return merged


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
    codemods: list[Declaration],
    settings: ProjectSettings,
    jobs: int | None,
    on_file_done: Callable[[FileResult], None] | None,
    cache: ResultCache | None = None,
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
    work = partial(process_safely, codemods=codemods, settings=settings)
    paths = [files[index] for index, _ in to_parse]
    sources = [source for _, source in to_parse]
    jobs = min(jobs or os.cpu_count() or 1, len(to_parse))
    if jobs <= 1 or len(to_parse) < _POOL_THRESHOLD:
        return _collect(results, to_parse, map(work, paths, sources), on_file_done, cache)
    load_for_parsing(codemods)
    with worker_pool(jobs) as pool:
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
