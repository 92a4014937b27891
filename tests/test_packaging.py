"""What the sdist and the wheel carry, and that an installed (not editable) copy finds its data."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # uv builds the sdist, then the wheel from the sdist, as a release would.
    subprocess.run([sys.executable, "-m", "uv", "build", "--quiet", "--out-dir", str(out), str(ROOT)], check=True,
                   timeout=600)
    return out


def wheel_names(dist: Path) -> list[str]:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_carries_license_types_and_snapshot_cases(dist: Path) -> None:
    names = wheel_names(dist)
    assert "asyncio_migrate/py.typed" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert "asyncio_migrate/snapshots/remove-asyncio-marks/basic.input.py" in names
    assert "asyncio_migrate/snapshots/remove-asyncio-marks/basic.expected.py" in names
    # A case's project, so that `explain` from a wheel picks the examples it picks from the checkout.
    assert "asyncio_migrate/snapshots/event-loop-overrides/nested_auto_sync_test.project/db/conftest.py" in names
    assert not any("snapshots/projects" in name for name in names)
    assert not any(name.startswith("tests/") for name in names)


def test_the_metadata(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        [metadata_name] = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and "Framework :: Pytest" in classifiers
    requirements = [requirement.split(";")[0] for requirement in metadata.get_all("Requires-Dist")]
    assert not any(requirement.startswith(("typer", "click")) for requirement in requirements)


def test_the_sdist_has_no_tests_and_everything_the_package_needs(dist: Path) -> None:
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    # No tests rather than tests without their conftest, sample projects and CI script.
    assert not any(name.startswith(("tests/", "benchmarks/", "examples/", "snapshots/projects/")) for name in names)
    assert {"LICENSE", "README.md", "pyproject.toml", "snapshots/__init__.py",
            "snapshots/remove-asyncio-marks/basic.input.py", "codemods/__init__.py"} <= set(names)


def test_explain_from_a_non_editable_install(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("*.whl")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, timeout=300)
    environment = {**os.environ, "PYTHONPATH": str(target)}
    program = (
        "import sys, asyncio_migrate\n"
        "print(asyncio_migrate.__file__)\n"
        "from asyncio_migrate.cli import run_cli\n"
        "sys.exit(run_cli(['explain', 'remove-asyncio-marks']))\n"
    )
    completed = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, env=environment, capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    installed_at, _, explanation = completed.stdout.partition("\n")
    assert Path(installed_at).is_relative_to(target)  # the wheel's copy, not this checkout
    assert "Example (test case basic):" in explanation
    assert "    @pytest.mark.asyncio()\n" in explanation
