async def test_café():
    assert "café"
