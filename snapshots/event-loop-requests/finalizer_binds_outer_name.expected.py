# A finalizer whose body binds a name the fixture also uses (here `server`) cannot be inlined
# after the yield: it would assign the fixture's own variable. It stays an async def, awaited
# after the yield. One with a docstring stays too.
import pytest_asyncio

from app import Server


@pytest_asyncio.fixture
async def rebinding(request):
    server = await Server.start()

    async def stop():
        server = None
        await Server.stop_all()

    yield server
    await stop()


@pytest_asyncio.fixture
async def documented(request):
    server = await Server.start()

    async def stop():
        """Stop the server."""
        await server.stop()

    yield server
    await stop()
