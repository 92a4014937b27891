"""A mode switch leaves every suite running as before, or refuses with exit 2 and writes nothing.

Each case of issue 10 as a small project: where the command writes, the real pytest runs
the suite before and after and must count the same; where it refuses, no byte changes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_tools import InProcessResult, invoke_in_process
from .test_cli import tree_hashes

STRICT = b"[pytest]\nasyncio_mode = strict\n"
AUTO = b"[pytest]\nasyncio_mode = auto\n"
MARKED_SUITE = b"""import pytest
import pytest_asyncio


@pytest_asyncio.fixture
async def value():
    return 1


@pytest.mark.asyncio
async def test_value(value):
    assert value == 1


@pytest.mark.asyncio
async def test_other():
    pass


def test_sync():
    pass
"""


def invoke(*args: str) -> InProcessResult:
    return invoke_in_process(*args)


def write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def pytest_counts(folder: Path) -> str:
    """pytest's summary line for the suite in ``folder`` ("3 passed"), run as its users run it."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=folder, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )
    summary = completed.stdout.strip().splitlines()[-1]
    return re.sub(r" in [\d.]+s.*", "", summary)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)


def test_monorepo_switches_each_subproject_and_creates_no_root_config(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / name, {"pytest.ini": STRICT, "test_x.py": MARKED_SUITE})
    before = {name: pytest_counts(tmp_path / name) for name in ("a", "b")}
    assert before == {"a": "3 passed", "b": "3 passed"}
    result = invoke("to-auto", ".")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "pytest.ini").exists()
    for name in ("a", "b"):
        assert (tmp_path / name / "pytest.ini").read_bytes() == AUTO
        assert b"mark.asyncio" not in (tmp_path / name / "test_x.py").read_bytes()
        assert pytest_counts(tmp_path / name) == before[name]


def test_monorepo_to_strict_switches_each_subproject(tmp_path: Path) -> None:
    unmarked = MARKED_SUITE.replace(b"@pytest.mark.asyncio\n", b"").replace(b"@pytest_asyncio.fixture", b"@pytest.fixture")
    for name in ("a", "b"):
        write(tmp_path / name, {"pytest.ini": AUTO, "test_x.py": unmarked})
    assert pytest_counts(tmp_path / "a") == "3 passed"
    result = invoke("to-strict", ".")
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "pytest.ini").exists()
    for name in ("a", "b"):
        assert (tmp_path / name / "pytest.ini").read_bytes() == STRICT
        assert pytest_counts(tmp_path / name) == "3 passed"


INHERITED_PROJECT = {
    "pytest.ini": AUTO,
    "tests/__init__.py": b"",
    # The base's module marks its tests, but a module's pytestmark does not follow them into
    # a subclass defined in another module.
    "tests/base/__init__.py": b"from .cases import ClientCases\n\n__all__ = ['ClientCases']\n",
    "tests/base/cases.py": b"""import pytest

pytestmark = pytest.mark.asyncio


class ClientCases:
    async def test_get(self):
        assert True

    async def test_post(self):
        assert True

    def test_sync(self):
        assert True
""",
    "tests/test_http.py": b"""from tests.base import ClientCases


class TestHttp(ClientCases):
    async def test_own(self):
        assert True
""",
    "tests/test_ws.py": b"""import tests.base


class TestWebsocket(tests.base.ClientCases):
    pass
""",
}


def test_inherited_async_tests_are_marked_where_they_are_defined(tmp_path: Path) -> None:
    write(tmp_path, INHERITED_PROJECT)
    assert pytest_counts(tmp_path) == "7 passed"
    result = invoke("to-strict", ".")
    assert result.exit_code == 0, result.output
    cases = (tmp_path / "tests/base/cases.py").read_bytes()
    assert cases.count(b"    @pytest.mark.asyncio\n    async def test_") == 2
    assert b"@pytest.mark.asyncio\n    def test_sync" not in cases
    assert (tmp_path / "pytest.ini").read_bytes() == STRICT
    assert pytest_counts(tmp_path) == "7 passed"


def test_a_base_class_that_cannot_be_found_refuses(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": AUTO,
        "test_http.py": b"from somewhere_else import ClientCases\n\n\nclass TestHttp(ClientCases):\n    pass\n",
        "test_plain.py": b"async def test_plain():\n    pass\n",
    })
    before = tree_hashes(tmp_path)
    result = invoke("to-strict", ".")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert "test_http.py:4:1: blocker [project] TestHttp inherits from ClientCases" in result.stderr
    forced = invoke("to-strict", "--force", ".")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "pytest.ini").read_bytes() == STRICT


