"""asyncio-migrate: move a pytest suite between pytest-asyncio modes and versions, safely."""

__version__ = "0.1.0"
