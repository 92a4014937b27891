"""The layer contracts in pyproject.toml ([tool.importlinter]) hold, and every module imports on its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _installed_layout(dest: Path) -> Path:
    """The package as a wheel installs it: codemods/ inside asyncio_migrate/ (import-linter reads files)."""
    package = dest / "asyncio_migrate"
    shutil.copytree(ROOT / "src" / "asyncio_migrate", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "codemods", package / "codemods", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def test_import_contracts_hold(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(_installed_layout(tmp_path))}
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _modules() -> list[str]:
    names = [
        "asyncio_migrate." + ".".join(path.relative_to(ROOT / "src" / "asyncio_migrate").with_suffix("").parts)
        for path in (ROOT / "src" / "asyncio_migrate").rglob("*.py")
        if path.name not in {"__init__.py", "__main__.py"}
    ]
    names += [f"asyncio_migrate.codemods.{path.stem}" for path in (ROOT / "codemods").glob("*.py") if path.stem != "__init__"]
    return sorted(names)


@pytest.mark.parametrize("module", _modules())
def test_module_imports_on_its_own(module: str) -> None:
    # A fresh interpreter: an import cycle shows only when a module is the first one imported.
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
