# An AsyncClient from another library takes app= for its own reasons: unchanged.
import pytest
from supabase import AsyncClient

from shop.main import app


@pytest.mark.asyncio
async def test_supabase_client():
    client = AsyncClient(app=app, url="http://localhost:54321", key="anon")
    assert client.app is app
