"""Find the configuration file pytest reads, read what the codemods need, and plan edits to it.

The lookup copies pytest 9.2's ``_pytest.config.findpaths.locate_config`` (the private module
is not imported: its signatures change between releases). Edits keep everything they do not
touch byte-identical: tomlkit for TOML, configupdater for INI.
"""

from __future__ import annotations

import configparser
import difflib
import fnmatch
import os
import re
import shlex
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import MappingProxyType

import tomlkit
import tomlkit.exceptions
from configupdater import ConfigUpdater
from configupdater.option import Option

from asyncio_migrate.results import Diagnostic, Severity

CODEMOD_ID = "config"
VALID_MODES = ("auto", "strict")

# Config kind -> the table (TOML path) or section (INI) holding pytest's options.
_TABLES: dict[str, tuple[str, ...]] = {
    "pytest.toml": ("pytest",),
    ".pytest.toml": ("pytest",),
    "pytest.ini": ("pytest",),
    ".pytest.ini": ("pytest",),
    "pyproject.toml [tool.pytest]": ("tool", "pytest"),
    "pyproject.toml [tool.pytest.ini_options]": ("tool", "pytest", "ini_options"),
    "tox.ini": ("pytest",),
    "setup.cfg": ("tool:pytest",),
}
# Tables where pytest keeps native TOML types; everywhere else values are INI strings.
_TYPED_KINDS = frozenset({"pytest.toml", ".pytest.toml", "pyproject.toml [tool.pytest]"})
_UTF8_BOM = "\ufeff"


