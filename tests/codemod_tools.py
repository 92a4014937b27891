"""Helpers for codemod tests: run codemods on a source text, assert transformed or unchanged."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import ProjectSettings
from asyncio_migrate.pipeline.engine import process_source
from asyncio_migrate.results import FileResult, Status


def run_codemod(
    codemod_id: str, source: bytes, filename: str = "test_example.py", settings: ProjectSettings | None = None
) -> FileResult:
    codemod = registry.by_id()[codemod_id]
    return process_source(Path(filename), source, [codemod], settings or ProjectSettings())


def output_of(result: FileResult) -> bytes:
    assert result.status in (Status.CHANGED, Status.UNCHANGED), result.reason
    return result.new if result.status is Status.CHANGED else result.old  # type: ignore[return-value]


def check_transformed(codemod_id: str, before: str, after: str, filename: str = "test_example.py") -> FileResult:
    before, after = textwrap.dedent(before), textwrap.dedent(after)
    result = run_codemod(codemod_id, before.encode(), filename)
    assert output_of(result).decode() == after
    ast.parse(after)
    assert run_codemod(codemod_id, after.encode(), filename).status is Status.UNCHANGED
    return result


def check_unchanged(codemod_id: str, source: str, filename: str = "test_example.py") -> FileResult:
    source = textwrap.dedent(source)
    result = run_codemod(codemod_id, source.encode(), filename)
    assert result.status is Status.UNCHANGED, output_of(result).decode()
    return result
