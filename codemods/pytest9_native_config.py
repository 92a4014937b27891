"""pytest9-native-config: a ``[tool.pytest]`` table in the types pytest 9 reads.

    [tool.pytest]                        [tool.pytest]
    addopts = "-ra --strict-markers"  →  addopts = ["-ra", "--strict-markers"]
    xfail_strict = "true"                xfail_strict = true

pytest before 9 reads pyproject.toml's ``[tool.pytest.ini_options]`` only: a ``[tool.pytest]``
table beside it was ignored, so suites carry ones written INI style. pytest 9 reads that
table with native TOML types and stops on a string where an option takes a list (see
native_config.py for each type and the conversion, the one pytest applies to INI values).
``upgrade`` rewrites such values when the project's pytest requirement admits pytest 9, and
reports them otherwise; it also says that the table's settings take effect on pytest 9, and
that a setup.cfg or tox.ini pytest read before is no longer read then. Options of other
plugins, whose types it cannot know, are reported when they are not strings.
"""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst
import tomlkit

from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.config.native_config import KNOWN_OPTIONS, Conversion, native_value
from asyncio_migrate.config.pytest_config import PytestConfig, key_line
from asyncio_migrate.config.versions import pytest_9_excluded_by
from asyncio_migrate.results import Diagnostic, SettingRequest, Severity

ID = "pytest9-native-config"
# Files pytest reads with native TOML types (the tool's config kinds).
_NATIVE_KINDS = frozenset({"pyproject.toml [tool.pytest]", "pytest.toml", ".pytest.toml"})
# pytest before 9 found these after pyproject.toml when it had no [tool.pytest.ini_options].
_TABLE_HEADER = re.compile(r"\s*\[\s*tool\s*\.\s*pytest\s*\]")
_INI_SECTIONS = {
    "tox.ini": re.compile(r"^\[pytest\]", re.MULTILINE),
    "setup.cfg": re.compile(r"^\[tool:pytest\]", re.MULTILINE),
}


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    return module  # the configuration only (a module-level function: codemods go to worker processes)


def _conversions(config: PytestConfig) -> list[Conversion]:
    if config.kind not in _NATIVE_KINDS:
        return []
    return [conversion for key, value in config.raw.items() if (conversion := native_value(key, value)) is not None]


def configure(config: PytestConfig, settings: ProjectSettings) -> list[SettingRequest]:
    if pytest_9_excluded_by(config.rootdir) is not None:
        return []
    return [
        SettingRequest(conversion.key, conversion.new, ID)
        for conversion in _conversions(config)
        if conversion.new is not None
    ]


def check_config(config: PytestConfig) -> list[Diagnostic]:
    if config.kind not in _NATIVE_KINDS or config.path is None:
        return []
    diagnostics = []

    def report(key: str | None, message: str, severity: Severity = Severity.WARNING) -> None:
        line = key_line(config, key) if key is not None else _table_line(config.path)  # type: ignore[arg-type]
        diagnostics.append(Diagnostic(config.path, line, 1, ID, message, severity))  # type: ignore[arg-type]

    where = "[tool.pytest]" if config.kind == "pyproject.toml [tool.pytest]" else "[pytest]"
    if config.kind == "pyproject.toml [tool.pytest]":
        also = [name for name, section in _INI_SECTIONS.items() if _has_section(config.path.parent / name, section)]
        report(
            None,
            f"pytest before 9 ignores [tool.pytest] (it reads [tool.pytest.ini_options] only); pytest 9 reads it, "
            f"so its settings ({', '.join(config.raw)}) take effect there"
            + (f", and pytest 9 no longer reads the pytest settings of {' and '.join(also)}" if also else "")
            + ". Check that they are meant to.",
        )
    excluded_by = pytest_9_excluded_by(config.rootdir)
    for conversion in _conversions(config):
        value = f"{conversion.key} = {_toml(conversion.old)}"
        expected = _expected(conversion.option_type)
        new = _toml(conversion.new) if conversion.new is not None else ""
        if conversion.new is None:
            report(
                conversion.key,
                f"{value} in {where}: pytest 9 reads this table with native types and expects "
                f"{expected}; write it by hand.",
            )
        elif excluded_by is not None:
            report(
                conversion.key,
                f"{value} in {where}: pytest 9 expects {expected} ({new}). Left as "
                f"is: the project's pytest requirement admits no pytest 9 ({excluded_by}).",
            )
        else:
            report(
                conversion.key,
                f"{value} in {where}: pytest 9 expects {expected}; written as {new}, "
                "what pytest reads from the same text in [tool.pytest.ini_options].",
                Severity.INFO,
            )
    for key, value in config.raw.items():
        if native_value(key, value) is None and key not in KNOWN_OPTIONS and not isinstance(value, (str, list)):
            report(
                key,
                f"{key} = {_toml(value)} in {where}: a plugin's option, whose type asyncio-migrate does not know; "
                "pytest 9 rejects a value of another type than the plugin declares (most take strings).",
            )
    return diagnostics


def _toml(value: object) -> str:
    return tomlkit.item(value).as_string()


def _table_line(path: Path) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, line in enumerate(lines, 1) if _TABLE_HEADER.match(line)), 1)


def _has_section(path: Path, section: re.Pattern[str]) -> bool:
    try:
        return bool(section.search(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False


def _expected(option_type: str) -> str:
    return {
        "args": "a list of strings",
        "linelist": "a list of strings",
        "paths": "a list of strings",
        "bool": "a boolean (true or false)",
    }.get(option_type, "a string")


CODEMOD = Codemod(
    id=ID,
    summary="Write [tool.pytest] values in the types pytest 9 reads (pytest before 9 ignored the table).",
    commands=("upgrade",),
    prefilter=(),
    transform=transform,
    configure=configure,
    check_config=check_config,
)
