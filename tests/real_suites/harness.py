"""Run a released project's own test suite before and after an asyncio-migrate command.

Every step works on fresh directories under the caller's tmp dir: the sdist is
downloaded from PyPI, unpacked, installed into a new venv and its suite is run
there. Nothing is cached between runs except pip's own cache.

The functions are meant to be reused by every real-suite test (to-auto,
to-strict, verify): each one does one step and fails the calling test with a
readable message when that step cannot be done.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .suite_recorder import WARNINGS_FILE_VARIABLE, XPASSED_PROPERTY

# The pytest-asyncio state every suite is migrated from and checked in.
PINNED_TEST_TOOLS = ("pytest==9.2.0", "pytest-asyncio==1.5.0")

PIP_TIMEOUT_SECONDS = 900
SUITE_TIMEOUT_SECONDS = 1800
MIGRATION_TIMEOUT_SECONDS = 600
OUTPUT_TAIL_LINES = 80

RECORDER_PLUGIN = Path(__file__).with_name("suite_recorder.py")
RECORDER_PLUGIN_MODULE = "asyncio_migrate_real_suite_recorder"
MISSING = "(absent)"  # the outcome shown for a test id that one of two runs lacks
FLOATING = "(any test)"  # where a floating warning is shown (see RealSuite.floating_warnings)
# Hex addresses (`<object at 0x7f3a...>`) differ from run to run.
MEMORY_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")

# Variables of the outer test run that would change how the inner suite runs:
# pytest's own (PYTEST_ADDOPTS, PYTEST_PLUGINS, PYTEST_DISABLE_PLUGIN_AUTOLOAD, ...)
# and pytest-cov's subprocess hooks, which the suite's venv may also have.
LEAKY_ENV_PREFIXES = ("PYTEST_", "COV_CORE_")
LEAKY_ENV_NAMES = ("PYTHONPATH", "VIRTUAL_ENV", "COVERAGE_PROCESS_START")


@dataclass(frozen=True)
class RealSuite:
    """One released project whose own test suite checks an asyncio-migrate command."""

    name: str
    version: str
    # Test-only requirements of the suite, beyond PINNED_TEST_TOOLS and the
    # project itself; pinned so that a new release elsewhere cannot move the baseline.
    extra_requirements: tuple[str, ...]
    pytest_args: tuple[str, ...]
    command: str = "to-auto"
    # False for a suite the command must leave as released: then no file may change.
    expect_changes: bool = True
    # The test ids whose outcome the command changes on purpose, each with its cause (a real
    # missing await in the code under test, a call awaited later in a task...), keyed like the
    # comparison table (`dotted.classname::name`). Every other test id must keep its outcome;
    # an expected change that does not happen also fails.
    expected_outcome_changes: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Regexes on "category: message" of warnings that no test owns: a coroutine never awaited is
    # reported by whichever test runs when the garbage collector frees it, or not at all. Such a
    # warning is compared without its test id and count: present in both runs or in neither.
    floating_warnings: tuple[str, ...] = ()
    # Options for the command (`--target 1.5`).
    command_options: tuple[str, ...] = ()
    # Extras of the project itself to install (`gql[all]`).
    project_extras: tuple[str, ...] = ()
    # Set for an upgrade entry: every test requirement of the suite's own era (pytest,
    # pytest-asyncio and the rest, pinned). The released suite runs on these in a venv of its
    # own, the migrated one on PINNED_TEST_TOOLS + extra_requirements in another.
    baseline_requirements: tuple[str, ...] = ()
    # Environment variables the project's own test runner (tox) sets.
    environment: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Set for a suite whose honest answer is a refusal: the `file:line:column` (relative to the
    # project) of every blocker the command must name. It must exit 2, name those and no others,
    # and write nothing.
    refused_at: tuple[str, ...] = ()
    # Environment variables for the command itself: its --verify runs the whole suite as found,
    # without pytest_args (PYTEST_ADDOPTS can leave out what no two runs agree on).
    migration_environment: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"

    @property
    def upgrades(self) -> bool:
        return bool(self.baseline_requirements)

    @property
    def migrated_requirements(self) -> tuple[str, ...]:
        return (*PINNED_TEST_TOOLS, *self.extra_requirements)


@dataclass(frozen=True, order=True)
class RecordedWarning:
    """One warning pytest recorded, in a form that two runs in different folders share.

    The line number is left out: marks added or removed above a test shift it.
    """

    where: str  # the test id, or for a warning outside any test the file that raised it
    category: str
    message: str

    def __str__(self) -> str:
        first_line, *more_lines = f"{self.category}: {self.message}".splitlines()
        return "\n".join([f"{self.where}: {first_line}", *(f"    {line}" for line in more_lines)])


@dataclass(frozen=True)
class SuiteRun:
    """The outcome of every test id of one suite run, keyed by test id, and its warnings."""

    outcomes: dict[str, str]
    warnings: list[RecordedWarning]
    exit_code: int
    output: str
    seconds: float

    def outcome_counts(self) -> str:
        counts = collections.Counter(self.outcomes.values())
        return ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))


@dataclass(frozen=True)
class MigrationRun:
    exit_code: int
    output: str
    seconds: float


@dataclass(frozen=True)
class OutcomeDifference:
    test_id: str
    before: str
    after: str


def download_sdist(suite: RealSuite, dest: Path) -> Path:
    """Download the suite's sdist from PyPI and return the archive's path."""
    dest.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--no-binary",
        ":all:",
        "--dest",
        str(dest),
        suite.requirement,
    ]
    result = _run(command, timeout=PIP_TIMEOUT_SECONDS)
    if result.returncode != 0:
        pytest.fail(
            f"Could not download the sdist of {suite.requirement} (pip exit {result.returncode}).\n"
            "Real-suite tests need network access to PyPI; they fail rather than skip so "
            "that a CI without it is noticed.\n\n" + output_tail(result.stdout),
            pytrace=False,
        )
    archives = [path for path in dest.iterdir() if path.name.endswith((".tar.gz", ".zip"))]
    assert len(archives) == 1, f"expected one sdist in {dest}, found {archives}"
    return archives[0]


def extract_sdist(archive: Path, dest: Path) -> Path:
    """Unpack the sdist and return its top-level project directory."""
    shutil.unpack_archive(archive, dest, filter="data")  # refuse links or paths out of dest
    (project_dir,) = dest.iterdir()
    return project_dir


def create_suite_venv(suite: RealSuite, sdist: Path, venv_dir: Path, requirements: Sequence[str]) -> Path:
    """Create a venv holding the project (with its extras) and the given test requirements.

    Returns the venv's python. The project is installed from the archive rather
    than the extracted tree, because building in place would write build/ and
    egg-info into the tree that the migration is later compared against.
    """
    venv_result = _run([sys.executable, "-m", "venv", str(venv_dir)], timeout=PIP_TIMEOUT_SECONDS)
    assert venv_result.returncode == 0, f"python -m venv failed:\n{venv_result.stdout}"
    python = venv_dir / "bin" / "python"
    project = (
        f"{suite.name}[{','.join(suite.project_extras)}] @ {sdist.as_uri()}" if suite.project_extras else str(sdist)
    )
    install = _run([str(python), "-m", "pip", "install", project, *requirements], timeout=PIP_TIMEOUT_SECONDS)
    if install.returncode != 0:
        pytest.fail(
            f"Could not install the test environment of {suite.requirement} "
            f"(pip exit {install.returncode}; PyPI must be reachable):\n" + output_tail(install.stdout),
            pytrace=False,
        )
    return python


def copy_project(project_dir: Path, dest: Path) -> Path:
    shutil.copytree(project_dir, dest, symlinks=True)
    return dest


def run_suite(
    python: Path,
    project_dir: Path,
    pytest_args: tuple[str, ...],
    junit_xml: Path,
    environment: Mapping[str, str] | None = None,
) -> SuiteRun:
    """Run the suite in project_dir; read every test id's outcome from its JUnit XML and
    the warnings from the recorder plugin.

    `python -m pytest` puts the project directory first on sys.path, so the
    tests import the tree they run in, not the copy installed in the venv.
    """
    plugin_dir = junit_xml.parent / f"{junit_xml.stem}-plugin"
    plugin_dir.mkdir()
    shutil.copyfile(RECORDER_PLUGIN, plugin_dir / f"{RECORDER_PLUGIN_MODULE}.py")
    warnings_json = junit_xml.with_suffix(".warnings.json")
    command = [
        str(python),
        "-m",
        "pytest",
        *pytest_args,
        f"--junitxml={junit_xml}",
        "-p",
        "no:cacheprovider",
        "-p",
        RECORDER_PLUGIN_MODULE,
    ]
    env = _suite_env() | dict(environment or {})
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"  # the venv's scripts, as once activated
    env["PYTHONPATH"] = str(plugin_dir)
    env[WARNINGS_FILE_VARIABLE] = str(warnings_json)
    started = time.monotonic()
    result = _run(command, cwd=project_dir, env=env, timeout=SUITE_TIMEOUT_SECONDS)
    seconds = time.monotonic() - started
    if not junit_xml.exists():
        pytest.fail(
            f"pytest wrote no JUnit XML in {project_dir} (exit {result.returncode}):\n" + output_tail(result.stdout),
            pytrace=False,
        )
    outcomes = read_junit_outcomes(junit_xml)
    if not outcomes:
        pytest.fail(f"pytest ran no test in {project_dir}:\n" + output_tail(result.stdout), pytrace=False)
    if not warnings_json.exists():
        pytest.fail(
            f"the recorder plugin wrote no warnings in {project_dir} (exit {result.returncode}):\n"
            + output_tail(result.stdout),
            pytrace=False,
        )
    warnings = read_recorded_warnings(warnings_json, project_dir)
    return SuiteRun(outcomes, warnings, result.returncode, result.stdout, seconds)


def read_junit_outcomes(junit_xml: Path) -> dict[str, str]:
    """Map each test id (`dotted.classname::name`) to passed/failed/error/skipped/xfailed/xpassed.

    pytest writes a second <testcase> for a test that failed and then errored
    in teardown, so an id can have several outcomes: they are joined with "+".
    """
    outcomes: dict[str, list[str]] = collections.defaultdict(list)
    for testcase in ET.parse(junit_xml).getroot().iter("testcase"):
        classname, name = testcase.get("classname", ""), testcase.get("name", "")
        test_id = f"{classname}::{name}" if classname else name
        outcomes[test_id].append(_testcase_outcome(testcase))
    return {test_id: "+".join(found) for test_id, found in outcomes.items()}


def read_recorded_warnings(warnings_json: Path, project_dir: Path) -> list[RecordedWarning]:
    """The recorder plugin's warnings, with project_dir's path and memory addresses masked."""

    def masked(text: str) -> str:
        return MEMORY_ADDRESS.sub("0x…", text.replace(f"{project_dir}{os.sep}", "").replace(str(project_dir), "."))

    return sorted(
        RecordedWarning(
            where=record["nodeid"] or masked(record["filename"]),
            category=record["category"],
            message=masked(record["message"]),
        )
        for record in json.loads(warnings_json.read_text(encoding="utf-8"))
    )


def _testcase_outcome(testcase: ET.Element) -> str:
    if any(prop.get("name") == XPASSED_PROPERTY for prop in testcase.iter("property")):
        return "xpassed"
    if testcase.find("error") is not None:
        return "error"
    if testcase.find("failure") is not None:
        return "failed"
    skipped = testcase.find("skipped")
    if skipped is None:
        return "passed"
    if skipped.get("type") == "pytest.xfail":
        return "xfailed"
    if skipped.get("message") == "xfail-marked test passes unexpectedly":
        return "failed"  # a strict xpass, which pytest itself counts as failed
    return "skipped"


def run_migration(
    command: str, project_dir: Path, options: Sequence[str] = (), environment: Mapping[str, str] | None = None
) -> MigrationRun:
    """Run the asyncio-migrate under test (the python running pytest) on project_dir, with
    ``environment`` added to this process's (its --verify runs pytest in it)."""
    started = time.monotonic()
    result = _run(
        [sys.executable, "-m", "asyncio_migrate", command, *options, str(project_dir)],
        timeout=MIGRATION_TIMEOUT_SECONDS,
        env=os.environ | dict(environment) if environment else None,
    )
    return MigrationRun(result.returncode, result.stdout, time.monotonic() - started)


