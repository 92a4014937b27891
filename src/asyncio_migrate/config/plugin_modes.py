"""Another async plugin's own auto mode, set in the pytest configuration.

other-async-plugins declares this check; it lives here, with the configuration it reads, so a
run can make it without importing the codemod (and libcst with it).
"""

from __future__ import annotations

from asyncio_migrate.config.pytest_config import PytestConfig, key_line
from asyncio_migrate.results import Diagnostic, Severity

REPORTED_BY = "other-async-plugins"


def check_plugin_modes(config: PytestConfig) -> list[Diagnostic]:
    """anyio's and pytest-trio's own auto modes, set in the pytest configuration."""
    diagnostics = []
    for key, plugin in (("anyio_mode", "anyio"), ("trio_mode", "pytest-trio")):
        value = str(config.raw.get(key, "")).strip().lower()
        if config.path is not None and value in ("auto", "true", "1", "yes", "on"):
            diagnostics.append(
                Diagnostic(
                    config.path, key_line(config, key), 1, REPORTED_BY,
                    f"{key} = {value}: {plugin} runs every async test, and in auto mode "
                    "pytest-asyncio would take them over too. Keep strict mode, or drop "
                    f"{key} first (use --force to switch anyway).",
                    Severity.BLOCKER,
                )
            )
    return diagnostics
