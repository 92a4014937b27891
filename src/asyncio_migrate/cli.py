"""The command line: `asyncio-migrate to-auto [PATHS]...` and `asyncio-migrate list`."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from asyncio_migrate import __version__

# --help and --version import neither the engine (libcst) nor rich: commands import what they use.
if TYPE_CHECKING:
    from rich.console import Console

    from asyncio_migrate import api


class ExitCode(enum.IntEnum):
    OK = 0
    WOULD_CHANGE = 1  # --check found something to change
    REFUSED = 2  # a blocker (or bad usage): nothing written
    FAILED_FILES = 3  # some files could not be read, parsed or rewritten
    VERIFY_FAILED = 4  # --verify found a difference the command did not announce


app = typer.Typer(
    help="Move a pytest suite between pytest-asyncio modes and versions, safely.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

Paths = Annotated[Optional[list[Path]], typer.Argument(help="Files and folders (default: the current folder).")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Print the diff; write nothing.")]
Check = Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when anything would change.")]
Select = Annotated[list[str], typer.Option("--select", help="Run only this codemod id (repeatable).")]
Ignore = Annotated[list[str], typer.Option("--ignore", help="Skip this codemod id (repeatable).")]
Exclude = Annotated[list[str], typer.Option("--exclude", help="Skip paths matching this glob (repeatable).")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the cores).")]
Force = Annotated[bool, typer.Option("--force", help="Go on although another async test plugin is in use.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only warnings, errors and the summary.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also list each changed file.")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Parse every file; neither read nor fill the cache.")]


class VerifyMode(str, enum.Enum):
    collect = "collect"
    run = "run"


VerifyOption = Annotated[
    Optional[VerifyMode],
    typer.Option(
        "--verify",
        help="Before writing, compare pytest's collection (or, with --verify=run, every test's "
        "outcome) before and after the change; write only if nothing unexpected differs. "
        "A bare --verify means --verify=collect.",
    ),
]
Python = Annotated[
    Optional[str],
    typer.Option("--python", help="The Python that runs the suite, for --verify and upgrade's target (default: this one)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"asyncio-migrate {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


@app.command("to-auto")
def to_auto(
    paths: Paths = None,
    dry_run: DryRun = False,
    check: Check = False,
    select: Select = [],  # noqa: B006 (typer reads the default)
    ignore: Ignore = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    jobs: Jobs = None,
    force: Force = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    verify: VerifyOption = None,
    python: Python = None,
    no_cache: NoCache = False,
) -> None:
    """Switch a strict-mode suite to auto mode: drop redundant asyncio marks and
    pytest_asyncio.fixture decorators, and set asyncio_mode = "auto"."""
    _run_command(
        "to-auto", paths, dry_run=dry_run, check=check, select=select, ignore=ignore, exclude=exclude, jobs=jobs,
        force=force, quiet=quiet, verbose=verbose, verify=verify, python=python, no_cache=no_cache,
    )


class Style(str, enum.Enum):
    decorator = "decorator"
    pytestmark = "pytestmark"


@app.command("to-strict")
def to_strict(
    paths: Paths = None,
    dry_run: DryRun = False,
    check: Check = False,
    select: Select = [],  # noqa: B006
    ignore: Ignore = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    jobs: Jobs = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    verify: VerifyOption = None,
    python: Python = None,
    no_cache: NoCache = False,
    style: Annotated[
        Style,
        typer.Option(
            "--style",
            help="decorator: @pytest.mark.asyncio on each test; pytestmark: one pytestmark per module "
            "or class whose tests are all async (decorators elsewhere).",
        ),
    ] = Style.decorator,
) -> None:
    """Switch an auto-mode suite to strict mode: mark async tests, make async fixtures
    pytest_asyncio.fixture, drop misplaced marks, and set asyncio_mode = "strict"."""
    _run_command(
        "to-strict", paths, dry_run=dry_run, check=check, select=select, ignore=ignore, exclude=exclude, jobs=jobs,
        quiet=quiet, verbose=verbose, verify=verify, python=python, no_cache=no_cache, style=style.value,
    )


@app.command("upgrade")
def upgrade(
    paths: Paths = None,
    dry_run: DryRun = False,
    check: Check = False,
    select: Select = [],  # noqa: B006
    ignore: Ignore = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    jobs: Jobs = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    verify: VerifyOption = None,
    python: Python = None,
    no_cache: NoCache = False,
    target: Annotated[
        Optional[str],
        typer.Option(
            "--target",
            metavar="X.Y",
            help="The pytest-asyncio release the result must run on: 1.5, 1.5.0 or >=1.5 (default: the "
            "lowest one the project's requirement admits, else the one installed, else the newest).",
        ),
    ] = None,
) -> None:
    """Carry a suite across pytest-asyncio's deprecations (event_loop, scope=, event_loop_policy,
    the unset fixture loop scope) up to the target release, keeping its behaviour."""
    _run_command(
        "upgrade", paths, dry_run=dry_run, check=check, select=select, ignore=ignore, exclude=exclude, jobs=jobs,
        quiet=quiet, verbose=verbose, verify=verify, python=python, no_cache=no_cache, target=target,
    )


@app.command("fix-tests")
def fix_tests(
    paths: Paths = None,
    dry_run: DryRun = False,
    check: Check = False,
    select: Select = [],  # noqa: B006
    ignore: Ignore = [],  # noqa: B006
    exclude: Exclude = [],  # noqa: B006
    jobs: Jobs = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
    verify: VerifyOption = None,
    python: Python = None,
    no_cache: NoCache = False,
) -> None:
    """Fix async mistakes in test bodies: call assertions on AsyncMocks, httpx clients given app=,
    pytest-aiohttp's old names, and event-loop calls that fail inside a running loop."""
    _run_command(
        "fix-tests", paths, dry_run=dry_run, check=check, select=select, ignore=ignore, exclude=exclude, jobs=jobs,
        quiet=quiet, verbose=verbose, verify=verify, python=python, no_cache=no_cache,
    )


