import asyncio

from pytest import mark

pytestmark = [mark.asyncio, mark.filterwarnings("error")]


async def test_event_wakes_waiter():
    event = asyncio.Event()
    waiter = asyncio.create_task(event.wait())
    event.set()
    await asyncio.wait_for(waiter, timeout=1)


@mark.asyncio
class TestCondition:
    async def test_notify(self):
        condition = asyncio.Condition()
        async with condition:
            condition.notify_all()

    @staticmethod
    async def test_static():
        assert asyncio.get_running_loop().is_running()
