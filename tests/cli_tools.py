"""Run the installed `asyncio-migrate` console script, as a user does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
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
