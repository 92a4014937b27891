# uvloop is bound by an assignment, not an import: the policy cannot be named exactly, so it is reported.
import pytest

uvloop = pytest.importorskip("uvloop")


@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()
