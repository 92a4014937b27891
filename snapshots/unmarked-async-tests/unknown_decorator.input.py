from myproject.testing import run_in_loop


@run_in_loop
async def test_a():
    pass
