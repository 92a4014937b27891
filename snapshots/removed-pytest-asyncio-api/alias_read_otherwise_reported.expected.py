# The _version module is read in a way __version__ cannot replace: that read is reported, the module's name stays.
import pytest_asyncio
import pytest_asyncio._version as pav


def test_version():
    assert pav.version
    assert pav.version_tuple >= (0, 21)
    assert pytest_asyncio.__version__
    assert pytest_asyncio._version is not None
