"""What each command does besides running its codemods."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Command:
    name: str
    # pytest configuration keys the command sets.
    settings: dict[str, str] = field(default_factory=dict)
    # --verify differences that follow from the command for any test or fixture...
    expected_always: frozenset[str] = frozenset()
    # ...and those expected only for the tests its codemods announced in the report.
    expected_for_announced: frozenset[str] = frozenset()
    # Its codemods write code for a chosen pytest-asyncio release (--target).
    uses_target: bool = False


COMMANDS: dict[str, Command] = {
    "to-auto": Command(
        "to-auto",
        settings={"asyncio_mode": "auto"},
        # Auto mode handles every async fixture; strict mode left plain @pytest.fixture ones
        # to pytest, which fails them.
        expected_always=frozenset({"fixture now handled"}),
        # Unmarked async tests (listed by unmarked-async-tests) start to run; with several
        # loop factories from the pytest_asyncio_loop_factories hook, each one's id then
        # gains a factory suffix (test_x → test_x[uvloop]).
        expected_for_announced=frozenset(
            {"now run by pytest-asyncio", "outcome changed", "test appeared", "test disappeared"}
        ),
    ),
    "to-strict": Command(
        "to-strict",
        settings={"asyncio_mode": "strict"},
        # A sync test loses its asyncio mark (listed by remove-misplaced-asyncio-marks): the
        # warning that failed it under filterwarnings = error is gone.
        expected_for_announced=frozenset({"outcome changed"}),
    ),
    "upgrade": Command(
        "upgrade",
        uses_target=True,
        # Test ids change where a parametrized event_loop_policy becomes named loop factories,
        # and sync tests are no longer multiplied by it (listed by event-loop-policy-to-hook).
        # A sync test or fixture driving event_loop becomes async: pytest-asyncio now runs the
        # test, or the fixture (listed by event-loop-requests).
        expected_for_announced=frozenset(
            {"outcome changed", "test appeared", "test disappeared", "now run by pytest-asyncio", "fixture changed"}
        ),
    ),
    "fix-tests": Command(
        "fix-tests",
        # An assertion that now checks awaits can fail where the code forgot an await: that is
        # the point (the tests are listed by async-mock-assertions); an awaited coroutine that
        # used to raise RuntimeError may now pass or fail (event-loop-calls-in-async); a renamed
        # pytest-aiohttp request brings in aiohttp_client & co (pytest-aiohttp-renames).
        expected_for_announced=frozenset({"outcome changed", "fixture changed"}),
    ),
}
