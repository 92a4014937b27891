async def check_connection():
    pass


class CheckSuite:
    async def check_x(self):
        pass
