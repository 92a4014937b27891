"""The command line: `asyncio-migrate to-auto [PATH]...`, `list`, `explain ID`.

argparse, as pyupgrade and django-upgrade use: it is in the standard library, so it costs no
dependency floor to get wrong, and it imports in a few milliseconds where typer (with click
and rich) takes about a third of a second. Nothing heavy is imported at module level:
`--help`, `--version`, `list` and `explain` never load libcst or the codemods.
"""

from __future__ import annotations

import argparse
import enum
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from asyncio_migrate import __version__

if TYPE_CHECKING:
    from asyncio_migrate.api import RunResult

PROG = "asyncio-migrate"
COMMANDS = ("to-auto", "to-strict", "upgrade", "fix-tests")
OUTPUT_FORMATS = ("text", "json", "github")
VERIFY_MODES = ("collect", "run")


class ExitCode(enum.IntEnum):
    OK = 0
    WOULD_CHANGE = 1  # --check found something to change
    REFUSED = 2  # a blocker (or bad usage): nothing written
    FAILED_FILES = 3  # some files could not be read, parsed or rewritten
    VERIFY_FAILED = 4  # --verify found a difference the command did not announce


EXIT_CODES = """\
exit codes:
  0  done: changes written, or nothing to change (with --diff, the diff printed)
  1  --check: something would change
  2  refused (another async test plugin, conflicting settings; nothing written) or bad usage
  3  some files could not be read, parsed or rewritten (the others were processed)
  4  --verify found a difference the command did not announce (nothing written)"""

ROOT_EPILOG = f"""\
examples:
  {PROG} to-auto --diff tests/          show what switching to auto mode changes
  {PROG} to-auto                        switch the suite in this folder, writing the changes
  {PROG} upgrade --check --target=1.5   in CI: fail if the suite still needs upgrading
  {PROG} to-strict --verify=run .       write only if every test still runs the same
  {PROG} list                           the codemods and their ids
  {PROG} explain remove-asyncio-marks   what one codemod does, with an example

settings: [tool.asyncio-migrate] in the nearest pyproject.toml (see --config).

{EXIT_CODES}
"""

