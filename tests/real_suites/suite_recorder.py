"""A pytest plugin that harness.run_suite loads (-p) into the suite under test.

It runs in the suite's own venv, which lacks asyncio-migrate, so it imports nothing but
pytest and the standard library; the harness copies it onto the suite's PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import warnings

import pytest

XPASSED_PROPERTY = "asyncio_migrate_outcome"
WARNINGS_FILE_VARIABLE = "ASYNCIO_MIGRATE_REAL_SUITE_WARNINGS"

_recorded_warnings: list[dict[str, str]] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # JUnit XML records a non-strict xpass exactly like a pass: tag it with a property.
    report = yield
    if report.when == "call" and report.passed and hasattr(report, "wasxfail"):
        item.user_properties.append((XPASSED_PROPERTY, "xpassed"))
    return report


def pytest_warning_recorded(warning_message: warnings.WarningMessage, nodeid: str) -> None:
    _recorded_warnings.append(
        {
            "nodeid": nodeid,
            "category": warning_message.category.__name__,
            "message": str(warning_message.message),
            "filename": warning_message.filename,
        }
    )


def pytest_unconfigure() -> None:
    # The last hook: the warnings of the terminal summary (pytest-cov's, say) are in by now.
    with open(os.environ[WARNINGS_FILE_VARIABLE], "w", encoding="utf-8") as stream:
        json.dump(_recorded_warnings, stream)
