from pytest import fixture as fx


@fx(autouse=True)
async def reset():
    yield


@fx
def plain():
    return 1
