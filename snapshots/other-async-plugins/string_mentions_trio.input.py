import pytest

BACKENDS = ["asyncio", "trio"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_backend_names(backend):
    assert backend in ("asyncio", "trio")
