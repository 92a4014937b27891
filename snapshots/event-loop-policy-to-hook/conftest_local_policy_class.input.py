# A policy class defined in the conftest itself, above the fixture.
import asyncio

import pytest


class StrictPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        loop = super().new_event_loop()
        loop.slow_callback_duration = 0.01
        return loop


@pytest.fixture(scope="session")
def event_loop_policy():
    return StrictPolicy()
