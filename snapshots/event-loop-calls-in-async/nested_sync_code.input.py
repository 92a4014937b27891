# Nested sync defs, lambdas, classes and async defs are not the test's own code: unchanged, not reported.
import asyncio
import threading

from myapp import ping


async def test_callback_in_thread():
    def worker():
        asyncio.run(ping())
        asyncio.get_event_loop().run_until_complete(ping())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()


async def test_deferred():
    later = lambda: asyncio.run(ping())
    assert callable(later)


async def test_local_helper():
    async def helper():
        return asyncio.run(ping())

    class Probe:
        loop = asyncio.get_event_loop()

    assert helper and Probe
