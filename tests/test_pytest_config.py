from __future__ import annotations

from pathlib import Path

import pytest

# Tests only: pytest's own reader is the oracle for "pytest reads the same file and value".
from _pytest.config.findpaths import locate_config as pytest_locate_config

from asyncio_migrate.config import pytest_config
from asyncio_migrate.config.pytest_config import (
    CollectionRules,
    ConfigEdit,
    ConfigError,
    PytestConfig,
    forced_mode_diagnostics,
    locate_config,
    plan_setting,
    plan_settings,
)
from asyncio_migrate.results import Severity


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return path


def pytest_reads(start: Path) -> tuple[Path | None, dict[str, object]]:
    """The config file pytest 9.2 reads from ``start`` and its values."""
    _, inipath, values, _ = pytest_locate_config(start, [start])
    return inipath, {key: value.value for key, value in values.items()}


def apply(edit: ConfigEdit) -> None:
    edit.path.write_bytes(edit.new)


def plan(config: PytestConfig, key: str, value: str | bool) -> ConfigEdit:
    edit = plan_setting(config, key, value)
    assert edit is not None
    return edit


def assert_pure_crlf(data: bytes) -> None:
    assert data.count(b"\n") == data.count(b"\r\n")


# --- precedence ----------------------------------------------------------------------------

PRECEDENCE_CASES = {
    "pytest.toml beats pyproject": (
        {"pytest.toml": "", "pyproject.toml": '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n'},
        "pytest.toml",
        "pytest.toml",
    ),
    ".pytest.toml beats pytest.ini": (
        {
            ".pytest.toml": '[pytest]\nasyncio_mode = "auto"\n',
            "pytest.ini": "[pytest]\nasyncio_mode = strict\n",
        },
        ".pytest.toml",
        ".pytest.toml",
    ),
    "pytest.ini without [pytest] still matches": (
        {"pytest.ini": "[other]\nx = 1\n", "tox.ini": "[pytest]\nasyncio_mode = auto\n"},
        "pytest.ini",
        "pytest.ini",
    ),
    "pyproject without pytest table gives way to tox.ini": (
        {"pyproject.toml": '[project]\nname = "x"\n', "tox.ini": "[pytest]\nasyncio_mode = auto\n"},
        "tox.ini",
        "tox.ini",
    ),
    "native [tool.pytest]": (
        {"pyproject.toml": '[tool.pytest]\nasyncio_mode = "auto"\n', "setup.cfg": "[tool:pytest]\nx = 1\n"},
        "pyproject.toml",
        "pyproject.toml [tool.pytest]",
    ),
    "tox.ini without [pytest] gives way to setup.cfg": (
        {"tox.ini": "[tox]\nenvlist = py\n", "setup.cfg": "[tool:pytest]\nasyncio_mode = auto\n"},
        "setup.cfg",
        "setup.cfg",
    ),
}


@pytest.mark.parametrize(
    ("files", "expected_file", "expected_kind"), PRECEDENCE_CASES.values(), ids=PRECEDENCE_CASES
)
def test_precedence_matches_pytest(
    tmp_path: Path, files: dict[str, str], expected_file: str, expected_kind: str
) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    config = locate_config(tmp_path)
    pytest_path, pytest_values = pytest_reads(tmp_path)
    assert config.path == tmp_path / expected_file == pytest_path
    assert config.kind == expected_kind
    assert config.rootdir == tmp_path
    assert config.asyncio_mode == pytest_values.get("asyncio_mode")


def test_nearest_folder_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n')
    write(tmp_path / "tests" / "pytest.ini", "[pytest]\nasyncio_mode = strict\n")
    config = locate_config(tmp_path / "tests")
    assert config.path == tmp_path / "tests" / "pytest.ini" == pytest_reads(tmp_path / "tests")[0]
    assert config.rootdir == tmp_path / "tests"
    assert config.asyncio_mode == "strict"


