# The conftest already uses the name _LOOP_FACTORIES: the mapping gets a free one.
import uvloop

_LOOP_FACTORIES = ["not", "ours"]


_LOOP_FACTORIES_2 = {"uvloop": uvloop.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES_2
