import sys

import pytest

if sys.version_info >= (3, 11):

    @pytest.mark.asyncio
    async def test_task_group():
        pass
