# Requests that do not go through a parameter are reported: usefixtures and getfixturevalue.
import pytest

pytestmark = pytest.mark.usefixtures("event_loop")


@pytest.mark.usefixtures("tmp_path", "event_loop")
def test_marked():
    pass


@pytest.fixture
def loop(request):
    return request.getfixturevalue("event_loop")
