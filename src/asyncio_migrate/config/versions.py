"""pytest-asyncio versions: which one `upgrade` targets, and what each version can run."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from asyncio_migrate.config.requirements import pytest_asyncio_requirements, requirements_of

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
# pytest 9 releases, to ask whether a project's pytest requirement admits one.
_PYTEST_9 = tuple(Version(f"9.{minor}.{patch}") for minor in range(20) for patch in range(20))

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
    reason: str  # where it comes from, for the report
    # The project still allows releases older than the hook (so a hook needs optionalhook=True).
    allows_before_hook: bool = False


class TargetError(ValueError):
    """--target is not a pytest-asyncio version this tool knows."""


# Operators that bound a requirement from below ("==0.24.*" and "~=0.24" included).
_LOWER_BOUND_OPERATORS = frozenset({">=", ">", "==", "~=", "==="})
_INSTALLED_VERSION = (
    "import sys; del sys.path[0]\n"  # never import the project's own modules
    "from importlib.metadata import PackageNotFoundError, version\n"
    "try:\n    print(version('pytest-asyncio'))\nexcept PackageNotFoundError:\n    pass\n"
)


def choose_target(explicit: str | None, rootdir: Path, python: str | None = None) -> Target:
    """The release `upgrade` writes for, and why (see the README's "upgrade" section).

    ``--target`` when given; else the lowest release the project's requirement admits when
    it has a lower bound; else the pytest-asyncio installed where the suite runs
    (``python``, default: this interpreter); else the newest release.
    """
    found = pytest_asyncio_requirements(rootdir)
    specifier = SpecifierSet()
    for one in found:
        specifier &= one.requirement.specifier
    admitted = list(specifier.filter(RELEASES))
    allows_before_hook = bool(found and admitted) and admitted[0] < Version(HOOK_MIN_VERSION)
    if explicit is not None:
        return Target(parse_target(explicit), "given with --target", allows_before_hook)
    places = ", ".join(map(str, found))
    if _has_lower_bound(specifier):
        if admitted:
            return Target(_minor(admitted[0]), f"the lowest release the project's requirement admits ({places})",
                          allows_before_hook)
        # The requirements disagree (one per Python version, say): the oldest any of them admits.
        lowest_each = [
            min(one.requirement.specifier.filter(RELEASES), default=None)
            for one in found
            if _has_lower_bound(one.requirement.specifier)
        ]
        lowest = min((version for version in lowest_each if version is not None), default=None)
        if lowest is not None:
            return Target(_minor(lowest), f"no release satisfies every requirement ({places}); the lowest "
                          "release one of them admits", lowest < Version(HOOK_MIN_VERSION))
        return Target(NEWEST, f"no release matches the project's requirement ({places}); the newest release")
    interpreter = python or sys.executable
    installed = installed_version(interpreter)
    why = (f"the project's requirement has no lower bound ({places})" if found
           else "no pytest-asyncio requirement found in the project")
    if installed is not None and specifier.contains(installed, prereleases=True):
        release = max((v for v in RELEASES if v <= installed), default=RELEASES[0])
        return Target(_minor(release), f"{why}; pytest-asyncio {installed} is installed for {interpreter}",
                      allows_before_hook)
    if installed is None:
        why += f"; pytest-asyncio is not installed for {interpreter}"
    else:
        why += f"; the pytest-asyncio installed for {interpreter} ({installed}) is not one it admits"
    if not (found and admitted):
        return Target(NEWEST, f"{why}; the newest release")
    return Target(_minor(admitted[-1]), f"{why}; the newest release it admits", allows_before_hook)


def parse_target(text: str) -> str:
    """``--target`` as "major.minor": ``1.5``, ``1.5.0`` or a lower bound such as ``>=1.5``."""
    known = sorted({_minor(v) for v in RELEASES}, key=parse)
    problem = f"--target {text}: give a pytest-asyncio release ({', '.join(known)}), as 1.5, 1.5.0 or >=1.5"
    text = text.strip()
    try:
        if text[:1] in "<>=!~":
            specifier = SpecifierSet(text)
            if not _has_lower_bound(specifier):
                raise TargetError(f"{problem} (a specifier needs a lower bound)")
            release = min(specifier.filter(RELEASES), default=None)
        else:
            version = Version(text)
            if len(version.release) < 2 or version.pre or version.dev or version.local:
                raise TargetError(problem)
            release = next((v for v in RELEASES if _minor(v) == _minor(version)), None)
    except (InvalidVersion, InvalidSpecifier):
        raise TargetError(problem) from None
    if release is None:
        raise TargetError(problem)
    return _minor(release)


def installed_version(python: str) -> Version | None:
    """The pytest-asyncio version ``python`` imports, or None (not installed, or no such Python)."""
    try:
        completed = subprocess.run(
            [python, "-c", _INSTALLED_VERSION], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = completed.stdout.split()  # a sitecustomize may print before the version
    if completed.returncode != 0 or not lines:
        return None
    try:
        return Version(lines[-1])
    except InvalidVersion:
        return None


def _has_lower_bound(specifier: SpecifierSet) -> bool:
    return any(spec.operator in _LOWER_BOUND_OPERATORS for spec in specifier)


def _minor(version: Version) -> str:
    return f"{version.major}.{version.minor}"


def pytest_9_excluded_by(rootdir: Path) -> str | None:
    """The project's pytest requirements when they admit no pytest 9 release; None when they admit one
    (or there are none: pytest-asyncio 1.x runs on pytest 9)."""
    found = requirements_of(rootdir, "pytest")
    specifier = SpecifierSet()
    for one in found:
        specifier &= one.requirement.specifier
    if not found or any(specifier.filter(_PYTEST_9, prereleases=True)):
        return None
    return ", ".join(map(str, found))
