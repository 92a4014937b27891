# A test outside api/: the override of api/conftest.py covers only some tests, so they get marks.
def test_health():
    pass
