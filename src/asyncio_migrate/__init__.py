"""asyncio-migrate: move a pytest suite between pytest-asyncio modes and versions, safely.

The library API (documented in the README)::

    import asyncio_migrate

    result = asyncio_migrate.run("to-auto", "tests")        # computes; writes only with write=True
    for file in result.changed:
        print(file.path, file.applied)
    print(asyncio_migrate.render_diff(result))

The names below are imported on first use, so ``import asyncio_migrate`` (and the CLI's
``--help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from asyncio_migrate.api import RunResult, SelectionError, UnknownCommandError, run
    from asyncio_migrate.config.discovery import DiscoveryError
    from asyncio_migrate.config.pytest_config import ConfigEdit, ConfigError
    from asyncio_migrate.config.versions import TargetError
    from asyncio_migrate.diff import render_diff
    from asyncio_migrate.results import Diagnostic, FileResult, Severity, Status
    from asyncio_migrate.verify.compare import VerifyError

_EXPORTS = {
    "run": "asyncio_migrate.api",
    "RunResult": "asyncio_migrate.api",
    "SelectionError": "asyncio_migrate.api",
    "UnknownCommandError": "asyncio_migrate.api",
    "render_diff": "asyncio_migrate.diff",
    "DiscoveryError": "asyncio_migrate.config.discovery",
    "ConfigEdit": "asyncio_migrate.config.pytest_config",
    "ConfigError": "asyncio_migrate.config.pytest_config",
    "Diagnostic": "asyncio_migrate.results",
    "FileResult": "asyncio_migrate.results",
    "Severity": "asyncio_migrate.results",
    "Status": "asyncio_migrate.results",
    "VerifyError": "asyncio_migrate.verify.compare",
    "TargetError": "asyncio_migrate.config.versions",
}

__all__ = [
    "__version__",
    "run",
    "RunResult",
    "SelectionError",
    "UnknownCommandError",
    "render_diff",
    "DiscoveryError",
    "ConfigEdit",
    "ConfigError",
    "Diagnostic",
    "FileResult",
    "Severity",
    "Status",
    "VerifyError",
    "TargetError",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'asyncio_migrate' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
