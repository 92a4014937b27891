# A conftest hook that imports nest_asyncio locally and applies it: reported.
def pytest_configure(config):
    import nest_asyncio

    nest_asyncio.apply()
