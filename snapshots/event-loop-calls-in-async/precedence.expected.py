# `await` gets the parentheses it needs: as the base of an attribute, subscript or call, and around its operand.

from myapp import client, count, fetch, fetch_json, is_empty


async def test_attribute_of_result():
    assert (await fetch()).status == 200


async def test_subscript_and_call_of_result():
    assert (await fetch_json())["id"] == 1
    assert (await client())() is None


async def test_operators_need_none():
    assert -await count() < 0
    assert await count() ** 2 > 0
    assert not await is_empty()


async def test_parenthesised_already():
    assert (await fetch()).status == 200


async def test_operand_of_await():
    await (fetch() if client else fetch_json())
    await (client
                .fetch())
