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
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

# The pytest-asyncio state every suite is migrated from and checked in.
PINNED_TEST_TOOLS = ("pytest==9.2.0", "pytest-asyncio==1.5.0")

PIP_TIMEOUT_SECONDS = 900
SUITE_TIMEOUT_SECONDS = 1800
MIGRATION_TIMEOUT_SECONDS = 600
OUTPUT_TAIL_LINES = 80

OUTCOME_PLUGIN_MODULE = "asyncio_migrate_real_suite_outcomes"
XPASSED_PROPERTY = "asyncio_migrate_outcome"
MISSING = "(absent)"  # the outcome shown for a test id that one of two runs lacks

# JUnit XML records a non-strict xpass exactly like a pass, so this plugin,
# loaded with -p into the suite under test, tags those tests with a property.
OUTCOME_PLUGIN_SOURCE = f"""\
import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.passed and hasattr(report, "wasxfail"):
        item.user_properties.append(({XPASSED_PROPERTY!r}, "xpassed"))
    return report
"""

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

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


@dataclass(frozen=True)
class SuiteRun:
    """The outcome of every test id of one suite run, keyed by test id."""

    outcomes: dict[str, str]
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


def create_suite_venv(suite: RealSuite, sdist: Path, venv_dir: Path) -> Path:
    """Create a venv holding the pinned test tools, the project and its test requirements.

    Returns the venv's python. The project is installed from the archive rather
    than the extracted tree, because building in place would write build/ and
    egg-info into the tree that the migration is later compared against.
    """
    venv_result = _run([sys.executable, "-m", "venv", str(venv_dir)], timeout=PIP_TIMEOUT_SECONDS)
    assert venv_result.returncode == 0, f"python -m venv failed:\n{venv_result.stdout}"
    python = venv_dir / "bin" / "python"
    requirements = [*PINNED_TEST_TOOLS, str(sdist), *suite.extra_requirements]
    install = _run([str(python), "-m", "pip", "install", *requirements], timeout=PIP_TIMEOUT_SECONDS)
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


def run_suite(python: Path, project_dir: Path, pytest_args: tuple[str, ...], junit_xml: Path) -> SuiteRun:
    """Run the suite in project_dir and read every test id's outcome from its JUnit XML.

    `python -m pytest` puts the project directory first on sys.path, so the
    tests import the tree they run in, not the copy installed in the venv.
    """
    plugin_dir = junit_xml.parent / f"{junit_xml.stem}-plugin"
    plugin_dir.mkdir()
    (plugin_dir / f"{OUTCOME_PLUGIN_MODULE}.py").write_text(OUTCOME_PLUGIN_SOURCE)
    command = [
        str(python),
        "-m",
        "pytest",
        *pytest_args,
        f"--junitxml={junit_xml}",
        "-p",
        "no:cacheprovider",
        "-p",
        OUTCOME_PLUGIN_MODULE,
    ]
    env = _suite_env()
    env["PYTHONPATH"] = str(plugin_dir)
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
    return SuiteRun(outcomes, result.returncode, result.stdout, seconds)


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


def run_migration(command: str, project_dir: Path, options: Sequence[str] = ()) -> MigrationRun:
    """Run the asyncio-migrate under test (the python running pytest) on project_dir."""
    started = time.monotonic()
    result = _run(
        [sys.executable, "-m", "asyncio_migrate", command, *options, str(project_dir)],
        timeout=MIGRATION_TIMEOUT_SECONDS,
    )
    return MigrationRun(result.returncode, result.stdout, time.monotonic() - started)


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