def test_walks_up_from_a_nested_file(tmp_path: Path) -> None:
    write(tmp_path / "tox.ini", "[pytest]\nasyncio_mode = auto\n")
    test_file = write(tmp_path / "tests" / "unit" / "test_a.py", "")
    config = locate_config(test_file)
    assert config.path == tmp_path / "tox.ini" == pytest_reads(test_file.parent)[0]
    assert config.rootdir == tmp_path
    assert config.asyncio_mode == "auto"


def test_known_files_are_read_once_for_many_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')  # no pytest configuration in it
    write(tmp_path / "tests" / "pytest.ini", "[pytest]\nasyncio_mode = auto\n")
    reads: list[Path] = []
    for name, loader in list(pytest_config._LOADERS.items()):
        monkeypatch.setitem(pytest_config._LOADERS, name, lambda path, load=loader: reads.append(path) or load(path))
    known: dict[Path, PytestConfig | None] = {}
    folders = [tmp_path / "tests" / name for name in ("a", "b", "c")]
    configs = [locate_config(folder, known) for folder in folders]
    assert {config.path for config in configs} == {tmp_path / "tests" / "pytest.ini"}
    assert reads == [tmp_path / "tests" / "pytest.ini"]
    assert locate_config(tmp_path / "src", known).rootdir == tmp_path  # the pyproject, read once too
    assert locate_config(tmp_path / "docs", known).path is None
    assert reads == [tmp_path / "tests" / "pytest.ini", tmp_path / "pyproject.toml"]


def test_no_config_roots_at_the_first_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    nested = tmp_path / "src" / "pkg"
    nested.mkdir(parents=True)
    config = locate_config(nested)
    assert config.path is None and config.kind is None
    assert config.rootdir == tmp_path
    assert config.effective_mode == "strict"