def _run_command(
    command: str,
    paths: list[Path] | None,
    *,
    dry_run: bool,
    check: bool,
    select: list[str],
    ignore: list[str],
    exclude: list[str],
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    verify: VerifyMode | None,
    python: str | None,
    no_cache: bool,
    force: bool = False,  # only to-auto refuses
    style: str = Style.decorator.value,
    target: str | None = None,
) -> None:
    from rich.console import Console

    from asyncio_migrate import api, report
    from asyncio_migrate.config.discovery import DiscoveryError
    from asyncio_migrate.config.pytest_config import ConfigError
    from asyncio_migrate.config.versions import TargetError
    from asyncio_migrate.pipeline.cache import default_folder as default_cache_folder
    from asyncio_migrate.verify.compare import VerifyError

    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    verbosity = -1 if quiet else (1 if verbose else 0)
    try:
        with _progress(err) as on_file_done:
            result = api.run(
                command,
                paths or [Path(".")],
                write=not (dry_run or check),
                select=select,
                ignore=ignore,
                excludes=exclude,
                jobs=jobs,
                force=force,
                verify_mode=verify.value if verify is not None else None,
                python=python,
                style=style,
                target=target,
                on_file_done=on_file_done,
                cache_folder=None if no_cache else default_cache_folder(),
            )
    except (api.SelectionError, api.ProjectError, DiscoveryError, ConfigError, VerifyError, TargetError) as error:
        err.print(f"[bold red]error:[/] {error}", highlight=False)
        raise typer.Exit(ExitCode.REFUSED) from None
    if dry_run:
        report.print_diff(result, out)
    report.print_diagnostics(result, err, verbosity)
    if result.verification is not None:
        report.print_verification(result.verification, err)
    elif verify is not None:
        err.print("verify: nothing to compare (no change, or the run was refused)")
    report.print_summary(result, err, check=check, dry_run=dry_run, verbosity=verbosity)
    raise typer.Exit(_exit_code(result, check))


def _exit_code(result: api.RunResult, check: bool) -> ExitCode:
    if result.blocked:
        return ExitCode.REFUSED
    if result.verification_failed:
        return ExitCode.VERIFY_FAILED
    if result.failed:
        return ExitCode.FAILED_FILES
    if check and result.would_change:
        return ExitCode.WOULD_CHANGE
    return ExitCode.OK


_VERIFY_DEFAULT = f"--verify={VerifyMode.collect.value}"


class _progress:
    """A progress bar on a terminal for runs long enough to want one; silent otherwise."""

    def __init__(self, err: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = (
            Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), console=err, transient=True)
            if err.is_terminal
            else None
        )

    def __enter__(self):
        if self._bar is None:
            return None
        self._bar.start()
        task = self._bar.add_task("files", total=None)
        return lambda _result: self._bar.advance(task)  # type: ignore[union-attr]

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@app.command("list")
def list_codemods() -> None:
    """List the codemods: id, what each does, and which commands run it."""
    from rich.console import Console
    from rich.table import Table

    from asyncio_migrate import codemods as registry

    table = Table("id", "commands", "needs pytest-asyncio", "summary", box=None, pad_edge=False)
    for codemod in registry.REGISTRY:
        summary = codemod.summary + (f" {codemod.note}" if codemod.note else "")
        table.add_row(codemod.id, ", ".join(codemod.commands), f">= {codemod.min_pytest_asyncio}", summary)
    Console().print(table)


def main() -> None:
    # `--verify` alone means `--verify=collect` (click options cannot take an optional value).
    sys.argv[1:] = [_VERIFY_DEFAULT if argument == "--verify" else argument for argument in sys.argv[1:]]
    try:
        app()
    except KeyboardInterrupt:
        # Writes are atomic, so every file is either as it was or fully rewritten.
        sys.stderr.write("interrupted\n")
        sys.exit(130)
