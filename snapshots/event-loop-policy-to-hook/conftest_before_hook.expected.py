# The project still allows pytest-asyncio < 1.4: the hook is marked optional so old versions load the conftest.
import pytest
import uvloop


_LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}


@pytest.hookimpl(optionalhook=True)
def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
