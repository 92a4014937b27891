# A conftest with its own override also takes a test module's factories: its own mapping covers the others.
import asyncio
import pathlib

import uvloop


_LOOP_FACTORIES = {"asyncio": asyncio.new_event_loop}
_LOOP_FACTORIES_BY_MODULE = {
    pathlib.Path(__file__).parent / "test_uvloop.py": {"uvloop": uvloop.new_event_loop},
}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES_BY_MODULE.get(item.path, _LOOP_FACTORIES)