class ConfigError(Exception):
    """A configuration file pytest would read cannot be parsed (pytest itself would stop)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class CollectionRules:
    python_files: tuple[str, ...] = ("test_*.py", "*_test.py")
    python_classes: tuple[str, ...] = ("Test",)
    python_functions: tuple[str, ...] = ("test",)

    def is_test_file(self, path: Path) -> bool:
        if path.suffix != ".py" or path.name == "conftest.py":
            return False
        return any(_fnmatch_ex(pattern, path) for pattern in self.python_files)

    def is_test_class(self, name: str) -> bool:
        return _matches_prefix_or_glob(self.python_classes, name)

    def is_test_function(self, name: str) -> bool:
        return _matches_prefix_or_glob(self.python_functions, name)


def _fnmatch_ex(pattern: str, path: Path) -> bool:
    # pytest's fnmatch_ex: a pattern without a separator matches the basename, otherwise the
    # whole path, anchored anywhere ("*/") when the path is absolute and the pattern is not.
    if os.sep != "/" and os.sep not in pattern and "/" in pattern:
        pattern = pattern.replace("/", os.sep)
    if os.sep not in pattern:
        return fnmatch.fnmatch(path.name, pattern)
    if PurePath(path).is_absolute() and not os.path.isabs(pattern):
        pattern = f"*{os.sep}{pattern}"
    return fnmatch.fnmatch(str(path), pattern)


def _matches_prefix_or_glob(options: tuple[str, ...], name: str) -> bool:
    return any(
        name.startswith(option)
        or (any(char in option for char in "*?[") and fnmatch.fnmatch(name, option))
        for option in options
    )


@dataclass(frozen=True)
class PytestConfig:
    path: Path | None
    kind: str | None
    rootdir: Path
    asyncio_mode: str | None = None
    addopts: tuple[str, ...] = ()
    default_test_loop_scope: str = "function"
    default_fixture_loop_scope: str | None = None  # None: unset
    collection: CollectionRules = field(default_factory=CollectionRules)
    raw: Mapping[str, object] = field(default_factory=dict)

    @property
    def mode_from_addopts(self) -> str | None:
        return _mode_option(self.addopts)

    @property
    def effective_mode(self) -> str:
        # pytest-asyncio reads the --asyncio-mode option before the ini key.
        for mode in (self.mode_from_addopts, self.asyncio_mode):
            if mode is not None:
                return mode
        return "strict"


def _mode_option(tokens: tuple[str, ...]) -> str | None:
    """The value of the last --asyncio-mode in a command line (argparse keeps the last)."""
    mode = None
    for index, token in enumerate(tokens):
        if token == "--asyncio-mode" and index + 1 < len(tokens):
            mode = tokens[index + 1]
        elif token.startswith("--asyncio-mode="):
            mode = token.partition("=")[2]
    return mode


def _disables_plugin(tokens: tuple[str, ...]) -> bool:
    return "-pno:asyncio" in tokens or ("-p", "no:asyncio") in zip(tokens, tokens[1:])


# --- reading -------------------------------------------------------------------------------


def locate_config(start: Path, known: dict[Path, PytestConfig | None] | None = None) -> PytestConfig:
    """The configuration pytest uses for ``start``.

    ``known``: the files already read (None: a file without pytest configuration), for a
    caller that looks up many folders of one project; each file is then read once.
    """
    known = {} if known is None else known
    start = Path(os.path.abspath(start))
    if start.is_file():
        start = start.parent
    first_pyproject: Path | None = None
    for folder in (start, *start.parents):
        for name, loader in _LOADERS.items():
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and first_pyproject is None:
                first_pyproject = candidate
            if candidate not in known:
                found = loader(candidate)
                known[candidate] = _build_config(candidate, found[0], folder, found[1]) if found is not None else None
            config = known[candidate]
            if config is not None:
                return config
    rootdir = first_pyproject.parent if first_pyproject is not None else start
    return PytestConfig(path=None, kind=None, rootdir=rootdir)


def _build_config(path: Path, kind: str, rootdir: Path, values: dict[str, object]) -> PytestConfig:
    def args(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        if key not in values:
            return default
        value = values[key]
        if isinstance(value, list):
            return tuple(str(item) for item in value)
        try:
            return tuple(shlex.split(str(value)))
        except ValueError as exc:  # an unclosed quote: pytest would stop on it too
            raise ConfigError(path, f"cannot split {key}: {exc}") from exc

    def text(key: str) -> str | None:
        return str(values[key]).strip() if key in values else None

    defaults = CollectionRules()
    return PytestConfig(
        path=path,
        kind=kind,
        rootdir=rootdir,
        asyncio_mode=text("asyncio_mode"),
        addopts=args("addopts", ()),
        default_test_loop_scope=text("asyncio_default_test_loop_scope") or "function",
        default_fixture_loop_scope=text("asyncio_default_fixture_loop_scope"),
        collection=CollectionRules(
            python_files=args("python_files", defaults.python_files),
            python_classes=args("python_classes", defaults.python_classes),
            python_functions=args("python_functions", defaults.python_functions),
        ),
        raw=MappingProxyType(values),
    )


_Found = tuple[str, dict[str, object]] | None


def _load_pytest_toml(path: Path) -> _Found:
    document = _parse_toml(path, _read_text(path)).unwrap()
    if "pytest" in document:
        return path.name, _table(path, document["pytest"], "[pytest]")
    top_level = [key for key, value in document.items() if not isinstance(value, dict)]
    if top_level:
        found = ", ".join(top_level)
        raise ConfigError(path, f"pytest options must be under a [pytest] table (found top-level: {found})")
    return path.name, {}  # pytest.toml always wins, even empty


def _load_pyproject(path: Path) -> _Found:
    tool = _table(path, _parse_toml(path, _read_text(path)).unwrap().get("tool", {}), "[tool]")
    tool_pytest = _table(path, tool.get("pytest", {}), "[tool.pytest]")
    native = {key: value for key, value in tool_pytest.items() if key != "ini_options"}
    ini_options = tool_pytest.get("ini_options")
    if native and ini_options:
        raise ConfigError(path, "cannot use both [tool.pytest] and [tool.pytest.ini_options]")
    if native:
        return "pyproject.toml [tool.pytest]", native
    if ini_options is not None:
        # pytest's INI mode: scalars become strings, lists stay lists.
        ini_options = _table(path, ini_options, "[tool.pytest.ini_options]")
        values = {k: v if isinstance(v, list) else str(v) for k, v in ini_options.items()}
        return "pyproject.toml [tool.pytest.ini_options]", values
    return None


def _table(path: Path, value: object, name: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(path, f"{name} must be a table, not {type(value).__name__}")
    return value


def _ini_loader(section: str, always_matches: bool) -> Callable[[Path], _Found]:
    def load(path: Path) -> _Found:
        updater = _parse_ini(path, _read_text(path))
        if updater.has_section(section):
            options = updater[section].iter_options()
            return path.name, {option.key: _ini_value(option.value or "") for option in options}
        if path.name == "setup.cfg" and updater.has_section("pytest"):
            raise ConfigError(path, "pytest no longer reads [pytest] in setup.cfg; rename it [tool:pytest]")
        return (path.name, {}) if always_matches else None

    return load


_LOADERS = {
    "pytest.toml": _load_pytest_toml,
    ".pytest.toml": _load_pytest_toml,
    "pytest.ini": _ini_loader("pytest", always_matches=True),
    ".pytest.ini": _ini_loader("pytest", always_matches=True),
    "pyproject.toml": _load_pyproject,
    "tox.ini": _ini_loader("pytest", always_matches=False),
    "setup.cfg": _ini_loader("tool:pytest", always_matches=False),
}


def _ini_value(value: str) -> str:
    # What pytest's iniconfig returns: lines stripped, blank and comment-only continuation
    # lines dropped. A "# ..." after the value on its first line is NOT a comment for it.
    first, *continuation = value.split("\n")
    lines = [first.strip(), *(line.strip() for line in continuation if not _is_ini_comment(line))]
    return "\n".join(line for line in lines if line)


def _is_ini_comment(line: str) -> bool:
    return line.strip()[:1] in ("", "#", ";")


def _read(path: Path) -> tuple[bytes, str, str]:
    """The raw bytes, the BOM (or ""), and the text after it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"not valid UTF-8 ({exc})") from exc
    bom = _UTF8_BOM if text.startswith(_UTF8_BOM) else ""
    return raw, bom, text[len(bom) :]


