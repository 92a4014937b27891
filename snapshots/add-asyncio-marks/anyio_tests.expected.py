import pytest


@pytest.mark.anyio
async def test_anyio_marked():
    pass


async def test_backend(anyio_backend):
    pass


@pytest.mark.anyio
class TestAnyio:
    async def test_a(self):
        pass


@pytest.mark.asyncio
async def test_asyncio():
    pass
