# An override through name="event_loop_policy", with comments inside the fixture that must survive.
import pytest
import uvloop


@pytest.fixture(name="event_loop_policy", scope="session")
def uvloop_policy():
    # uvloop is what production runs on
    return uvloop.EventLoopPolicy()  # not the stock loop
