# conftest: names pytest_asyncio.plugin no longer has are reported; those it still has are fine.
import pytest_asyncio.plugin
from pytest_asyncio.plugin import event_loop, is_async_test, unused_tcp_port  # noqa: F401
from pytest_asyncio import _version


def pytest_configure(config):
    config.wrap = pytest_asyncio.plugin.wrap_in_sync
    config.fixture = pytest_asyncio.plugin.fixture
