# `import pytest_asyncio._version as pav` becomes the package under the same name.
import pytest_asyncio as pav


def test_version():
    assert pav.__version__.startswith("0.")
