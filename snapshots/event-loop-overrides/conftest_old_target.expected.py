# Before 0.26 there is no asyncio_default_test_loop_scope: only the fixture default is asked for.
