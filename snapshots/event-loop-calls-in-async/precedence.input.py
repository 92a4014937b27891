# `await` gets the parentheses it needs: as the base of an attribute, subscript or call, and around its operand.
import asyncio

from myapp import client, count, fetch, fetch_json, is_empty


async def test_attribute_of_result():
    assert asyncio.run(fetch()).status == 200


async def test_subscript_and_call_of_result():
    assert asyncio.run(fetch_json())["id"] == 1
    assert asyncio.run(client())() is None


async def test_operators_need_none():
    assert -asyncio.run(count()) < 0
    assert asyncio.run(count()) ** 2 > 0
    assert not asyncio.run(is_empty())


async def test_parenthesised_already():
    assert (asyncio.run(fetch())).status == 200


async def test_operand_of_await():
    asyncio.get_running_loop().run_until_complete(fetch() if client else fetch_json())
    asyncio.run(client
                .fetch())
