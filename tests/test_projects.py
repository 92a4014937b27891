"""Whole projects through the CLI: snapshots/projects/<command>-<name>/before becomes .../after.

One project per command and kind of pytest configuration. The copy runs in a temporary
folder so that pytest's upward search for a config file cannot reach this repository's own.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from asyncio_migrate.pipeline.commands import COMMANDS

from .cli_tools import cli

PROJECTS = Path(__file__).parent.parent / "snapshots" / "projects"


def files_of(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", sorted(path.name for path in PROJECTS.iterdir()))
def test_project(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / name
    shutil.copytree(PROJECTS / name / "before", work)
    monkeypatch.chdir(work)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    command = next(command for command in COMMANDS if name.startswith(f"{command}-"))
    result = cli(command, ".")
    assert result.returncode == 0, result.stderr
    assert files_of(work) == files_of(PROJECTS / name / "after")
    again = cli(command, "--check", ".")
    assert again.returncode == 0, again.stderr


# fix-tests edits test code only, never the configuration.
@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"fix-tests"}))
def test_every_config_kind_has_a_project(command: str) -> None:
    names = {path.name for path in PROJECTS.iterdir()}
    kinds = {"pyproject-ini-options", "pyproject-native", "pytest-ini", "setup-cfg", "tox-ini", "no-config"}
    assert names >= {f"{command}-{kind}" for kind in kinds}


UPGRADED = sorted(path.name for path in PROJECTS.iterdir() if path.name.startswith("upgrade-"))


@pytest.mark.parametrize("name", UPGRADED)
def test_upgraded_suite_passes_on_pytest_asyncio_1_5(name: str, tmp_path: Path) -> None:
    """The upgraded 0.21-era suite runs on pytest 9.2 + pytest-asyncio 1.5.0 without deprecations."""
    assert pytest.__version__.startswith("9.2.")
    assert importlib.metadata.version("pytest-asyncio") == "1.5.0"
    work = tmp_path / name
    shutil.copytree(PROJECTS / name / "after", work)
    environment = {key: value for key, value in os.environ.items() if key != "PYTEST_ADDOPTS"}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-W", "error::pytest.PytestDeprecationWarning", "-p", "no:cacheprovider",
         "-q", "-rA"],
        cwd=work, env=environment, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert " failed" not in completed.stdout and " error" not in completed.stdout


# Projects where each file alone looks fine but the suite does not: the real pytest must count
# the same before and after, in every folder with its own configuration.
WHOLE_SUITE_CASES = ["to-auto-monorepo", "to-strict-inherited-tests"]


@pytest.mark.parametrize("name", WHOLE_SUITE_CASES)
def test_switched_suites_keep_their_pytest_counts(name: str, tmp_path: Path) -> None:
    counts: dict[str, dict[str, str]] = {}
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    for side in ("before", "after"):
        work = tmp_path / side
        shutil.copytree(PROJECTS / name / side, work)
        counts[side] = {}
        for config in sorted(work.rglob("pytest.ini")):
            completed = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                cwd=config.parent, env=environment, capture_output=True, text=True, timeout=300,
            )
            summary = completed.stdout.strip().splitlines()[-1]
            counts[side][str(config.relative_to(work))] = summary.split(" in ")[0]
    assert counts["after"] == counts["before"]
    assert all(summary.endswith("passed") for summary in counts["before"].values()), counts
