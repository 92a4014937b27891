from __future__ import annotations

import os
from pathlib import Path

import pytest

from asyncio_migrate.config.discovery import SKIPPED_FOLDER_NAMES, DiscoveryError, discover


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths in, relative paths out: results read as the user would see them.
    monkeypatch.chdir(tmp_path)


def write(*relative_paths: str, text: str = "") -> None:
    for relative_path in relative_paths:
        path = Path(relative_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def symlink(link: str, target: str, *, is_folder: bool) -> None:
    try:
        os.symlink(target, link, target_is_directory=is_folder)
    except OSError:  # Windows without the privilege to create symlinks.
        pytest.skip("symlinks unavailable")


def found(*paths: str, excludes: tuple[str, ...] = ()) -> list[str]:
    return [path.as_posix() for path in discover([Path(p) for p in paths], excludes)]


def test_walks_python_files_only_sorted() -> None:
    write("proj/b.py", "proj/a.py", "proj/sub/c.py", "proj/stub.pyi", "proj/notes.txt")

    assert found("proj") == ["proj/a.py", "proj/b.py", "proj/sub/c.py"]


def test_keeps_the_spelling_of_an_absolute_root(tmp_path: Path) -> None:
    write("proj/a.py")

    assert discover([tmp_path / "proj"]) == [tmp_path / "proj" / "a.py"]


@pytest.mark.parametrize("folder", sorted(SKIPPED_FOLDER_NAMES | {"pkg.egg-info"}))
def test_skips_default_folders_while_walking(folder: str) -> None:
    write("proj/kept.py", f"proj/{folder}/skipped.py", f"proj/sub/{folder}/skipped.py")

    assert found("proj") == ["proj/kept.py"]


def test_walks_a_default_folder_named_explicitly() -> None:
    write("build/generated.py", "build/__pycache__/cached.py")

    assert found("build") == ["build/generated.py"]


def test_skips_a_virtualenv_whatever_its_name() -> None:
    write("proj/kept.py", "proj/py311-env/pyvenv.cfg", "proj/py311-env/lib/module.py")

    assert found("proj") == ["proj/kept.py"]
    assert found("proj/py311-env") == ["proj/py311-env/lib/module.py"]


def test_nested_gitignore_applies_below_its_folder_and_can_negate() -> None:
    write("proj/.gitignore", text="generated_*.py\n")
    write("proj/sub/.gitignore", text="!generated_keep.py\n/local.py\n")
    write(
        "proj/generated_keep.py",
        "proj/local.py",
        "proj/sub/generated_keep.py",
        "proj/sub/generated_other.py",
        "proj/sub/local.py",
        "proj/sub/deeper/local.py",
    )

    assert found("proj") == [
        "proj/local.py",
        "proj/sub/deeper/local.py",
        "proj/sub/generated_keep.py",
    ]


def test_does_not_descend_into_a_git_ignored_folder() -> None:
    # Git cannot re-include a file whose folder is ignored; neither do we.
    write("proj/.gitignore", text="out/\n!out/keep.py\n")
    write("proj/out/keep.py", "proj/kept.py")

    assert found("proj") == ["proj/kept.py"]


def test_applies_gitignore_files_above_the_root_up_to_the_repository() -> None:
    Path("outer/repo/.git").mkdir(parents=True)
    write("outer/.gitignore", text="*.py\n")  # Outside the repository: git never reads it.
    write("outer/repo/.gitignore", text="pkg/tests/ignored_*.py\n")
    write("outer/repo/pkg/.gitignore", text="fixtures/\n")
    write(
        "outer/repo/pkg/tests/ignored_one.py",
        "outer/repo/pkg/tests/test_kept.py",
        "outer/repo/pkg/tests/fixtures/data.py",
    )

    assert found("outer/repo/pkg/tests") == ["outer/repo/pkg/tests/test_kept.py"]


def test_outside_a_repository_only_gitignore_files_inside_the_root_apply() -> None:
    write("outer/.gitignore", text="*.py\n")
    write("outer/proj/.gitignore", text="ignored.py\n")
    write("outer/proj/kept.py", "outer/proj/ignored.py")

    assert found("outer/proj") == ["outer/proj/kept.py"]


def test_applies_git_info_exclude() -> None:
    write("repo/.git/info/exclude", text="scratch*.py\n")
    write("repo/scratch_1.py", "repo/sub/scratch_2.py", "repo/kept.py")

    assert found("repo") == ["repo/kept.py"]
    assert found("repo/sub") == []


def test_walks_a_git_ignored_folder_named_explicitly_with_other_patterns_still_applied() -> None:
    Path("repo/.git").mkdir(parents=True)
    write("repo/.gitignore", text="generated/\n*_pb2.py\n")
    write("repo/generated/client.py", "repo/generated/client_pb2.py")

    assert found("repo") == []
    assert found("repo/generated") == ["repo/generated/client.py"]


def test_explicit_file_is_returned_even_if_ignored_or_in_a_skipped_folder() -> None:
    write("proj/.gitignore", text="ignored/\n")
    write("proj/ignored/a.py", "proj/build/b.py", "proj/script")

    assert found("proj") == []
    assert found("proj/ignored/a.py", "proj/build/b.py", "proj/script") == [
        "proj/build/b.py",
        "proj/ignored/a.py",
        "proj/script",
    ]


@pytest.mark.parametrize(
    "exclude",
    ["test_old.py", "legacy", "legacy/", "tests/legacy/*", "proj/tests/legacy/*", "*_old.py"],
)
def test_exclude_by_basename_relative_path_or_folder(exclude: str) -> None:
    write("proj/tests/legacy/test_old.py", "proj/tests/test_new.py")

    assert found("proj", excludes=(exclude,)) == ["proj/tests/test_new.py"]


@pytest.mark.parametrize("exclude", ["/legacy/*", "proj/tests/legacy/"])
def test_exclude_matches_from_the_walked_root_or_the_working_folder(exclude: str) -> None:
    write("proj/tests/legacy/test_old.py", "proj/tests/test_new.py")

    assert found("proj/tests", excludes=(exclude,)) == ["proj/tests/test_new.py"]


def test_exclude_does_not_match_outside_its_anchor() -> None:
    write("proj/tests/legacy/test_old.py", "proj/legacy_tests/test_x.py")

    assert found("proj", excludes=("/legacy",)) == [
        "proj/legacy_tests/test_x.py",
        "proj/tests/legacy/test_old.py",
    ]


def test_explicit_file_or_folder_matching_exclude_is_not_returned() -> None:
    write("proj/api_pb2.py", "proj/legacy/old.py", "proj/kept.py")

    assert found("proj/api_pb2.py", "proj/kept.py", excludes=("*_pb2.py",)) == ["proj/kept.py"]
    assert found("proj/legacy", "proj/kept.py", excludes=("legacy",)) == ["proj/kept.py"]
    assert found("proj/legacy/old.py", excludes=("legacy/",)) == []


def test_exclude_dot_pattern_does_not_swallow_the_working_folder() -> None:
    write("kept.py", ".hidden/skipped.py")

    assert found(".", excludes=(".*",)) == ["kept.py"]


def test_symlinks_out_of_the_root_are_skipped() -> None:
    write("outside/secret.py", "outside/pkg/module.py", "proj/kept.py")
    symlink("proj/linked_file.py", "../outside/secret.py", is_folder=False)
    symlink("proj/linked_folder", "../outside/pkg", is_folder=True)

    assert found("proj") == ["proj/kept.py"]


def test_symlink_loop_terminates() -> None:
    write("proj/sub/a.py")
    symlink("proj/sub/back_to_proj", "..", is_folder=True)
    symlink("proj/self_loop.py", "self_loop.py", is_folder=False)

    assert found("proj") == ["proj/sub/a.py"]


def test_symlinks_inside_the_root_return_each_real_file_once() -> None:
    write("proj/real/a.py")
    symlink("proj/a_link_folder", "real", is_folder=True)
    symlink("proj/a_link.py", "real/a.py", is_folder=False)

    assert found("proj") == ["proj/real/a.py"]


def test_symlink_to_an_ignored_file_inside_the_root_is_followed() -> None:
    write("proj/.gitignore", text="hidden/\n")
    write("proj/hidden/a.py")
    symlink("proj/shown.py", "hidden/a.py", is_folder=False)

    assert found("proj") == ["proj/shown.py"]


def test_missing_path_raises_naming_it() -> None:
    write("proj/a.py")

    with pytest.raises(DiscoveryError, match="^No such file or directory: proj/missing.py$"):
        discover([Path("proj/a.py"), Path("proj/missing.py")])


def test_same_file_named_twice_or_inside_a_named_folder_is_returned_once() -> None:
    write("proj/b.py", "proj/a.py")

    assert found("proj/b.py", "proj/b.py") == ["proj/b.py"]
    assert found("proj/b.py", "proj", "./proj/a.py") == ["proj/a.py", "proj/b.py"]
