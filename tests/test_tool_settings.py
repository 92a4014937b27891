"""[tool.asyncio-migrate] in pyproject.toml and --config: read, checked, and overridden by the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_tools import cli

MARKED = b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n"
UNMARKED = b"async def test_a():\n    pass\n"


def project(tmp_path: Path, settings: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.pytest.ini_options]\nasyncio_mode = \"strict\"\n\n[tool.asyncio-migrate]\n{settings}"
    )
    for folder in ("tests", "legacy", "vendored"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "test_a.py").write_bytes(MARKED)
    return tmp_path


def changed(tmp_path: Path, *args: str, cwd: Path | None = None) -> list[str]:
    result = cli("to-auto", "--check", "--output-format=json", *args, cwd=cwd or tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return sorted(entry["path"] for entry in json.loads(result.stdout)["files"] if entry["status"] == "changed")


def test_exclude_and_extend_exclude(tmp_path: Path) -> None:
    root = project(tmp_path, 'exclude = ["legacy/"]\nextend-exclude = ["vendored/"]\n')
    assert changed(root) == ["tests/test_a.py"]


def test_the_command_line_exclude_replaces_the_settings_one_and_extend_exclude_stays(tmp_path: Path) -> None:
    root = project(tmp_path, 'exclude = ["legacy/"]\nextend-exclude = ["vendored/"]\n')
    assert changed(root, "--exclude", "tests/") == ["legacy/test_a.py"]


def test_settings_are_found_from_a_subfolder(tmp_path: Path) -> None:
    root = project(tmp_path, 'ignore = ["remove-asyncio-marks"]\n')
    result = cli("to-auto", "--check", "--output-format=json", ".", cwd=root / "tests")
    assert [entry["status"] for entry in json.loads(result.stdout)["files"]] == ["unchanged"]


def test_select_and_ignore_and_the_command_line_wins(tmp_path: Path) -> None:
    root = project(tmp_path, 'ignore = ["remove-asyncio-marks"]\n')
    assert changed(root) == []
    assert changed(root, "--ignore", "unmarked-async-tests") == ["legacy/test_a.py", "tests/test_a.py",
                                                                 "vendored/test_a.py"]
    root2 = project(tmp_path / "two", 'select = ["asyncio-fixture-to-pytest-fixture"]\n')
    assert changed(root2) == []
    assert changed(root2, "--select", "remove-asyncio-marks") == ["legacy/test_a.py", "tests/test_a.py",
                                                                  "vendored/test_a.py"]


def test_target_from_the_settings_and_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.asyncio-migrate]\ntarget = "0.24"\n')
    (tmp_path / "test_a.py").write_text("def test_a():\n    pass\n")
    result = cli("upgrade", "--check", "--output-format=json", ".", cwd=tmp_path)
    assert json.loads(result.stdout)["target"]["version"] == "0.24"
    result = cli("upgrade", "--check", "--output-format=json", "--target", "1.5", ".", cwd=tmp_path)
    assert json.loads(result.stdout)["target"]["version"] == "1.5"


def test_style_from_the_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n\n[tool.asyncio-migrate]\nstyle = "pytestmark"\n'
    )
    (tmp_path / "test_a.py").write_text("async def test_a():\n    pass\n\n\nasync def test_b():\n    pass\n")
    assert cli("to-strict", ".", cwd=tmp_path).returncode == 0
    assert "pytestmark = pytest.mark.asyncio" in (tmp_path / "test_a.py").read_text()


def test_jobs_from_the_settings_must_be_a_positive_number(tmp_path: Path) -> None:
    root = project(tmp_path, "jobs = 0\n")
    result = cli("to-auto", "--check", ".", cwd=root)
    assert result.returncode == 2
    assert "jobs must be a whole number of at least 1, not 0" in result.stderr
    assert cli("to-auto", "--check", "--jobs", "1", ".", cwd=project(tmp_path / "ok", "jobs = 2\n")).returncode == 1


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('exclud = ["x"]\n', "unknown key 'exclud' in [tool.asyncio-migrate]"),
        ('select = "remove-asyncio-marks"\n', "select must be a list of strings"),
        ('style = "marks"\n', 'style must be "decorator" or "pytestmark"'),
        ("target = 1.5\n", "target must be a string"),
        ("this is not toml\n", "is not valid TOML"),
    ],
)
def test_a_bad_setting_exits_2_naming_it_and_writes_nothing(tmp_path: Path, settings: str, message: str) -> None:
    root = project(tmp_path, settings)
    result = cli("to-auto", ".", cwd=root)
    assert result.returncode == 2
    assert message in result.stderr
    assert str(root / "pyproject.toml") in result.stderr
    assert (root / "tests" / "test_a.py").read_bytes() == MARKED


def test_config_names_another_file(tmp_path: Path) -> None:
    root = project(tmp_path, 'exclude = ["legacy/"]\n')
    (tmp_path / "ci.toml").write_text('exclude = ["tests/", "vendored/"]\n')
    assert changed(root, "--config", "ci.toml") == ["legacy/test_a.py"]
    (tmp_path / "bad.toml").write_text("colour = 1\n")
    result = cli("to-auto", "--config", "bad.toml", ".", cwd=root)
    assert result.returncode == 2
    assert "unknown key 'colour'" in result.stderr


def test_a_missing_config_file_is_bad_usage(tmp_path: Path) -> None:
    result = cli("to-auto", "--config", "nowhere.toml", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot read nowhere.toml" in result.stderr
