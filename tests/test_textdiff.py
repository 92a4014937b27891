"""The linear unified diff: every diff it prints turns the old lines into the new ones."""

from __future__ import annotations

import difflib
import re

from hypothesis import given
from hypothesis import strategies as st

from asyncio_migrate.textdiff import unified_diff

_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def _patched(before: list[str], diff: list[str]) -> list[str]:
    """``before`` with ``diff`` applied, checking every context and removed line."""
    assert diff[:2] == ["--- f\n", "+++ f\n"]
    out: list[str] = []
    position = 0
    for line in diff[2:]:
        hunk = _HUNK.fullmatch(line)
        if hunk:
            start, length = int(hunk[1]), int(hunk[2] or 1)
            begin = start - 1 if length else start
            assert begin >= position
            out.extend(before[position:begin])
            position = begin
        elif line[0] in " -":
            assert before[position] == line[1:]
            position += 1
            if line[0] == " ":
                out.append(line[1:])
        else:
            assert line[0] == "+"
            out.append(line[1:])
    return out + before[position:]


lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "def f():\n", "    pass\n", "\n"]), max_size=40)


@given(lines, lines)
def test_diff_applies(before: list[str], after: list[str]) -> None:
    diff = list(unified_diff(before, after, "f", "f"))
    if before == after:
        assert diff == []
    else:
        assert _patched(before, diff) == after


def test_same_as_difflib_on_an_ordinary_edit() -> None:
    before = [f"line {i}\n" for i in range(30)]
    after = before[:5] + ["inserted\n"] + before[5:12] + before[13:25] + ["changed\n"] + before[26:]
    assert list(unified_diff(before, after, "f", "f")) == list(difflib.unified_diff(before, after, "f", "f"))


def test_many_scattered_removals() -> None:
    before = []
    for i in range(3000):
        before += ["@pytest.mark.asyncio\n", f"async def test_{i}():\n", f"    assert {i}\n", "\n"]
    after = [line for line in before if line != "@pytest.mark.asyncio\n"]
    diff = list(unified_diff(before, after, "f", "f"))
    assert _patched(before, diff) == after
    assert sum(line == "-@pytest.mark.asyncio\n" for line in diff) == 3000
