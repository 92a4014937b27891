"""The result cache: a file is taken from it only while nothing its result depends on changed."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest

from asyncio_migrate import api
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.pipeline import cache
from asyncio_migrate.pipeline.cache import ResultCache
from asyncio_migrate.results import Diagnostic, FileResult, Severity, Status

from .cli_tools import invoke_in_process

AUTO_CONFIG = b'[pytest]\nasyncio_mode = auto\n'
# In an auto-mode project to-auto keeps this mark (it carries a loop scope) and says nothing;
# the class mark it would shadow makes it report the bare mark it keeps.
KEPT_MARKS = b"""import pytest


@pytest.mark.asyncio(loop_scope="module")
class TestA:
    @pytest.mark.asyncio
    async def test_a(self):
        pass
"""
MARKED = b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_b():\n    pass\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pytest.ini").write_bytes(AUTO_CONFIG)
    (root / "test_a.py").write_bytes(KEPT_MARKS)
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files each run parses (given to the engine), in order."""
    seen: list[Path] = []
    original = api.process_safely

    def spy(path: Path, source: bytes, codemods, settings) -> FileResult:
        seen.append(path)
        return original(path, source, codemods, settings)

    monkeypatch.setattr(api, "process_safely", spy)
    return seen


def to_auto(project: Path, folder: Path | None) -> api.RunResult:
    return api.run("to-auto", [project], write=False, jobs=1, cache_folder=folder)


def test_a_file_that_needs_nothing_is_parsed_once(project: Path, folder: Path, parsed: list[Path]) -> None:
    first = to_auto(project, folder)
    assert parsed == [project / "test_a.py"]
    second = to_auto(project, folder)
    assert parsed == [project / "test_a.py"]  # not again
    assert [result.status for result in second.files] == [Status.UNCHANGED]
    assert second.files[0].diagnostics == first.files[0].diagnostics
    assert [d.message for d in first.files[0].diagnostics]  # the kept mark is reported, from the cache too


def test_changed_bytes_are_parsed_again(project: Path, folder: Path, parsed: list[Path]) -> None:
    to_auto(project, folder)
    (project / "test_a.py").write_bytes(KEPT_MARKS + b"\n\n" + MARKED)
    result = to_auto(project, folder)
    assert len(parsed) == 2
    assert result.files[0].status is Status.CHANGED  # the new bare mark goes


def test_changed_files_are_not_cached(project: Path, folder: Path, parsed: list[Path]) -> None:
    (project / "test_b.py").write_bytes(MARKED)
    to_auto(project, folder)
    result = to_auto(project, folder)
    assert parsed.count(project / "test_b.py") == 2
    assert [r.status for r in result.files if r.path.name == "test_b.py"] == [Status.CHANGED]


def test_another_tool_version_misses(project: Path, folder: Path, parsed: list[Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    to_auto(project, folder)
    monkeypatch.setattr(cache, "_tool_fingerprint", lambda codemods: "another build")
    to_auto(project, folder)
    assert len(parsed) == 2


def test_the_tool_fingerprint_covers_the_engine_and_every_codemod() -> None:
    from asyncio_migrate import codemods
    from asyncio_migrate.pipeline import engine

    hashed = cache._code_files(codemods.REGISTRY)
    assert Path(engine.__file__).resolve() in hashed
    assert {Path(codemod.transform.__code__.co_filename).resolve() for codemod in codemods.REGISTRY} <= set(hashed)


def test_other_settings_miss(project: Path, folder: Path, parsed: list[Path]) -> None:
    to_auto(project, folder)
    (project / "pytest.ini").write_bytes(AUTO_CONFIG + b"python_files = test_*.py check_*.py\n")
    to_auto(project, folder)
    assert len(parsed) == 2
    (project / "pytest.ini").write_bytes(AUTO_CONFIG)
    to_auto(project, folder)
    assert len(parsed) == 2  # back to the first settings: their entry is still valid


def test_every_setting_and_fact_is_in_the_key(folder: Path) -> None:
    result = FileResult(Path("test_a.py"), Status.UNCHANGED, old=b"async def test_a(): pass\n")
    settings = ProjectSettings(first_party=frozenset({"b", "a", "c"}))
    ResultCache(folder, [], settings).store(result)
    assert ResultCache(folder, [], replace(settings, first_party=frozenset({"c", "a", "b"}))).load(
        result.path, result.old
    ) is not None
    for other in (
        replace(settings, mode="auto"),
        replace(settings, style="pytestmark"),
        replace(settings, target="0.21"),
        replace(settings, facts={"event-loop-overrides": {"conftest.py": ("session",)}}),
        replace(settings, first_party=frozenset({"a", "b"})),
    ):
        assert ResultCache(folder, [], other).load(result.path, result.old) is None, other
    # The same bytes at another path, or other bytes at the path, miss too.
    assert ResultCache(folder, [], settings).load(Path("other/test_a.py"), result.old) is None
    assert ResultCache(folder, [], settings).load(result.path, result.old + b"\n") is None


def test_settings_without_a_stable_spelling_disable_the_cache(folder: Path) -> None:
    settings = ProjectSettings(facts={"survey": object()})
    assert ResultCache.open(folder, [], settings) is None


def test_an_unreadable_entry_is_a_miss(project: Path, folder: Path, parsed: list[Path]) -> None:
    to_auto(project, folder)
    [entry] = [path for path in folder.rglob("*") if path.is_file()]
    entry.write_bytes(b'{"diagnostics": [[1, 2')  # as if cut short
    result = to_auto(project, folder)
    assert len(parsed) == 2
    assert result.files[0].diagnostics


def _store_and_load(folder: str, rounds: int) -> int:
    entries = ResultCache(Path(folder), [], ProjectSettings())
    found = 0
    for index in range(rounds):
        path = Path(f"test_{index % 7}.py")
        diagnostic = Diagnostic(path, 3, 1, "codemod", "x" * 5000, Severity.INFO)
        entries.store(FileResult(path, Status.UNCHANGED, old=b"%d" % (index % 7), diagnostics=[diagnostic]))
        loaded = entries.load(path, b"%d" % (index % 7))
        assert loaded is not None and loaded.diagnostics == [diagnostic]
        found += 1
    return found


def test_concurrent_runs_read_whole_entries(folder: Path) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.starmap(_store_and_load, [(str(folder), 200)] * 4) == [200] * 4
    assert not [path for path in folder.rglob("*.tmp")]


def test_no_cache_neither_reads_nor_writes(project: Path, folder: Path, monkeypatch: pytest.MonkeyPatch,
                                           parsed: list[Path]) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(folder))
    assert invoke_in_process("to-auto", "--check", "--no-cache", str(project)).exit_code == 0
    assert not folder.exists()
    assert invoke_in_process("to-auto", "--check", str(project)).exit_code == 0
    assert [path for path in folder.rglob("*") if path.is_file()]
    assert invoke_in_process("to-auto", "--check", "--no-cache", str(project)).exit_code == 0
    assert len(parsed) == 3  # the cached entry was not used either
    assert invoke_in_process("to-auto", "--check", str(project)).exit_code == 0
    assert len(parsed) == 3
