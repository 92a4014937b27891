"""The codemods, in the order they run on each file.

To add one: write a module here that defines ``CODEMOD`` (see ``asyncio_migrate.codemod``),
list it below, and add its cases under ``snapshots/<id>/``. A codemod that must see another's
changes (or must not) says so in ``runs_after``; importing this module checks the order.
"""

from asyncio_migrate.codemod import Codemod, check_order
from asyncio_migrate.codemods import (
    add_asyncio_marks,
    async_mock_assertions,
    async_mock_types,
    async_test_pitfalls,
    asyncio_fixture_to_pytest_fixture,
    asyncio_marks_on_fixtures,
    close_running_loop,
    default_fixture_loop_scope,
    event_loop_calls_in_async,
    event_loop_overrides,
    event_loop_policy_to_hook,
    event_loop_requests,
    get_event_loop_in_sync_code,
    hidden_async_tests,
    httpx_app_transport,
    marker_scope_to_loop_scope,
    other_async_plugins,
    pytest_aiohttp_renames,
    pytest9_native_config,
    pytest_fixture_to_asyncio_fixture,
    remove_asyncio_marks,
    remove_misplaced_asyncio_marks,
    removed_pytest_asyncio_api,
    strict_mode_async_fixtures,
    testclient_in_async_test,
    unmarked_async_tests,
)

REGISTRY: tuple[Codemod, ...] = (
    other_async_plugins.CODEMOD,
    unmarked_async_tests.CODEMOD,
    remove_asyncio_marks.CODEMOD,
    asyncio_fixture_to_pytest_fixture.CODEMOD,
    hidden_async_tests.CODEMOD,
    remove_misplaced_asyncio_marks.CODEMOD,
    pytest_fixture_to_asyncio_fixture.CODEMOD,
    add_asyncio_marks.CODEMOD,
    removed_pytest_asyncio_api.CODEMOD,
    marker_scope_to_loop_scope.CODEMOD,
    asyncio_marks_on_fixtures.CODEMOD,
    strict_mode_async_fixtures.CODEMOD,
    event_loop_overrides.CODEMOD,
    event_loop_policy_to_hook.CODEMOD,
    event_loop_requests.CODEMOD,
    close_running_loop.CODEMOD,
    get_event_loop_in_sync_code.CODEMOD,
    default_fixture_loop_scope.CODEMOD,
    pytest9_native_config.CODEMOD,
    async_mock_types.CODEMOD,
    async_mock_assertions.CODEMOD,
    httpx_app_transport.CODEMOD,
    testclient_in_async_test.CODEMOD,
    pytest_aiohttp_renames.CODEMOD,
    event_loop_calls_in_async.CODEMOD,
    async_test_pitfalls.CODEMOD,
)
check_order(REGISTRY)


def by_id() -> dict[str, Codemod]:
    return {codemod.id: codemod for codemod in REGISTRY}


def for_command(command: str) -> list[Codemod]:
    return [codemod for codemod in REGISTRY if command in codemod.commands]
