# `import pytest_asyncio._version as pav` becomes the package under the same name.
import pytest_asyncio._version as pav


def test_version():
    assert pav.version.startswith("0.")
