"""The codemods, in the order they run on each file.

To add one: write a module here that defines ``CODEMOD`` (see ``asyncio_migrate.codemod``),
list it below, and add its cases under ``snapshots/<id>/``.
"""

from asyncio_migrate.codemod import Codemod
from asyncio_migrate.codemods import (
    add_asyncio_marks,
    asyncio_fixture_to_pytest_fixture,
    hidden_async_tests,
    other_async_plugins,
    pytest_fixture_to_asyncio_fixture,
    remove_asyncio_marks,
    remove_misplaced_asyncio_marks,
    unmarked_async_tests,
)

# Reports run before the rewrites, so they see the code as the user wrote it; marks come
# off fixtures before fixtures are rewritten.
REGISTRY: tuple[Codemod, ...] = (
    other_async_plugins.CODEMOD,
    unmarked_async_tests.CODEMOD,
    remove_asyncio_marks.CODEMOD,
    asyncio_fixture_to_pytest_fixture.CODEMOD,
    hidden_async_tests.CODEMOD,
    remove_misplaced_asyncio_marks.CODEMOD,
    pytest_fixture_to_asyncio_fixture.CODEMOD,
    add_asyncio_marks.CODEMOD,
)


def by_id() -> dict[str, Codemod]:
    return {codemod.id: codemod for codemod in REGISTRY}


def for_command(command: str) -> list[Codemod]:
    return [codemod for codemod in REGISTRY if command in codemod.commands]
