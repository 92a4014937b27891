"""The async-mock codemods announce the tests whose outcome they may change (not visible in snapshots)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.pipeline.engine import process_source

from .codemod_tools import check_transformed, check_unchanged, run_codemod


def test_rewritten_tests_are_announced_with_their_ids() -> None:
    result = check_transformed(
        "async-mock-assertions",
        """\
        import unittest
        from unittest.mock import AsyncMock, MagicMock, patch


        async def test_module_level():
            repo = AsyncMock()
            repo.find.assert_called_once()


        async def test_magic_mock_only():
            repo = MagicMock()
            repo.find.assert_called_once()


        class TestRepo:
            async def test_method(self):
                repo = AsyncMock()
                repo.assert_called()


        class RepoCase(unittest.IsolatedAsyncioTestCase):
            @patch("repo.find", new_callable=AsyncMock)
            async def test_patched(self, find):
                find.assert_called_once()


        class MoreRepoCase(RepoCase):
            pass
        """,
        """\
        import unittest
        from unittest.mock import AsyncMock, MagicMock, patch


        async def test_module_level():
            repo = AsyncMock()
            repo.find.assert_awaited_once()


        async def test_magic_mock_only():
            repo = MagicMock()
            repo.find.assert_called_once()


        class TestRepo:
            async def test_method(self):
                repo = AsyncMock()
                repo.assert_awaited()


        class RepoCase(unittest.IsolatedAsyncioTestCase):
            @patch("repo.find", new_callable=AsyncMock)
            async def test_patched(self, find):
                find.assert_awaited_once()


        class MoreRepoCase(RepoCase):
            pass
        """,
    )
    assert sorted(result.announced_tests) == [
        "MoreRepoCase::test_patched",
        "RepoCase::test_patched",
        "TestRepo::test_method",
        "test_module_level",
    ]


def test_nothing_announced_when_nothing_is_rewritten() -> None:
    result = check_unchanged(
        "async-mock-assertions",
        """\
        from unittest.mock import patch


        @patch("repo.find")
        async def test_find(find):
            find.assert_called_once()
        """,
    )
    assert result.announced_tests == ()
    assert len(result.diagnostics) == 1


def test_future_mock_rewrite_is_announced() -> None:
    source = """\
    import asyncio
    from unittest.mock import AsyncMock, MagicMock


    async def test_price():
        fetch = MagicMock(return_value=asyncio.Future())
        fetch.return_value.set_result(1)
        fetch.assert_called_once()
    """
    result = run_codemod("async-mock-types", textwrap.dedent(source).encode())
    assert result.announced_tests == ("test_price",)


def test_both_codemods_in_registry_order_check_the_new_async_mock() -> None:
    source = textwrap.dedent(
        """\
        import asyncio
        from unittest.mock import MagicMock


        async def test_price():
            fetch = MagicMock(return_value=asyncio.Future())
            fetch.return_value.set_result(1)
            assert await fetch() == 1
            fetch.assert_called_once_with()
        """
    )
    codemods = [registry.by_id()["async-mock-types"], registry.by_id()["async-mock-assertions"]]
    result = process_source(Path("test_price.py"), source.encode(), codemods, ProjectSettings())
    assert result.new is not None
    assert result.new.decode() == textwrap.dedent(
        """\
        import unittest.mock


        async def test_price():
            fetch = unittest.mock.AsyncMock()
            fetch.return_value = 1
            assert await fetch() == 1
            fetch.assert_awaited_once_with()
        """
    )