def test_no_config_and_no_pyproject_roots_at_start(tmp_path: Path) -> None:
    config = locate_config(tmp_path)
    assert config.path is None
    assert config.rootdir == tmp_path


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("pyproject.toml", "[tool.pytest.ini_options\nx = 1\n", "invalid TOML"),
        ("pytest.toml", 'timeout = 3\n', "[pytest] table"),
        ("pytest.toml", 'pytest = "x"\n', "[pytest] must be a table"),
        ("pyproject.toml", '[tool]\npytest = 1\n', "[tool.pytest] must be a table"),
        ("pyproject.toml", '[tool.pytest]\nx = "1"\n[tool.pytest.ini_options]\ny = "2"\n', "cannot use both"),
        ("tox.ini", "no section here\n", "invalid INI"),
        ("setup.cfg", "[pytest]\nx = 1\n", "[tool:pytest]"),
        ("pytest.ini", "[pytest]\nx = 1\nx = 2\n", "invalid INI"),
    ],
)
def test_malformed_config_raises_config_error(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as excinfo:
        locate_config(tmp_path)
    assert excinfo.value.path == path
    assert str(excinfo.value).startswith(f"{path}: ")
    assert fragment in str(excinfo.value)


# --- reading values ------------------------------------------------------------------------


def test_ini_value_keeps_a_would_be_comment_like_pytest(tmp_path: Path) -> None:
    write(tmp_path / "pytest.ini", "[pytest]\nasyncio_mode = strict  # will flip\n")
    config = locate_config(tmp_path)
    assert config.asyncio_mode == "strict  # will flip" == pytest_reads(tmp_path)[1]["asyncio_mode"]


def test_raw_holds_every_key_as_pytest_reads_it(tmp_path: Path) -> None:
    write(
        tmp_path / "tox.ini",
        "[pytest]\nanyio_mode = x\naddopts =\n    -x\n    # a comment\n\n    -v\nAsyncio_Mode = auto\n",
    )
    config = locate_config(tmp_path)
    assert dict(config.raw) == pytest_reads(tmp_path)[1]
    assert config.raw["addopts"] == "-x\n-v"
    assert config.addopts == ("-x", "-v")
    # pytest's keys are case-sensitive: "Asyncio_Mode" is not asyncio_mode.
    assert config.asyncio_mode is None


def test_ini_options_scalars_become_strings_like_pytest(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.pytest.ini_options]\nasyncio_debug = true\nxfail_strict = 1\n")
    config = locate_config(tmp_path)
    assert dict(config.raw) == pytest_reads(tmp_path)[1] == {"asyncio_debug": "True", "xfail_strict": "1"}


def test_default_test_loop_scope(tmp_path: Path) -> None:
    write(tmp_path / "pytest.ini", "[pytest]\nasyncio_default_test_loop_scope = module\n")
    assert locate_config(tmp_path).default_test_loop_scope == "module"
    write(tmp_path / "pytest.ini", "[pytest]\n")
    assert locate_config(tmp_path).default_test_loop_scope == "function"


@pytest.mark.parametrize(
    ("addopts", "expected"),
    [
        ('"--asyncio-mode=auto -x"', "auto"),
        ('"-x --asyncio-mode auto"', "auto"),
        ('["--asyncio-mode", "strict"]', "strict"),
        ('"--asyncio-mode=strict --asyncio-mode=auto"', "auto"),
        ('"-x --asyncio-modes=auto"', None),
    ],
)
def test_mode_from_addopts(tmp_path: Path, addopts: str, expected: str | None) -> None:
    write(tmp_path / "pyproject.toml", f'[tool.pytest.ini_options]\naddopts = {addopts}\nasyncio_mode = "ini"\n')
    config = locate_config(tmp_path)
    assert config.mode_from_addopts == expected
    assert config.effective_mode == (expected or "ini")


def test_mode_from_ini_addopts_both_forms(tmp_path: Path) -> None:
    write(tmp_path / "setup.cfg", "[tool:pytest]\naddopts = --asyncio-mode auto\n")
    assert locate_config(tmp_path).effective_mode == "auto"
    write(tmp_path / "setup.cfg", "[tool:pytest]\naddopts =\n  -q\n  --asyncio-mode=auto\n")
    assert locate_config(tmp_path).effective_mode == "auto"


# --- collection rules ----------------------------------------------------------------------


def test_default_collection_rules(tmp_path: Path) -> None:
    rules = CollectionRules()
    assert rules.is_test_file(tmp_path / "test_a.py")
    assert rules.is_test_file(tmp_path / "a_test.py")
    assert not rules.is_test_file(tmp_path / "helpers.py")
    assert not rules.is_test_file(tmp_path / "test_a.txt")
    assert not rules.is_test_file(tmp_path / "conftest.py")
    assert not CollectionRules(python_files=("*.py",)).is_test_file(tmp_path / "conftest.py")


def test_path_pattern_python_files_match_the_whole_path(tmp_path: Path) -> None:
    rules = CollectionRules(python_files=("tests/*/check_*.py",))
    assert rules.is_test_file(tmp_path / "tests" / "unit" / "check_a.py")
    assert not rules.is_test_file(tmp_path / "other" / "unit" / "check_a.py")
    assert not rules.is_test_file(tmp_path / "tests" / "check_a.py")


def test_prefix_versus_glob_names() -> None:
    rules = CollectionRules(python_classes=("Test", "*Suite"), python_functions=("check", "*_should_*"))
    assert rules.is_test_class("Tests")
    assert rules.is_test_class("MySuite")
    assert not rules.is_test_class("MySuiteHelper")
    assert not rules.is_test_class("ATest")  # "Test" is a prefix, not a glob
    assert rules.is_test_function("checking")
    assert rules.is_test_function("it_should_work")
    assert not rules.is_test_function("test_x")


def test_collection_rules_read_from_config(tmp_path: Path) -> None:
    write(tmp_path / "tox.ini", "[pytest]\npython_files = check_*.py\n  spec_*.py\npython_functions = it_\n")
    rules = locate_config(tmp_path).collection
    assert rules.python_files == ("check_*.py", "spec_*.py")
    assert rules.python_classes == ("Test",)
    assert rules.is_test_function("it_works") and not rules.is_test_function("test_x")
    write(tmp_path / "pytest.toml", '[pytest]\npython_classes = ["Spec"]\n')
    assert locate_config(tmp_path).collection.python_classes == ("Spec",)


# --- editing: TOML -------------------------------------------------------------------------

PYPROJECT = """\
[project]
name = "demo"

[tool.pytest.ini_options]
# pytest settings
asyncio_mode = "strict"  # TODO flip
markers = [
    "slow: slow tests",
]

[tool.coverage.run]
branch = true
"""


def test_pyproject_existing_key_keeps_its_comment(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", PYPROJECT)
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.old == PYPROJECT.encode()
    assert edit.new.decode() == PYPROJECT.replace('"strict"  # TODO', '"auto"  # TODO')
    assert edit.note == 'set asyncio_mode = "auto" in pyproject.toml [tool.pytest.ini_options]'
    apply(edit)
    assert pytest_reads(tmp_path)[1]["asyncio_mode"] == "auto"


def test_pyproject_new_key_goes_after_the_last_key(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", PYPROJECT)
    edit = plan(locate_config(tmp_path), "asyncio_debug", True)
    expected = PYPROJECT.replace(']\n\n[tool.coverage', ']\nasyncio_debug = "true"\n\n[tool.coverage')
    assert edit.new.decode() == expected
    apply(edit)
    assert pytest_reads(tmp_path)[1]["asyncio_debug"] == "true"


def test_native_tool_pytest_takes_typed_values(tmp_path: Path) -> None:
    text = '[tool.pytest]\nminversion = "9.0"\n\n[tool.black]\nline-length = 88\n'
    write(tmp_path / "pyproject.toml", text)
    config = locate_config(tmp_path)
    apply(plan(config, "asyncio_debug", True))
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new.decode() == text.replace(
        '"9.0"\n', '"9.0"\nasyncio_debug = true\nasyncio_mode = "auto"\n'
    )
    apply(edit)
    values = pytest_reads(tmp_path)[1]
    assert values["asyncio_debug"] is True
    assert values["asyncio_mode"] == "auto"


def test_dotted_keys_stay_dotted(tmp_path: Path) -> None:
    text = '[tool]\npytest.ini_options.addopts = "-x"\nblack.line-length = 88\n\n[project]\nname = "x"\n'
    write(tmp_path / "pyproject.toml", text)
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new.decode() == text.replace(
        '"-x"\n', '"-x"\npytest.ini_options.asyncio_mode = "auto"\n'
    )
    apply(edit)
    assert pytest_reads(tmp_path)[1]["asyncio_mode"] == "auto"


def test_pytest_toml_existing_and_empty(tmp_path: Path) -> None:
    write(tmp_path / "pytest.toml", '[pytest]\nasyncio_mode = "strict" # c\n')
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new == b'[pytest]\nasyncio_mode = "auto" # c\n'
    write(tmp_path / "pytest.toml", "")
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new == b'[pytest]\nasyncio_mode = "auto"\n'
    apply(edit)
    assert pytest_reads(tmp_path) == (tmp_path / "pytest.toml", {"asyncio_mode": "auto"})


def test_crlf_toml_stays_pure_crlf(tmp_path: Path) -> None:
    text = PYPROJECT.replace("\n", "\r\n")
    write(tmp_path / "pyproject.toml", text)
    edit = plan(locate_config(tmp_path), "asyncio_default_test_loop_scope", "module")
    assert_pure_crlf(edit.new)
    assert edit.new.decode() == text.replace(
        ']\r\n\r\n[tool.coverage', ']\r\nasyncio_default_test_loop_scope = "module"\r\n\r\n[tool.coverage'
    )
    apply(edit)
    assert pytest_reads(tmp_path)[1]["asyncio_default_test_loop_scope"] == "module"


def test_toml_bom_is_kept(tmp_path: Path) -> None:
    write(tmp_path / "pytest.toml", "\ufeff" + '[pytest]\naddopts = ["-x"]\n')
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new == ("\ufeff" + '[pytest]\naddopts = ["-x"]\nasyncio_mode = "auto"\n').encode()


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ('[tool.pytest.ini_options]\nasyncio_mode = "auto"\n', "asyncio_mode", "auto"),
        ("[tool.pytest.ini_options]\nasyncio_mode = 'auto'\n", "asyncio_mode", "auto"),
        ('[tool.pytest.ini_options]\nasyncio_debug = "true"\n', "asyncio_debug", True),
        ("[tool.pytest]\nasyncio_debug = true\n", "asyncio_debug", True),
    ],
)
def test_unchanged_toml_value_gives_none(tmp_path: Path, text: str, key: str, value: str | bool) -> None:
    write(tmp_path / "pyproject.toml", text)
    assert plan_setting(locate_config(tmp_path), key, value) is None


@pytest.mark.parametrize("written", ['"true"', "1"])
def test_native_bool_replaces_a_look_alike(tmp_path: Path, written: str) -> None:
    write(tmp_path / "pyproject.toml", f"[tool.pytest]\nasyncio_debug = {written}\n")
    assert plan(locate_config(tmp_path), "asyncio_debug", True).new == b"[tool.pytest]\nasyncio_debug = true\n"


# --- editing: INI --------------------------------------------------------------------------

TOX_INI = """\
[tox]
envlist = py311

# Options for pytest
[pytest]
Markers =
    slow: slow tests
addopts = -ra  ; keep
filterwarnings =
    error
    ; this one must stay
    ignore::DeprecationWarning

[flake8]
max-line-length = 100
"""


def test_tox_ini_new_key_goes_after_the_last_option(tmp_path: Path) -> None:
    write(tmp_path / "tox.ini", TOX_INI)
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new.decode() == TOX_INI.replace(
        "DeprecationWarning\n\n", "DeprecationWarning\nasyncio_mode = auto\n\n"
    )
    assert edit.note == "set asyncio_mode = auto in tox.ini [pytest]"
    apply(edit)
    assert pytest_reads(tmp_path)[1]["asyncio_mode"] == "auto"


def test_setup_cfg_existing_key_replaced_whole(tmp_path: Path) -> None:
    text = "[metadata]\nname = x\n\n[tool:pytest]\nasyncio_mode = strict  # will flip\ntestpaths = tests\n"
    write(tmp_path / "setup.cfg", text)
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new.decode() == text.replace("strict  # will flip", "auto")
    apply(edit)
    assert pytest_reads(tmp_path) == (tmp_path / "setup.cfg", {"asyncio_mode": "auto", "testpaths": "tests"})


def test_pytest_ini_value_on_a_continuation_line_replaced_there_and_bool_written_as_text(tmp_path: Path) -> None:
    text = "[pytest]\nasyncio_mode =\n    strict\nasyncio_debug = false\n"
    write(tmp_path / "pytest.ini", text)
    config = locate_config(tmp_path)
    assert plan(config, "asyncio_mode", "auto").new == b"[pytest]\nasyncio_mode =\n    auto\nasyncio_debug = false\n"
    assert plan(config, "asyncio_debug", True).new == b"[pytest]\nasyncio_mode =\n    strict\nasyncio_debug = true\n"
    apply(plan(config, "asyncio_debug", True))
    assert pytest_reads(tmp_path)[1]["asyncio_debug"] == "true"


def test_empty_ini_section_gets_the_key_right_after_its_header(tmp_path: Path) -> None:
    write(tmp_path / "tox.ini", "[pytest]\n\n[flake8]\nx = 1\n")
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new == b"[pytest]\nasyncio_mode = auto\n\n[flake8]\nx = 1\n"


def test_pytest_ini_without_section_gets_one_after_a_blank_line(tmp_path: Path) -> None:
    write(tmp_path / "pytest.ini", "[other]\nx = 1")
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new == b"[other]\nx = 1\n\n[pytest]\nasyncio_mode = auto\n"
    apply(edit)
    assert pytest_reads(tmp_path)[1] == {"asyncio_mode": "auto"}


def test_crlf_ini_stays_pure_crlf(tmp_path: Path) -> None:
    text = TOX_INI.replace("\n", "\r\n")
    write(tmp_path / "tox.ini", text)
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert_pure_crlf(edit.new)
    assert edit.new.decode() == text.replace(
        "DeprecationWarning\r\n\r\n", "DeprecationWarning\r\nasyncio_mode = auto\r\n\r\n"
    )
    apply(edit)
    assert pytest_reads(tmp_path)[1]["asyncio_mode"] == "auto"


def test_ini_bom_is_kept(tmp_path: Path) -> None:
    write(tmp_path / "pytest.ini", "\ufeff[pytest]\naddopts = -x\n")
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.new == "\ufeff[pytest]\naddopts = -x\nasyncio_mode = auto\n".encode()
    apply(edit)
    assert pytest_reads(tmp_path)[1] == {"addopts": "-x", "asyncio_mode": "auto"}


def test_unchanged_ini_value_gives_none(tmp_path: Path) -> None:
    write(tmp_path / "setup.cfg", "[tool:pytest]\nasyncio_mode = auto\nasyncio_debug =\n    true\n")
    config = locate_config(tmp_path)
    assert plan_setting(config, "asyncio_mode", "auto") is None
    assert plan_setting(config, "asyncio_debug", True) is None


# --- editing: no configuration -------------------------------------------------------------


def test_no_config_adds_ini_options_to_pyproject(tmp_path: Path) -> None:
    text = '[project]\nname = "x"'  # no final newline
    write(tmp_path / "pyproject.toml", text)
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit.path == tmp_path / "pyproject.toml"
    assert edit.old == text.encode()
    assert edit.new == b'[project]\nname = "x"\n\n[tool.pytest.ini_options]\nasyncio_mode = "auto"\n'
    assert "pyproject.toml" in edit.note and "no pytest configuration" in edit.note
    apply(edit)
    assert pytest_reads(tmp_path) == (tmp_path / "pyproject.toml", {"asyncio_mode": "auto"})


def test_no_config_keeps_crlf_in_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\r\nname = "x"\r\n\r\n')
    edit = plan(locate_config(tmp_path), "asyncio_debug", False)
    assert edit.new == b'[project]\r\nname = "x"\r\n\r\n[tool.pytest.ini_options]\r\nasyncio_debug = "false"\r\n'


def test_no_config_refuses_to_break_an_inline_tool_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "tool = { black = { line-length = 88 } }\n")
    with pytest.raises(ConfigError) as excinfo:
        plan_setting(locate_config(tmp_path), "asyncio_mode", "auto")
    assert excinfo.value.path == path


