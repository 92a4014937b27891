# A policy we know nothing about: its new_event_loop, on one instance made at import, is the factory.
import pytest
from loopkit import TracingPolicy


@pytest.fixture(scope="session")
def event_loop_policy():
    return TracingPolicy(slow_callback=0.5)
