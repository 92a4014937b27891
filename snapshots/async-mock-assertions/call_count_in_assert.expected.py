# call_count / call_args / call_args_list in asserts: rewritten only where the assertion needs a call.
from unittest.mock import AsyncMock, call

from shop import checkout


async def test_charges_card():
    charge = AsyncMock()
    await checkout(charge=charge)
    assert charge.await_count == 2
    assert charge.await_count >= 1 and charge.call_count < 3
    assert charge.await_args == call(10)
    assert charge.await_args.kwargs["currency"] == "EUR"
    assert charge.await_args_list == [call(5), call(10)]
    assert charge.await_args_list[0] == call(5)
    # Pass without any call: await counts would only weaken them.
    assert charge.call_count == 0
    assert charge.call_args is None
    assert charge.call_args_list == []
    assert charge.call_count < 3
    # Not an assert statement.
    total = charge.call_count
