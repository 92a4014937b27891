# assert_has_calls also matches calls of children (call.child()): only a literal list of call(...) is rewritten.
from unittest.mock import AsyncMock, call

from shop import checkout


async def test_charges_in_order():
    gateway = AsyncMock()
    await checkout(gateway=gateway)
    gateway.charge.assert_has_calls([call(5), call(10)], any_order=True)
    gateway.assert_has_calls([call.charge(5), call.charge(10)])
    expected = [call(5)]
    gateway.charge.assert_has_calls(expected)
