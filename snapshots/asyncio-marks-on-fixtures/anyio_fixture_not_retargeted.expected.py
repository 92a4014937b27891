# Strict mode, an anyio fixture: the mark goes, but anyio runs it, so it stays @pytest.fixture.
import pytest


@pytest.fixture
async def resource(anyio_backend):
    yield 1


@pytest.mark.anyio
async def test_resource(resource):
    assert resource == 1
