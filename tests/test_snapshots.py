"""Every case under snapshots/<codemod-id>/: input → expected output and diagnostics.

A case is `<name>.input.py` with `<name>.expected.py` (absent: the file must not change)
and `<name>.diagnostics.txt` (absent: no diagnostics). Cases whose name starts with
`conftest` run as a conftest.py, others as a test module. `pytest --update-expected`
rewrites the expectations from the current output, for review before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from asyncio_migrate import codemods as registry
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


def _diagnostics_text(result) -> str:
    return "".join(
        f"{d.line}:{d.column} {d.severity.value} [{d.codemod}] {d.message}\n" for d in result.diagnostics
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.parent.name}/{case.name.removesuffix('.input.py')}")
def test_snapshot(case: Path, request: pytest.FixtureRequest) -> None:
    codemod_id = case.parent.name
    expected_path = case.with_name(case.name.replace(".input.py", ".expected.py"))
    diagnostics_path = case.with_name(case.name.replace(".input.py", ".diagnostics.txt"))
    source = case.read_bytes()
    result = run_codemod(codemod_id, source, _virtual_name(case))
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
        again = run_codemod(codemod_id, output, _virtual_name(case))
        assert again.status is Status.UNCHANGED, "a second run must change nothing"


def test_every_codemod_has_cases() -> None:
    for codemod in registry.REGISTRY:
        cases = list((SNAPSHOTS / codemod.id).glob("*.input.py"))
        assert len(cases) >= 8, f"{codemod.id} has {len(cases)} snapshot cases, needs at least 8"


def test_no_orphaned_expectations() -> None:
    for expected in SNAPSHOTS.glob("*/*.expected.py"):
        assert expected.with_name(expected.name.replace(".expected.py", ".input.py")).exists(), expected
    for diagnostics in SNAPSHOTS.glob("*/*.diagnostics.txt"):
        assert diagnostics.with_name(diagnostics.name.replace(".diagnostics.txt", ".input.py")).exists()


def test_snapshot_folders_name_codemods() -> None:
    known = {codemod.id for codemod in registry.REGISTRY} | {"projects"}
    for folder in SNAPSHOTS.iterdir():
        assert folder.name in known, f"snapshots/{folder.name} is not a codemod id"
