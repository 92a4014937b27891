"""Start-up stays light: help and version import neither libcst nor the codemods."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("arguments", [["--help"], ["--version"], ["to-auto", "--help"]])
def test_help_and_version_import_no_libcst(arguments: list[str]) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['asyncio-migrate', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('asyncio_migrate', run_name='__main__')\n"
        "except SystemExit as done:\n    assert done.code in (0, None), done.code\n"
        "heavy = sorted(name for name in sys.modules\n"
        "               if name.split('.')[0] == 'libcst' or name.startswith('asyncio_migrate.codemods'))\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *arguments], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
