"""pytest's configuration (which file, what it says, editing it in place), the project's pytest-asyncio
requirement and pytest-asyncio versions."""
