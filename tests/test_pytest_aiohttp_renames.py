"""pytest-aiohttp-renames across files: what the conftest.py files and plugin modules of a project say.

The snapshots hold one file each; these cases need a folder with a conftest.py above the test.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.codemods import pytest_aiohttp_renames
from asyncio_migrate.pipeline.engine import process_source, survey_project
from asyncio_migrate.results import FileResult

from .codemod_tools import output_of

TEST = """\
from aiohttp import web


async def test_index(test_client, loop):
    client = await test_client(web.Application())
    assert loop.is_running() and client
"""
RENAMED_KEEPING_LOOP = """\
from aiohttp import web


async def test_index(aiohttp_client, loop):
    client = await aiohttp_client(web.Application())
    assert loop.is_running() and client
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def run(test_file: Path, surveyed: list[Path]) -> FileResult:
    """The codemod on ``test_file``, after a survey of ``surveyed`` (the files a run was given)."""
    codemods = [pytest_aiohttp_renames.CODEMOD]
    settings = survey_project(surveyed, codemods, ProjectSettings())
    return process_source(test_file, test_file.read_bytes(), codemods, settings)


def test_a_conftest_above_the_surveyed_files_defines_loop(tmp_path: Path) -> None:
    write(tmp_path / "tests" / "conftest.py", "import pytest\n\n@pytest.fixture\ndef loop():\n    return None\n")
    test_file = write(tmp_path / "tests" / "api" / "test_index.py", TEST)
    # Only the test file is named, as in `asyncio-migrate fix-tests tests/api`: the conftest is found above it.
    assert output_of(run(test_file, [test_file])).decode() == RENAMED_KEEPING_LOOP


def test_a_conftest_beside_the_test_naming_its_fixture_loop_is_read(tmp_path: Path) -> None:
    write(tmp_path / "conftest.py", "import pytest\n\n@pytest.fixture(name='loop')\ndef my_loop():\n    return None\n")
    test_file = write(tmp_path / "test_index.py", TEST)
    assert output_of(run(test_file, [test_file])).decode() == RENAMED_KEEPING_LOOP


def test_a_plugin_module_of_the_project_defines_test_client(tmp_path: Path) -> None:
    plugin = write(tmp_path / "testing" / "fixtures.py", "@pytest.fixture\ndef test_client():\n    pass\n")
    test_file = write(tmp_path / "tests" / "test_index.py", TEST)
    result = run(test_file, [plugin, test_file])
    output = output_of(result).decode()
    assert "async def test_index(test_client):" in output  # loop dropped, test_client is the project's
    assert "loop = asyncio.get_running_loop()" in output


def test_a_conftest_loading_aiohttps_plugin_is_evidence_for_files_below(tmp_path: Path) -> None:
    write(tmp_path / "conftest.py", 'pytest_plugins = ["aiohttp.pytest_plugin"]\n')
    test_file = write(
        tmp_path / "tests" / "test_index.py",
        """\
        from myapp import create_app


        async def test_index(test_client):
            assert await test_client(create_app())
        """,
    )
    result = run(test_file, [tmp_path / "conftest.py", test_file])
    assert "async def test_index(aiohttp_client):" in output_of(result).decode()


def test_without_evidence_a_distinctive_name_is_only_noted(tmp_path: Path) -> None:
    test_file = write(
        tmp_path / "test_index.py",
        """\
        async def test_index(test_server, loop):
            assert await test_server(object())
        """,
    )
    result = run(test_file, [test_file])
    assert output_of(result) == test_file.read_bytes()
    assert [diagnostic.message.split(";")[0] for diagnostic in result.diagnostics] == [
        "test_index requests 'test_server'"
    ]
