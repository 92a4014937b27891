"""asyncio-migrate's own settings: ``[tool.asyncio-migrate]`` in the nearest pyproject.toml.

The nearest pyproject.toml with that table, from the folder the paths share upwards (as ruff
finds ``[tool.ruff]``), or the file given with ``--config``. An option given on the command
line replaces the setting; ``extend-exclude`` adds to whichever ``exclude`` wins.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TABLE = "asyncio-migrate"
KEYS = ("exclude", "extend-exclude", "select", "ignore", "target", "style", "jobs")


class SettingsError(ValueError):
    """The settings file cannot be read, or holds a key or value asyncio-migrate does not know."""


@dataclass(frozen=True)
class ToolSettings:
    path: Path | None = None  # where they were read (None: no settings anywhere)
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    target: str | None = None
    style: str | None = None
    jobs: int | None = None
    given: frozenset[str] = field(default_factory=frozenset)  # the keys the file set


def _strings(key: str, value: Any, where: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SettingsError(f"{where}: [tool.{TABLE}] {key} must be a list of strings, not {value!r}")
    return tuple(value)


def _parse(table: Any, where: Path) -> ToolSettings:
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: [tool.{TABLE}] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in ("exclude", "extend-exclude", "select", "ignore"):
            values[key.replace("-", "_")] = _strings(key, value, where)
        elif key == "target":
            if not isinstance(value, str):
                raise SettingsError(f'{where}: [tool.{TABLE}] target must be a string such as "1.5", not {value!r}')
            values["target"] = value
        elif key == "style":
            if value not in ("decorator", "pytestmark"):
                raise SettingsError(f'{where}: [tool.{TABLE}] style must be "decorator" or "pytestmark", not {value!r}')
            values["style"] = value
        elif key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise SettingsError(f"{where}: [tool.{TABLE}] jobs must be a whole number of at least 1, not {value!r}")
            values["jobs"] = value
        else:
            raise SettingsError(f"{where}: unknown key {key!r} in [tool.{TABLE}] (known: {', '.join(KEYS)})")
    return ToolSettings(path=where, given=frozenset(table), **values)


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SettingsError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        import tomllib  # Python 3.11+

        return tomllib.loads(data.decode("utf-8"))
    except ImportError:
        import tomlkit

        try:
            return tomlkit.parse(data.decode("utf-8")).unwrap()
        except tomlkit.exceptions.ParseError as error:
            raise SettingsError(f"{path} is not valid TOML: {error}") from None
    except (ValueError, UnicodeDecodeError) as error:  # tomllib.TOMLDecodeError is a ValueError
        raise SettingsError(f"{path} is not valid TOML: {error}") from None


def read_settings(path: Path) -> ToolSettings:
    """The settings in ``path``: a pyproject.toml's ``[tool.asyncio-migrate]`` table, or, in
    any other TOML file, the same keys at the top level."""
    document = _load_toml(path)
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get(TABLE)
        return ToolSettings(path=path) if table is None else _parse(table, path)
    return _parse(document, path)


def find_settings(paths: Sequence[Path]) -> ToolSettings:
    """The settings that govern ``paths``: the nearest pyproject.toml above them with the table."""
    folders = [path.resolve() if path.is_dir() else path.resolve().parent for path in paths] or [Path.cwd()]
    folder = Path(os.path.commonpath(folders))
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            document = _load_toml(pyproject)
            if TABLE in document.get("tool", {}):
                return _parse(document["tool"][TABLE], pyproject)
    return ToolSettings()
