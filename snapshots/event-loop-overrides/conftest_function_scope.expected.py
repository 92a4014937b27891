# A function-scoped plain override is what pytest-asyncio does anyway: it is just deleted.

import pytest


@pytest.fixture
def user():
    return "alice"
