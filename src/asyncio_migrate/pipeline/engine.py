"""One file through the pipeline: read, pre-filter, then (rewrite.py) parse once, codemods,
render, check.

Everything up to the parse reads declarations only (codemod.Declaration): a file no codemod
may apply to, or a run where none does, never imports libcst or a codemod.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from asyncio_migrate.codemod import Codemod, Declaration, ProjectSettings
from asyncio_migrate.results import FileResult, Status


class SurveyError(Exception):
    """A codemod's survey of the whole project failed, so no file can be planned safely."""


def survey_project(
    files: Sequence[Path], codemods: Sequence[Codemod | Declaration], settings: ProjectSettings
) -> ProjectSettings:
    """``settings`` with what each codemod's survey found in ``files``: a survey two codemods
    share runs once, and every codemod with a survey finds its facts under its id."""
    found: dict[Callable[..., object], object] = {}
    facts = dict(settings.facts)
    for codemod in codemods:
        if codemod.survey is not None:
            if codemod.survey not in found:
                try:
                    found[codemod.survey] = codemod.survey(files, settings)
                except Exception as error:  # noqa: BLE001 - a hostile file must not end the run with a traceback
                    raise SurveyError(f"{codemod.id} could not read the project: {describe_exception(error)}") from error
            facts[codemod.id] = found[codemod.survey]
    return replace(settings, facts=facts) if facts else settings


def process_file(path: Path, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings) -> FileResult:
    source = read_source(path)
    if isinstance(source, FileResult):
        return source
    return process_safely(path, source, codemods, settings)


def read_source(path: Path) -> bytes | FileResult:
    """The file's bytes, or the result of a file that cannot be read."""
    try:
        with open(path, "rb") as stream:  # Path.read_bytes costs a third more, for every file
            return stream.read()
    except OSError as error:
        return FileResult(path, Status.FAILED, reason=f"cannot read: {error.strerror or error}")


def process_safely(
    path: Path, source: bytes, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings
) -> FileResult:
    """:func:`process_source`, where any exception fails this file alone and the run goes on."""
    try:
        return process_source(path, source, codemods, settings)
    except Exception as error:  # noqa: BLE001 - one hostile file fails alone
        return FileResult(path, Status.FAILED, old=source, reason=describe_exception(error))


def describe_exception(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply for asyncio-migrate to analyse (RecursionError); left as it is, change it by hand"
    return (f"internal error ({type(error).__name__}: {error}); left as it is. Please report it, "
            "with the file if you can")


def needs_parse(
    path: Path, source: bytes, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings
) -> bool:
    """Whether any codemod may apply to the file (if none does, it is unchanged and never parsed)."""
    is_test_file = _is_test_file(path, settings)
    return any(codemod.may_apply(path, source, is_test_file, settings) for codemod in codemods)


def _selected(
    path: Path, source: bytes, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings
) -> list[Codemod | Declaration]:
    is_test_file = _is_test_file(path, settings)
    return [codemod for codemod in codemods if codemod.may_apply(path, source, is_test_file, settings)]


def _is_test_file(path: Path, settings: ProjectSettings) -> bool:
    return path.name != "conftest.py" and settings.rules.is_test_file(path)


def load_for_parsing(codemods: Sequence[Codemod | Declaration]) -> None:
    """Import what parsing needs (libcst, the codemods' modules) now, once there is a file to
    parse: workers forked after this inherit it instead of each importing it again."""
    from asyncio_migrate.pipeline import rewrite  # noqa: F401

    for codemod in codemods:
        _ = codemod.transform


def process_source(
    path: Path, source: bytes, codemods: Sequence[Codemod | Declaration], settings: ProjectSettings
) -> FileResult:
    selected = _selected(path, source, codemods, settings)
    if not selected:
        return FileResult(path, Status.UNCHANGED, old=source)  # never parsed
    from asyncio_migrate.pipeline.rewrite import rewrite  # libcst, once a file is parsed

    return rewrite(path, source, selected, settings, _is_test_file(path, settings))
