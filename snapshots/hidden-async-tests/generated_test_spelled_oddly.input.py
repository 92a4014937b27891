from tests.factories import make_test

(test_in_parentheses) = make_test("a")
prepared = 1; test_after_semicolon = make_test("b")


class TestMade:
    test_continued \
        = make_test("c")
