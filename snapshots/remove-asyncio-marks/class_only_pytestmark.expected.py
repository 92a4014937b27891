class TestOne:
    pass
