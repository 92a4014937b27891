# Attributes of an AsyncMock are AsyncMocks, unless it has a spec or the attribute is set elsewhere.
from unittest.mock import AsyncMock, MagicMock

from shop import Repository, save_order


async def test_saves_order():
    repo = AsyncMock()
    await save_order(repo, 1)
    repo.insert.assert_awaited_once_with(1)
    repo.audit.log.assert_awaited()
    repo.assert_not_called()


async def test_saves_order_with_spec():
    repo = AsyncMock(spec=Repository)
    await save_order(repo, 1)
    repo.insert.assert_called_once_with(1)


async def test_saves_order_with_set_attributes():
    repo = AsyncMock(insert=MagicMock())
    repo.cache = MagicMock()
    await save_order(repo, 1)
    repo.insert.assert_called_once_with(1)
    repo.cache.clear.assert_called_once()
