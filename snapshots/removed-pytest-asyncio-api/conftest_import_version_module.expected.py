# conftest: `import pytest_asyncio._version` and its reads, also in function bodies.
import pytest_asyncio


def pytest_report_header(config):
    return f"pytest-asyncio {pytest_asyncio.__version__}"


class Header:
    text = pytest_asyncio.__version__
