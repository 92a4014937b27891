"""Fuzzing every command: whatever the code, the output parses, a second run changes nothing,
and a file no codemod touched keeps its bytes.

Two sources of modules: the round-trip test's generator of pytest-asyncio constructs (marks in
every form and place, fixtures of every kind, classes, spellings of the imports), and
hypothesmith's arbitrary valid Python with an asyncio-marked test spliced in at a statement
boundary (odd syntax, shadowed names, deep nesting). The budget is fixed and the examples
derandomized, so CI runs the same cases in a few seconds every time.
"""

from __future__ import annotations

import ast
import re
import tempfile
from pathlib import Path

import hypothesmith
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from asyncio_migrate import api
from asyncio_migrate.pipeline.commands import COMMANDS
from asyncio_migrate.results import Status
from tests.test_round_trip import projects, render

FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SPLICED = "import pytest\n\n\n@pytest.mark.asyncio\nasync def test_spliced():\n    assert True\n"
# A reason a valid module may fail with; anything else (an internal error) is a bug.
_ACCEPTED_FAILURES = ("cannot parse", "nested too deeply", "this Python cannot analyse")


def check_command(command: str, files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(text.encode())
        before = {path: path.read_bytes() for path in root.rglob("*.py")}
        first = api.run(command, [root], write=True, jobs=1)
        for result in first.files:
            assert result.status is not Status.FAILED or result.reason.startswith(_ACCEPTED_FAILURES), result.reason
        if first.blocked:
            assert {path: path.read_bytes() for path in root.rglob("*.py")} == before
            return
        for path, old in before.items():
            new = path.read_bytes()
            ast.parse(new, str(path))
            status = next(result.status for result in first.files if result.path.resolve() == path.resolve())
            if status is not Status.CHANGED:
                assert new == old, path
        second = api.run(command, [root], write=False, jobs=1)
        assert not second.changed and not second.config_edits, [result.path for result in second.changed]


@settings(FUZZ, max_examples=50)
@given(project=projects("strict") | projects("auto"), command=st.sampled_from(sorted(COMMANDS)))
def test_pytest_asyncio_constructs(project, command: str) -> None:
    files = render(project)
    for name, text in files.items():
        note(f"--- {name}\n{text}")
    check_command(command, files)


def _spliced(source: str, where: int) -> str:
    """``SPLICED`` between two top-level statements of ``source`` (after any __future__ import)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):  # hypothesmith's grammar admits a few things CPython refuses
        assume(False)
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", source)  # as the parser counts lines
    boundaries = [0] + [statement.end_lineno for statement in tree.body]
    futures = [statement.end_lineno for statement in tree.body if isinstance(statement, ast.ImportFrom)
               and statement.module == "__future__"]
    boundaries = [line for line in boundaries if line >= max(futures, default=0)]
    cut = boundaries[where % len(boundaries)]
    head = "".join(lines[:cut])
    if head and not head.endswith(("\n", "\r")):
        head += "\n"
    return head + SPLICED + "".join(lines[cut:])


@settings(FUZZ, max_examples=150)
@given(source=hypothesmith.from_grammar(), where=st.integers(0, 50), command=st.sampled_from(sorted(COMMANDS)))
def test_arbitrary_python_with_a_mark_spliced_in(source: str, where: int, command: str) -> None:
    module = _spliced(source, where)
    note(module)
    check_command(command, {"pytest.ini": "[pytest]\nasyncio_mode = strict\n", "test_fuzz.py": module})
