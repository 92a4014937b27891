# A try/except import with a fallback: the import in the try block is rewritten in place.
try:
    from pytest_asyncio import __version__ as pa_version
except ImportError:
    from importlib.metadata import version as _metadata_version

    pa_version = _metadata_version("pytest-asyncio")


def test_version():
    assert pa_version
