"""Which files the engine parses for a codemod, from bytes and settings alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from asyncio_migrate import api
from asyncio_migrate.codemod import ProjectSettings, assigns_test_name
from asyncio_migrate.config.pytest_config import CollectionRules
from asyncio_migrate.results import FileResult

DEFAULT = ProjectSettings()


@pytest.mark.parametrize(
    "source",
    [
        b"test_x = make_test()\n",
        b"test_x=make_test()\n",
        b"(test_x) = make_test()\n",
        b"(\n    test_x  # made below\n) = make_test()\n",
        b"test_x \\\n    = make_test()\n",
        b"prepared = 1; test_x = make_test()\n",
        b"class TestA:\n    test_\xc3\xa9 = make_test()\n",
        b"test_x = \\\r\n    make_test()\r\n",
    ],
)
def test_every_assignment_to_a_test_name_is_seen(source: bytes) -> None:
    assert assigns_test_name(source, DEFAULT)


@pytest.mark.parametrize(
    "source",
    [
        b"def test_x():\n    value = 1\n    assert value == 1\n",
        b"async def test_x():\n    pass\n",
        b"assert test_x == make_test()\n",
        b"helper = make_test()\n",
    ],
)
def test_a_module_that_assigns_no_test_name_is_not(source: bytes) -> None:
    assert not assigns_test_name(source, DEFAULT)


def test_the_projects_python_functions_decide() -> None:
    checks = ProjectSettings(rules=CollectionRules(python_functions=("check",)))
    assert assigns_test_name(b"check_x = make()\n", checks)
    assert not assigns_test_name(b"test_x = make()\n", checks)
    # A glob may match any name: every file may assign one.
    globbed = ProjectSettings(rules=CollectionRules(python_functions=("*_check",)))
    assert assigns_test_name(b"x = 1\n", globbed)


def test_to_strict_parses_no_plain_sync_test_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pytest.ini").write_bytes(b"[pytest]\nasyncio_mode = strict\n")
    (tmp_path / "test_sync.py").write_bytes(b"def test_sync():\n    assert 1 + 1 == 2\n")
    (tmp_path / "test_made.py").write_bytes(b"from factories import make\n\ntest_made = make()\n")
    parsed: list[str] = []
    original = api.process_safely

    def spy(path: Path, source: bytes, codemods, settings) -> FileResult:
        parsed.append(path.name)
        return original(path, source, codemods, settings)

    monkeypatch.setattr(api, "process_safely", spy)
    result = api.run("to-strict", tmp_path, jobs=1)
    assert parsed == ["test_made.py"]
    [diagnostic] = [d for file_result in result.files for d in file_result.diagnostics]
    assert (diagnostic.path.name, diagnostic.codemod) == ("test_made.py", "hidden-async-tests")
