"""The release `upgrade` writes for: --target, else the project's own requirement, else the newest."""

from __future__ import annotations

from pathlib import Path

import pytest

from asyncio_migrate.config.versions import TargetError, choose_target, setting_min_version


def test_without_a_requirement_the_newest_release(tmp_path: Path) -> None:
    target = choose_target(None, tmp_path)
    assert target.version == "1.5"
    assert "no pytest-asyncio requirement" in target.reason
    assert not target.allows_before_hook


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
        ("setup.cfg", "[options]\ninstall_requires =\n    pytest-asyncio<1\n", "0.17"),
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


@pytest.mark.parametrize("value", ["2.0", "1", "0.22", "latest"])
def test_unknown_targets_are_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(TargetError):
        choose_target(value, tmp_path)


def test_settings_declare_the_release_that_reads_them() -> None:
    assert setting_min_version("asyncio_default_fixture_loop_scope", "function") == "0.24"
    assert setting_min_version("asyncio_default_fixture_loop_scope", "fixture-scope") == "1.5"
    assert setting_min_version("asyncio_default_test_loop_scope", "session") == "0.26"
    assert setting_min_version("asyncio_debug", True) == "1.2"
