"""Unified diffs that stay linear in the size of a file.

``difflib.unified_diff`` is quadratic when a long file changes in many places (a module of
thousands of marked tests loses thousands of decorators: minutes for one diff). Here the
lines that occur once on each side anchor the match first, as in git's patience diff, and
difflib only aligns the short stretches between anchors.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterator, Sequence


def unified_diff(
    before: Sequence[str], after: Sequence[str], fromfile: str, tofile: str, context: int = 3
) -> Iterator[str]:
    """The lines of a unified diff, in the format of ``difflib.unified_diff`` (no dates)."""
    started = False
    for group in _AnchoredMatcher(before, after).get_grouped_opcodes(context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in before[i1:i2])
                continue
            if tag in {"replace", "delete"}:
                yield from ("-" + line for line in before[i1:i2])
            if tag in {"replace", "insert"}:
                yield from ("+" + line for line in after[j1:j2])


def _range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1 if length else start},{length}"


class _AnchoredMatcher(difflib.SequenceMatcher):
    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        super().__init__(None, a, b)

    def get_matching_blocks(self) -> list[difflib.Match]:
        if self.matching_blocks is not None:
            return self.matching_blocks
        found: list[tuple[int, int, int]] = []
        pending = [(0, len(self.a), 0, len(self.b))]
        while pending:
            pending.extend(self._anchor(*pending.pop(), found))
        found.sort()
        merged: list[tuple[int, int, int]] = []
        for i, j, size in found:
            if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
                merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
            else:
                merged.append((i, j, size))
        merged.append((len(self.a), len(self.b), 0))
        self.matching_blocks = [difflib.Match(*block) for block in merged]
        return self.matching_blocks

    def _anchor(self, alo: int, ahi: int, blo: int, bhi: int, found: list) -> list[tuple[int, int, int, int]]:
        """Match a[alo:ahi] with b[blo:bhi]: record sure blocks, return the stretches left to match."""
        a, b = self.a, self.b
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            found.append((alo, blo, 1))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            found.append((ahi, bhi, 1))
        if alo == ahi or blo == bhi:
            return []
        anchors = _unique_common(a, alo, ahi, b, blo, bhi)
        if not anchors:
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi])
            found.extend((alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size)
            return []
        stretches = []
        for i, j in anchors:
            found.append((i, j, 1))
            stretches.append((alo, i, blo, j))
            alo, blo = i + 1, j + 1
        stretches.append((alo, ahi, blo, bhi))
        return [stretch for stretch in stretches if stretch[0] < stretch[1] or stretch[2] < stretch[3]]


def _unique_common(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines that occur once in each stretch, the longest run in the same order."""
    where_a: dict[str, int | None] = {}
    for i in range(alo, ahi):
        where_a[a[i]] = None if a[i] in where_a else i
    where_b: dict[str, int | None] = {}
    for j in range(blo, bhi):
        where_b[b[j]] = None if b[j] in where_b else j
    pairs = sorted(
        (i, where_b[line]) for line, i in where_a.items() if i is not None and where_b.get(line) is not None
    )
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by i) whose j increase too (patience sorting)."""
    tails: list[int] = []  # j of the last pair of the best run of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        previous.append(tail_index[length - 1] if length else -1)
    run = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]
