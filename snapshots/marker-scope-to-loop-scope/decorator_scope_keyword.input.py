# scope= on a test's and on a class's asyncio mark becomes loop_scope=.
import pytest


@pytest.mark.asyncio(scope="module")
async def test_shares_module_loop():
    pass


@pytest.mark.asyncio(scope = "class")  # one loop per class
class TestClient:
    async def test_get(self):
        pass

    @pytest.mark.slow
    @pytest.mark.asyncio(scope="function")
    async def test_fresh_loop(self):
        pass
