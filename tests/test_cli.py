"""The command line end to end, through the installed console script: exit codes, what is
written and what is not, and the habits users bring from ruff and black."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_tools import cli, console_script

MARKED = b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n"
UNMARKED = b"async def test_a():\n    pass\n"
STRICT_CONFIG = b'[pytest]\nasyncio_mode = strict\n'


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    return cli(*args)


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pytest.ini").write_bytes(STRICT_CONFIG)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    return tmp_path


def test_writes_changes_and_exits_0(project: Path) -> None:
    result = invoke("to-auto", ".")
    assert result.returncode == 0, result.output
    assert (project / "test_a.py").read_bytes() == UNMARKED
    assert (project / "pytest.ini").read_bytes() == b"[pytest]\nasyncio_mode = auto\n"
    assert "1 files scanned: 1 changed, 0 skipped, 0 failed; 1 configuration file changed" in result.stderr


def test_dry_run_prints_the_diff_and_writes_nothing(project: Path) -> None:
    before = tree_hashes(project)
    result = invoke("to-auto", "--dry-run", ".")
    assert result.returncode == 0
    assert tree_hashes(project) == before
    assert "-@pytest.mark.asyncio" in result.stdout
    assert "+asyncio_mode = auto" in result.stdout


def test_check_exits_1_when_something_would_change_and_writes_nothing(project: Path) -> None:
    before = tree_hashes(project)
    result = invoke("to-auto", "--check", ".")
    assert result.returncode == 1
    assert tree_hashes(project) == before
    assert result.stdout == ""
    # It names what would change, files and configuration apart.
    assert "test_a.py: would change (remove-asyncio-marks)" in result.stderr
    assert "pytest.ini: set asyncio_mode" in result.stderr
    assert "1 files scanned: 1 would change, 0 skipped, 0 failed; 1 configuration file would change" in result.stderr


def test_check_exits_0_once_migrated(project: Path) -> None:
    assert invoke("to-auto", ".").returncode == 0
    assert invoke("to-auto", "--check", ".").returncode == 0


def test_a_file_that_does_not_parse_is_reported_and_the_rest_is_written(project: Path) -> None:
    # No async test can hide in it (an async one refuses the switch: see test_safety.py).
    broken = b"import pytest\n\n@pytest.mark.asyncio\ndef test_bad(:\n    pass\n"
    (project / "test_broken.py").write_bytes(broken)
    result = invoke("to-auto", ".")
    assert result.returncode == 3
    assert (project / "test_a.py").read_bytes() == UNMARKED
    assert (project / "test_broken.py").read_bytes() == broken
    assert "test_broken.py: failed cannot parse: line 4:" in result.stderr


def test_undecodable_file_fails_cleanly(project: Path) -> None:
    (project / "test_bytes.py").write_bytes(b"x = '\xff\xfe'\n# asyncio\n")
    result = invoke("to-auto", ".")
    assert result.returncode == 3
    assert "test_bytes.py: failed" in result.stderr


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("crlf", MARKED.replace(b"\n", b"\r\n"), UNMARKED.replace(b"\n", b"\r\n")),
        ("bom", b"\xef\xbb\xbf" + MARKED, b"\xef\xbb\xbf" + UNMARKED),
        (
            "latin1",
            b"# -*- coding: latin-1 -*-\nimport pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    assert '\xe9'\n",
            b"# -*- coding: latin-1 -*-\n\n\nasync def test_a():\n    assert '\xe9'\n",
        ),
    ],
)
def test_encoding_bom_and_line_endings_are_kept(project: Path, name: str, before: bytes, after: bytes) -> None:
    (project / "test_a.py").write_bytes(before)
    assert invoke("to-auto", ".").returncode == 0
    assert (project / "test_a.py").read_bytes() == after


def test_file_mode_is_kept(project: Path) -> None:
    os.chmod(project / "test_a.py", 0o750)
    assert invoke("to-auto", ".").returncode == 0
    assert stat.S_IMODE((project / "test_a.py").stat().st_mode) == 0o750
    assert not list(project.glob(".*.tmp")), "no temporary file is left behind"


def test_another_async_plugin_refuses_with_exit_2_and_writes_nothing(project: Path) -> None:
    (project / "test_anyio.py").write_bytes(b"import pytest\n\n@pytest.mark.anyio\nasync def test_b():\n    pass\n")
    before = tree_hashes(project)
    result = invoke("to-auto", ".")
    assert result.returncode == 2
    assert tree_hashes(project) == before
    assert "test_anyio.py:3:1: blocker [other-async-plugins]" in result.stderr


def test_force_goes_on_despite_another_plugin(project: Path) -> None:
    (project / "test_anyio.py").write_bytes(b"import pytest\n\n@pytest.mark.anyio\nasync def test_b():\n    pass\n")
    result = invoke("to-auto", "--force", ".")
    assert result.returncode == 0
    assert (project / "test_a.py").read_bytes() == UNMARKED


def test_ignore_skips_a_codemod(project: Path) -> None:
    assert invoke("to-auto", "--ignore", "remove-asyncio-marks", ".").returncode == 0
    assert (project / "test_a.py").read_bytes() == MARKED
    assert b"auto" in (project / "pytest.ini").read_bytes()


def test_select_runs_only_the_named_codemod(project: Path) -> None:
    (project / "conftest.py").write_bytes(
        b"import pytest_asyncio\n\n\n@pytest_asyncio.fixture\nasync def f():\n    pass\n"
    )
    assert invoke("to-auto", "--select", "asyncio-fixture-to-pytest-fixture", ".").returncode == 0
    assert (project / "test_a.py").read_bytes() == MARKED
    assert b"@pytest.fixture" in (project / "conftest.py").read_bytes()


@pytest.mark.parametrize("args", [("--select", "no-such-codemod", "."), ("does-not-exist",)])
def test_bad_usage_exits_2(project: Path, args: tuple[str, ...]) -> None:
    result = invoke("to-auto", *args)
    assert result.returncode == 2
    assert "error:" in result.stderr


def test_jobs_gives_the_same_result_as_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for index in range(40):
        (tmp_path / f"test_{index}.py").write_bytes(MARKED)
    assert invoke("to-auto", "--jobs", "2", ".").returncode == 0
    assert all((tmp_path / f"test_{index}.py").read_bytes() == UNMARKED for index in range(40))


def test_list_names_every_codemod_in_full_even_in_a_narrow_pipe() -> None:
    from asyncio_migrate import codemods as registry

    result = cli("list", env={"COLUMNS": "40"})
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert ids == [codemod.id for codemod in registry.REGISTRY]


def test_python_dash_m_runs_the_cli(project: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "asyncio_migrate", "to-auto", "--check", "."],
        capture_output=True, text=True, cwd=project,
    )
    assert completed.returncode == 1, completed.stderr


def test_anyio_auto_mode_in_the_config_refuses(project: Path) -> None:
    (project / "pytest.ini").write_bytes(b"[pytest]\nasyncio_mode = strict\nanyio_mode = auto\n")
    result = invoke("to-auto", ".")
    assert result.returncode == 2
    assert "pytest.ini:3:1: blocker [other-async-plugins] anyio_mode = auto" in result.stderr
    assert (project / "test_a.py").read_bytes() == MARKED


def test_paths_of_two_projects_each_switch_their_own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "pytest.ini").write_bytes(STRICT_CONFIG)
        (tmp_path / name / "test_a.py").write_bytes(MARKED)
    monkeypatch.chdir(tmp_path)
    result = invoke("to-auto", "one", "two")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("one", "two"):
        assert (tmp_path / name / "test_a.py").read_bytes() == UNMARKED
        assert (tmp_path / name / "pytest.ini").read_bytes() == b"[pytest]\nasyncio_mode = auto\n"
    assert not (tmp_path / "pytest.ini").exists()


def test_an_added_import_keeps_the_projects_own_packages_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pytest.ini").write_bytes(b"[pytest]\nasyncio_mode = auto\n")
    (tmp_path / "src" / "mypkg").mkdir(parents=True)
    (tmp_path / "src" / "mypkg" / "__init__.py").write_bytes(b"")
    (tmp_path / "test_a.py").write_bytes(b"import asyncio\n\nfrom mypkg import x\n\n\nasync def test_a():\n    pass\n")
    monkeypatch.chdir(tmp_path)
    assert invoke("to-strict", ".").returncode == 0
    assert (tmp_path / "test_a.py").read_bytes() == (
        b"import asyncio\n\nimport pytest\n\nfrom mypkg import x\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n"
    )


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_has_examples_and_exit_codes(flag: str) -> None:
    result = cli(flag)
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert "exit codes:" in result.stdout
    for command in ("to-auto", "to-strict", "upgrade", "fix-tests", "list", "explain"):
        assert command in result.stdout


def test_command_help_reads_well() -> None:
    result = cli("upgrade", "-h")
    assert result.returncode == 0
    for readable in ("[PATH ...]", "--select ID", "--exclude GLOB", "-j N", "--target VERSION", "--verify [MODE]",
                     "--dry-run, --diff", "--config FILE", "--output-format {text,json,github}"):
        assert readable in result.stdout
    assert "list[" not in result.stdout and "<" not in result.stdout
    assert "exit codes:" in result.stdout


def test_version() -> None:
    from asyncio_migrate import __version__

    result = cli("--version")
    assert (result.returncode, result.stdout) == (0, f"asyncio-migrate {__version__}\n")


def test_diff_is_an_alias_of_dry_run(project: Path) -> None:
    before = tree_hashes(project)
    diff = invoke("to-auto", "--diff", ".")
    dry_run = invoke("to-auto", "--dry-run", ".")
    assert diff.returncode == dry_run.returncode == 0
    assert diff.stdout == dry_run.stdout and "-@pytest.mark.asyncio" in diff.stdout
    assert tree_hashes(project) == before


@pytest.mark.parametrize("mode", ["run", "collect"])
def test_verify_with_a_space_is_a_clear_error(project: Path, mode: str) -> None:
    before = tree_hashes(project)
    result = invoke("to-auto", "--verify", mode, ".")
    assert result.returncode == 2
    assert f"write --verify={mode}" in result.stderr
    assert tree_hashes(project) == before


def test_a_bare_verify_is_followed_by_paths(project: Path) -> None:
    result = invoke("to-auto", "--check", "--verify", ".")
    assert result.returncode == 1, result.stderr
    assert "verify: pytest's collection of 1 tests" in result.stderr


def test_unknown_option_is_bad_usage(project: Path) -> None:
    result = invoke("to-auto", "--no-such-option", ".")
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-option" in result.stderr


def test_a_progress_bar_with_a_total_on_a_terminal(project: Path) -> None:
    for index in range(3):
        (project / f"test_{index}.py").write_bytes(MARKED)
    leader, follower = os.openpty()
    try:
        completed = subprocess.run(
            [console_script(), "to-auto", "--check", "."], stdout=subprocess.PIPE, stderr=follower,
            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"}, timeout=300,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert completed.returncode == 1
    assert b"scanning" in shown
    assert b"/4" in shown  # done/total: the bar knows how many files there are


def test_no_progress_bar_when_piped(project: Path) -> None:
    assert "scanning" not in invoke("to-auto", "--check", ".").stderr