def test_no_config_and_no_pyproject_creates_pytest_ini(tmp_path: Path) -> None:
    edit = plan(locate_config(tmp_path), "asyncio_mode", "auto")
    assert edit == ConfigEdit(
        tmp_path / "pytest.ini",
        None,
        b"[pytest]\nasyncio_mode = auto\n",
        "created pytest.ini with asyncio_mode = auto (no pytest configuration was found)",
    )
    assert not (tmp_path / "pytest.ini").exists()  # planning writes nothing
    apply(edit)
    assert not (tmp_path / "pyproject.toml").exists()
    assert pytest_reads(tmp_path) == (tmp_path / "pytest.ini", {"asyncio_mode": "auto"})


# --- forced-mode diagnostics ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_pytest_addopts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)


def test_no_forcing_no_diagnostics(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", PYPROJECT)
    write(tmp_path / "tox.ini", "[testenv]\ncommands = pytest {posargs}\n")
    assert forced_mode_diagnostics(locate_config(tmp_path)) == []


def test_addopts_forcing_points_at_the_addopts_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.pytest.ini_options]\nasyncio_mode = "auto"\n'
        'addopts = "-p no:asyncio --asyncio-mode=strict"\n',
    )
    diagnostics = forced_mode_diagnostics(locate_config(tmp_path))
    assert [(d.path, d.line, d.severity, d.codemod) for d in diagnostics] == [
        (path, 6, Severity.WARNING, "config"),
        (path, 6, Severity.WARNING, "config"),
    ]
    assert "--asyncio-mode=strict" in diagnostics[0].message
    assert "-p no:asyncio" in diagnostics[1].message


