# Sync tests and sync helpers are another codemod's business: unchanged, not reported.
import asyncio

from myapp import ping


def test_ping():
    assert asyncio.run(ping()) == "pong"


def test_ping_on_loop():
    loop = asyncio.get_event_loop()
    assert loop.run_until_complete(ping()) == "pong"
