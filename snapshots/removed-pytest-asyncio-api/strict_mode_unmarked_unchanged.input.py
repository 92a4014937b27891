# Must not change: outside legacy mode unmarked async tests are not this codemod's business.
async def test_unmarked():
    pass
