"""--verify: the comparison on constructed records, and real pytest runs on small projects."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from asyncio_migrate.analysis.markers import MarkerModel
from asyncio_migrate.cli import run_cli
from asyncio_migrate.verify.compare import Expectations, compare, verify

from .cli_tools import cli

PYTHON = sys.executable  # has pytest-asyncio 1.5.0 (the test extra)


def record(tests: dict, warnings=(), errors=None, outcomes=None) -> dict:
    return {"tests": tests, "warnings": list(warnings), "collection_errors": errors or {}, "outcomes": outcomes or {}}


def item(asyncio=True, loop_scope="function", factories=None, fixtures=None) -> dict:
    return {"asyncio": asyncio, "loop_scope": loop_scope, "loop_factories": factories, "fixtures": fixtures or {}}


def test_a_removed_mark_that_shadowed_a_module_loop_scope_is_caught() -> None:
    before = record({"t.py::test_a": item(loop_scope="function")})
    after = record({"t.py::test_a": item(loop_scope="module")})
    result = compare(before, after, Expectations())
    assert [(d.kind, d.before, d.after, d.expected) for d in result.differences] == [
        ("loop scope changed", "function", "module", False)
    ]
    assert result.unexpected


def test_a_fixture_left_as_pytest_fixture_in_strict_mode_is_caught() -> None:
    handled = {"db": {"async": True, "handled": True, "loop_scope": "function"}}
    unhandled = {"db": {"async": True, "handled": False, "loop_scope": None}}
    result = compare(
        record({"t.py::test_a": item(fixtures=handled)}),
        record({"t.py::test_a": item(fixtures=unhandled)}),
        Expectations(always={"fixture now handled"}),
    )
    assert [(d.kind, d.test, d.expected) for d in result.differences] == [
        ("fixture no longer handled", "t.py::test_a (fixture db)", False)
    ]


def test_an_announced_test_id_change_is_listed_as_expected() -> None:
    before = record({"t.py::test_a[event_loop_policy0]": item()})
    after = record({"t.py::test_a[uvloop]": item()})
    expectations = Expectations(for_announced={"test appeared", "test disappeared"}, announced={"t.py::test_a"})
    result = compare(before, after, expectations)
    assert {(d.kind, d.expected) for d in result.differences} == {("test appeared", True), ("test disappeared", True)}
    assert not result.unexpected


def test_an_unannounced_newly_run_test_is_unexpected() -> None:
    before = record({"t.py::test_a": item(asyncio=False, loop_scope=None)})
    after = record({"t.py::test_a": item()})
    expectations = Expectations(for_announced={"now run by pytest-asyncio"}, announced={"t.py::test_b"})
    assert [d.kind for d in compare(before, after, expectations).unexpected] == ["now run by pytest-asyncio"]


def test_a_newly_run_test_another_plugin_marks_at_run_time_is_unexpected_even_if_announced() -> None:
    before = record({"t.py::test_a[trio]": item(asyncio=False, loop_scope=None) | {"other_plugin_marks": ["trio"]},
                     "t.py::test_a[asyncio]": item(asyncio=False, loop_scope=None) | {"other_plugin_marks": []}})
    after = record({"t.py::test_a[trio]": item() | {"other_plugin_marks": ["trio"]},
                    "t.py::test_a[asyncio]": item() | {"other_plugin_marks": []}})
    expectations = Expectations(for_announced={"now run by pytest-asyncio"}, announced={"t.py::test_a"})
    result = compare(before, after, expectations)
    assert [(d.kind, d.test, d.before, d.after, d.expected) for d in result.differences] == [
        ("now run by pytest-asyncio", "t.py::test_a[asyncio]", "no", "yes", True),
        ("taken from another async plugin", "t.py::test_a[trio]", "pytest.mark.trio", "pytest-asyncio", False),
    ]


def test_a_test_another_plugin_marks_is_caught_also_under_a_new_id() -> None:
    trio = {"other_plugin_marks": ["trio"]}
    # test_a[trio] gains a loop factory suffix as pytest-asyncio takes it; test_b[trio] was its already.
    before = record({"t.py::test_a[trio]": item(asyncio=False, loop_scope=None) | trio,
                     "t.py::test_b[trio]": item() | trio})
    after = record({"t.py::test_a[trio-uvloop]": item() | trio, "t.py::test_b[trio-uvloop]": item() | trio})
    expectations = Expectations(
        for_announced={"test appeared", "test disappeared"}, announced={"t.py::test_a", "t.py::test_b"}
    )
    result = compare(before, after, expectations)
    assert [(d.kind, d.test, d.expected) for d in result.differences] == [
        ("test disappeared", "t.py::test_a[trio]", True),
        ("test disappeared", "t.py::test_b[trio]", True),
        ("taken from another async plugin", "t.py::test_a[trio-uvloop]", False),
        ("test appeared", "t.py::test_b[trio-uvloop]", True),
    ]


def test_new_warnings_and_collection_errors_count_but_old_errors_do_not() -> None:
    before = record({}, warnings=["W: old"], errors={"t.py": "boom"})
    after = record({}, warnings=["W: old", "W: new"], errors={"t.py": "boom", "u.py": "bang"})
    result = compare(before, after, Expectations())
    assert [(d.kind, d.test) for d in result.differences] == [
        ("new warning", "(collection)"), ("new collection error", "u.py")
    ]
    assert result.original_errors == {"t.py": "boom"}


def test_an_unknown_pytest_asyncio_setting_is_expected_on_an_older_release() -> None:
    """An upgrade writes settings for its target; run on pytest-asyncio 0.21, pytest warns about them."""
    unknown = "PytestConfigWarning: Unknown config option: asyncio_default_fixture_loop_scope\n"  # as pytest says it
    result = compare(record({}), record({}, warnings=[unknown]), Expectations())
    [difference] = result.differences
    assert difference.expected and "pytest-asyncio 0.24 and later" in difference.why
    assert result.unexpected == []


def test_an_unknown_option_of_anything_else_stays_unexpected() -> None:
    for warning in ("PytestConfigWarning: Unknown config option: asyncio_typo", "UserWarning: asyncio_debug"):
        result = compare(record({}), record({}, warnings=[warning]), Expectations())
        assert [(d.kind, d.expected) for d in result.differences] == [("new warning", False)]


def test_outcomes_are_compared_only_when_run() -> None:
    before = record({"t.py::test_a": item()}, outcomes={"t.py::test_a": "passed"})
    after = record({"t.py::test_a": item()}, outcomes={"t.py::test_a": "failed"})
    assert compare(before, after, Expectations(), mode="collect").differences == []
    assert [d.kind for d in compare(before, after, Expectations(), mode="run").unexpected] == ["outcome changed"]


def test_an_outcome_change_is_expected_for_tests_using_an_announced_fixture() -> None:
    server = {"server": {"handled": True, "loop_scope": "function"}}
    before = record({"t.py::test_a": item(fixtures=server), "t.py::test_b": item()},
                    outcomes={"t.py::test_a": "error", "t.py::test_b": "error"})
    after = record({"t.py::test_a": item(fixtures=server), "t.py::test_b": item()},
                   outcomes={"t.py::test_a": "passed", "t.py::test_b": "passed"})
    expectations = Expectations(for_announced={"outcome changed"}, announced_fixtures={"server"})
    result = compare(before, after, expectations, mode="run")
    assert [(d.test, d.expected) for d in result.differences] == [("t.py::test_a", True), ("t.py::test_b", False)]


def test_a_fixture_made_async_is_expected_only_where_announced() -> None:
    server = {"server": {"async": True, "handled": True, "loop_scope": "function"}}
    client = {"client": {"async": True, "handled": True, "loop_scope": "function"}}
    before = record({"t.py::test_a": item(), "t.py::test_b": item()})
    after = record({"t.py::test_a": item(fixtures=server), "t.py::test_b": item(fixtures=client)})
    expectations = Expectations(for_announced={"fixture changed"}, announced_fixtures={"server"})
    result = compare(before, after, expectations)
    assert [(d.test, d.expected) for d in result.differences] == [
        ("t.py::test_a (fixture server)", True),
        ("t.py::test_b (fixture client)", False),
    ]


# --- real pytest runs ---------------------------------------------------------------------

MODULE_LOOP = textwrap.dedent(
    """\
    import asyncio
    import pytest

    pytestmark = pytest.mark.asyncio(loop_scope="module")

    loops = []


    @pytest.mark.asyncio
    async def test_own_loop():
        loops.append(asyncio.get_running_loop())
    """
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    return tmp_path


def test_verify_catches_a_loop_scope_change_in_a_real_run(project: Path) -> None:
    (project / "test_m.py").write_text(MODULE_LOOP)
    broken = MODULE_LOOP.replace("@pytest.mark.asyncio\n", "")
    result = verify(project, {project / "test_m.py": broken.encode()}, Expectations(), python=PYTHON)
    assert [(d.kind, d.test, d.before, d.after) for d in result.unexpected] == [
        ("loop scope changed", "test_m.py::test_own_loop", "function", "module")
    ]


def test_verify_catches_a_fixture_strict_mode_no_longer_handles(project: Path) -> None:
    source = "import pytest_asyncio\n\n@pytest_asyncio.fixture\nasync def db():\n    return 1\n\ndef test_a(db):\n    pass\n"
    (project / "test_f.py").write_text(source)
    broken = source.replace("import pytest_asyncio", "import pytest").replace("pytest_asyncio.fixture", "pytest.fixture")
    result = verify(project, {project / "test_f.py": broken.encode()}, Expectations(), python=PYTHON)
    assert [(d.kind, d.test) for d in result.unexpected] == [("fixture no longer handled", "test_f.py::test_a (fixture db)")]


def test_to_auto_verify_run_passes_and_writes(project: Path) -> None:
    (project / "test_a.py").write_text(
        "import pytest\n\n@pytest.mark.asyncio\nasync def test_marked():\n    pass\n\n"
        "async def test_unmarked():\n    pass\n"
    )
    result = cli("to-auto", "--verify=run", ".")
    assert result.returncode == 0, result.stderr
    assert "expected differences" in result.stderr
    assert "@pytest.mark.asyncio" not in (project / "test_a.py").read_text()


def test_to_auto_verify_refuses_to_write_when_a_codemod_goes_wrong(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "test_m.py").write_text(MODULE_LOOP)
    # Simulate a codemod bug: bare marks look always removable, so the one that keeps its
    # test out of the module loop goes.
    monkeypatch.setattr(MarkerModel, "removal_keeps_settings", lambda *args: True)
    before = (project / "test_m.py").read_bytes(), (project / "pytest.ini").read_bytes()
    # In process, so that the simulated bug is the code that runs.
    assert run_cli(["to-auto", "--verify=collect", "."]) == 4
    stderr = capsys.readouterr().err
    assert "unexpected differences" in stderr
    assert "loop scope changed" in stderr
    assert ((project / "test_m.py").read_bytes(), (project / "pytest.ini").read_bytes()) == before


TRIO_PARAM = textwrap.dedent(
    """\
    import pytest


    @pytest.fixture(params=[pytest.param("asyncio", marks=pytest.mark.asyncio), pytest.param("trio", marks=getattr(pytest.mark, "trio"))])
    def backend(request):
        return request.param


    async def test_io(backend):
        pass
    """
)


def test_to_auto_verify_sees_another_plugins_mark_on_a_fixture_param(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The trio mark is made at run time (a `pytest.mark.trio` written anywhere is refused before
    # verifying: see test_safety.py), so the codemods cannot see that pytest-trio runs
    # test_io[trio]: unmarked-async-tests announces test_io as maybe newly run (its fixture's
    # param marks cannot all be read). Only the run-time
    # marks show that auto mode would hand test_io[trio] to pytest-asyncio.
    (project / "pytest.ini").write_text((project / "pytest.ini").read_text() + "markers =\n    trio: pytest-trio\n")
    (project / "test_io.py").write_text(TRIO_PARAM)
    before = (project / "test_io.py").read_bytes(), (project / "pytest.ini").read_bytes()
    monkeypatch.setenv("COLUMNS", "200")  # one table row a line
    result = cli("to-auto", "--verify=collect", ".")
    assert result.returncode == 4, result.stderr
    assert "test_io has marks asyncio-migrate cannot read" in result.stderr  # announced...
    assert "taken from another async plugin" in result.stderr  # ...and still refused
    assert "test_io.py::test_io[trio]" in result.stderr
    assert "test_io.py::test_io[asyncio]" not in result.stderr
    assert ((project / "test_io.py").read_bytes(), (project / "pytest.ini").read_bytes()) == before


def test_verify_leaves_no_temporary_copies(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> None:
    scratch = tmp_path_factory.mktemp("scratch")
    monkeypatch.setenv("TMPDIR", str(scratch))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    (project / "test_a.py").write_text("import pytest\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n")
    assert cli("to-auto", "--verify=collect", ".").returncode == 0
    assert list(scratch.iterdir()) == []


def test_verify_reports_a_python_without_pytest(project: Path, tmp_path_factory) -> None:
    (project / "test_a.py").write_text("import pytest\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n")
    result = cli("to-auto", "--verify=collect", "--python", "/nonexistent/python", ".")
    assert result.returncode == 2
    assert "cannot run /nonexistent/python" in result.stderr


def test_a_relative_python_is_taken_from_the_current_folder(project: Path) -> None:
    (project / "test_a.py").write_text("import pytest\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n")
    relative = os.path.relpath(PYTHON, project)
    result = cli("to-auto", "--verify=collect", "--python", relative, ".")
    assert result.returncode == 0, result.stderr
