"""The project as pytest sees it: its suites, the files one pytest configuration governs.

For each file, the configuration pytest 9 finds from the file's folder as given (a symlink is
judged where it lies, not where it points), so a monorepo's subprojects are separate suites and
files with no configuration above them form one more. A mode switch edits each suite's
configuration for that suite alone, and only once the whole suite is accounted for: files of
the suite not among the paths given are still read (never written) to learn what the switch
needs.

Read with bytes and the configuration only: every run needs this before it knows whether any
file is to be parsed (what crosses modules, which needs parsing, is in project.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from asyncio_migrate.config.discovery import discover
from asyncio_migrate.config.pytest_config import CollectionRules, PytestConfig, locate_config

# Pre-filters: a file without these bytes cannot hold what is looked for.
_ASYNC_DEF = re.compile(rb"\basync\s+def\b")
ASYNC_KEYWORD = re.compile(rb"\basync\b")
_PYTEST_ASYNCIO = (b"pytest_asyncio", b"asyncio_mode")


@dataclass
class Suite:
    """The files one pytest configuration governs."""

    config: PytestConfig
    named: list[Path] = field(default_factory=list)  # among the paths given: processed, written
    unnamed: list[Path] = field(default_factory=list)  # the rest of the suite: read, never written

    @property
    def label(self) -> str:
        return str(self.config.path) if self.config.path is not None else f"{self.config.rootdir} (no configuration)"


def suites_of(paths: Sequence[Path], files: Sequence[Path], whole: bool, excluded: bool = False) -> list[Suite]:
    """The suites ``files`` (discovered under ``paths``) belong to, in a stable order.

    ``whole``: also list each suite's files that were not given (a mode switch needs them);
    ``excluded``: some files under ``paths`` were left out (--exclude), so even a suite
    inside a given folder may have files that were not given.
    """
    configs = _ConfigFinder()
    unconfigured = locate_config(common_folder(paths))  # where a new configuration would go
    suites: dict[Path | None, Suite] = {}
    for path in files:
        config = configs.governing(path)
        key = config.path
        if key not in suites:
            suites[key] = Suite(config if key is not None else unconfigured)
        suites[key].named.append(path)
    if whole:
        named: set[str] | None = None  # resolved only for a suite that was not walked whole
        for key, suite in suites.items():
            # Without a configuration the suite is what pytest collects from where it is run.
            top = suite.config.rootdir if key is not None else common_folder(paths)
            if not excluded and any(_contains(folder, top) for folder in paths if folder.is_dir()):
                continue  # walked already: every file of the suite was given
            if named is None:
                named = {os.path.realpath(path) for path in files}
            for path in discover([top]):
                if configs.governing(path).path == key and os.path.realpath(path) not in named:
                    suite.unnamed.append(path)
    return sorted(suites.values(), key=lambda suite: str(suite.config.path or ""))


def _contains(folder: Path, path: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


class _ConfigFinder:
    """pytest's configuration for a file, looked up once per folder, each file read once."""

    def __init__(self) -> None:
        self._by_folder: dict[str, PytestConfig] = {}
        self._by_file: dict[Path, PytestConfig | None] = {}

    def governing(self, path: Path) -> PytestConfig:
        folder = os.path.dirname(path)
        if folder not in self._by_folder:  # abspath, not realpath: a symlink is judged where it lies
            self._by_folder[folder] = locate_config(Path(os.path.abspath(folder)), self._by_file)
        return self._by_folder[folder]


def common_folder(paths: Sequence[Path]) -> Path:
    folders = [os.path.abspath(path) if path.is_dir() else os.path.dirname(os.path.abspath(path)) for path in paths]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


def uses_pytest_asyncio(files: Iterable[tuple[Path, bytes | None]], rules: CollectionRules) -> bool:
    """Whether anything in these files (path and bytes, None if unreadable) is for pytest-asyncio:
    an async test or fixture (an async def in a test module or conftest, or next to a fixture),
    or pytest-asyncio named."""
    for path, source in files:
        if source is None:
            return True  # unknown: assume it is
        if any(needle in source for needle in _PYTEST_ASYNCIO) or b"mark.asyncio" in source:
            return True
        # "async" first: the regex has no literal prefix to skip ahead by.
        if b"async" in source and _ASYNC_DEF.search(source) and (
            path.name == "conftest.py" or rules.is_test_file(path) or b"fixture" in source
        ):
            return True
    return False
