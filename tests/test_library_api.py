"""The library API exported from ``asyncio_migrate``: str or Path in, typed results out, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import asyncio_migrate

MARKED = b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_bytes(b"[pytest]\nasyncio_mode = strict\n")
    (tmp_path / "test_a.py").write_bytes(MARKED)
    return tmp_path


@pytest.mark.parametrize("as_given", [str, Path, lambda path: [str(path)], lambda path: (Path(path),)])
def test_run_takes_str_or_path_and_writes_only_when_asked(project: Path, as_given) -> None:
    result = asyncio_migrate.run("to-auto", as_given(project))
    assert isinstance(result, asyncio_migrate.RunResult)
    assert [(file.path.name, file.status) for file in result.files] == [("test_a.py", asyncio_migrate.Status.CHANGED)]
    assert result.changed[0].applied == ("remove-asyncio-marks",)
    assert not result.written and (project / "test_a.py").read_bytes() == MARKED
    written = asyncio_migrate.run("to-auto", as_given(project), write=True)
    assert written.written and (project / "test_a.py").read_bytes() == b"async def test_a():\n    pass\n"


def test_render_diff(project: Path) -> None:
    diff = asyncio_migrate.render_diff(asyncio_migrate.run("to-auto", project))
    assert "-@pytest.mark.asyncio\n" in diff
    assert "+asyncio_mode = auto\n" in diff


def test_diagnostics_are_typed(project: Path) -> None:
    (project / "test_anyio.py").write_bytes(b"import pytest\n\n@pytest.mark.anyio\nasync def test_b():\n    pass\n")
    result = asyncio_migrate.run("to-auto", project, write=True)
    assert result.blocked and not result.written
    [blocker] = [d for d in result.all_diagnostics() if d.severity is asyncio_migrate.Severity.BLOCKER]
    assert isinstance(blocker, asyncio_migrate.Diagnostic)
    assert (blocker.path.name, blocker.line, blocker.codemod) == ("test_anyio.py", 3, "other-async-plugins")


def test_an_unknown_command_is_a_clear_error(project: Path) -> None:
    with pytest.raises(asyncio_migrate.UnknownCommandError, match="unknown command 'to_auto': choose one of to-auto"):
        asyncio_migrate.run("to_auto", project)


def test_paths_of_another_type_are_a_clear_error() -> None:
    with pytest.raises(TypeError, match="paths must be str or os.PathLike"):
        asyncio_migrate.run("to-auto", [42])  # type: ignore[list-item]


def test_a_missing_path_and_an_unknown_codemod_are_clear_errors(project: Path) -> None:
    with pytest.raises(asyncio_migrate.DiscoveryError, match="No such file or directory"):
        asyncio_migrate.run("to-auto", project / "nowhere")
    with pytest.raises(asyncio_migrate.SelectionError, match="unknown codemod id: nope"):
        asyncio_migrate.run("to-auto", project, select=["nope"])


def test_every_exported_name_resolves_and_import_stays_light() -> None:
    for name in asyncio_migrate.__all__:
        assert getattr(asyncio_migrate, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        asyncio_migrate.nothing  # noqa: B018
    program = "import sys, asyncio_migrate; print(any(m.startswith('libcst') for m in sys.modules))"
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert completed.stdout == "False\n"