def _read_text(path: Path) -> str:
    return _read(path)[2]


def _parse_toml(path: Path, text: str) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from exc


def _parse_ini(path: Path, text: str) -> ConfigUpdater:
    updater = ConfigUpdater()
    updater.optionxform = str  # type: ignore[method-assign]  # pytest's keys are case-sensitive
    try:
        updater.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise ConfigError(path, f"invalid INI: {exc}") from exc
    return updater


# --- editing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfigEdit:
    path: Path
    old: bytes | None  # None: the file is created
    new: bytes
    note: str


def plan_setting(config: PytestConfig, key: str, value: str | bool) -> ConfigEdit | None:
    """The edit that makes pytest read ``key = value``, or None if it already does."""
    return plan_settings(config, {key: value})


def plan_settings(config: PytestConfig, settings: Mapping[str, str | bool]) -> ConfigEdit | None:
    """One edit of the configuration file that makes pytest read every ``key = value``."""
    if config.path is None or config.kind is None:
        return _plan_new_config(config.rootdir, settings)
    table = _TABLES[config.kind]
    old, bom, original = _read(config.path)
    text = _NEWLINE.sub("\n", original)  # edited with "\n"; each line gets its own ending back below
    where = f"{config.path.name} [{'.'.join(table)}]"
    assignments = []
    for key, value in settings.items():
        if config.path.suffix == ".toml":
            typed_value = value if config.kind in _TYPED_KINDS else _ini_string(value)
            new_text = _set_toml(config.path, text, table, key, typed_value)
            assignment = f"{key} = {tomlkit.item(typed_value).as_string()}"
        else:
            new_text = _set_ini(config.path, text, table[0], key, _ini_string(value))
            assignment = f"{key} = {_ini_string(value)}"
        if new_text is not None:
            text = new_text
            assignments.append(assignment)
    if not assignments:
        return None
    new = (bom + _keep_newlines(original, text)).encode("utf-8")
    return ConfigEdit(config.path, old, new, f"set {', '.join(assignments)} in {where}")


