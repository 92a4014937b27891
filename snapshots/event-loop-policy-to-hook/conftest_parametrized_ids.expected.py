# A parametrized policy with literal ids: one factory per param, named by the ids.
import asyncio

import uvloop


_LOOP_FACTORIES = {"stock": asyncio.new_event_loop, "uvloop": uvloop.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
