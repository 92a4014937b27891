# A custom loop becomes the loop factories hook; its session scope becomes the default loop scopes.
import pytest
import uvloop


# Every test runs on uvloop.
_LOOP_FACTORIES = {"uvloop": uvloop.new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES


@pytest.fixture
def settings():
    return {}
