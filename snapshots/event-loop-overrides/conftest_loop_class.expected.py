# A loop class of the conftest itself is the factory; optionalhook while the project allows < 1.4.
import asyncio

import pytest


class RecordingLoop(asyncio.SelectorEventLoop):
    pass


_LOOP_FACTORIES = {"RecordingLoop": RecordingLoop}


@pytest.hookimpl(optionalhook=True)
def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
