import sys

if sys.version_info >= (3, 11):

    async def test_task_group():
        pass
