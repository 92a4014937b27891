# The project still allows pytest-asyncio < 1.4: the hook is marked optional so old versions load the conftest.
import uvloop
from pytest import fixture


@fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()
