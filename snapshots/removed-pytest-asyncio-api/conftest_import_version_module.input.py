# conftest: `import pytest_asyncio._version` and its reads, also in function bodies.
import pytest_asyncio._version


def pytest_report_header(config):
    return f"pytest-asyncio {pytest_asyncio._version.version}"


class Header:
    text = pytest_asyncio._version.__version__
