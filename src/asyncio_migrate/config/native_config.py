"""Values in pytest 9's native TOML tables, in the type pytest 9 reads them as.

pytest 9 reads ``[tool.pytest]`` in pyproject.toml (and ``[pytest]`` in pytest.toml) with the
TOML types kept and checks them against each option's type (``Config._getini_toml`` in
pytest 9.2): a list of strings for ``args``, ``linelist`` and ``paths`` options, a TOML
boolean for ``bool``, a string for ``string``; anything else is a usage error. pytest before
9 ignored ``[tool.pytest]`` outside ``ini_options``, so a table written in INI style (``addopts
= "-ra -q"``) goes unnoticed until pytest 9 stops on it.

:func:`native_value` gives the value pytest 9 reads for what the INI form meant: the same
conversion pytest applies to ``[tool.pytest.ini_options]`` (``shlex`` for ``args`` and
``paths``, one item per line for ``linelist``, true/false words for ``bool``, ``str()`` of a
scalar for ``string``).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

# The options of pytest 9.2 (from its addini calls) and pytest-asyncio 1.5, by type. A union
# type (`int | str`) takes either and is not listed: any scalar passes.
OPTION_TYPES: dict[str, str] = {
    **dict.fromkeys(
        (
            "addopts", "doctest_optionflags", "norecursedirs", "python_classes", "python_files",
            "python_functions", "required_plugins", "testpaths", "usefixtures",
        ),
        "args",
    ),
    **dict.fromkeys(("filterwarnings", "markers"), "linelist"),
    "pythonpath": "paths",
    **dict.fromkeys(
        (
            "collect_imported_tests", "consider_namespace_packages",
            "disable_test_id_escaping_and_forfeit_all_rights_to_community_support",
            "enable_assertion_pass_hook", "faulthandler_exit_on_timeout", "junit_log_passing_tests",
            "log_cli", "strict", "strict_config", "strict_markers", "strict_parametrization_ids",
            "strict_xfail", "xfail_strict", "asyncio_debug",
        ),
        "bool",
    ),
    **dict.fromkeys(
        (
            "cache_dir", "console_output_style", "doctest_encoding", "empty_parameter_set_mark",
            "faulthandler_timeout", "junit_duration_report", "junit_family", "junit_logging",
            "junit_suite_name", "log_auto_indent", "log_cli_date_format", "log_cli_format", "log_cli_level",
            "log_date_format", "log_file", "log_file_date_format", "log_file_format", "log_file_level",
            "log_file_mode", "log_format", "log_level", "max_warnings", "minversion",
            "parametrize_long_str_id_strategy", "pytester_example_dir", "tmp_path_retention_count",
            "tmp_path_retention_policy", "verbosity_assertions", "verbosity_test_cases",
            "assertion_text_diff_style", "asyncio_mode", "asyncio_default_fixture_loop_scope", "asyncio_default_test_loop_scope",
        ),
        "string",
    ),
}  # fmt: skip
# Every option of theirs, those of a union type (any scalar passes) included.
KNOWN_OPTIONS = frozenset(OPTION_TYPES) | {"truncation_limit_lines", "truncation_limit_chars"}
_LIST_TYPES = frozenset({"args", "linelist", "paths"})
_TRUE = frozenset({"y", "yes", "t", "true", "on", "1"})
_FALSE = frozenset({"n", "no", "f", "false", "off", "0"})


@dataclass(frozen=True)
class Conversion:
    key: str
    option_type: str
    old: object
    new: str | bool | tuple[str, ...] | None  # None: no value pytest 9 reads means the same


def native_value(key: str, value: object) -> Conversion | None:
    """What pytest 9 needs instead of ``value`` for ``key``; None when it reads ``value`` as it is
    (or does not know the option's type: a plugin's)."""
    option_type = OPTION_TYPES.get(key)
    if option_type is None:
        return None
    if option_type in _LIST_TYPES:
        if isinstance(value, list):
            if all(isinstance(item, str) for item in value):
                return None
            return Conversion(key, option_type, value, None)
        if not isinstance(value, str):
            return Conversion(key, option_type, value, None)
        if option_type == "linelist":
            return Conversion(
                key, option_type, value, tuple(line.strip() for line in value.split("\n") if line.strip())
            )
        try:
            return Conversion(key, option_type, value, tuple(shlex.split(value)))
        except ValueError:  # an unclosed quote: pytest's INI mode fails on it too
            return Conversion(key, option_type, value, None)
    if option_type == "bool":
        if isinstance(value, bool):
            return None
        word = str(value).strip().lower() if isinstance(value, (str, int)) else None
        new = True if word in _TRUE else False if word in _FALSE else None
        return Conversion(key, option_type, value, new)
    if isinstance(value, str):
        return None
    if isinstance(value, (bool, int, float)):
        return Conversion(key, option_type, value, str(value))  # as [tool.pytest.ini_options] reads it
    return Conversion(key, option_type, value, None)
