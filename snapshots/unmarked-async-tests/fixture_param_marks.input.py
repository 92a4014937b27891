import pytest
from pytest import mark


@pytest.fixture(params=[pytest.param("a", marks=pytest.mark.asyncio), pytest.param("b", marks=[mark.asyncio])])
def flavour(request):
    return request.param


@pytest.fixture(params=[pytest.param("a", marks=pytest.mark.asyncio), "b"])
def partly(request):
    return request.param


@pytest.fixture(params=[pytest.param("a", marks=pytest.mark.asyncio), pytest.param("b", marks=unknown_marks)])
def unreadable(request):
    return request.param


async def test_ran_through_every_param(flavour):
    pass


@pytest.mark.usefixtures("flavour")
async def test_ran_through_usefixtures():
    pass


async def test_not_through_every_param(partly):
    pass


async def test_unreadable_param(unreadable):
    pass


class TestOverridden:
    @pytest.fixture
    def flavour(self):
        return "plain"

    async def test_class_fixture_wins(self, flavour):
        pass