def test_addopts_forcing_in_dotted_toml_and_ini(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool]\nblack.x = 1\npytest.ini_options.addopts = ["--asyncio-mode", "auto"]\n')
    assert [d.line for d in forced_mode_diagnostics(locate_config(tmp_path))] == [3]
    ini = "[x]\naddopts = no\n[pytest]\nasyncio_mode = auto\naddopts =\n  -q\n  --asyncio-mode auto\n"
    write(tmp_path / "pytest.ini", ini)
    assert [d.line for d in forced_mode_diagnostics(locate_config(tmp_path))] == [5]


def test_tox_commands_forcing(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n')
    tox_ini = write(
        tmp_path / "tox.ini",
        "[tox]\nenvlist = py\n\n[testenv]\ncommands =\n    python -m build\n    pytest --asyncio-mode=strict {posargs}\n\n"
        "[testenv:noplugin]\ncommands = pytest -p no:asyncio\n\n[docs]\ncommands = pytest --asyncio-mode=auto\n",
    )
    diagnostics = forced_mode_diagnostics(locate_config(tmp_path))
    assert [(d.path, d.line, d.column) for d in diagnostics] == [(tox_ini, 7, 12), (tox_ini, 10, 19)]
    assert "[testenv]" in diagnostics[0].message and "--asyncio-mode=strict" in diagnostics[0].message
    assert "[testenv:noplugin]" in diagnostics[1].message and "disables" in diagnostics[1].message


def test_pytest_addopts_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_ADDOPTS", "-x --asyncio-mode auto")
    diagnostics = forced_mode_diagnostics(locate_config(tmp_path))
    assert [(str(d.path), d.line, d.severity) for d in diagnostics] == [
        ("<env PYTEST_ADDOPTS>", 0, Severity.WARNING)
    ]
    assert "--asyncio-mode=auto" in diagnostics[0].message


def test_invalid_ini_mode_value_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "setup.cfg", "[tool:pytest]\ntestpaths = t\nasyncio_mode = strict  # will flip\n")
    diagnostics = forced_mode_diagnostics(locate_config(tmp_path))
    assert [(d.path, d.line) for d in diagnostics] == [(path, 3)]
    assert "inline comments" in diagnostics[0].message


