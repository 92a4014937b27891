# A conftest without an override takes a test module's factories (from the survey), picked by item.path.
import asyncio
import pathlib

import pytest
import uvloop


@pytest.fixture
def settings():
    return {"debug": True}


_LOOP_FACTORIES = {"asyncio": asyncio.new_event_loop}
_LOOP_FACTORIES_BY_MODULE = {
    pathlib.Path(__file__).parent / "network/test_uvloop.py": {"uvloop": uvloop.new_event_loop},
}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES_BY_MODULE.get(item.path, _LOOP_FACTORIES)
