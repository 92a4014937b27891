# Must not change: a mark on a fixture that is not an asyncio mark is not this codemod's business.
import pytest


@pytest.mark.usefixtures("settings")
@pytest.fixture
def client():
    return 1