def test_a_unittest_base_in_another_module_needs_no_mark(tmp_path: Path) -> None:
    # pytest's unittest plugin runs these tests in either mode, pytest-asyncio none of them.
    write(tmp_path, {
        "pytest.ini": AUTO,
        "tests/__init__.py": b"",
        "tests/base.py": b"""import unittest


class AsyncCases(unittest.IsolatedAsyncioTestCase):
    async def test_inherited(self):
        self.assertTrue(True)
""",
        "tests/test_a.py": b"""from tests.base import AsyncCases


class TestA(AsyncCases):
    async def test_own(self):
        pass
""",
    })
    assert pytest_counts(tmp_path) == "3 passed"
    before = tree_hashes(tmp_path)
    result = invoke("to-strict", ".")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pytest.ini").read_bytes() == STRICT
    del before["pytest.ini"]
    assert {path: digest for path, digest in tree_hashes(tmp_path).items() if path != "pytest.ini"} == before
    assert pytest_counts(tmp_path) == "3 passed"


def test_a_known_unittest_base_from_a_library_is_not_an_unknown_base(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": AUTO,
        "test_app.py": b"""from aiohttp.test_utils import AioHTTPTestCase


class TestApp(AioHTTPTestCase):
    async def get_application(self):
        return None

    async def test_app(self):
        pass
""",
    })
    result = invoke("to-strict", ".")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "test_app.py").read_bytes().count(b"mark.asyncio") == 0
    assert (tmp_path / "pytest.ini").read_bytes() == STRICT


def test_another_plugins_mark_in_fixture_params_refuses_auto_mode(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": STRICT,
        "conftest.py": b"""import pytest


@pytest.fixture(params=["asyncio", pytest.param("trio", marks=pytest.mark.trio)])
def backend(request):
    return request.param
""",
        "test_x.py": b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_x(backend):\n    pass\n",
    })
    before = tree_hashes(tmp_path)
    result = invoke("to-auto", ".")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert "conftest.py:4:" in result.stderr and "pytest.mark.trio is used here" in result.stderr


def test_asyncio_marks_in_conftest_fixture_params_ran_in_strict_mode(tmp_path: Path) -> None:
    # Each param marks the tests that request the fixture: strict mode ran them, except where a
    # nearer conftest.py overrides the fixture without params.
    write(tmp_path, {
        "pytest.ini": STRICT,
        "tests/conftest.py": b"""import pytest


@pytest.fixture(params=[pytest.param(1, marks=pytest.mark.asyncio), pytest.param(2, marks=pytest.mark.asyncio)])
def number(request):
    return request.param
""",
        "tests/test_marked_by_params.py": b"async def test_through_params(number):\n    assert number in (1, 2)\n",
        "tests/plain/conftest.py": b"import pytest\n\n\n@pytest.fixture\ndef number():\n    return 1\n",
        "tests/plain/test_unmarked.py": b"async def test_unmarked(number):\n    assert number == 1\n",
        # An imported fixture wins over the conftest.py's.
        "tests/__init__.py": b"",
        "tests/fixtures.py": b"import pytest\n\n\n@pytest.fixture\ndef number():\n    return 1\n",
        "tests/test_imported.py": b"from tests.fixtures import number\n\n\nasync def test_imported(number):\n    pass\n",
    })
    assert pytest_counts(tmp_path) == "2 failed, 2 passed"
    result = invoke("to-auto", ".")
    assert result.exit_code == 0, result.output
    assert "test_through_params" not in result.stderr
    assert "test_unmarked.py:1:1: info [unmarked-async-tests] test_unmarked has no asyncio mark" in result.stderr
    assert "test_imported.py:4:1: info [unmarked-async-tests] test_imported has no asyncio mark" in result.stderr
    assert pytest_counts(tmp_path) == "4 passed"


def test_a_path_naming_part_of_the_suite_refuses(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": AUTO,
        "tests/test_a.py": b"async def test_a():\n    pass\n",
        "tests/test_b.py": b"async def test_b():\n    pass\n",
    })
    before = tree_hashes(tmp_path)
    result = invoke("to-strict", "tests/test_a.py")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert re.search(r"test_b\.py:1:1: blocker \[add-asyncio-marks\] test_b needs @pytest.mark.asyncio for "
                     r"strict mode, but \S*test_b.py is not among the paths given", result.stderr)
    assert "test_a.py" not in result.stderr.replace("tests/test_a.py", "")
    whole = invoke("to-strict", "tests")
    assert whole.exit_code == 0, whole.output
    assert pytest_counts(tmp_path) == "2 passed"


def test_an_excluded_file_of_the_suite_counts_too(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": AUTO,
        "test_a.py": b"async def test_a():\n    pass\n",
        "legacy/test_old.py": b"async def test_old():\n    pass\n",
    })
    before = tree_hashes(tmp_path)
    result = invoke("to-strict", "--exclude", "legacy", ".")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert "test_old needs @pytest.mark.asyncio" in result.stderr


def test_a_codemod_of_another_command_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, {"pytest.ini": AUTO, "test_a.py": b"async def test_a():\n    pass\n"})
    before = tree_hashes(tmp_path)
    for option in ("--select", "--ignore"):
        result = invoke("to-strict", option, "remove-asyncio-marks", ".")
        assert result.exit_code == 2
        assert "remove-asyncio-marks: not a codemod of to-strict" in result.stderr
    assert tree_hashes(tmp_path) == before


