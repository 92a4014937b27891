pytest_plugins = ["pytest_trio.plugin", "tests.fixtures"]
