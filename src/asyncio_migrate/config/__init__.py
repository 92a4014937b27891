"""pytest's configuration (which file, what it says, editing it in place) and pytest-asyncio versions."""
