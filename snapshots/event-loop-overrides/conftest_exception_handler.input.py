# An override that does more than make, yield and close a loop is reported and left.
import asyncio

import pytest


def fail_on_error(loop, context):
    pytest.fail(context["message"])


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    loop.set_exception_handler(fail_on_error)
    yield loop
    loop.close()
