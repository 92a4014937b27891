import pytest


class TestTabs:
	@pytest.mark.asyncio
	async def test_a(self):
		pass

	@pytest.mark.asyncio  # tab-indented
	async def test_b(self):
		pass