def _plan_new_config(rootdir: Path, settings: Mapping[str, str | bool]) -> ConfigEdit:
    # Never create pyproject.toml: its mere presence changes how pip builds a setup.py project.
    pyproject = rootdir / "pyproject.toml"
    if pyproject.is_file():
        old, bom, text = _read(pyproject)
        assignments = [f"{key} = {tomlkit.item(_ini_string(value)).as_string()}" for key, value in settings.items()]
        new_text = _keep_newlines(text, _append_section(_NEWLINE.sub("\n", text), "[tool.pytest.ini_options]",
                                                        "\n".join(assignments)))
        _parse_toml(pyproject, new_text)  # e.g. an inline `tool = {...}` cannot take a new table
        note = (
            f"added [tool.pytest.ini_options] with {', '.join(assignments)} to pyproject.toml"
            " (no pytest configuration was found)"
        )
        return ConfigEdit(pyproject, old, (bom + new_text).encode("utf-8"), note)
    assignments = [f"{key} = {_ini_string(value)}" for key, value in settings.items()]
    note = f"created pytest.ini with {', '.join(assignments)} (no pytest configuration was found)"
    body = "".join(f"{assignment}\n" for assignment in assignments)
    return ConfigEdit(rootdir / "pytest.ini", None, f"[pytest]\n{body}".encode(), note)


