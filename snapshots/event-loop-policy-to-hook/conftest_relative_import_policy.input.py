# A policy from a relative import: the factory is written as the conftest spells it.
import pytest

from .policies import TracingPolicy


@pytest.fixture(scope="session")
def event_loop_policy():
    return TracingPolicy()
