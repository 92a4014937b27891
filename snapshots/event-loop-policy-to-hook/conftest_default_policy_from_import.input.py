# A policy imported by name: the factory is spelled through a new `import asyncio`, the unused import goes.
from asyncio import DefaultEventLoopPolicy

import pytest


@pytest.fixture(scope="module", autouse=True)
def event_loop_policy():
    """The stock policy, made explicit."""
    return DefaultEventLoopPolicy()
