"""`upgrade` through the CLI: the target release, where it comes from, and what it lets the output use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asyncio_migrate.cli import app
from tests.test_requirements import PIP_COMPILE

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


def upgrade(*args: str):
    return CliRunner().invoke(app, ["upgrade", "--dry-run", *args, "."])


def test_a_pip_compile_pin_writes_for_that_release(project: Path) -> None:
    (project / "requirements-dev.txt").write_text(PIP_COMPILE)
    result = upgrade()
    assert result.exit_code == 0, result.output
    assert "writing for pytest-asyncio 0.24: the lowest release the project's requirement admits " \
           "(requirements-dev.txt:13: pytest-asyncio==0.24.0)" in result.output
    # 0.24 has no fixture-scope: the default is function, and the module fixture keeps its loop by itself.
    assert "+asyncio_default_fixture_loop_scope = function" in result.output
    assert '+@pytest_asyncio.fixture(scope="module", loop_scope="module")' in result.output
    assert "fixture-scope" not in result.output


def test_an_unpinned_requirement_writes_for_the_installed_release(project: Path) -> None:
    (project / "requirements.txt").write_text("pytest-asyncio\n")
    result = upgrade()
    assert result.exit_code == 0, result.output
    assert "writing for pytest-asyncio 1.5: the project's requirement has no lower bound " \
           f"(requirements.txt:1: pytest-asyncio); pytest-asyncio 1.5.0 is installed for {sys.executable}" \
           in result.output
    assert "+asyncio_default_fixture_loop_scope = fixture-scope" in result.output


def test_the_python_option_is_the_environment_asked(project: Path) -> None:
    missing = str(project / "no-such-python")
    result = upgrade("--python", missing)
    assert result.exit_code == 0, result.output
    assert f"pytest-asyncio is not installed for {missing}; the newest release" in result.output


@pytest.mark.parametrize("value", ["0.24", "0.24.0", ">=0.24"])
def test_target_takes_a_release_or_a_lower_bound(project: Path, value: str) -> None:
    result = upgrade("--target", value)
    assert result.exit_code == 0, result.output
    assert "writing for pytest-asyncio 0.24: given with --target" in result.output
    assert "+asyncio_default_fixture_loop_scope = function" in result.output


def test_an_unknown_target_is_refused_with_exit_2(project: Path) -> None:
    result = upgrade("--target", "1.5.x")
    assert result.exit_code == 2
    assert "--target 1.5.x: give a pytest-asyncio release (0.17, " in result.output
    assert "as 1.5, 1.5.0 or >=1.5" in result.output
