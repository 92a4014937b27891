import asyncio

import pytest


async def test_service_is_ready(service):
    assert service["ready"]


async def test_sleep():
    await asyncio.sleep(0)


def test_settings(settings):
    assert not settings["debug"]


@pytest.mark.asyncio(loop_scope="module")
async def test_in_module_loop():
    pass
