"""Run the installed `asyncio-migrate` console script, as a user does."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path


def console_script() -> str:
    # The script pip installed next to the Python running the tests (the venv's bin/ or Scripts/).
    found = shutil.which("asyncio-migrate", path=str(Path(sys.executable).parent))
    assert found is not None, f"asyncio-migrate is not installed beside {sys.executable}"
    return found


def cli(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTEST_ADDOPTS"}
    environment.update(env or {})
    return subprocess.run(
        [console_script(), *args], cwd=cwd, env=environment, capture_output=True, text=True, input=input,
        timeout=300,
    )


@dataclass
class InProcessResult:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None = None  # what ended the run, as click's CliRunner reports it

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def invoke_in_process(*args: str) -> InProcessResult:
    """The command line run in this process, for tests that inject faults with monkeypatch."""
    from asyncio_migrate import cli as command_line

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = command_line.run_cli(list(args))
        except SystemExit as exit_:
            return InProcessResult(int(exit_.code or 0), out.getvalue(), err.getvalue(), exit_)
        except Exception as error:  # noqa: BLE001 - a crash is a result the test asserts on
            return InProcessResult(1, out.getvalue(), err.getvalue(), error)
    return InProcessResult(int(code), out.getvalue(), err.getvalue())
