import pytest


class TestOne:
    pytestmark = pytest.mark.asyncio
