"""Settings that codemods ask for: merged into one value per key, or the run is refused."""

from __future__ import annotations

from pathlib import Path

from asyncio_migrate.api import merge_settings
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.results import SettingRequest, Severity


def test_equal_requests_merge() -> None:
    requests = [
        SettingRequest("asyncio_default_test_loop_scope", "session", "event-loop-overrides", Path("conftest.py"), 9),
        SettingRequest("asyncio_default_test_loop_scope", "session", "event-loop-overrides", Path("b/conftest.py"), 3),
        SettingRequest("asyncio_debug", True, "event-loop-overrides", Path("conftest.py"), 12),
    ]
    wanted, problems = merge_settings(requests, ProjectSettings(target="1.5"))
    assert wanted == {"asyncio_default_test_loop_scope": "session", "asyncio_debug": True}
    assert problems == []


def test_different_values_for_one_key_block_the_run() -> None:
    requests = [
        SettingRequest("asyncio_default_fixture_loop_scope", "fixture-scope", "default-fixture-loop-scope"),
        SettingRequest("asyncio_default_fixture_loop_scope", "session", "event-loop-overrides", Path("conftest.py"), 9),
    ]
    wanted, problems = merge_settings(requests, ProjectSettings(target="1.5"))
    assert wanted == {}
    [problem] = problems
    assert problem.severity is Severity.BLOCKER
    assert "'fixture-scope' for default-fixture-loop-scope" in problem.message
    assert "'session' for event-loop-overrides (conftest.py:9)" in problem.message


def test_a_setting_the_target_cannot_read_blocks_the_run() -> None:
    request = SettingRequest("asyncio_default_test_loop_scope", "module", "event-loop-overrides", Path("c.py"), 4)
    wanted, problems = merge_settings([request], ProjectSettings(target="0.25"))
    assert wanted == {}
    [problem] = problems
    assert problem.severity is Severity.BLOCKER
    assert ">= 0.26, the target is 0.25" in problem.message
