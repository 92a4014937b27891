"""pytest9-native-config, case by case: snapshots/pytest9-native-config/<case>.input.toml is a
project's pyproject.toml (with <case>.setup.cfg beside it when there is one); <case>.expected.toml
is the file after `upgrade` (absent: unchanged) and <case>.diagnostics.txt what it reports.
`--update-expected` rewrites both for review, as for the code snapshots.

Each expected table is also read by pytest 9's own type rules (`native_value` finds nothing to
change in it): the test fails where the written value would not be what pytest 9 reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomllib

from asyncio_migrate import api
from asyncio_migrate.config.native_config import native_value

CASES_DIR = Path(__file__).parent.parent / "snapshots" / "pytest9-native-config"
CASES = sorted(CASES_DIR.glob("*.input.toml"))
ID = "pytest9-native-config"


def _run(case: Path, project: Path) -> tuple[bytes, str]:
    shutil.copy(case, project / "pyproject.toml")
    setup_cfg = case.with_name(case.name.replace(".input.toml", ".setup.cfg"))
    if setup_cfg.exists():
        shutil.copy(setup_cfg, project / "setup.cfg")
    (project / "test_nothing.py").write_text("def test_nothing():\n    pass\n")
    result = api.run("upgrade", [project], write=False, select=[ID], target="1.5")
    edits = [edit for edit in result.config_edits if edit.path.name == "pyproject.toml"]
    new = edits[0].new if edits else case.read_bytes()
    diagnostics = "".join(
        f"{d.line}:{d.column} {d.severity.value} [{d.codemod}] {d.message}\n"
        for d in result.diagnostics
        if d.codemod == ID
    )
    return new, diagnostics


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name.removesuffix(".input.toml"))
def test_case(case: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    new, diagnostics = _run(case, tmp_path)
    expected_path = case.with_name(case.name.replace(".input.toml", ".expected.toml"))
    diagnostics_path = case.with_name(case.name.replace(".input.toml", ".diagnostics.txt"))
    if request.config.getoption("--update-expected"):
        if new != case.read_bytes():
            expected_path.write_bytes(new)
        else:
            expected_path.unlink(missing_ok=True)
        if diagnostics:
            diagnostics_path.write_text(diagnostics)
        else:
            diagnostics_path.unlink(missing_ok=True)
    expected = expected_path.read_bytes() if expected_path.exists() else case.read_bytes()
    assert new == expected
    assert diagnostics == (diagnostics_path.read_text() if diagnostics_path.exists() else "")
    if expected_path.exists():
        table = tomllib.loads(new.decode())["tool"]["pytest"]
        assert [key for key, value in table.items() if (c := native_value(key, value)) and c.new is not None] == []


def test_values_are_what_pytest_ini_mode_gave() -> None:
    """The conversions are pytest's own INI readings (Config._getini_ini in pytest 9.2)."""
    assert native_value("addopts", "-ra 'a b'").new == ("-ra", "a b")  # shlex
    assert native_value("filterwarnings", "\n error\n\n ignore::UserWarning \n").new == ("error", "ignore::UserWarning")
    assert native_value("xfail_strict", "On").new is True
    assert native_value("log_cli", 0).new is False
    assert native_value("minversion", 7.0).new == "7.0"
    assert native_value("strict_markers", "maybe").new is None  # pytest's strtobool rejects it too
    assert native_value("addopts", ["-ra"]) is None
    assert native_value("timeout", 30) is None  # a plugin's: its type is unknown
