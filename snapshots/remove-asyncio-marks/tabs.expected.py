class TestTabs:
	async def test_a(self):
		pass

	# tab-indented
	async def test_b(self):
		pass
