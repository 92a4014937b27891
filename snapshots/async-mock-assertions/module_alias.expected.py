# AsyncMock through import aliases: `from unittest import mock as um`, and the mock backport.
from unittest import mock as um

import mock

from shop import checkout


async def test_charges_card():
    gateway = um.AsyncMock()
    with um.patch.object(gateway, "refund", new_callable=um.AsyncMock) as refund:
        await checkout(gateway=gateway)
    gateway.charge.assert_awaited_once_with(10)
    refund.assert_not_called()


async def test_notifies():
    notify = mock.AsyncMock()
    await checkout(notify=notify)
    notify.assert_has_awaits([mock.call("paid"), mock.call("shipped")])
