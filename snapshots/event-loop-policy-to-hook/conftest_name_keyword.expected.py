# An override through name="event_loop_policy", with comments inside the fixture that must survive.
import uvloop


# uvloop is what production runs on
# not the stock loop
_LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
