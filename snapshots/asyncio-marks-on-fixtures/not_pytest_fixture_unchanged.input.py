# Must not change: a decorator named fixture that is not pytest's, and a mark that is not pytest's.
import pytest
from mylib import fixture, mark


@pytest.mark.asyncio
@fixture
async def test_helper():
    pass


@mark.asyncio
@pytest.fixture
def settings():
    return {}
