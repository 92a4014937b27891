"""`upgrade` through the CLI: the target release, where it comes from, and what it lets the output use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.real_suites.harness import copy_project, outcome_differences, output_tail, run_migration, run_suite
from tests.test_requirements import PIP_COMPILE

from .cli_tools import cli

CONFTEST = """\
import pytest_asyncio


@pytest_asyncio.fixture(scope="module")
async def server():
    yield 1
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\nasyncio_mode = strict\n")
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_a.py").write_text("import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a(server):\n    pass\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    return tmp_path


def upgrade(*args: str) -> subprocess.CompletedProcess[str]:
    return cli("upgrade", "--dry-run", *args, ".")


def test_a_pip_compile_pin_writes_for_that_release(project: Path) -> None:
    (project / "requirements-dev.txt").write_text(PIP_COMPILE)
    result = upgrade()
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert "writing for pytest-asyncio 0.24: the lowest release the project's requirement admits " \
           "(requirements-dev.txt:13: pytest-asyncio==0.24.0)" in (result.stdout + result.stderr)
    # 0.24 has no fixture-scope: the default is function, and the module fixture keeps its loop by itself.
    assert "+asyncio_default_fixture_loop_scope = function" in (result.stdout + result.stderr)
    assert '+@pytest_asyncio.fixture(scope="module", loop_scope="module")' in (result.stdout + result.stderr)
    assert "fixture-scope" not in (result.stdout + result.stderr)


def test_an_unpinned_requirement_writes_for_the_installed_release(project: Path) -> None:
    (project / "requirements.txt").write_text("pytest-asyncio\n")
    result = upgrade()
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert "writing for pytest-asyncio 1.5: the project's requirement has no lower bound " \
           f"(requirements.txt:1: pytest-asyncio); pytest-asyncio 1.5.0 is installed for {sys.executable}" \
           in (result.stdout + result.stderr)
    assert "+asyncio_default_fixture_loop_scope = fixture-scope" in (result.stdout + result.stderr)


def test_the_python_option_is_the_environment_asked(project: Path) -> None:
    missing = str(project / "no-such-python")
    result = upgrade("--python", missing)
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert f"pytest-asyncio is not installed for {missing}; the newest release" in (result.stdout + result.stderr)


@pytest.mark.parametrize("value", ["0.24", "0.24.0", ">=0.24"])
def test_target_takes_a_release_or_a_lower_bound(project: Path, value: str) -> None:
    result = upgrade("--target", value)
    assert result.returncode == 0, (result.stdout + result.stderr)
    assert "writing for pytest-asyncio 0.24: given with --target" in (result.stdout + result.stderr)
    assert "+asyncio_default_fixture_loop_scope = function" in (result.stdout + result.stderr)


def test_an_unknown_target_is_refused_with_exit_2(project: Path) -> None:
    result = upgrade("--target", "1.5.x")
    assert result.returncode == 2
    assert "--target 1.5.x: give a pytest-asyncio release (0.17, " in (result.stdout + result.stderr)
    assert "as 1.5, 1.5.0 or >=1.5" in (result.stdout + result.stderr)


# --- the pinned release itself, installed from PyPI ------------------------------------------

PINNED_0_24 = ("pytest==8.3.5", "pytest-asyncio==0.24.0")  # 0.24 supports pytest < 9


@pytest.mark.real_suite
def test_a_suite_pinned_to_0_24_by_pip_compile_still_passes_on_0_24_after_upgrade(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """pytest-asyncio==0.24.0 pinned in pip-compile output (hashes, continuation lines): the upgraded
    suite must keep every outcome on 0.24 (fixture-scope would be a configuration error there), and
    --verify=run, asked of that environment, must agree."""
    (project / "requirements-dev.txt").write_text(PIP_COMPILE)
    work = tmp_path_factory.mktemp("work")
    original = copy_project(project, work / "original")
    venv = work / "venv"
    python = venv / "bin" / "python"
    for command in ([sys.executable, "-m", "venv", str(venv)], [str(python), "-m", "pip", "install", "-q", *PINNED_0_24]):
        completed = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
        assert completed.returncode == 0, f"{' '.join(command)} (PyPI must be reachable):\n{completed.stderr}"

    migration = run_migration("upgrade", project, ("--verify=run", "--python", str(python)))
    assert migration.exit_code == 0, migration.output
    assert "writing for pytest-asyncio 0.24: the lowest release the project's requirement admits" in migration.output
    assert (project / "pytest.ini").read_text().endswith("asyncio_default_fixture_loop_scope = function\n")

    before = run_suite(python, original, ("-q",), work / "before.xml")
    after = run_suite(python, project, ("-q",), work / "after.xml")
    assert before.outcomes == {"test_a::test_a": "passed"}, output_tail(before.output)
    assert outcome_differences(before, after) == [], output_tail(after.output)