# --- several settings in one edit ------------------------------------------------------------

SEVERAL = {
    "asyncio_default_fixture_loop_scope": "session",
    "asyncio_default_test_loop_scope": "session",
    "asyncio_debug": True,
}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[tool.pytest.ini_options]\nasyncio_mode = "strict"  # explicit\n'),
        ("pyproject.toml", '[tool.pytest]\nasyncio_mode = "strict"\n'),
        ("pytest.ini", "[pytest]\nasyncio_mode = strict\n"),
        ("setup.cfg", "[metadata]\nname = x\n\n[tool:pytest]\nasyncio_mode = strict\n"),
        ("tox.ini", "[tox]\nenvlist = py\n\n[pytest]\nasyncio_mode = strict\n"),
    ],
)
def test_several_settings_in_one_edit_read_back_by_pytest(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / name, text)
    edit = plan_settings(locate_config(tmp_path), SEVERAL)
    assert edit is not None and edit.path == tmp_path / name
    assert all(key in edit.note for key in SEVERAL)
    apply(edit)
    _, values = pytest_reads(tmp_path)
    assert values["asyncio_mode"] == "strict"
    assert values["asyncio_default_fixture_loop_scope"] == "session"
    assert values["asyncio_default_test_loop_scope"] == "session"
    assert values["asyncio_debug"] in (True, "true")  # a TOML bool in native TOML, text in ini files
    assert plan_settings(locate_config(tmp_path), SEVERAL) is None


def test_several_settings_without_a_config_file(tmp_path: Path) -> None:
    edit = plan_settings(locate_config(tmp_path), SEVERAL)
    assert edit is not None and edit.old is None
    apply(edit)
    _, values = pytest_reads(tmp_path)
    assert values["asyncio_default_test_loop_scope"] == "session"
    assert values["asyncio_debug"] == "true"
    (tmp_path / "pytest.ini").unlink()
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    edit = plan_settings(locate_config(tmp_path), SEVERAL)
    assert edit is not None
    apply(edit)
    _, values = pytest_reads(tmp_path)
    assert values["asyncio_default_fixture_loop_scope"] == "session"
    assert values["asyncio_debug"] == "true"
