"""event-loop-overrides across files: the survey's roles for conftest overrides, and what it
tells the test modules and conftests below them (snapshots see one file at a time)."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

from asyncio_migrate.analysis.loop_overrides import ConftestOverride, FixtureLoop
from asyncio_migrate.analysis.override_plan import plan_overrides
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.codemods.event_loop_overrides import CODEMOD
from asyncio_migrate.config.discovery import discover

from .codemod_tools import output_of, run_codemod

SESSION_LOOP = textwrap.dedent("""
    import asyncio

    import pytest


    @pytest.fixture(scope="{scope}")
    def event_loop():
        loop = asyncio.new_event_loop()
        yield loop
        loop.close()
""")
MARKED_TEST = textwrap.dedent("""
    import pytest


    @pytest.mark.asyncio
    async def test_it(conn):
        pass
""")
CONN_FIXTURE = textwrap.dedent("""
    import pytest_asyncio


    @pytest_asyncio.fixture
    async def conn():
        return 1
""")


def _project(root: Path, files: dict[str, str]) -> list[Path]:
    (root / "pytest.ini").write_text("[pytest]\n")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip())
    return discover([root])


def _run(path: Path, settings: ProjectSettings) -> str:
    return output_of(run_codemod(CODEMOD.id, path.read_bytes(), str(path), settings)).decode()


def test_the_conftest_above_every_test_sets_the_defaults(tmp_path: Path) -> None:
    files = _project(tmp_path, {
        "tests/conftest.py": SESSION_LOOP.format(scope="session"),
        "tests/test_a.py": MARKED_TEST,
        "tests/sub/test_b.py": MARKED_TEST,
    })
    facts = plan_overrides(files, ProjectSettings())
    assert facts.conftests == {str(tmp_path / "tests/conftest.py"): ConftestOverride("config")}
    assert facts.fixture_loop_scope == facts.test_loop_scope == "session"
    settings = ProjectSettings(facts={CODEMOD.id: facts})
    assert _run(tmp_path / "tests/sub/test_b.py", settings) == MARKED_TEST.lstrip()


def test_before_0_26_the_tests_get_marks_instead_of_the_test_default(tmp_path: Path) -> None:
    files = _project(tmp_path, {"conftest.py": SESSION_LOOP.format(scope="session"), "test_a.py": MARKED_TEST})
    settings = ProjectSettings(target="0.25")
    facts = plan_overrides(files, settings)
    assert facts.fixture_loop_scope == "session" and facts.test_loop_scope is None
    output = _run(tmp_path / "test_a.py", replace(settings, facts={CODEMOD.id: facts}))
    assert '@pytest.mark.asyncio(loop_scope="session")' in output


def test_a_nested_conftest_marks_the_tests_below_it_and_scopes_their_fixtures(tmp_path: Path) -> None:
    files = _project(tmp_path, {
        "tests/conftest.py": CONN_FIXTURE,
        "tests/db/conftest.py": SESSION_LOOP.format(scope="module") + textwrap.dedent("""

            @pytest.fixture
            async def cursor():
                return 2
        """),
        "tests/db/test_query.py": MARKED_TEST.replace("(conn)", "(cursor)"),
        "tests/test_unit.py": MARKED_TEST,
        "tests/db/test_both.py": MARKED_TEST,
    })
    facts = plan_overrides(files, ProjectSettings())
    nested = str(tmp_path / "tests/db/conftest.py")
    assert facts.conftests[nested] == ConftestOverride("marks", fixtures={"cursor": FixtureLoop(loop_scope="module")})
    # conn is used below the override (a module loop) and elsewhere (a loop per test).
    [(where, entry)] = [item for item in facts.conftests.items() if item[0] != nested]
    assert where == str(tmp_path / "tests/conftest.py") and entry.role is None
    assert "different event_loop fixtures" in entry.fixtures["conn"].report
    assert facts.fixture_loop_scope is None

    settings = ProjectSettings(facts={CODEMOD.id: facts})
    assert '@pytest.mark.asyncio(loop_scope="module")' in _run(tmp_path / "tests/db/test_query.py", settings)
    assert "loop_scope" not in _run(tmp_path / "tests/test_unit.py", settings)
    conftest = _run(tmp_path / "tests/db/conftest.py", settings)
    assert "def event_loop" not in conftest
    assert '@pytest_asyncio.fixture(loop_scope="module")\nasync def cursor' in conftest


def test_a_conftest_is_not_top_most_when_the_run_leaves_out_tests_of_the_project(tmp_path: Path) -> None:
    _project(tmp_path, {
        "tests/db/conftest.py": SESSION_LOOP.format(scope="session"),
        "tests/db/test_query.py": MARKED_TEST,
        "tests/test_unit.py": MARKED_TEST,
    })
    facts = plan_overrides(discover([tmp_path / "tests/db"]), ProjectSettings())
    assert facts.conftests == {str(tmp_path / "tests/db/conftest.py"): ConftestOverride("marks")}
    assert facts.test_loop_scope is None


def test_a_conftest_with_test_modules_outside_the_run_is_left(tmp_path: Path) -> None:
    _project(tmp_path, {
        "tests/db/conftest.py": SESSION_LOOP.format(scope="module"),
        "tests/db/test_query.py": MARKED_TEST,
        "tests/db/test_schema.py": MARKED_TEST,
        "tests/test_unit.py": MARKED_TEST,
    })
    files = [tmp_path / "tests/db/conftest.py", tmp_path / "tests/db/test_query.py"]
    entry = plan_overrides(files, ProjectSettings()).conftests[str(tmp_path / "tests/db/conftest.py")]
    assert entry.role == "report"
    assert "not part of this run (test_schema.py)" in entry.reason


def test_debug_mode_below_the_top_is_left(tmp_path: Path) -> None:
    debug_loop = SESSION_LOOP.format(scope="module").replace("yield loop", "loop.set_debug(True)\n    yield loop")
    files = _project(tmp_path, {"a/conftest.py": debug_loop, "a/test_a.py": MARKED_TEST, "b/test_b.py": MARKED_TEST})
    entry = plan_overrides(files, ProjectSettings()).conftests[str(tmp_path / "a/conftest.py")]
    assert entry.role == "report" and "debug mode" in entry.reason


def test_a_test_module_override_decides_for_the_conftest_fixtures_it_uses(tmp_path: Path) -> None:
    files = _project(tmp_path, {
        "conftest.py": CONN_FIXTURE,
        "test_mod.py": SESSION_LOOP.format(scope="module") + MARKED_TEST.replace("import pytest\n", ""),
        "test_other.py": "def test_sync():\n    pass\n",
    })
    facts = plan_overrides(files, ProjectSettings())
    conn = FixtureLoop(loop_scope="module")
    assert facts.conftests == {str(tmp_path / "conftest.py"): ConftestOverride(fixtures={"conn": conn})}


def test_no_override_no_facts(tmp_path: Path) -> None:
    files = _project(tmp_path, {"conftest.py": CONN_FIXTURE, "test_a.py": MARKED_TEST})
    assert plan_overrides(files, ProjectSettings()).is_empty()
