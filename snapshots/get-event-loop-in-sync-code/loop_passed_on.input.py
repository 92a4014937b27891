import asyncio
import threading


async def fetch():
    return 1


def test_thread():
    loop = asyncio.get_event_loop()
    thread = threading.Thread(target=loop.run_forever)
    thread.start()
    asyncio.run_coroutine_threadsafe(fetch(), loop).result()
    loop.call_soon_threadsafe(loop.stop)
    thread.join()


def test_time():
    start = asyncio.get_event_loop().time()
    assert start >= 0


def test_callback():
    loop = asyncio.get_event_loop()

    def later():
        return loop.run_until_complete(fetch())

    later()
