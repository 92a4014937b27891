# A loop class of the conftest itself is the factory; optionalhook while the project allows < 1.4.
import asyncio

import pytest


class RecordingLoop(asyncio.SelectorEventLoop):
    pass


@pytest.fixture
def event_loop():
    loop = RecordingLoop()
    yield loop
    loop.close()
