# A body that does more than return a policy is left and reported.
import sys

import pytest


@pytest.fixture(scope="session")
def event_loop_policy():
    if sys.platform == "win32":
        import asyncio

        return asyncio.WindowsSelectorEventLoopPolicy()
    import uvloop

    return uvloop.EventLoopPolicy()
