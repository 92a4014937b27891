# A policy imported by name: the factory is spelled through a new `import asyncio`, the unused import goes.
import asyncio


_LOOP_FACTORIES = {"asyncio": asyncio.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
