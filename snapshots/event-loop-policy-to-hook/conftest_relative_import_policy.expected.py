# A policy from a relative import: the factory is written as the conftest spells it.

from .policies import TracingPolicy


_LOOP_FACTORIES = {"TracingPolicy": TracingPolicy().new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
