import pytest

asyncio_mark = pytest.mark.asyncio
asyncio_mark = pytest.mark.slow
other = pytest.mark.asyncio


def rebind():
    global other
    other = pytest.mark.slow


@asyncio_mark
@pytest.fixture
def server():
    return "server"


@other
@pytest.fixture
def client():
    return "client"


class TestShadowed:
    asyncio_mark = pytest.mark.slow

    @asyncio_mark
    @pytest.fixture
    def in_class(self):
        return 1
