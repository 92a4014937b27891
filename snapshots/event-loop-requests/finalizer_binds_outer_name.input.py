# A finalizer whose body binds a name the fixture also uses (here `server`) cannot be inlined
# after the yield: it would assign the fixture's own variable. It stays an async def, awaited
# after the yield. One with a docstring stays too.
import pytest

from app import Server


@pytest.fixture
def rebinding(request, event_loop):
    server = event_loop.run_until_complete(Server.start())

    def stop():
        server = None
        event_loop.run_until_complete(Server.stop_all())

    request.addfinalizer(stop)
    return server


@pytest.fixture
def documented(request, event_loop):
    server = event_loop.run_until_complete(Server.start())

    def stop():
        """Stop the server."""
        event_loop.run_until_complete(server.stop())

    request.addfinalizer(stop)
    return server
