import pytest


@pytest.fixture(autouse=True)
async def reset():
    yield


@pytest.fixture
def sync_fixture():
    return 1


def test_sync(sync_fixture):
    assert sync_fixture == 1
