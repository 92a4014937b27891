"""The release `upgrade` writes for: --target, else the project's requirement when it has a lower
bound, else the pytest-asyncio installed where the suite runs, else the newest."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from asyncio_migrate.config.versions import TargetError, choose_target, parse_target, setting_min_version
from tests.test_requirements import PIP_COMPILE


@pytest.fixture
def python_with(tmp_path: Path):
    """A Python that sees pytest-asyncio at a given version (on its PYTHONPATH, before site-packages)."""

    def make(version: str) -> str:
        site = tmp_path / f"site-{version}"
        (site / f"pytest_asyncio-{version}.dist-info").mkdir(parents=True)
        (site / f"pytest_asyncio-{version}.dist-info" / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: pytest-asyncio\nVersion: {version}\n"
        )
        wrapper = tmp_path / f"python-{version}"
        wrapper.write_text(f'#!/bin/sh\nPYTHONPATH={site} exec {sys.executable} "$@"\n')
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
        return str(wrapper)

    return make


def test_without_a_requirement_the_installed_release(tmp_path: Path) -> None:
    target = choose_target(None, tmp_path)  # this interpreter has pytest-asyncio 1.5.0 (the test extra)
    assert target.version == "1.5"
    assert target.reason == (
        f"no pytest-asyncio requirement found in the project; pytest-asyncio 1.5.0 is installed for {sys.executable}"
    )
    assert not target.allows_before_hook


@pytest.mark.skipif(os.name == "nt", reason="the stand-in Python is a shell script")
def test_the_installed_release_is_asked_of_the_python_that_runs_the_suite(tmp_path: Path, python_with) -> None:
    python = python_with("0.23.8")
    target = choose_target(None, tmp_path, python)
    assert target.version == "0.23"
    assert f"pytest-asyncio 0.23.8 is installed for {python}" in target.reason


@pytest.mark.skipif(os.name == "nt", reason="the stand-in Python is a shell script")
def test_an_unpinned_requirement_takes_the_installed_release_not_the_oldest(tmp_path: Path, python_with) -> None:
    (tmp_path / "requirements.txt").write_text("pytest\npytest-asyncio\n")
    target = choose_target(None, tmp_path, python_with("1.2.0"))
    assert target.version == "1.2"
    assert target.reason.startswith("the project's requirement has no lower bound (requirements.txt:2: pytest-asyncio)")
    assert target.allows_before_hook  # the requirement lets others install 0.17


def test_without_a_requirement_or_an_installation_the_newest_release(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-python")
    target = choose_target(None, tmp_path, missing)
    assert target.version == "1.5"
    assert target.reason == (
        f"no pytest-asyncio requirement found in the project; pytest-asyncio is not installed for {missing}; "
        "the newest release"
    )


def test_an_upper_bound_only_takes_the_newest_release_it_admits(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[options]\ninstall_requires =\n    pytest-asyncio<1\n")
    target = choose_target(None, tmp_path)  # 1.5.0 installed here: not admitted
    assert target.version == "0.26"
    assert "(1.5.0) is not one it admits; the newest release it admits" in target.reason


def test_a_pip_compile_pin_with_hashes_is_the_target(tmp_path: Path) -> None:
    (tmp_path / "requirements-dev.txt").write_text(PIP_COMPILE)
    target = choose_target(None, tmp_path)
    assert target.version == "0.24"
    assert target.reason == (
        "the lowest release the project's requirement admits (requirements-dev.txt:13: pytest-asyncio==0.24.0)"
    )


def test_requirements_that_disagree_take_the_oldest_one_admits(tmp_path: Path) -> None:
    (tmp_path / "requirements-py38.txt").write_text("pytest-asyncio==0.21.2\n")
    (tmp_path / "requirements.txt").write_text("pytest-asyncio==1.3.0\n")
    target = choose_target(None, tmp_path)
    assert target.version == "0.21"
    assert target.reason.startswith("no release satisfies every requirement")
    assert target.allows_before_hook


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        ("pyproject.toml", '[project]\nname = "x"\ndependencies = ["pytest-asyncio>=0.23.5"]\n', "0.23"),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n[project.optional-dependencies]\ntest = ["pytest_asyncio >=1.2, <2"]\n',
            "1.2",
        ),
        ("pyproject.toml", '[dependency-groups]\ndev = [{include-group = "t"}, "pytest-asyncio~=0.24.0"]\n', "0.24"),
        ("requirements-dev.txt", "pytest>=8\npytest-asyncio==1.3.0  # pinned\n", "1.3"),
        ("requirements/test.txt", "-r base.txt\nPytest-Asyncio>0.26\n", "1.0"),
        ("setup.cfg", "[options.extras_require]\ntest =\n    pytest\n    pytest-asyncio>=0.21\n", "0.21"),
        ("setup.cfg", "[options]\ninstall_requires =\n    pytest-asyncio==0.17.2\n", "0.17"),
    ],
)
def test_the_lowest_release_the_requirement_admits(tmp_path: Path, file: str, text: str, expected: str) -> None:
    (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / file).write_text(text)
    target = choose_target(None, tmp_path)
    assert target.version == expected
    assert file.split("/")[-1] in target.reason or file in target.reason


def test_every_requirement_must_hold(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pytest-asyncio>=0.23"]\n')
    (tmp_path / "requirements.txt").write_text("pytest-asyncio>=1.1\n")
    target = choose_target(None, tmp_path)
    assert target.version == "1.1"
    assert target.allows_before_hook


def test_a_requirement_no_release_matches_falls_back_to_the_newest(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("pytest-asyncio>=7\n")
    target = choose_target(None, tmp_path)
    assert target.version == "1.5"
    assert "no release matches" in target.reason


def test_explicit_target_wins_and_keeps_the_hook_guard(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("pytest-asyncio>=1.3\n")
    target = choose_target("1.5", tmp_path)
    assert (target.version, target.reason) == ("1.5", "given with --target")
    assert target.allows_before_hook  # the project still allows 1.3, which has no hook


@pytest.mark.parametrize(
    ("value", "expected"), [("1.5", "1.5"), ("1.5.0", "1.5"), (">=1.5", "1.5"), (" >=0.23.5,<1", "0.23"), ("0.21.2", "0.21")]
)
def test_targets_as_a_release_or_a_lower_bound(value: str, expected: str) -> None:
    assert parse_target(value) == expected


@pytest.mark.parametrize("value", ["2.0", "1", "0.22", "latest", "<1", ">=7", "1.5.0rc1", "", "=>1.5"])
def test_unknown_targets_are_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(TargetError, match=r"give a pytest-asyncio release \(0\.17, 0\.18, .*1\.5\), as 1\.5, 1\.5\.0 or >=1\.5"):
        choose_target(value, tmp_path)


def test_settings_declare_the_release_that_reads_them() -> None:
    assert setting_min_version("asyncio_default_fixture_loop_scope", "function") == "0.24"
    assert setting_min_version("asyncio_default_fixture_loop_scope", "fixture-scope") == "1.5"
    assert setting_min_version("asyncio_default_test_loop_scope", "session") == "0.26"
    assert setting_min_version("asyncio_debug", True) == "1.2"
