"""Every case under snapshots/<codemod-id>/: input → expected output and diagnostics.

A case is `<name>.input.py` with `<name>.expected.py` (absent: the file must not change)
and `<name>.diagnostics.txt` (absent: no diagnostics). Cases whose name starts with
`conftest` run as a conftest.py, others as a test module. An optional `<name>.settings.json`
sets project settings (``ProjectSettings`` fields such as "mode" or "target"). A codemod with a
survey (or runs after one) has it run on the case file, in a project of its own: empty, or the
files of an optional `<name>.project/` folder (surveyed, never changed). The case file sits at
the project's top, or where `.project/` holds an empty file of the name it runs as (a case in a
nested folder); the run starts from the project's top, so reports show paths from there.
`pytest --update-expected` rewrites the expectations from the current output, for review
before committing.
"""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.pipeline.engine import survey_project
from asyncio_migrate.results import Status

from .codemod_tools import output_of, run_codemod

SNAPSHOTS = Path(__file__).parent.parent / "snapshots"
CASES = sorted(
    path
    for codemod in registry.REGISTRY
    for path in (SNAPSHOTS / codemod.id).glob("*.input.py")
)


def _virtual_name(case: Path) -> str:
    name = case.name.removesuffix(".input.py")
    return "conftest.py" if name.startswith("conftest") else f"test_{name}.py"


def _project_with_case(case: Path, top: Path) -> Path:
    """Copy the case's project (if any) to ``top`` and the case file into it; where the case file is."""
    name = _virtual_name(case)
    project = case.with_name(case.name.replace(".input.py", ".project"))
    place = top / name
    if project.is_dir():
        shutil.copytree(project, top, dirs_exist_ok=True)
        stand_ins = [path for path in project.rglob(name) if path.stat().st_size == 0]
        assert len(stand_ins) <= 1, f"{project} has more than one empty {name} to stand for the case"
        if stand_ins:
            place = top / stand_ins[0].relative_to(project)
    place.write_bytes(case.read_bytes())
    return place


def _settings(case: Path, copy: Path, top: Path) -> ProjectSettings:
    settings_path = case.with_name(case.name.replace(".input.py", ".settings.json"))
    settings = ProjectSettings(**json.loads(settings_path.read_text())) if settings_path.exists() else ProjectSettings()
    around = sorted(path for path in top.rglob("*.py") if path != copy)
    # The surveys of the codemods it runs after too: what they found may be what it reads.
    codemod = registry.by_id()[case.parent.name]
    surveyed = [codemod, *(registry.by_id()[earlier] for earlier in codemod.runs_after)]
    return survey_project([copy, *around], surveyed, settings)


def _diagnostics_text(result) -> str:
    return "".join(
        f"{d.line}:{d.column} {d.severity.value} [{d.codemod}] {d.message}\n" for d in result.diagnostics
    ) + "".join(
        f"{r.line}:0 setting [{r.codemod}] {r.key} = {r.value!r}\n" for r in result.settings_requested
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.parent.name}/{case.name.removesuffix('.input.py')}")
def test_snapshot(
    case: Path, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    codemod_id = case.parent.name
    expected_path = case.with_name(case.name.replace(".input.py", ".expected.py"))
    diagnostics_path = case.with_name(case.name.replace(".input.py", ".diagnostics.txt"))
    source = case.read_bytes()
    copy = _project_with_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    settings = _settings(case, copy, tmp_path)
    result = run_codemod(codemod_id, source, str(copy), settings)
    output = output_of(result)
    diagnostics = _diagnostics_text(result)

    if request.config.getoption("--update-expected"):
        if output != source:
            expected_path.write_bytes(output)
        else:
            expected_path.unlink(missing_ok=True)
        if diagnostics:
            diagnostics_path.write_text(diagnostics)
        else:
            diagnostics_path.unlink(missing_ok=True)

    expected = expected_path.read_bytes() if expected_path.exists() else source
    assert output == expected
    assert diagnostics == (diagnostics_path.read_text() if diagnostics_path.exists() else "")
    if output != source:
        compile(output, str(case), "exec")
        again = run_codemod(codemod_id, output, str(copy), settings)
        assert again.status is Status.UNCHANGED, "a second run must change nothing"


def test_every_codemod_has_cases() -> None:
    for codemod in registry.REGISTRY:
        # A codemod of the configuration only has pyproject.toml cases (tests/test_pytest9_native_config.py).
        cases = [*(SNAPSHOTS / codemod.id).glob("*.input.py"), *(SNAPSHOTS / codemod.id).glob("*.input.toml")]
        assert len(cases) >= 8, f"{codemod.id} has {len(cases)} snapshot cases, needs at least 8"


def test_every_codemod_reaches_worker_processes() -> None:
    """Codemods are pickled to the worker processes of a run over many files."""
    for codemod in registry.REGISTRY:
        assert pickle.loads(pickle.dumps(codemod)) == codemod, codemod.id


def test_no_orphaned_expectations() -> None:
    for extension in ("py", "toml"):
        for expected in SNAPSHOTS.glob(f"*/*.expected.{extension}"):
            assert expected.with_name(expected.name.replace(".expected.", ".input.")).exists(), expected
    for suffix in (".diagnostics.txt", ".settings.json", ".project", ".setup.cfg"):
        for path in SNAPSHOTS.glob(f"*/*{suffix}"):
            inputs = [path.with_name(path.name.replace(suffix, f".input.{extension}")) for extension in ("py", "toml")]
            assert any(each.exists() for each in inputs), path


def test_snapshot_folders_name_codemods() -> None:
    known = {codemod.id for codemod in registry.REGISTRY} | {"projects"}
    # __init__.py makes the cases package data, shipped for `asyncio-migrate explain`.
    for folder in (path for path in SNAPSHOTS.iterdir() if path.is_dir() and path.name != "__pycache__"):
        assert folder.name in known, f"snapshots/{folder.name} is not a codemod id"
