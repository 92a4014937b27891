"""`list` and `explain` read the codemods without importing them: they must say what the registry says."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from asyncio_migrate import catalogue
from asyncio_migrate import codemods as registry

from .cli_tools import cli

SNAPSHOTS = Path(__file__).parent.parent / "snapshots"


def test_the_catalogue_matches_the_registry() -> None:
    infos = catalogue.codemods()
    assert [info.id for info in infos] == [codemod.id for codemod in registry.REGISTRY]
    for info, codemod in zip(infos, registry.REGISTRY):
        assert (info.summary, info.commands, info.min_pytest_asyncio, info.note) == (
            codemod.summary, codemod.commands, codemod.min_pytest_asyncio, codemod.note
        )
        module = sys.modules[codemod.transform.__module__]
        assert info.doc == (module.__doc__ or "").strip()


# Every field of Codemod the engine reads before parsing, and the functions it calls.
DECLARED = ("id", "summary", "commands", "prefilter", "prefilter_all", "modes", "test_files_only",
            "min_pytest_asyncio", "note", "runs_after", "source_file", "transform", "survey", "wants_file",
            "wants_source", "configure", "check_config")


def test_the_declarations_the_engine_reads_are_the_codemods_own() -> None:
    declarations = catalogue.declarations()
    assert [declaration.id for declaration in declarations] == [codemod.id for codemod in registry.REGISTRY]
    for declaration, codemod in zip(declarations, registry.REGISTRY):
        for name in DECLARED:
            assert getattr(declaration, name) == getattr(codemod, name), (codemod.id, name)
    assert set(DECLARED) >= {field.name for field in dataclasses.fields(registry.REGISTRY[0])}


def test_every_declaration_reaches_worker_processes() -> None:
    """The engine pickles declarations, not codemods, to the workers of a run over many files."""
    for declaration in catalogue.declarations():
        assert pickle.loads(pickle.dumps(declaration)) == declaration, declaration.id


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["list"], ["explain", "remove-asyncio-marks"]])
def test_help_version_list_and_explain_import_neither_libcst_nor_rich(argv: list[str]) -> None:
    program = (
        "import sys\nfrom asyncio_migrate.cli import run_cli\n"
        f"try:\n    run_cli({argv!r})\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(name for name in sys.modules if name.split('.')[0] in ('libcst', 'rich', 'typer', 'click'))\n"
        "heavy += sorted(name for name in sys.modules if name.startswith('asyncio_migrate.codemods.'))\n"
        "print(heavy, file=sys.stderr)\n"
    )
    completed = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert completed.stderr.strip().splitlines()[-1] == "[]"


def test_list_as_json() -> None:
    result = cli("list", "--output-format=json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert [entry["id"] for entry in document] == [codemod.id for codemod in registry.REGISTRY]
    first = registry.REGISTRY[0]
    assert document[0] == {"id": first.id, "commands": list(first.commands),
                           "min_pytest_asyncio": first.min_pytest_asyncio, "summary": first.summary,
                           "note": first.note}


@pytest.mark.parametrize("codemod", registry.REGISTRY, ids=lambda codemod: codemod.id)
def test_explain_shows_the_codemods_own_cases(codemod) -> None:
    result = cli("explain", codemod.id)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{codemod.id}\n  run by: {', '.join(codemod.commands)}\n")
    assert f"needs pytest-asyncio >= {codemod.min_pytest_asyncio}" in result.stdout
    rewritten, left = catalogue.examples(codemod.id)
    assert rewritten is not None or left is not None
    for case in (rewritten, left):
        if case is None:
            continue
        assert f"test case {case.name})" in result.stdout
        [on_disk] = (SNAPSHOTS / codemod.id).glob(f"{case.name}.input.*")
        first_code_line = next(line for line in on_disk.read_text(errors="replace").splitlines() if line.strip())
        assert f"    {first_code_line.removeprefix(chr(0xFEFF))}" in result.stdout
    if rewritten is not None:
        [expected] = (SNAPSHOTS / codemod.id).glob(f"{rewritten.name}.expected.*")
        assert rewritten.after == expected.read_text(errors="replace")


def test_explain_prefers_the_basic_case() -> None:
    rewritten, _ = catalogue.examples("remove-asyncio-marks")
    assert rewritten is not None and rewritten.name == "basic"


def test_explain_prefers_cases_that_read_without_their_project() -> None:
    cases = {case.name: case for case in catalogue.snapshot_cases("event-loop-overrides")}
    # The shortest case it rewrites needs the override of a conftest.py the example would not show.
    assert cases["nested_auto_sync_test"].in_project and not cases["conftest_function_scope"].in_project
    for codemod in registry.REGISTRY:
        for example in catalogue.examples(codemod.id):
            assert example is None or not example.in_project, (codemod.id, example.name)


def test_explain_an_unknown_id_suggests_the_nearest() -> None:
    result = cli("explain", "remove-asyncio-mark")
    assert result.returncode == 2
    assert "unknown codemod id 'remove-asyncio-mark'; did you mean remove-asyncio-marks" in result.stderr
