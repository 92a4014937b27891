# __version__, aliases and a parenthesized import: every bound name stays.
from pytest_asyncio import (
    __version__,
    __version__ as pa_version,  # for the header
)
from pytest_asyncio import __version__ as v


def test_versions():
    assert __version__ == pa_version == v
