# Must not change: a sync test closing the current loop may close a runner's loop or its own; reported.
import asyncio


def test_sync_current_loop():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(asyncio.sleep(0))
    loop.close()
