"""Whole projects through the CLI: snapshots/projects/<name>/before becomes .../after.

One project per kind of pytest configuration. The copy runs in a temporary folder so
that pytest's upward search for a config file cannot reach this repository's own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asyncio_migrate.cli import app

PROJECTS = Path(__file__).parent.parent / "snapshots" / "projects"


def files_of(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", sorted(path.name for path in PROJECTS.iterdir()))
def test_project(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / name
    shutil.copytree(PROJECTS / name / "before", work)
    monkeypatch.chdir(work)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    result = CliRunner().invoke(app, ["to-auto", "."])
    assert result.exit_code == 0, result.output
    assert files_of(work) == files_of(PROJECTS / name / "after")
    again = CliRunner().invoke(app, ["to-auto", "--check", "."])
    assert again.exit_code == 0, again.output


def test_every_config_kind_has_a_project() -> None:
    names = {path.name for path in PROJECTS.iterdir()}
    assert names >= {"pyproject-ini-options", "pyproject-native", "pytest-ini", "setup-cfg", "tox-ini", "no-config"}
