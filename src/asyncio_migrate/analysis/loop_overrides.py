"""What event-loop-overrides' survey decided for the whole project, as typed facts.

pytest-asyncio 1.x ignores ``event_loop`` fixtures; the survey reads every conftest override
before any file is changed and decides what carries each one over. default-fixture-loop-scope
reads the default it asks for. Paths are absolute and normalised (a relative one, as some snapshot
cases give, matches every path that ends with it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# "config": it covers every test, so the configuration's defaults carry it over;
# "marks": loop_scope on the tests below its folder; "report": left as is (see reason).
Role = Literal["config", "marks", "report"]


@dataclass(frozen=True)
class FixtureLoop:
    """What one async fixture of a conftest needs: a ``loop_scope``, or a report saying why not."""

    loop_scope: str | None = None
    report: str | None = None


@dataclass(frozen=True)
class ConftestOverride:
    """A conftest.py's ``event_loop`` override (its role) and the loops its async fixtures need."""

    role: Role | None = None  # None: it has no override, only fixtures that need a loop_scope
    reason: str | None = None  # why it is left as is (role "report")
    fixtures: Mapping[str, FixtureLoop] = field(default_factory=dict)


@dataclass(frozen=True)
class OverridePlan:
    """The survey's result: every conftest's part, the loop scope each folder's tests need, and the
    defaults the top-most override becomes."""

    conftests: Mapping[str, ConftestOverride] = field(default_factory=dict)  # by conftest.py path
    # Folder of a conftest override -> the loop scope its tests need (None: its override stays).
    coverage: Mapping[str, str | None] = field(default_factory=dict)
    fixture_loop_scope: str | None = None  # asyncio_default_fixture_loop_scope to set
    test_loop_scope: str | None = None  # asyncio_default_test_loop_scope to set

    def is_empty(self) -> bool:
        return self == OverridePlan()
