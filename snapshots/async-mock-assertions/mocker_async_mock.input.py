# pytest-mock: mocker.AsyncMock(), and mocker.patch(..., new_callable=mocker.AsyncMock).
from shop import checkout


async def test_charges_card(mocker):
    notify = mocker.AsyncMock()
    charge = mocker.patch("shop.payments.charge", new_callable=mocker.AsyncMock)
    await checkout(total=10, notify=notify)
    charge.assert_called_once_with(10)
    notify.assert_any_call("paid")
