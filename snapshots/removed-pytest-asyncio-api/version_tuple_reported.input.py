# There is no replacement for the version tuple: the import is reported and left.
from pytest_asyncio._version import version, version_tuple


def test_tuple():
    assert version_tuple[0] == 0
    assert version
