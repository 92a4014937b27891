"""The pre-commit hooks, as a user adds them: `pre-commit try-repo` of this checkout on a sample suite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .cli_tools import cli

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "examples" / "strict-suite"


def test_the_hooks_run_on_the_whole_project_one_at_a_time() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"asyncio-migrate", "asyncio-migrate-check"}
    for hook in hooks.values():
        assert hook["entry"] == "asyncio-migrate" and hook["language"] == "python"
        assert hook["pass_filenames"] is False and hook["require_serial"] is True
    assert hooks["asyncio-migrate"]["args"] == ["to-auto"]
    assert hooks["asyncio-migrate-check"]["args"] == ["to-auto", "--check"]


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(hook: str, suite: Path, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "VIRTUAL_ENV"))}
    environment["PRE_COMMIT_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=suite, env=environment, capture_output=True, text=True, timeout=1200,
    )


@pytest.mark.real_suite
def test_pre_commit_try_repo_migrates_a_sample_suite(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    shutil.copytree(SAMPLE, suite)
    git("init", "-q", cwd=suite)
    git("add", ".", cwd=suite)
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "sample", cwd=suite)
    home = tmp_path / "pre-commit-home"

    check = try_repo("asyncio-migrate-check", suite, home)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "tests/test_queue.py: would change (remove-asyncio-marks)" in check.stdout
    assert 'asyncio_mode = "strict"' in (suite / "pyproject.toml").read_text()

    migrate = try_repo("asyncio-migrate", suite, home)
    assert migrate.returncode == 1, migrate.stdout + migrate.stderr  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in migrate.stdout
    # The same result as the command run by hand.
    by_hand = tmp_path / "by-hand"
    shutil.copytree(SAMPLE, by_hand)
    assert cli("to-auto", ".", cwd=by_hand).returncode == 0
    assert files_of(suite) == files_of(by_hand)
    assert 'asyncio_mode = "auto"' in (suite / "pyproject.toml").read_text()

    again = try_repo("asyncio-migrate-check", suite, home)
    assert again.returncode == 0, again.stdout + again.stderr