def _ini_string(value: str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _set_toml(
    path: Path, text: str, table_path: tuple[str, ...], key: str, value: str | bool
) -> str | None:
    document = _parse_toml(path, text)
    table: object = document
    for part in table_path:
        if part not in table:  # type: ignore[operator]
            # Only an empty pytest.toml gets here: it matches without a [pytest] table.
            assignment = f"{key} = {tomlkit.item(value).as_string()}"
            return _append_section(text, f"[{'.'.join(table_path)}]", assignment)
        table = table[part]  # type: ignore[index]
    current = table.unwrap().get(key)  # type: ignore[attr-defined]
    if type(current) is type(value) and current == value:
        return None
    table[key] = value  # type: ignore[index]  # tomlkit keeps the inline comment and dotted style
    return tomlkit.dumps(document)


def _set_ini(path: Path, text: str, section_name: str, key: str, value: str) -> str | None:
    updater = _parse_ini(path, text)
    if not updater.has_section(section_name):
        return _append_section(text, f"[{section_name}]", f"{key} = {value}")
    section = updater[section_name]
    if key in section:
        if _ini_value(section[key].value or "") == value:
            return None
        rewritten = _replace_ini_value(text, section_name, key, value)
        if rewritten is None:  # rewriting the option would lose its continuation lines and comments
            raise ConfigError(
                path,
                f"[{section_name}] {key} spans several lines (pytest reads {_ini_value(section[key].value or '')!r}); "
                f"write it on one line, {key} = {value}, by hand",
            )
        return rewritten
    else:
        options = [block for block in section.iter_blocks() if isinstance(block, Option)]
        # configupdater's own `section[key] = value` lands after the section's trailing blank
        # line, gluing the key to the next header.
        if options:
            options[-1].add_after.option(key, value)
        elif section.first_block is not None:
            section.first_block.add_before.option(key, value)
        else:
            section[key] = value
    return str(updater)


_INI_KEY_LINE = re.compile(r"(\s*[^=:\s][^=:]*?\s*[=:][ \t]*)(.*?)(\s*)$", re.DOTALL)
_INI_CONTINUATION = re.compile(r"(\s*)(.*?)(\s*)$", re.DOTALL)


def _replace_ini_value(text: str, section_name: str, key: str, value: str) -> str | None:
    """``text`` with only the value of ``key`` changed, on the one line that holds it (``key=old``
    stays ``key=new``; comment lines and the layout are kept); None when the value spans lines."""
    lines = [entry for entry in _ini_lines(text) if entry[1] == section_name and entry[2] == key]
    key_lines = [entry for entry in lines if not entry[3][:1].isspace()]
    if len(key_lines) != 1:
        return None
    matches = [
        (_INI_KEY_LINE if entry is key_lines[0] else _INI_CONTINUATION).match(entry[3]) for entry in lines
    ]
    holding = [(entry, match) for entry, match in zip(lines, matches) if match is not None and match.group(2)]
    if len(holding) > 1:
        return None
    (lineno, *_), match = holding[0] if holding else (key_lines[0], matches[lines.index(key_lines[0])])
    if match is None:
        return None
    source_lines = text.splitlines(keepends=True)
    source_lines[lineno - 1] = match.group(1) + value + source_lines[lineno - 1][match.end(2) :]
    return "".join(source_lines)


def _append_section(text: str, header: str, assignment: str) -> str:
    if text and not text.endswith("\n"):
        text += "\n"
    if text.strip() and not text.endswith("\n\n"):
        text += "\n"  # one blank line before the new section
    return f"{text}{header}\n{assignment}\n"


_NEWLINE = re.compile(r"\r\n|\r|\n")


def _keep_newlines(original: str, edited: str) -> str:
    """``edited`` (written with "\\n") with each line that ``original`` had ending as it did there.

    tomlkit and configupdater know only "\\n" (and configupdater not even a lone "\\r"); new
    lines get the file's most common ending, a last line without one keeps having none.
    """
    old = _split_lines(original)
    new = _split_lines(edited)
    endings = Counter(ending for _, ending in old if ending)
    usual = endings.most_common(1)[0][0] if endings else "\n"
    matcher = difflib.SequenceMatcher(None, [line for line, _ in old], [line for line, _ in new], autojunk=False)
    out = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        for offset, (line, ending) in enumerate(new[new_start:new_end]):
            counterpart = old_start + offset
            if ending and tag in ("equal", "replace") and counterpart < old_end and old[counterpart][1]:
                ending = old[counterpart][1]
            elif ending:
                ending = usual
            out.append(line + ending)
    return "".join(out)


def _split_lines(text: str) -> list[tuple[str, str]]:
    """(line, its ending) pairs; ``str.splitlines`` would also split on form feeds and the like."""
    lines, start = [], 0
    for match in _NEWLINE.finditer(text):
        lines.append((text[start : match.start()], match.group()))
        start = match.end()
    if start < len(text):
        lines.append((text[start:], ""))
    return lines


# --- diagnostics ---------------------------------------------------------------------------

_MODE_IN_TEXT = re.compile(r"--asyncio-mode(?:=|\s+)([\w-]+)")
_NO_PLUGIN_IN_TEXT = re.compile(r"-p\s*no:asyncio\b")
_TOX_FORCING_KEYS = ("commands", "setenv")


def key_line(config: PytestConfig, key: str) -> int:
    """The 1-based line where ``key`` is set in the config file (1 if not found, 0 if no file)."""
    if config.path is None or config.kind is None:
        return 0
    return _key_line(config.path, _read_text(config.path), _TABLES[config.kind], key)


def forced_mode_diagnostics(config: PytestConfig) -> list[Diagnostic]:
    """Places outside the asyncio_mode key that decide the mode, for the user to fix by hand."""
    diagnostics: list[Diagnostic] = []
    if config.path is not None and config.kind is not None:
        text = _read_text(config.path)
        table = _TABLES[config.kind]
        for problem in _forcing_problems(config.addopts):
            line = _key_line(config.path, text, table, "addopts")
            message = f"addopts in {config.path.name} {problem}; remove it from addopts by hand"
            diagnostics.append(_warning(config.path, line, 1, message))
        if config.asyncio_mode is not None and config.asyncio_mode not in VALID_MODES:
            line = _key_line(config.path, text, table, "asyncio_mode")
            message = f"asyncio_mode = {config.asyncio_mode!r} is not a valid mode; write auto or strict"
            if "#" in config.asyncio_mode or ";" in config.asyncio_mode:
                message += " (INI values have no inline comments: pytest reads all after '=')"
            diagnostics.append(_warning(config.path, line, 1, message))
    diagnostics.extend(_tox_diagnostics(config.rootdir / "tox.ini"))
    env_tokens = _split_lenient(os.environ.get("PYTEST_ADDOPTS", ""))
    for problem in _forcing_problems(env_tokens):
        message = f"the PYTEST_ADDOPTS environment variable {problem}; unset or change it by hand"
        diagnostics.append(_warning(Path("<env PYTEST_ADDOPTS>"), 0, 0, message))
    return diagnostics


def _forcing_problems(tokens: tuple[str, ...]) -> list[str]:
    problems = []
    mode = _mode_option(tokens)
    if mode is not None:
        problems.append(f"passes --asyncio-mode={mode}, which overrides the asyncio_mode setting")
    if _disables_plugin(tokens):
        problems.append("passes -p no:asyncio, which disables pytest-asyncio")
    return problems


def _tox_diagnostics(tox_ini: Path) -> list[Diagnostic]:
    if not tox_ini.is_file():
        return []
    diagnostics = []
    for lineno, section, key, line in _ini_lines(_read_text(tox_ini)):
        is_testenv = section == "testenv" or section.startswith("testenv:")
        if not is_testenv or key not in _TOX_FORCING_KEYS:
            continue
        for pattern, effect in (
            (_MODE_IN_TEXT, "overrides the asyncio_mode setting"),
            (_NO_PLUGIN_IN_TEXT, "disables pytest-asyncio"),
        ):
            for match in pattern.finditer(line):
                message = f"tox.ini [{section}] {key} passes {match.group(0)}, which {effect}; edit it by hand"
                diagnostics.append(_warning(tox_ini, lineno, match.start() + 1, message))
    return diagnostics


def _split_lenient(command_line: str) -> tuple[str, ...]:
    try:
        return tuple(shlex.split(command_line))
    except ValueError:  # an unclosed quote: still look at the words
        return tuple(command_line.split())


def _warning(path: Path, line: int, column: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, column, CODEMOD_ID, message, Severity.WARNING)


_INI_HEADER = re.compile(r"\[([^\]]+)\]")
_INI_KEY = re.compile(r"([^\s=:#;\[][^=:]*?)\s*[=:]")
_TOML_HEADER = re.compile(r"\s*\[\[?([^\[\]]+)\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"\s*([^\s=#\[][^=#]*?)\s*=")


def _key_line(path: Path, text: str, table: tuple[str, ...], key: str) -> int:
    """The 1-based line where ``key`` of the pytest table is written (1 if not found)."""
    if path.suffix == ".toml":
        target = (*table, key)
        header: tuple[str, ...] = ()
        for lineno, line in enumerate(text.splitlines(), start=1):
            if (header_match := _TOML_HEADER.match(line)) is not None:
                header = _toml_key_path(header_match.group(1))
            elif (key_match := _TOML_KEY.match(line)) is not None:
                if (*header, *_toml_key_path(key_match.group(1))) == target:
                    return lineno
        return 1
    for lineno, section, option, _ in _ini_lines(text):
        if (section, option) == (table[0], key):
            return lineno
    return 1


def _toml_key_path(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in dotted.split("."))


def _ini_lines(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(line number, section, option, line) for each line of an option's value in an INI text."""
    section, option = "", ""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if _is_ini_comment(line):
            continue
        if line[0].isspace():  # a continuation line of the current option
            if option:
                yield lineno, section, option, line
        elif (header := _INI_HEADER.match(line)) is not None:
            section, option = header.group(1).strip(), ""
        elif (key := _INI_KEY.match(line)) is not None:
            option = key.group(1)
            yield lineno, section, option, line
