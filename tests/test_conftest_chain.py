"""The conftest.py chain of the project index: which conftest.py fixture a file gets by name."""

from __future__ import annotations

from pathlib import Path

from asyncio_migrate.analysis.project import ConftestFixtures, ParamMarks, conftest_fixtures, param_marks

TRIO_PARAMS = """\
import pytest

@pytest.fixture(params=[pytest.param("trio", marks=pytest.mark.trio)])
def backend(request):
    return request.param
"""


def _project(root: Path, files: dict[str, str]) -> list[Path]:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return sorted(root.rglob("*.py"))


def _chain(files: list[Path]) -> ConftestFixtures[ParamMarks]:
    return conftest_fixtures(files, param_marks, ParamMarks())


def test_the_nearest_conftest_defining_the_name_wins(tmp_path: Path) -> None:
    files = _project(tmp_path, {
        "conftest.py": TRIO_PARAMS,
        "api/conftest.py": "import pytest\n\n@pytest.fixture\ndef backend():\n    return 'asyncio'\n",
        "api/test_a.py": "",
        "db/test_b.py": "",
    })
    chain = _chain(files)
    nearest = chain.nearest(tmp_path / "api" / "test_a.py", "backend")
    assert (nearest.known, nearest.conftest, nearest.fixture) == (True, str(tmp_path / "api" / "conftest.py"), ParamMarks())
    from_root = chain.nearest(tmp_path / "db" / "test_b.py", "backend")
    assert from_root.conftest == str(tmp_path / "conftest.py")
    assert from_root.fixture == ParamMarks((frozenset({"trio"}),))
    # A conftest.py's own fixture is not one it gets from a conftest.py.
    assert chain.nearest(tmp_path / "api" / "conftest.py", "backend").conftest == str(tmp_path / "conftest.py")
    assert chain.nearest(tmp_path / "db" / "test_b.py", "other") == type(nearest)(known=True)


def test_a_conftest_that_may_bring_any_fixture_or_was_not_read_makes_the_answer_unknown(tmp_path: Path) -> None:
    files = _project(tmp_path, {
        "conftest.py": TRIO_PARAMS,
        "plugins/conftest.py": 'pytest_plugins = ["helpers"]\n',
        "plugins/test_a.py": "",
        "star/conftest.py": "from helpers import *\n",
        "star/test_b.py": "",
        "unread/conftest.py": "",
        "unread/test_c.py": "",
    })
    chain = _chain([path for path in files if "unread" not in path.parts])
    for test in ("plugins/test_a.py", "star/test_b.py", "unread/test_c.py"):
        assert not chain.nearest(tmp_path / test, "backend").known, test


def test_a_name_also_bound_otherwise_claims_nothing(tmp_path: Path) -> None:
    files = _project(tmp_path, {
        "conftest.py": TRIO_PARAMS + "\nfrom helpers import other\nbackend_alias = backend\n",
        "test_a.py": "",
    })
    chain = _chain(files)
    assert chain.nearest(tmp_path / "test_a.py", "other").fixture == ParamMarks()
    assert chain.nearest(tmp_path / "test_a.py", "backend_alias").fixture == ParamMarks()
    assert chain.nearest(tmp_path / "test_a.py", "backend").fixture == ParamMarks((frozenset({"trio"}),))