def test_leaving_out_what_the_switch_relies_on_refuses(tmp_path: Path) -> None:
    write(tmp_path, {"pytest.ini": AUTO, "test_a.py": b"async def test_a():\n    pass\n"})
    before = tree_hashes(tmp_path)
    result = invoke("to-strict", "--select", "hidden-async-tests", ".")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert "test_a.py:1:1: blocker [add-asyncio-marks] test_a needs @pytest.mark.asyncio for strict mode, " \
           "but --select/--ignore left out add-asyncio-marks" in result.stderr


def test_leaving_out_the_plugin_check_still_refuses(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": STRICT,
        "test_a.py": b"import pytest\n\n\n@pytest.mark.trio\nasync def test_a():\n    pass\n",
    })
    before = tree_hashes(tmp_path)
    result = invoke("to-auto", "--select", "remove-asyncio-marks", ".")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert "blocker [other-async-plugins]" in result.stderr


@pytest.mark.parametrize("command", ["to-auto", "to-strict"])
@pytest.mark.parametrize(
    "files",
    [{}, {"test_sync.py": b"def test_a():\n    pass\n"}, {"src/lib.py": b"async def fetch():\n    pass\n"}],
    ids=["empty", "sync-tests", "async-library-code"],
)
def test_nothing_for_pytest_asyncio_writes_nothing(tmp_path: Path, command: str, files: dict[str, bytes]) -> None:
    write(tmp_path, files)
    before = tree_hashes(tmp_path)
    result = invoke(command, ".")
    assert result.exit_code == 0, result.output
    assert tree_hashes(tmp_path) == before
    assert "nothing to switch" in result.stderr


@pytest.mark.parametrize(
    "broken",
    [b"async def test_x():\n    pass\x00\n", b"import pytest\n\nasync def test_bad(:\n    pass\n"],
    ids=["nul-byte", "syntax-error"],
)
def test_a_file_that_cannot_be_analysed_refuses_the_switch(tmp_path: Path, broken: bytes) -> None:
    write(tmp_path, {"pytest.ini": AUTO, "test_a.py": b"async def test_a():\n    pass\n", "test_broken.py": broken})
    before = tree_hashes(tmp_path)
    result = invoke("to-strict", ".")
    assert result.exit_code == 2
    assert tree_hashes(tmp_path) == before
    assert "test_broken.py:0:0: blocker [config] this file could not be analysed" in result.stderr


def test_a_symlink_is_judged_where_it_lies_and_stays_a_symlink(tmp_path: Path) -> None:
    write(tmp_path / "other", {"pytest.ini": STRICT + b"python_files = check_*.py\n",
                               "tests/test_shared.py": MARKED_SUITE})
    write(tmp_path / "project", {"pytest.ini": STRICT})
    link = tmp_path / "project" / "test_shared.py"
    link.symlink_to(tmp_path / "other" / "tests" / "test_shared.py")
    other_config = (tmp_path / "other" / "pytest.ini").read_bytes()
    assert pytest_counts(tmp_path / "project") == "3 passed"
    result = invoke("to-auto", "project/test_shared.py")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert b"mark.asyncio" not in (tmp_path / "other" / "tests" / "test_shared.py").read_bytes()
    assert (tmp_path / "project" / "pytest.ini").read_bytes() == AUTO
    assert (tmp_path / "other" / "pytest.ini").read_bytes() == other_config
    assert pytest_counts(tmp_path / "project") == "3 passed"


def test_a_conftest_name_imported_or_defined_twice_claims_no_param_marks(tmp_path: Path) -> None:
    # The nearer conftest.py imports `number`, and defines `other` twice: what the tests below get
    # is not the outer conftest's asyncio-marked params, so strict mode did not run them (pytest:
    # 2 failed, 1 passed).
    outer = b"""import pytest

MARKED = [pytest.param(1, marks=pytest.mark.asyncio)]


@pytest.fixture(params=MARKED)
def unread(request):
    return request.param


@pytest.fixture(params=[pytest.param(1, marks=pytest.mark.asyncio)])
def number(request):
    return request.param


@pytest.fixture(params=[pytest.param(1, marks=pytest.mark.asyncio)])
def other(request):
    return request.param
"""
    write(tmp_path, {
        "pytest.ini": STRICT,
        "conftest.py": outer,
        "helpers.py": b"import pytest\n\n\n@pytest.fixture\ndef number():\n    return 1\n",
        "tests/conftest.py": b"""import sys

import pytest
from helpers import number

if sys.platform:
    @pytest.fixture
    def other():
        return 1
else:
    @pytest.fixture
    def other():
        return 2
""",
        "tests/test_x.py": b"""async def test_number(number):
    pass


async def test_other(other):
    pass


async def test_unread(unread):
    pass
""",
    })
    result = invoke("to-auto", "--dry-run", ".")
    assert result.exit_code == 0, result.output
    for line, name in ((1, "test_number"), (5, "test_other")):
        assert f"test_x.py:{line}:1: info [unmarked-async-tests] {name} has no asyncio mark" in result.stderr
    # Params in a variable: strict mode did run it (an asyncio mark), which is not read here.
    assert "test_x.py:9:1: info [unmarked-async-tests] test_unread has marks asyncio-migrate cannot read" in (
        result.stderr
    )
