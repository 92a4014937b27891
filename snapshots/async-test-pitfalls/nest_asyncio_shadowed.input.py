# A local object named nest_asyncio is not the module, and a name bound by an import and an assignment is
# ambiguous: neither is resolved to nest_asyncio.apply. Unchanged, silent.
import types

try:
    import nest_asyncio
except ImportError:
    nest_asyncio = None


def test_shadowed():
    nest_asyncio = types.SimpleNamespace(apply=lambda: None)
    nest_asyncio.apply()


if nest_asyncio is not None:
    nest_asyncio.apply()
