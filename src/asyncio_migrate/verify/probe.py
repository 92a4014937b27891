"""A pytest plugin that records how pytest-asyncio treats each test (used by --verify).

It runs inside the user's own environment, which may not have asyncio-migrate installed:
the file is copied to a temporary folder put on PYTHONPATH and loaded with
``-p asyncio_migrate_verify_probe``. So it imports nothing but the standard library and
pytest. It writes one JSON document to the path in ``ASYNCIO_MIGRATE_VERIFY_OUT``.
"""

from __future__ import annotations

import inspect
import json
import os

import pytest

_record: dict = {"tests": {}, "warnings": [], "collection_errors": {}, "outcomes": {}}

# Marks by which other async plugins claim a test (analysis.plugins.FOREIGN_MARKS, passed in
# the environment because the probe imports nothing of asyncio-migrate).
_OTHER_PLUGIN_MARKS = frozenset(filter(None, os.environ.get("ASYNCIO_MIGRATE_OTHER_PLUGIN_MARKS", "").split(",")))


def _ini(config: pytest.Config, name: str, default: object = None) -> object:
    try:
        return config.getini(name)
    except (ValueError, KeyError):
        return default


def _mode(config: pytest.Config) -> str:
    option = config.getoption("asyncio_mode", default=None)
    return str(option or _ini(config, "asyncio_mode", "strict") or "strict")


def _fixture_record(config: pytest.Config, fixturedef) -> dict | None:
    func = getattr(fixturedef, "func", None)
    forced = getattr(func, "_force_asyncio_fixture", False)
    is_async = inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func)
    if not (forced or is_async):
        return None
    handled = forced or _mode(config) == "auto"
    loop_scope = None
    if handled:
        default = _ini(config, "asyncio_default_fixture_loop_scope")
        if default == "fixture-scope" or not default:
            default = fixturedef.scope
        loop_scope = getattr(func, "_loop_scope", None) or default
    return {"async": is_async, "handled": handled, "loop_scope": loop_scope}


def _test_record(item: pytest.Item) -> dict:
    config = item.config
    runs = type(item).__module__.startswith("pytest_asyncio")
    record: dict = {"asyncio": runs, "loop_scope": None, "loop_factories": None, "fixtures": {}}
    # As the test carries them at run time: a pytest.param's marks and inherited class marks too.
    record["other_plugin_marks"] = sorted({mark.name for mark in item.iter_markers() if mark.name in _OTHER_PLUGIN_MARKS})
    if runs:
        marker = item.get_closest_marker("asyncio")
        kwargs = marker.kwargs if marker is not None else {}
        default = _ini(config, "asyncio_default_test_loop_scope", "function") or "function"
        record["loop_scope"] = kwargs.get("loop_scope") or kwargs.get("scope") or default
        factories = kwargs.get("loop_factories")
        record["loop_factories"] = list(factories) if factories is not None else None
    name2fixturedefs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    for name in getattr(item, "fixturenames", ()):
        fixturedefs = name2fixturedefs.get(name)
        if fixturedefs:
            fixture = _fixture_record(config, fixturedefs[-1])
            if fixture is not None:
                record["fixtures"][name] = fixture
    return record


def pytest_collection_finish(session: pytest.Session) -> None:
    for item in session.items:
        _record["tests"][item.nodeid] = _test_record(item)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        text = str(report.longrepr).strip().splitlines()
        _record["collection_errors"][report.nodeid] = text[-1] if text else "collection error"


def pytest_warning_recorded(warning_message, when: str, nodeid: str, location) -> None:
    if when in ("config", "collect"):
        category = warning_message.category.__name__
        _record["warnings"].append(f"{category}: {warning_message.message}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    outcomes = _record["outcomes"]
    if hasattr(report, "wasxfail"):
        outcome = "xfailed" if report.skipped else "xpassed"
    elif report.when == "call" or report.outcome != "passed":
        outcome = report.outcome if report.when == "call" else ("error" if report.failed else report.outcome)
    else:
        return
    # The worst phase decides: a failing teardown after a pass is an error.
    if outcomes.get(report.nodeid) in (None, "passed"):
        outcomes[report.nodeid] = outcome


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = os.environ.get("ASYNCIO_MIGRATE_VERIFY_OUT")
    if path:
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(_record, stream)