def refusal_problems(
    migration: MigrationRun, project_dir: Path, changed: Sequence[str], expected: Sequence[str]
) -> list[str]:
    """What is wrong with a run that had to refuse: another exit code than 2, a file written, or
    blockers other than the expected ones (`file:line:column` relative to project_dir)."""
    prefix = f"{project_dir}{os.sep}"
    blockers = sorted(
        location.removeprefix(prefix)
        for location, _, rest in (line.partition(": ") for line in migration.output.splitlines())
        if rest.startswith("blocker ")
    )
    problems = []
    if migration.exit_code != 2:
        problems.append(f"exit {migration.exit_code}, not 2 (refused)")
    if changed:
        problems.append(f"{len(changed)} files written: {', '.join(changed)}")
    if blockers != sorted(expected):
        problems.append(f"blockers named: {blockers or 'none'}; expected: {sorted(expected)}")
    return problems


def changed_files(before_dir: Path, after_dir: Path) -> list[str]:
    """Relative paths of files added, removed or changed between two trees."""
    before, after = _file_bytes(before_dir), _file_bytes(after_dir)
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def _file_bytes(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def outcome_differences(before: SuiteRun, after: SuiteRun) -> list[OutcomeDifference]:
    return [
        OutcomeDifference(test_id, before.outcomes.get(test_id, MISSING), after.outcomes.get(test_id, MISSING))
        for test_id in sorted(before.outcomes.keys() | after.outcomes.keys())
        if before.outcomes.get(test_id) != after.outcomes.get(test_id)
    ]


def with_parameter_ids_paired(before: SuiteRun, after: SuiteRun) -> SuiteRun:
    """``after`` with each test id that ``before`` lacks renamed to its counterpart there, for two
    runs on different pytest versions.

    pytest 8 and later write some parameters into ids differently (a multi-line string became
    its argname and index: ``test_x[\\n  query ...]`` → ``test_x[subscription_str0]``). Within
    one test function (the id before ``[``), the ids only one run has are paired in run order,
    provided both runs have as many of them; any other id keeps its name, so that a test which
    really appeared or disappeared still shows.
    """
    only_before, only_after = (
        _by_function(before.outcomes.keys() - after.outcomes.keys(), before),
        _by_function(after.outcomes.keys() - before.outcomes.keys(), after),
    )
    renamed = {}
    for function, after_ids in only_after.items():
        before_ids = only_before.get(function, [])
        if len(before_ids) == len(after_ids):
            renamed.update(zip(after_ids, before_ids, strict=True))
    if not renamed:
        return after
    outcomes = {renamed.get(test_id, test_id): outcome for test_id, outcome in after.outcomes.items()}
    warnings = sorted(dataclasses.replace(w, where=renamed.get(w.where, w.where)) for w in after.warnings)
    return dataclasses.replace(after, outcomes=outcomes, warnings=warnings)


def _by_function(test_ids: set[str], run: SuiteRun) -> dict[str, list[str]]:
    """``test_ids`` grouped by test function, each group in the run's order."""
    grouped: dict[str, list[str]] = collections.defaultdict(list)
    for test_id in run.outcomes:  # the JUnit order, which is the run order
        if test_id in test_ids and "[" in test_id:
            grouped[test_id.split("[", 1)[0]].append(test_id)
    return grouped


def unexplained_differences(
    differences: list[OutcomeDifference], expected: Mapping[str, str]
) -> tuple[list[OutcomeDifference], list[str]]:
    """The outcome differences no expected change names, and the expected changes that did not happen."""
    changed = {difference.test_id for difference in differences}
    return (
        [difference for difference in differences if difference.test_id not in expected],
        sorted(test_id for test_id in expected if test_id not in changed),
    )


def with_floating_warnings(run: SuiteRun, patterns: Sequence[str]) -> SuiteRun:
    """run with each warning matching one of patterns moved to FLOATING and counted once."""
    bound = [warning for warning in run.warnings if not _floats(warning, patterns)]
    floating = {dataclasses.replace(warning, where=FLOATING) for warning in run.warnings if _floats(warning, patterns)}
    return dataclasses.replace(run, warnings=sorted([*bound, *floating]))


def _floats(warning: RecordedWarning, patterns: Sequence[str]) -> bool:
    return any(re.fullmatch(pattern, f"{warning.category}: {warning.message}") for pattern in patterns)


def warning_differences(before: SuiteRun, after: SuiteRun) -> tuple[list[RecordedWarning], list[RecordedWarning]]:
    """The warnings only the after run recorded, and those only the before run did.

    Counted as a multiset: a warning raised once more than before is a new warning.
    """
    before_counts, after_counts = collections.Counter(before.warnings), collections.Counter(after.warnings)
    return sorted((after_counts - before_counts).elements()), sorted((before_counts - after_counts).elements())


def format_warnings(title: str, warnings: list[RecordedWarning]) -> str:
    return "\n".join([f"{title} ({len(warnings)}):", *(f"  {warning}" for warning in warnings)])


def format_differences(differences: list[OutcomeDifference]) -> str:
    rows = [("test id", "before", "after")] + [(d.test_id, d.before, d.after) for d in differences]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _suite_env() -> dict[str, str]:
    return {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(LEAKY_ENV_PREFIXES) and name not in LEAKY_ENV_NAMES
    }


def _run(
    command: list[str], *, timeout: float, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command with stderr folded into stdout; a timeout fails the test."""
    try:
        return subprocess.run(
            command,
            check=False,  # the caller reads the exit code
            cwd=cwd,
            env=env,
            timeout=timeout,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
        )
    except subprocess.TimeoutExpired as timed_out:
        output = timed_out.stdout or ""
        if isinstance(output, bytes):
            output = output.decode(errors="replace")
        pytest.fail(f"{' '.join(command)} timed out after {timeout}s:\n{output_tail(output)}", pytrace=False)


def output_tail(output: str) -> str:
    return "\n".join(output.splitlines()[-OUTPUT_TAIL_LINES:])
