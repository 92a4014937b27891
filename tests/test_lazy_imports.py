"""A run that parses no file imports neither libcst nor any codemod: the engine selects files
from the codemods' declarations (catalogue.py) and imports a codemod only to parse a file."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

MARKED = b"""import pytest


@pytest.mark.asyncio(loop_scope="module")
async def test_a():
    pass
"""

PROGRAM = """import sys
from asyncio_migrate.cli import run_cli
code = run_cli(sys.argv[1:])
heavy = sorted(name for name in sys.modules
               if name.split('.')[0] == 'libcst' or name.startswith('asyncio_migrate.codemods'))
print(code, heavy, file=sys.stderr)
"""


def heavy_modules(project: Path, cache: Path, *argv: str) -> tuple[int, list[str]]:
    """The exit code of the command run on ``project``, and the heavy modules it imported."""
    env = {**os.environ, "ASYNCIO_MIGRATE_CACHE_DIR": str(cache)}
    completed = subprocess.run(
        [sys.executable, "-c", PROGRAM, *argv, "-q", str(project)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    code, _, modules = completed.stderr.strip().splitlines()[-1].partition(" ")
    return int(code), ast.literal_eval(modules)


@pytest.mark.parametrize("command, mode", [("to-auto", "auto"), ("to-strict", "strict")])
def test_a_warm_check_of_a_migrated_project_imports_no_libcst(tmp_path: Path, command: str, mode: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text(f"[pytest]\nasyncio_mode = {mode}\n")
    (project / "test_a.py").write_bytes(MARKED)  # a candidate for both commands' codemods
    (project / "helpers.py").write_bytes(b"import asyncio\n\n\nasync def helper():\n    pass\n")
    cache = tmp_path / "cache"
    code, cold = heavy_modules(project, cache, command, "--check")
    assert code == 0
    assert "libcst" in cold  # the first run parses test_a.py...
    code, warm = heavy_modules(project, cache, command, "--check")
    assert (code, warm) == (0, [])  # ...the next takes it from the cache, and parses nothing
    assert (project / "test_a.py").read_bytes() == MARKED
