"""--output-format json and github, through the console script: what CI and other tools read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli_tools import cli

MARKED = b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n"
ANYIO = b"import pytest\n\n@pytest.mark.anyio\nasync def test_b():\n    pass\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pytest.ini").write_bytes(b"[pytest]\nasyncio_mode = strict\n")
    (tmp_path / "test_a.py").write_bytes(MARKED)
    (tmp_path / "test_same.py").write_bytes(b"def test_sync():\n    pass\n")
    (tmp_path / "test_broken.py").write_bytes(b"async def test_bad(:\n    pass\n")
    return tmp_path


def test_json_is_one_document_with_files_diagnostics_config_edits_and_summary(project: Path) -> None:
    (project / "test_anyio.py").write_bytes(ANYIO)
    result = cli("to-auto", "--check", "--output-format=json", ".", cwd=project)
    assert result.returncode == 2  # the anyio test refuses the run
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    assert document["command"] == "to-auto"
    assert document["written"] is False
    files = {entry["path"]: entry for entry in document["files"]}
    assert files["test_a.py"] == {"path": "test_a.py", "status": "changed", "codemods": ["remove-asyncio-marks"],
                                  "reason": None}
    assert files["test_same.py"]["status"] == "unchanged"
    assert files["test_broken.py"]["status"] == "failed"
    assert files["test_broken.py"]["reason"].startswith("cannot parse")
    blocker = next(d for d in document["diagnostics"] if d["severity"] == "blocker")
    assert blocker == {
        "path": "test_anyio.py", "line": 3, "column": 1, "codemod": "other-async-plugins", "severity": "blocker",
        "message": blocker["message"],
    }
    assert "anyio" in blocker["message"]
    assert document["config_edits"] == [
        {"path": "pytest.ini", "created": False, "note": document["config_edits"][0]["note"]}
    ]
    assert document["summary"] == {
        "files_scanned": 4, "files_changed": 1, "files_unchanged": 2, "files_skipped": 0, "files_failed": 1,
        "config_edits": 1, "blocked": True, "exit_code": 2,
    }


def test_json_with_diff_carries_each_patch_and_writes_nothing(project: Path) -> None:
    # The whole suite, and none of it unreadable: a mode switch is refused otherwise (test_safety.py).
    (project / "test_broken.py").unlink()
    result = cli("to-auto", "--diff", "--output-format", "json", ".", cwd=project)
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert "-@pytest.mark.asyncio" in document["files"][0]["diff"]
    assert "+asyncio_mode = auto" in document["config_edits"][0]["diff"]
    assert (project / "test_a.py").read_bytes() == MARKED


def test_github_annotations(project: Path) -> None:
    (project / "test_anyio.py").write_bytes(ANYIO)
    result = cli("to-auto", "--check", "--output-format=github", ".", cwd=project)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("::error file=test_anyio.py,line=3,col=1,title=asyncio-migrate other-async-plugins::")
        for line in lines
    ), lines
    assert "::error file=test_a.py,title=asyncio-migrate to-auto::would change: remove-asyncio-marks" in lines
    assert any(line.startswith("::error file=pytest.ini,title=asyncio-migrate to-auto::would change: set") for line in lines)
    assert any(line.startswith("::error file=test_broken.py,title=asyncio-migrate::failed: cannot parse") for line in lines)


def test_github_escapes_what_would_end_a_workflow_command(project: Path, tmp_path: Path) -> None:
    from asyncio_migrate.report import _annotation

    line = _annotation("warning", "a,b:c.py", 2, 0, "t", "50% done\nnext")
    assert line == "::warning file=a%2Cb%3Ac.py,line=2,title=t::50%25 done%0Anext"
