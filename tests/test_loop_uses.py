"""event-loop-requests and close-running-loop where one file is not enough: conftest.py files
elsewhere in the project (their survey), and the two codemods run in turn on one tree."""

from __future__ import annotations

import textwrap
from pathlib import Path

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.pipeline.engine import process_source, survey_project
from asyncio_migrate.results import FileResult, Status

from .codemod_tools import output_of

REQUESTS, CLOSE = "event-loop-requests", "close-running-loop"

ASYNC_REQUESTER = """\
async def test_tick(event_loop):
    await event_loop.tick()
"""


def run(path: Path, codemod_ids: list[str], project: list[Path]) -> FileResult:
    """The codemods, in registry order, on ``path`` as part of ``project`` (surveys included)."""
    codemods = [codemod for codemod in registry.REGISTRY if codemod.id in codemod_ids]
    settings = survey_project(project, codemods, ProjectSettings())
    return process_source(path, path.read_bytes(), codemods, settings)


def write(path: Path, source: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


def test_a_conftest_event_loop_that_is_not_a_loop_keeps_its_requesters(tmp_path: Path) -> None:
    conftest = write(
        tmp_path / "conftest.py",
        """\
        import pytest

        from app import FakeLoop


        @pytest.fixture
        def event_loop():
            return FakeLoop()
        """,
    )
    test = write(tmp_path / "tests" / "test_fake.py", ASYNC_REQUESTER)
    result = run(test, [REQUESTS], [conftest, test])
    assert result.status is Status.UNCHANGED
    [diagnostic] = result.diagnostics
    assert "the project's own" in diagnostic.message and "conftest.py" in diagnostic.message


def test_a_nearer_plain_loop_override_wins_over_a_conftest_further_up(tmp_path: Path) -> None:
    outer = write(
        tmp_path / "conftest.py",
        """\
        import pytest


        @pytest.fixture
        def event_loop():
            return object()
        """,
    )
    inner = write(
        tmp_path / "tests" / "conftest.py",
        """\
        import asyncio

        import pytest


        @pytest.fixture(scope="session")
        def event_loop():
            loop = asyncio.new_event_loop()
            yield loop
            loop.close()
        """,
    )
    test = write(tmp_path / "tests" / "test_real.py", ASYNC_REQUESTER)
    result = run(test, [REQUESTS], [outer, inner, test])
    assert output_of(result).decode() == textwrap.dedent(
        """\
        import asyncio


        async def test_tick():
            event_loop = asyncio.get_running_loop()
            await event_loop.tick()
        """
    )


def test_a_sync_test_keeps_the_session_loop_of_a_conftest_override(tmp_path: Path) -> None:
    conftest = write(
        tmp_path / "conftest.py",
        """\
        import asyncio

        import pytest


        @pytest.fixture(scope="session")
        def event_loop():
            loop = asyncio.new_event_loop()
            yield loop
            loop.close()
        """,
    )
    test = write(
        tmp_path / "tests" / "test_sync.py",
        """\
        import pytest


        def test_tick(event_loop, clock):
            event_loop.run_until_complete(clock.tick())
        """,
    )
    result = run(test, [REQUESTS], [conftest, test])
    assert output_of(result).decode() == textwrap.dedent(
        """\
        import pytest


        @pytest.mark.asyncio(loop_scope="session")
        async def test_tick(clock):
            await clock.tick()
        """
    )


def test_both_codemods_in_turn_leave_no_binding_behind(tmp_path: Path) -> None:
    test = write(
        tmp_path / "test_chain.py",
        """\
        import pytest

        from app import fetch


        def test_sync(event_loop):
            assert event_loop.run_until_complete(fetch()) == 1
            event_loop.close()


        @pytest.mark.asyncio
        async def test_async(event_loop):
            await fetch()
            event_loop.close()


        @pytest.mark.asyncio
        async def test_keeps_binding(event_loop):
            await fetch(event_loop)
            event_loop.close()
        """,
    )
    result = run(test, [REQUESTS, CLOSE], [test])
    output = output_of(result)
    assert output.decode() == textwrap.dedent(
        """\
        import asyncio

        import pytest

        from app import fetch


        @pytest.mark.asyncio
        async def test_sync():
            assert await fetch() == 1


        @pytest.mark.asyncio
        async def test_async():
            await fetch()


        @pytest.mark.asyncio
        async def test_keeps_binding():
            event_loop = asyncio.get_running_loop()
            await fetch(event_loop)
        """
    )
    # Every report points at the line it is about, also after the first codemod rebuilt the function.
    assert sorted((d.codemod, d.line) for d in result.diagnostics) == [(CLOSE, 14), (CLOSE, 20), (REQUESTS, 8)]
    test.write_bytes(output)
    assert run(test, [REQUESTS, CLOSE], [test]).status is Status.UNCHANGED


LOOP_ALIAS = """\
import asyncio

import pytest


@pytest.fixture
def loop(event_loop):
    return event_loop
"""


def test_a_conftest_loop_alias_is_replaced_in_the_files_requesting_it(tmp_path: Path) -> None:
    conftest = write(tmp_path / "conftest.py", LOOP_ALIAS)
    test = write(
        tmp_path / "tests" / "test_alias.py",
        """\
        import pytest


        @pytest.mark.asyncio
        async def test_tick(loop):
            await loop.tick()
        """,
    )
    requester = run(test, [REQUESTS], [conftest, test])
    assert output_of(requester) == textwrap.dedent(
        """\
        import asyncio

        import pytest


        @pytest.mark.asyncio
        async def test_tick():
            loop = asyncio.get_running_loop()
            await loop.tick()
        """
    ).encode()
    result = run(conftest, [REQUESTS], [conftest, test])
    assert b"async def loop():" in output_of(result)
    [diagnostic] = result.diagnostics
    assert diagnostic.message.startswith("kept loop alias loop: other modules may still request it")


def test_a_conftest_loop_alias_is_left_where_the_project_is_not_surveyed(tmp_path: Path) -> None:
    """A conftest.py the run did not read may define anything: its requesters stay."""
    write(tmp_path / "conftest.py", LOOP_ALIAS)
    test = write(
        tmp_path / "tests" / "test_alias.py",
        """\
        import pytest


        @pytest.mark.asyncio
        async def test_tick(loop):
            await loop.tick()
        """,
    )
    assert run(test, [REQUESTS], [test]).status is Status.UNCHANGED


def test_a_nearer_conftest_loop_fixture_hides_the_alias_further_up(tmp_path: Path) -> None:
    outer = write(tmp_path / "conftest.py", LOOP_ALIAS)
    inner = write(
        tmp_path / "tests" / "conftest.py",
        """\
        import pytest


        @pytest.fixture
        def loop():
            return object()
        """,
    )
    test = write(
        tmp_path / "tests" / "test_alias.py",
        """\
        import pytest


        @pytest.mark.asyncio
        async def test_tick(loop):
            await loop.tick()
        """,
    )
    assert run(test, [REQUESTS], [outer, inner, test]).status is Status.UNCHANGED


def test_a_nearer_conftest_with_plugins_hides_the_alias_further_up(tmp_path: Path) -> None:
    outer = write(tmp_path / "conftest.py", LOOP_ALIAS)
    inner = write(tmp_path / "tests" / "conftest.py", 'from helpers import *\n')
    test = write(
        tmp_path / "tests" / "test_alias.py",
        """\
        import pytest


        @pytest.mark.asyncio
        async def test_tick(loop):
            await loop.tick()
        """,
    )
    assert run(test, [REQUESTS], [outer, inner, test]).status is Status.UNCHANGED


def test_a_nested_conftest_requesting_the_alias_further_up_is_migrated(tmp_path: Path) -> None:
    outer = write(tmp_path / "conftest.py", LOOP_ALIAS)
    inner = write(
        tmp_path / "tests" / "conftest.py",
        """\
        import pytest


        @pytest.fixture
        def server(loop):
            server = loop.run_until_complete(start())
            yield server
            loop.run_until_complete(server.stop())
        """,
    )
    result = run(inner, [REQUESTS], [outer, inner])
    assert b"async def server():" in output_of(result)
    assert b"await server.stop()" in output_of(result)


def test_only_alias_requesters_made_async_are_announced(tmp_path: Path) -> None:
    test = write(
        tmp_path / "test_alias.py",
        LOOP_ALIAS
        + """

def test_sync(loop):
    loop.run_until_complete(asyncio.sleep(0))


@pytest.mark.asyncio
async def test_async(loop):
    await loop.tick()
""",
    )
    result = run(test, [REQUESTS], [test])
    assert b"def loop(" not in output_of(result)  # every requester rewritten: the alias went
    assert result.announced_tests == ("test_sync",)
    assert result.announced_fixtures == ()


def test_a_conftest_alias_named_by_the_decorator_is_followed(tmp_path: Path) -> None:
    conftest = write(
        tmp_path / "conftest.py",
        """\
        import pytest


        @pytest.fixture(name="loop")
        def loop_fixture(event_loop):
            return event_loop
        """,
    )
    test = write(tmp_path / "tests" / "test_alias.py", "async def test_tick(loop):\n    await loop.tick()\n")
    assert b"loop = asyncio.get_running_loop()" in output_of(run(test, [REQUESTS], [conftest, test]))


def test_a_conftest_name_bound_twice_is_not_taken_for_an_alias(tmp_path: Path) -> None:
    conftest = write(
        tmp_path / "conftest.py",
        """\
        import pytest

        from helpers import loop


        @pytest.fixture(name="loop")
        def loop_fixture(event_loop):
            return event_loop
        """,
    )
    test = write(tmp_path / "tests" / "test_alias.py", "async def test_tick(loop, event_loop_policy):\n    pass\n")
    assert run(test, [REQUESTS], [conftest, test]).status is Status.UNCHANGED
