"""removed-pytest-asyncio-api's configuration part: asyncio_mode = legacy becomes auto."""

from __future__ import annotations

from pathlib import Path

import pytest

from asyncio_migrate import api, codemods
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.config.pytest_config import locate_config
from asyncio_migrate.results import Severity

CODEMOD = codemods.by_id()["removed-pytest-asyncio-api"]

LEGACY_CONFIGS = {
    "pytest.ini": ("[pytest]\naddopts = -ra\nasyncio_mode = legacy\n", 3),
    "pyproject.toml": ('[project]\nname = "demo"\n\n[tool.pytest.ini_options]\nasyncio_mode = "legacy"\n', 5),
}


def project(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(text)
    (tmp_path / "test_demo.py").write_text("async def test_unmarked():\n    pass\n")
    return tmp_path


@pytest.mark.parametrize("name", LEGACY_CONFIGS)
def test_legacy_mode_asks_for_auto(tmp_path: Path, name: str) -> None:
    text, line = LEGACY_CONFIGS[name]
    config = locate_config(project(tmp_path, name, text))
    assert config.effective_mode == "legacy"

    [request] = CODEMOD.configure(config, ProjectSettings(mode="legacy"))
    assert (request.key, request.value, request.codemod) == ("asyncio_mode", "auto", CODEMOD.id)
    assert (request.path, request.line) == (tmp_path / name, line)

    [diagnostic] = CODEMOD.check_config(config)
    assert (diagnostic.path, diagnostic.line, diagnostic.severity) == (tmp_path / name, line, Severity.INFO)
    assert "becomes auto" in diagnostic.message


@pytest.mark.parametrize("name", LEGACY_CONFIGS)
def test_upgrade_writes_auto_and_lists_the_tests_legacy_mode_skipped(tmp_path: Path, name: str) -> None:
    root = project(tmp_path, name, LEGACY_CONFIGS[name][0])
    result = api.run("upgrade", [root], write=True, jobs=1, select=[CODEMOD.id])

    assert result.written
    assert locate_config(root).asyncio_mode == "auto"
    [file_result] = result.files
    assert file_result.announced_tests == ("test_unmarked",)
    assert [d.message.split(" ", 1)[0] for d in file_result.diagnostics] == ["test_unmarked"]


def test_legacy_mode_in_addopts_is_reported(tmp_path: Path) -> None:
    config = locate_config(project(tmp_path, "pytest.ini", "[pytest]\naddopts =\n    -q\n    --asyncio-mode=legacy\n"))

    [request] = CODEMOD.configure(config, ProjectSettings(mode="legacy"))
    assert (request.key, request.value, request.line) == ("asyncio_mode", "auto", 0)
    [diagnostic] = CODEMOD.check_config(config)
    assert (diagnostic.line, diagnostic.severity) == (2, Severity.WARNING)
    assert "--asyncio-mode=legacy" in diagnostic.message


@pytest.mark.parametrize("text", ["[pytest]\nasyncio_mode = auto\n", "[pytest]\nasyncio_mode = strict\n", "[pytest]\n"])
def test_other_modes_are_left_alone(tmp_path: Path, text: str) -> None:
    config = locate_config(project(tmp_path, "pytest.ini", text))

    assert CODEMOD.configure(config, ProjectSettings(mode=config.effective_mode)) == []
    assert CODEMOD.check_config(config) == []
