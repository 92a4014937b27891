"""pytest-asyncio versions: which one `upgrade` targets, and what each version can run."""

from __future__ import annotations

import configparser
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

# Final releases on PyPI from 0.17 (when modes appeared) on, oldest first.
RELEASES = tuple(
    Version(v)
    for v in (
        "0.17.0 0.17.1 0.17.2 0.18.0 0.18.1 0.18.2 0.18.3 0.19.0 0.20.0 0.20.1 0.20.2 0.20.3 0.21.0 0.21.1 "
        "0.21.2 0.23.0 0.23.1 0.23.2 0.23.3 0.23.4 0.23.5 0.23.5.post1 0.23.6 0.23.7 0.23.8 0.24.0 0.25.0 "
        "0.25.1 0.25.2 0.25.3 0.26.0 1.0.0 1.1.0 1.1.1 1.2.0 1.3.0 1.4.0 1.4.1 1.4.1.post1 1.5.0"
    ).split()
)
NEWEST = "1.5"

# The oldest release that knows each configuration key, and values newer than their key.
SETTING_MIN_VERSION = {
    "asyncio_mode": "0.17",
    "asyncio_default_fixture_loop_scope": "0.24",
    "asyncio_default_test_loop_scope": "0.26",
    "asyncio_debug": "1.2",
}
VALUE_MIN_VERSION = {("asyncio_default_fixture_loop_scope", "fixture-scope"): "1.5"}
HOOK_MIN_VERSION = "1.4"  # pytest_asyncio_loop_factories and the marker's loop_factories=


def parse(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def at_least(target: str, minimum: str) -> bool:
    return parse(target) >= parse(minimum)


def setting_min_version(key: str, value: str | bool) -> str:
    value_minimum = VALUE_MIN_VERSION.get((key, value)) if isinstance(value, str) else None
    return value_minimum or SETTING_MIN_VERSION.get(key, "0.17")


@dataclass(frozen=True)
class Target:
    version: str  # "major.minor"
    reason: str
    # The project still allows releases older than the hook (so a hook needs optionalhook=True).
    allows_before_hook: bool = False


class TargetError(ValueError):
    """--target is not a pytest-asyncio version this tool knows."""


def choose_target(explicit: str | None, rootdir: Path) -> Target:
    """``--target`` when given; else the lowest release the project's requirement admits; else the newest."""
    found = list(_requirements(rootdir))
    specifier = SpecifierSet()
    for _where, requirement in found:
        specifier &= requirement.specifier
    admitted = list(specifier.filter(RELEASES)) if found else list(RELEASES)
    allows_before_hook = bool(found and admitted) and admitted[0] < Version(HOOK_MIN_VERSION)
    if explicit is not None:
        if not re.fullmatch(r"\d+\.\d+", explicit) or not any(_minor(v) == explicit for v in RELEASES):
            known = sorted({_minor(v) for v in RELEASES}, key=parse)
            raise TargetError(f"--target {explicit}: not a pytest-asyncio release ({', '.join(known)})")
        return Target(explicit, "given with --target", allows_before_hook)
    if not found:
        return Target(NEWEST, "no pytest-asyncio requirement found in the project; the newest release")
    places = ", ".join(f"{where}: {requirement}" for where, requirement in found)
    if not admitted:
        return Target(NEWEST, f"no release matches the project's requirement ({places}); the newest release")
    lowest = _minor(admitted[0])
    return Target(
        lowest,
        f"the lowest release the project's requirement admits ({places})",
        allows_before_hook,
    )


def _minor(version: Version) -> str:
    return f"{version.major}.{version.minor}"


def _requirements(rootdir: Path) -> Iterator[tuple[str, Requirement]]:
    """The project's own pytest-asyncio requirements, with the file (and table) each comes from."""
    for where, line in _requirement_lines(rootdir):
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if canonicalize_name(requirement.name) == "pytest-asyncio":
            yield where, requirement


def _requirement_lines(rootdir: Path) -> Iterator[tuple[str, str]]:
    pyproject = rootdir / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomlkit.parse(pyproject.read_text(encoding="utf-8")).unwrap()
        except (tomlkit.exceptions.ParseError, UnicodeDecodeError, OSError):
            data = {}
        project = data.get("project", {})
        for line in project.get("dependencies", []):
            yield "pyproject.toml [project.dependencies]", line
        for extra, lines in project.get("optional-dependencies", {}).items():
            for line in lines:
                yield f"pyproject.toml [project.optional-dependencies.{extra}]", line
        for group, lines in data.get("dependency-groups", {}).items():
            for line in lines:
                if isinstance(line, str):  # {include-group = ...} entries name other groups
                    yield f"pyproject.toml [dependency-groups.{group}]", line
    for requirements in sorted([*rootdir.glob("requirements*.txt"), *rootdir.glob("requirements/*.txt")]):
        try:
            text = requirements.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for line in text.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith(("#", "-")):
                yield requirements.relative_to(rootdir).as_posix(), line
    setup_cfg = rootdir / "setup.cfg"
    if setup_cfg.is_file():
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(setup_cfg, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            return
        if parser.has_option("options", "install_requires"):
            for line in parser.get("options", "install_requires").splitlines():
                yield "setup.cfg [options] install_requires", line.strip()
        if parser.has_section("options.extras_require"):
            for extra, value in parser.items("options.extras_require"):
                for line in value.splitlines():
                    yield f"setup.cfg [options.extras_require] {extra}", line.strip()
