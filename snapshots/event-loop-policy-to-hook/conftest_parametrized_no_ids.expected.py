# A parametrized policy without ids: factories are named after the policies; ids change from [event_loop_policy0].
import asyncio

import uvloop


_LOOP_FACTORIES = {"asyncio": asyncio.new_event_loop, "uvloop": uvloop.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