COMMAND_HELP = {
    "to-auto": (
        "switch a strict-mode suite to auto mode",
        ("Switch a strict-mode suite to auto mode: drop redundant asyncio marks and pytest_asyncio.fixture "
         'decorators, and set asyncio_mode = "auto".'),
    ),
    "to-strict": (
        "switch an auto-mode suite to strict mode",
        ("Switch an auto-mode suite to strict mode: mark async tests, make async fixtures "
         'pytest_asyncio.fixture, drop misplaced marks, and set asyncio_mode = "strict".'),
    ),
    "upgrade": (
        "carry a suite across pytest-asyncio's deprecations",
        ("Carry a suite across pytest-asyncio's deprecations (event_loop, scope=, event_loop_policy, the unset "
         "fixture loop scope) up to the target release, keeping its behaviour."),
    ),
    "fix-tests": (
        "fix async mistakes in test bodies",
        ("Fix async mistakes in test bodies: call assertions on AsyncMocks, httpx clients given app=, "
         "pytest-aiohttp's old names, and event-loop calls that fail inside a running loop."),
    ),
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def _command_parser(subparsers: Any, command: str) -> argparse.ArgumentParser:
    summary, description = COMMAND_HELP[command]
    parser = subparsers.add_parser(
        command,
        help=summary,
        description=textwrap.fill(description, 88),
        formatter_class=_Formatter,
        allow_abbrev=False,
        epilog=f"examples:\n  {PROG} {command} --diff tests/\n  {PROG} {command} --check --output-format=github\n\n"
        f"{EXIT_CODES}\n",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files and folders (default: .)")
    what = parser.add_argument_group("what to do")
    what.add_argument("--dry-run", "--diff", dest="dry_run", action="store_true",
                      help="print the diff; write nothing")
    what.add_argument("--check", action="store_true", help="write nothing; name what would change; exit 1 if anything would")
    what.add_argument(
        "--verify", nargs="?", const="collect", choices=VERIFY_MODES, metavar="MODE",
        help="before writing, compare pytest's collection (--verify=run: every test's outcome too) before and "
        "after; write only if nothing unexpected differs. Write the mode with '=': --verify=run",
    )
    what.add_argument("--no-cache", action="store_true",
                      help="parse every file; neither read nor fill the cache of files that need nothing")
    what.add_argument("--python", metavar="PATH",
                      help="the Python that runs the suite, for --verify and upgrade's target (default: this one)")
    if command in ("to-auto", "to-strict"):
        what.add_argument(
            "--force", action="store_true",
            help="write although the switch would leave tests unaccounted for (see README: when a mode is switched)",
        )
    if command == "to-strict":
        what.add_argument(
            "--style", choices=("decorator", "pytestmark"),
            help="decorator: @pytest.mark.asyncio on each test (default); pytestmark: one pytestmark per module "
            "or class whose tests are all async",
        )
    if command == "upgrade":
        what.add_argument(
            "--target", metavar="VERSION",
            help="the pytest-asyncio release the result must run on: 1.5, 1.5.0 or >=1.5 (default: the lowest "
            "one the project's requirement admits, else the one installed, else the newest)",
        )
    which = parser.add_argument_group("which files and codemods")
    which.add_argument("--select", action="append", metavar="ID", help="run only this codemod (repeatable; see `list`)")
    which.add_argument("--ignore", action="append", metavar="ID", help="skip this codemod (repeatable)")
    which.add_argument("--exclude", action="append", metavar="GLOB",
                       help="skip matching files and folders (repeatable; replaces the settings' exclude)")
    which.add_argument("--extend-exclude", action="append", metavar="GLOB",
                       help="skip these too, on top of exclude (repeatable)")
    which.add_argument("--config", type=Path, metavar="FILE",
                       help="read settings from FILE: a pyproject.toml, or a TOML file of the same keys "
                       "(default: [tool.asyncio-migrate] in the nearest pyproject.toml)")
    which.add_argument("-j", "--jobs", type=_positive_int, metavar="N", help="worker processes (default: the cores)")
    output = parser.add_argument_group("output")
    output.add_argument("--output-format", choices=OUTPUT_FORMATS, default="text",
                        help="text (default), json (one document on stdout) or github (workflow annotations)")
    output.add_argument("-q", "--quiet", action="store_true", help="only warnings, errors and the summary")
    output.add_argument("-v", "--verbose", action="store_true", help="also list each changed file")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Move a pytest suite between pytest-asyncio modes and versions, safely.",
        formatter_class=_Formatter,
        epilog=ROOT_EPILOG,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for command in COMMANDS:
        _command_parser(subparsers, command)
    listing = subparsers.add_parser(
        "list", help="list the codemods: id, commands, what each does", description="List every codemod.",
        formatter_class=_Formatter,
    )
    listing.add_argument("--output-format", choices=("text", "json"), default="text", help="text (default) or json")
    explain = subparsers.add_parser(
        "explain", help="what one codemod does, when it leaves code alone, with examples",
        description="Explain a codemod: what it does, when it refuses, the pytest-asyncio it needs, and examples "
        "taken from its own test cases.",
        formatter_class=_Formatter, epilog=f"example:\n  {PROG} explain remove-asyncio-marks\n",
    )
    explain.add_argument("id", metavar="ID", help="a codemod id (see `list`)")
    return parser


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(ExitCode.REFUSED)


def _spaced_verify(argv: Sequence[str]) -> list[str]:
    """A bare ``--verify`` means ``--verify=collect``; ``--verify run`` is refused, not guessed.

    An option with an optional value would read ``--verify tests`` as the mode "tests", so the
    mode must be attached with ``=``; a mode given with a space would otherwise be a path.
    """
    arguments = list(argv)
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--verify":
            following = arguments[index + 1] if index + 1 < len(arguments) else None
            if following in VERIFY_MODES:
                _fail(f"write --verify={following} (with a space, {following!r} would be read as a path; "
                      f"for a folder named {following!r}, write ./{following})")
            arguments[index] = "--verify=collect"
    return arguments


def _list(output_format: str) -> None:
    from asyncio_migrate import catalogue

    infos = catalogue.codemods()
    if output_format == "json":
        import json

        document = [
            {"id": info.id, "commands": list(info.commands), "min_pytest_asyncio": info.min_pytest_asyncio,
             "summary": info.summary, "note": info.note}
            for info in infos
        ]
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return
    # Plain columns, never truncated: the ids are what users type.
    rows = [("id", "commands", "needs pytest-asyncio", "summary")]
    rows += [
        (info.id, ", ".join(info.commands), f">= {info.min_pytest_asyncio}",
         info.summary + (f" {info.note}" if info.note else ""))
        for info in infos
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        sys.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3] + "\n")


def _indented(text: str) -> str:
    return "".join(f"    {line}" if line.strip() else line for line in text.splitlines(keepends=True))


def _explain(codemod_id: str) -> None:
    import difflib

    from asyncio_migrate import catalogue

    infos = {info.id: info for info in catalogue.codemods()}
    if codemod_id not in infos:
        close = difflib.get_close_matches(codemod_id, infos, n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else " (see `asyncio-migrate list`)"
        _fail(f"unknown codemod id {codemod_id!r}{hint}")
    info = infos[codemod_id]
    out = [
        f"{info.id}",
        f"  run by: {', '.join(info.commands)}",
        f"  its output needs pytest-asyncio >= {info.min_pytest_asyncio}",
        "",
        info.doc,
        "",
    ]
    if info.note:
        out += [info.note, ""]
    rewritten, left = catalogue.examples(codemod_id)
    if rewritten is not None:
        assert rewritten.after is not None
        out += [f"Example (test case {rewritten.name}):", "", "  before:", "", _indented(rewritten.before),
                "  after:", "", _indented(rewritten.after)]
        if rewritten.diagnostics:
            out += ["  reported:", "", _indented(rewritten.diagnostics)]
    if left is not None:
        out += [f"Left as it is, and reported (test case {left.name}):", "", _indented(left.before),
                "  reported:", "", _indented(left.diagnostics)]
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


def _exit_code(result: RunResult, check: bool) -> ExitCode:
    if result.blocked:
        return ExitCode.REFUSED
    if result.verification_failed:
        return ExitCode.VERIFY_FAILED
    if result.incomplete:
        return ExitCode.FAILED_FILES
    if check and result.would_change:
        return ExitCode.WOULD_CHANGE
    return ExitCode.OK


class _Progress:
    """A progress bar with the number of files as total, on a terminal, for text output."""

    def __init__(self, enabled: bool) -> None:
        self._bar: Any = None
        self._task: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("scanning"), BarColumn(), MofNCompleteColumn(),
                console=Console(stderr=True), transient=True,
            )

    def __enter__(self) -> _Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def files_found(self, total: int) -> None:
        if self._bar is not None:
            self._task = self._bar.add_task("files", total=total)

    def file_done(self, _result: object) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _migrate(args: argparse.Namespace) -> ExitCode:
    from asyncio_migrate import api
    from asyncio_migrate.config.discovery import DiscoveryError
    from asyncio_migrate.config.pytest_config import ConfigError
    from asyncio_migrate.config.tool_settings import SettingsError, find_settings, read_settings
    from asyncio_migrate.config.versions import TargetError
    from asyncio_migrate.verify.compare import VerifyError
    from asyncio_migrate.pipeline.cache import default_folder as default_cache_folder
    from asyncio_migrate.pipeline.engine import SurveyError
    from asyncio_migrate.pipeline.transaction import InterruptedRunError

    paths = args.paths or [Path(".")]
    check = args.check
    text = args.output_format == "text"
    try:
        settings = read_settings(args.config) if args.config is not None else find_settings(paths)
    except SettingsError as error:
        _fail(str(error))
    # The command line wins; extend-exclude adds to whichever exclude that leaves.
    exclude = args.exclude if args.exclude is not None else list(settings.exclude or ())
    exclude = [*exclude, *settings.extend_exclude, *(args.extend_exclude or ())]
    options: dict[str, Any] = {}
    if args.command in ("to-auto", "to-strict"):
        options["force"] = args.force
    if args.command == "to-strict":
        options["style"] = args.style or settings.style or "decorator"
    if args.command == "upgrade":
        options["target"] = args.target if args.target is not None else settings.target
    try:
        with _Progress(text and sys.stderr.isatty()) as progress:
            result = api.run(
                args.command,
                paths,
                write=not (args.dry_run or check),
                select=args.select if args.select is not None else list(settings.select or ()),
                ignore=args.ignore if args.ignore is not None else list(settings.ignore or ()),
                excludes=exclude,
                jobs=args.jobs or settings.jobs,
                verify_mode=args.verify,
                python=args.python,
                cache_folder=None if args.no_cache else default_cache_folder(),
                on_files_found=progress.files_found,
                on_file_done=progress.file_done,
                **options,
            )
    except (api.SelectionError, DiscoveryError, ConfigError, VerifyError, TargetError, InterruptedRunError) as error:
        _fail(str(error))
    except (OSError, SurveyError) as error:  # a folder that cannot be listed, a file no survey can read
        sys.stderr.write(f"error: {error}; nothing was written\n")
        return ExitCode.FAILED_FILES
    code = _exit_code(result, check)
    if args.output_format == "json":
        from asyncio_migrate import report

        report.print_json(result, sys.stdout, exit_code=code, include_diff=args.dry_run)
        return code
    if args.output_format == "github":
        from asyncio_migrate import diff, report

        if args.dry_run:
            sys.stdout.write(diff.render_diff(result))
        report.print_github(result, sys.stdout, check=check)
        return code
    _print_text(result, args, check)
    return code


def _print_text(result: RunResult, args: argparse.Namespace, check: bool) -> None:
    from rich.console import Console

    from asyncio_migrate import report

    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    verbosity = -1 if args.quiet else (1 if args.verbose else 0)
    if args.dry_run:
        report.print_diff(result, out)
    report.print_diagnostics(result, err, verbosity)
    if result.verification is not None:
        report.print_verification(result.verification, err)
    elif args.verify is not None:
        err.print("verify: nothing to compare (no change, or the run was refused)")
    report.print_summary(result, err, check=check, dry_run=args.dry_run, verbosity=verbosity)


def run_cli(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(_spaced_verify(argv))
    if args.command is None:
        parser.print_help()
        return ExitCode.REFUSED
    if args.command == "list":
        _list(args.output_format)
        return ExitCode.OK
    if args.command == "explain":
        _explain(args.id)
        return ExitCode.OK
    return _migrate(args)


def main() -> None:
    from asyncio_migrate.pipeline.interrupts import Interrupted, signals_raise

    try:
        # SIGINT and SIGTERM raise, so a run stops its workers, puts back what it wrote and
        # removes its temporaries before it exits (see pipeline/interrupts.py and transaction.py).
        with signals_raise():
            code = run_cli(sys.argv[1:])
    except Interrupted as interruption:
        sys.stderr.write("\n".join(interruption.summary()) + "\n")
        sys.exit(interruption.exit_code)
    sys.exit(int(code))
