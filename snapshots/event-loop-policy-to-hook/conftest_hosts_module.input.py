# A conftest without an override takes a test module's factories (from the survey), picked by item.path.
import pytest


@pytest.fixture
def settings():
    return {"debug": True}
