# loop.set_debug(True) in a module-scoped override also asks for asyncio_debug; try/finally is fine.

import pytest


@pytest.fixture
def settings():
    return {"debug": True}
