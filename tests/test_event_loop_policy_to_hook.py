"""event-loop-policy-to-hook across files: what the survey decides, which a one-file snapshot cannot show."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.pipeline.engine import process_file, survey_project
from asyncio_migrate.results import FileResult, Status

CODEMOD = registry.by_id()["event-loop-policy-to-hook"]
UVLOOP_POLICY = """\
import pytest
import uvloop


@pytest.fixture(scope="module")
def event_loop_policy():
    return uvloop.EventLoopPolicy()
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def migrate(root: Path, only: list[str] | None = None) -> dict[str, FileResult]:
    """Run the codemod as the engine does: the survey over every file first, then each file."""
    files = [root / name for name in only] if only else sorted(root.rglob("*.py"))
    settings = survey_project(files, [CODEMOD], ProjectSettings())
    results = {path.relative_to(root).as_posix(): process_file(path, [CODEMOD], settings) for path in files}
    for path, result in zip(files, results.values()):
        if result.status is Status.CHANGED:
            path.write_bytes(result.new)  # type: ignore[arg-type]
    return results


def messages(result: FileResult) -> str:
    return "\n".join(diagnostic.message for diagnostic in result.diagnostics)


def test_a_test_module_override_moves_to_its_conftest_and_the_suite_runs(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n",
        "conftest.py": """\
            import pytest


            @pytest.fixture
            def settings():
                return {}
        """,
        "network/test_uvloop.py": "import asyncio\n" + UVLOOP_POLICY + textwrap.dedent("""\


            LOOPS = []


            @pytest.mark.asyncio(loop_scope="module")
            async def test_one():
                LOOPS.append(asyncio.get_running_loop())
                assert isinstance(LOOPS[0], uvloop.Loop)


            @pytest.mark.asyncio(loop_scope="module")
            async def test_two():
                LOOPS.append(asyncio.get_running_loop())
                assert LOOPS[0] is LOOPS[1]  # the module's loop is shared


            def test_sync():
                pass
        """),
        "test_plain.py": """\
            import asyncio

            import uvloop


            async def test_plain():
                assert not isinstance(asyncio.get_running_loop(), uvloop.Loop)
        """,
    })
    results = migrate(tmp_path)
    assert results["conftest.py"].status is Status.CHANGED
    assert results["network/test_uvloop.py"].status is Status.CHANGED
    assert "def event_loop_policy" not in (tmp_path / "network/test_uvloop.py").read_text()
    assert '/ "network/test_uvloop.py": {"uvloop": uvloop.new_event_loop}' in (tmp_path / "conftest.py").read_text()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v", "-W", "error::pytest.PytestDeprecationWarning"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # A single factory keeps the test ids as they were.
    assert "network/test_uvloop.py::test_one PASSED" in run.stdout
    assert "4 passed" in run.stdout
    assert all(result.status is Status.UNCHANGED for result in migrate(tmp_path).values())


def test_an_override_that_stays_below_keeps_the_conftest_override(tmp_path: Path) -> None:
    write(tmp_path, {
        "conftest.py": UVLOOP_POLICY,
        "test_mixed.py": """\
            import asyncio

            import pytest


            class TestStock:
                @pytest.fixture
                def event_loop_policy(self):
                    return asyncio.DefaultEventLoopPolicy()
        """,
    })
    results = migrate(tmp_path)
    assert results["conftest.py"].status is Status.UNCHANGED
    assert "test_mixed.py keeps its own event_loop_policy override" in messages(results["conftest.py"])
    assert "it is in a class" in messages(results["test_mixed.py"])


def test_a_test_module_override_stays_when_its_conftest_is_not_processed(tmp_path: Path) -> None:
    write(tmp_path, {"conftest.py": "import pytest\n", "test_uvloop.py": UVLOOP_POLICY})
    results = migrate(tmp_path, only=["test_uvloop.py"])
    assert results["test_uvloop.py"].status is Status.UNCHANGED
    assert "conftest.py is not among the processed files" in messages(results["test_uvloop.py"])


def test_a_test_module_override_stays_below_a_conftest_that_customises_the_loop(tmp_path: Path) -> None:
    write(tmp_path, {
        "conftest.py": UVLOOP_POLICY,
        "sub/conftest.py": "import pytest\n\n\ndef helper():\n    pass\n",
        "sub/test_stock.py": UVLOOP_POLICY.replace("uvloop.EventLoopPolicy()", "asyncio.DefaultEventLoopPolicy()")
        .replace("import uvloop", "import asyncio"),
    })
    results = migrate(tmp_path)
    assert all(result.status is Status.UNCHANGED for result in results.values())
    assert "also customises the loop" in messages(results["sub/test_stock.py"])
    assert "sub/test_stock.py keeps its own event_loop_policy override" in messages(results["conftest.py"])


def test_a_test_requesting_the_fixture_by_name_keeps_the_override(tmp_path: Path) -> None:
    write(tmp_path, {
        "conftest.py": UVLOOP_POLICY,
        "test_policy.py": "def test_policy(event_loop_policy):\n    assert event_loop_policy\n",
    })
    results = migrate(tmp_path)
    assert results["conftest.py"].status is Status.UNCHANGED
    assert "test_policy.py requests event_loop_policy by name" in messages(results["conftest.py"])


@pytest.mark.parametrize("nearer_override", [False, True])
def test_a_parametrized_conftest_override_announces_the_tests_it_covers(tmp_path: Path, nearer_override: bool) -> None:
    write(tmp_path, {
        "conftest.py": """\
            import asyncio

            import pytest
            import uvloop


            @pytest.fixture(params=[asyncio.DefaultEventLoopPolicy(), uvloop.EventLoopPolicy()])
            def event_loop_policy(request):
                return request.param
        """,
        "sub/test_a.py": "async def test_async():\n    pass\n\n\ndef test_sync():\n    pass\n",
        "sub/conftest.py": UVLOOP_POLICY if nearer_override else "def helper():\n    pass\n",
    })
    results = migrate(tmp_path)
    assert results["conftest.py"].status is Status.CHANGED
    expected = () if nearer_override else ("test_async", "test_sync")
    assert results["sub/test_a.py"].announced_tests == expected
