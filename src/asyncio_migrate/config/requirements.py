"""The project's own pytest-asyncio requirement, wherever a Python project declares it.

Read, never run: TOML and INI files through their parsers, requirements files through
pip's own grammar (pip-requirements-parser: continuation lines, ``--hash``, options),
``setup.py`` through ``ast``, Poetry constraints (``^``, ``~``) through poetry-core, and
every requirement string through ``packaging``.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

NAME = "pytest-asyncio"

# Requirements files found by name in the project folder; the files they include with
# -r / -c are read wherever they are.
_REQUIREMENTS_GLOBS = (
    "*requirements*.txt",
    "*requirements*.in",
    "requirements/*.txt",
    "requirements/*.in",
    "constraints*.txt",
)
# A folder holding one of these is a project's root: requirements are not looked for above it.
_PROJECT_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git", ".hg")
# tox's factor conditions before a dependency: "py38,py39: dep", "!pypy: dep".
_TOX_FACTORS = re.compile(r"^[\w{}.,!-]+:\s+")
# A tox dependency line that includes a requirements or constraints file.
_TOX_INCLUDE = re.compile(r"^(?:-r|-c|--requirement|--constraint)(?:=|\s*)(?P<file>\S.*)$")


@dataclass(frozen=True)
class Found:
    where: str  # the file and table (or line) it comes from
    requirement: Requirement

    def __str__(self) -> str:
        return f"{self.where}: {self.requirement}"


def pytest_asyncio_requirements(rootdir: Path) -> list[Found]:
    """Every pytest-asyncio requirement the project at ``rootdir`` declares, in a stable order."""
    return requirements_of(rootdir, NAME)


def requirements_of(rootdir: Path, distribution: str) -> list[Found]:
    """Every requirement of ``distribution`` the project holding ``rootdir`` declares, in a stable order.

    A rootdir below its project (a ``tests/pytest.ini``) is read with every folder above it
    up to the project's root, where the dependencies usually are.
    """
    found: list[Found] = []
    for folder in _project_folders(rootdir):
        reader = _Reader(folder, canonicalize_name(distribution))
        for name in ("pyproject.toml", "hatch.toml", "tox.toml"):
            reader.toml(name)
        reader.setup_cfg()
        reader.setup_py()
        reader.tox_ini()
        for pattern in _REQUIREMENTS_GLOBS:
            for path in sorted(folder.glob(pattern)):
                reader.requirements_file(path)
        prefix = "" if folder == rootdir else Path(os.path.relpath(folder, rootdir)).as_posix() + "/"
        found.extend(Found(prefix + one.where, one.requirement) for one in reader.found)
    return found


def _project_folders(rootdir: Path) -> list[Path]:
    """``rootdir`` and its parents up to the nearest that is a project's root (a project file or a
    version-control root); ``rootdir`` alone when none is."""
    folders = []
    for folder in (rootdir, *rootdir.resolve().parents):
        folders.append(folder)
        if any((folder / marker).exists() for marker in _PROJECT_ROOT_MARKERS):
            return folders
    return [rootdir]


class _Reader:
    def __init__(self, rootdir: Path, name: str) -> None:
        self.rootdir = rootdir
        self.name = name
        self.found: list[Found] = []
        self._read_files: set[Path] = set()

    def add(self, where: str, line: str) -> None:
        try:
            requirement = Requirement(line.strip())
        except InvalidRequirement:
            return
        if canonicalize_name(requirement.name) == self.name:
            self.found.append(Found(where, requirement))

    def add_all(self, where: str, lines: object) -> None:
        if isinstance(lines, list):
            for line in lines:
                if isinstance(line, str):  # {include-group = ...} names a group read on its own
                    self.add(where, line)

    # --- TOML: PEP 621, dependency groups, Poetry, PDM, Hatch, uv, tox ---------------------

    def toml(self, name: str) -> None:
        data = self._load_toml(self.rootdir / name)
        if not data:
            return
        if name == "hatch.toml":
            self._hatch(name, data.get("envs"))
            return
        if name == "tox.toml":
            self._tox_toml(name, data)
            return
        project = _table(data.get("project"))
        self.add_all(f"{name} [project.dependencies]", project.get("dependencies"))
        for extra, lines in _table(project.get("optional-dependencies")).items():
            self.add_all(f"{name} [project.optional-dependencies.{extra}]", lines)
        for group, lines in _table(data.get("dependency-groups")).items():
            self.add_all(f"{name} [dependency-groups.{group}]", lines)
        tool = _table(data.get("tool"))
        self._poetry(name, _table(tool.get("poetry")))
        for group, lines in _table(_table(tool.get("pdm")).get("dev-dependencies")).items():
            self.add_all(f"{name} [tool.pdm.dev-dependencies.{group}]", lines)
        self._hatch(name, _table(tool.get("hatch")).get("envs"), prefix="tool.hatch.")
        uv = _table(tool.get("uv"))
        for key in ("dev-dependencies", "constraint-dependencies", "override-dependencies"):
            self.add_all(f"{name} [tool.uv.{key}]", uv.get(key))
        self._tox_toml(name, _table(tool.get("tox")), prefix="tool.tox.")

    def _poetry(self, name: str, poetry: Mapping) -> None:
        tables = {"tool.poetry.dependencies": poetry.get("dependencies"),
                  "tool.poetry.dev-dependencies": poetry.get("dev-dependencies")}
        for group, table in _table(poetry.get("group")).items():
            tables[f"tool.poetry.group.{group}.dependencies"] = _table(table).get("dependencies")
        for table_name, table in tables.items():
            for package, constraint in _table(table).items():
                if canonicalize_name(package) == self.name:
                    for line in _poetry_requirements(package, constraint, self.rootdir):
                        self.add(f"{name} [{table_name}]", line)

    def _hatch(self, name: str, envs: object, prefix: str = "") -> None:
        for env, table in _table(envs).items():
            for key in ("dependencies", "extra-dependencies"):
                self.add_all(f"{name} [{prefix}envs.{env}] {key}", _table(table).get(key))

    def _tox_toml(self, name: str, tox: Mapping, prefix: str = "") -> None:
        self._tox_deps(name, f"[{prefix}env_run_base]", _table(tox.get("env_run_base")).get("deps"))
        for env, table in _table(tox.get("env")).items():
            self._tox_deps(name, f"[{prefix}env.{env}]", _table(table).get("deps"))

    def _tox_deps(self, name: str, table: str, deps: object) -> None:
        if isinstance(deps, list):
            self._dependency_lines(f"{name} {table} deps", [line for line in deps if isinstance(line, str)])

    def _load_toml(self, path: Path) -> dict:
        if not path.is_file():
            return {}
        try:
            return tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()
        except (tomlkit.exceptions.ParseError, UnicodeDecodeError, OSError):
            return {}

    # --- setuptools ---------------------------------------------------------------------

    def setup_cfg(self) -> None:
        parser = self._ini("setup.cfg")
        if parser is None:
            return
        for key in ("install_requires", "tests_require"):
            if parser.has_option("options", key):
                self._ini_lines(f"setup.cfg [options] {key}", parser.get("options", key))
        if parser.has_section("options.extras_require"):
            for extra, value in parser.items("options.extras_require"):
                self._ini_lines(f"setup.cfg [options.extras_require] {extra}", value)

    def _ini_lines(self, where: str, value: str) -> None:
        # setuptools' own split: one requirement a line, or ";" between them on a single line.
        lines = value.splitlines() if "\n" in value else value.split(";")
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                self.add(where, line)

    def setup_py(self) -> None:
        """String literals in list, tuple and set displays of setup.py (install_requires=[...] and the like)."""
        path = self.rootdir / "setup.py"
        if not path.is_file():
            return
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError, OSError):
            return
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                for element in node.elts:
                    if isinstance(element, ast.Constant) and isinstance(element.value, str):
                        self.add(f"setup.py:{element.lineno}", element.value)

    # --- tox.ini ------------------------------------------------------------------------

    def tox_ini(self) -> None:
        parser = self._ini("tox.ini")
        if parser is None:
            return
        for section in parser.sections():
            if (section == "testenv" or section.startswith("testenv:")) and parser.has_option(section, "deps"):
                lines = [_TOX_FACTORS.sub("", line.strip()) for line in parser.get(section, "deps").splitlines()]
                self._dependency_lines(f"tox.ini [{section}] deps", lines)

    def _ini(self, name: str) -> configparser.ConfigParser | None:
        path = self.rootdir / name
        if not path.is_file():
            return None
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            return None
        return parser

    def _dependency_lines(self, where: str, lines: Iterable[str]) -> None:
        """tox deps: requirement strings, and -r / -c lines naming requirements files (relative to tox's root)."""
        for line in lines:
            line = line.split(" #", 1)[0].strip()
            include = _TOX_INCLUDE.match(line)
            if include:
                root = str(self.rootdir)
                self.requirements_file(self.rootdir / include["file"].replace("{toxinidir}", root).replace("{tox_root}", root))
            elif line and not line.startswith(("#", "-", "{")):  # {[testenv]deps}: read in its own section
                self.add(where, line)

    # --- requirements files -------------------------------------------------------------

    def requirements_file(self, path: Path) -> None:
        """One pip requirements file, and the files it includes with -r / -c (as pip would, each once)."""
        # Imported here: only `upgrade` reads requirements, and pip's grammar costs 70 ms to load.
        from pip_requirements_parser import InstallationError, RequirementsFile

        path = path.resolve()
        if path in self._read_files or not path.is_file():
            return
        self._read_files.add(path)
        try:
            parsed = RequirementsFile.from_file(str(path), include_nested=False)
        except (InstallationError, UnicodeDecodeError, OSError):
            return
        where = Path(os.path.relpath(path, self.rootdir.resolve())).as_posix()
        for requirement in parsed.requirements:
            if requirement.req is not None and canonicalize_name(requirement.req.name) == self.name:
                self.found.append(Found(f"{where}:{requirement.requirement_line.line_number}", requirement.req))
        for option in parsed.options:
            for included in [*option.options.get("requirements", []), *option.options.get("constraints", [])]:
                self.requirements_file(path.parent / included)


def _table(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _poetry_requirements(package: str, constraint: object, rootdir: Path) -> Iterator[str]:
    """PEP 508 forms of a Poetry dependency (a list of constraints gives one each)."""
    # Imported here: poetry-core takes 300 ms to load, and few projects use Poetry.
    from poetry.core.factory import Factory

    for one in constraint if isinstance(constraint, list) else [constraint]:
        if not isinstance(one, (str, Mapping)):
            continue
        try:
            dependency = Factory.create_dependency(
                package, dict(one) if isinstance(one, Mapping) else one, root_dir=rootdir
            )
        except ValueError:  # a constraint Poetry itself could not parse
            continue
        yield dependency.to_pep_508()
