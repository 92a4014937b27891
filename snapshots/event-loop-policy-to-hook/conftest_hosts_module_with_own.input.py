# A conftest with its own override also takes a test module's factories: its own mapping covers the others.
import asyncio

import pytest


@pytest.fixture(scope="session")
def event_loop_policy():
    return asyncio.DefaultEventLoopPolicy()
