# Windows policies imported by name: two factories from asyncio need a single `import asyncio`.
import asyncio


_LOOP_FACTORIES = {"asyncio": asyncio.new_event_loop, "selector": asyncio.SelectorEventLoop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
