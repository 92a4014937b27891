# `from pytest_asyncio._version import version` reads pytest_asyncio.__version__, the name stays.
import pytest
from pytest_asyncio._version import version

requires_new = pytest.mark.skipif(version < "0.23", reason="needs pytest-asyncio 0.23")


@requires_new
async def test_new():
    pass
