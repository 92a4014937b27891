async def test_a(anyio_backend):
    assert anyio_backend == "asyncio"


async def test_b(anyio_backend_name):
    pass


def test_sync(tmp_path):
    pass
