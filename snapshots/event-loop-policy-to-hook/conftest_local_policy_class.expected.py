# A policy class defined in the conftest itself, above the fixture.
import asyncio


class StrictPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        loop = super().new_event_loop()
        loop.slow_callback_duration = 0.01
        return loop


_LOOP_FACTORIES = {"StrictPolicy": StrictPolicy().new_event_loop}


def pytest_asyncio_loop_factories(config, item):
    return _LOOP_FACTORIES
