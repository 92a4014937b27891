# Must not change: the project's own _version modules, and pytest_asyncio.__version__.
import _version
import pytest_asyncio
from mypkg import _version as pkg_version
from mypkg._version import version

from ._version import version as local_version


def test_versions():
    assert version == local_version == pkg_version.version == _version.version
    assert pytest_asyncio.__version__
