from tests.factories import make_roundtrip_test

test_roundtrip_json = make_roundtrip_test("json")
helper = make_roundtrip_test("yaml")
