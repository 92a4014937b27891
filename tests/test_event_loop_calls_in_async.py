"""event-loop-calls-in-async: what snapshots cannot show (the tests announced to --verify)."""

from __future__ import annotations

from .codemod_tools import check_transformed

CODEMOD = "event-loop-calls-in-async"


def test_tests_given_an_await_are_announced() -> None:
    # They raised RuntimeError before and now run the coroutine: their outcome may change.
    result = check_transformed(
        CODEMOD,
        """\
        import asyncio

        from myapp import ping


        class TestPing:
            async def test_ping(self):
                asyncio.run(ping())


        class TestPingAgain(TestPing):
            pass


        async def test_loop_only():
            assert asyncio.get_event_loop()
        """,
        """\
        import asyncio

        from myapp import ping


        class TestPing:
            async def test_ping(self):
                await ping()


        class TestPingAgain(TestPing):
            pass


        async def test_loop_only():
            assert asyncio.get_running_loop()
        """,
    )
    # get_event_loop() → get_running_loop() returns the same loop: test_loop_only is not announced.
    assert result.announced_tests == ("TestPing::test_ping", "TestPingAgain::test_ping")


def test_a_rewritten_fixture_is_announced_by_its_pytest_name() -> None:
    # Every test using it may change outcome; --verify looks tests up by their fixtures.
    result = check_transformed(
        CODEMOD,
        """\
        import asyncio

        import pytest


        @pytest.fixture(name="server")
        async def server_fixture():
            yield asyncio.run(start())
        """,
        """\
        import pytest


        @pytest.fixture(name="server")
        async def server_fixture():
            yield await start()
        """,
        filename="conftest.py",
    )
    assert result.announced_tests == ()
    assert result.announced_fixtures == ("server",)
