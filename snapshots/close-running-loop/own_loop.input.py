# Must not change: loops the test made itself, a loop from an unknown call, a close in a nested function.
import asyncio

import pytest

from app import make_loop


def test_own_loop():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()


@pytest.mark.asyncio
async def test_other_loop():
    loop = make_loop()
    loop.close()


@pytest.mark.asyncio
async def test_callback():
    loop = asyncio.get_running_loop()

    def later():
        loop.close()

    loop.call_soon(later)


@pytest.mark.asyncio
async def test_expects_error():
    with pytest.raises(RuntimeError):
        asyncio.get_running_loop().close()
