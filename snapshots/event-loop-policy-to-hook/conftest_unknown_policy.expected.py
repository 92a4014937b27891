# A policy we know nothing about: its new_event_loop, on one instance made at import, is the factory.
from loopkit import TracingPolicy


_LOOP_FACTORIES = {"TracingPolicy": TracingPolicy(slow_callback=0.5).new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
