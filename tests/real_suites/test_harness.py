"""The harness's checks must be able to fail.

The warning check must see warnings at all: every real suite has none today, so a recorder
that silently recorded nothing would let every real-suite test pass. An expected outcome
change must excuse its own test id and no other, and fail when it does not happen."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from .harness import (
    FLOATING,
    MISSING,
    MigrationRun,
    OutcomeDifference,
    RecordedWarning,
    SuiteRun,
    outcome_differences,
    refusal_problems,
    run_suite,
    unexplained_differences,
    warning_differences,
    with_floating_warnings,
    with_parameter_ids_paired,
)

WARNING_TESTS = textwrap.dedent(
    """\
    import warnings

    warnings.warn("at import", UserWarning)


    class Thing:
        pass


    def test_warns_with_path_and_address():
        warnings.warn(f"{Thing()!r} in {__file__}", DeprecationWarning)


    def test_warns_changed():
        warnings.warn("WARNING_TEXT", UserWarning)
    """
)


def write_project(root: Path, warning_text: str) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "tests" / "test_warnings.py").write_text(WARNING_TESTS.replace("WARNING_TEXT", warning_text))
    return root


def test_only_changed_warnings_differ_between_runs_in_different_folders(tmp_path: Path) -> None:
    python = Path(sys.executable)  # the outer venv has pytest, which is all the tiny suite needs
    before = run_suite(python, write_project(tmp_path / "before", "old"), ("tests",), tmp_path / "before.xml")
    after = run_suite(python, write_project(tmp_path / "after", "new"), ("tests",), tmp_path / "after.xml")

    # Paths inside the project folder are made relative, memory addresses masked.
    assert after.warnings == [
        RecordedWarning("tests/test_warnings.py", "UserWarning", "at import"),
        RecordedWarning("tests/test_warnings.py::test_warns_changed", "UserWarning", "new"),
        RecordedWarning(
            "tests/test_warnings.py::test_warns_with_path_and_address",
            "DeprecationWarning",
            "<test_warnings.Thing object at 0x…> in tests/test_warnings.py",
        ),
    ]
    assert warning_differences(before, after) == (
        [RecordedWarning("tests/test_warnings.py::test_warns_changed", "UserWarning", "new")],
        [RecordedWarning("tests/test_warnings.py::test_warns_changed", "UserWarning", "old")],
    )


def suite_run(outcomes: dict[str, str]) -> SuiteRun:
    return SuiteRun(outcomes, warnings=[], exit_code=0, output="", seconds=0.0)


def test_only_expected_outcome_changes_are_explained() -> None:
    before = suite_run({"t::fixed": "passed", "t::broken": "passed", "t::same": "passed", "t::stays": "passed"})
    after = suite_run({"t::fixed": "failed", "t::broken": "failed", "t::same": "passed", "t::stays": "passed"})
    expected = {"t::fixed": "a real missing await", "t::stays": "a call awaited later in a task"}

    unexplained, not_happened = unexplained_differences(outcome_differences(before, after), expected)

    assert unexplained == [OutcomeDifference("t::broken", "passed", "failed")]
    assert not_happened == ["t::stays"]


def test_no_expected_outcome_change_leaves_every_difference_unexplained() -> None:
    before = suite_run({"t::a": "passed"})
    after = suite_run({"t::a": "passed", "t::b": "passed"})

    assert unexplained_differences(outcome_differences(before, after), {}) == (
        [OutcomeDifference("t::b", MISSING, "passed")],
        [],
    )


def test_a_refusal_must_exit_2_name_exactly_its_blockers_and_write_nothing(tmp_path: Path) -> None:
    def refusal(exit_code: int, *blockers: str) -> MigrationRun:
        lines = [
            f"{tmp_path}/{where}: blocker [other-async-plugins] pytest.mark.trio is used here" for where in blockers
        ]
        lines.append(f"{tmp_path}/tests/test_a.py:3:1: info [unmarked-async-tests] test_a has no asyncio mark")
        return MigrationRun(exit_code, "\n".join(lines), seconds=0.0)

    expected = ("tests/conftest.py:9:36",)
    assert refusal_problems(refusal(2, "tests/conftest.py:9:36"), tmp_path, [], expected) == []
    assert refusal_problems(refusal(0, "tests/conftest.py:9:36"), tmp_path, ["setup.cfg"], expected) == [
        "exit 0, not 2 (refused)",
        "1 files written: setup.cfg",
    ]
    assert refusal_problems(refusal(2), tmp_path, [], expected) == [
        "blockers named: none; expected: ['tests/conftest.py:9:36']"
    ]
    assert refusal_problems(refusal(2, "tests/conftest.py:9:36", "tests/test_b.py:4:5"), tmp_path, [], expected) == [
        "blockers named: ['tests/conftest.py:9:36', 'tests/test_b.py:4:5']; expected: ['tests/conftest.py:9:36']"
    ]


def test_floating_warnings_compare_by_message_alone() -> None:
    never_awaited = "coroutine 'Event.wait' was never awaited"
    pattern = r"RuntimeWarning: coroutine 'Event\.wait' was never awaited"

    def run(*owners: str) -> SuiteRun:
        warnings = [RecordedWarning(owner, "RuntimeWarning", never_awaited) for owner in owners]
        return SuiteRun({}, [*warnings, RecordedWarning("t::b", "UserWarning", "kept")], 0, "", 0.0)

    moved = warning_differences(
        with_floating_warnings(run("t::a"), [pattern]), with_floating_warnings(run("t::c", "t::d"), [pattern])
    )
    gone = warning_differences(with_floating_warnings(run("t::a"), [pattern]), with_floating_warnings(run(), [pattern]))

    assert moved == ([], [])
    assert gone == ([], [RecordedWarning(FLOATING, "RuntimeWarning", never_awaited)])


def test_parameter_ids_pair_in_run_order_within_one_function_only() -> None:
    before = suite_run(
        {"t::q[\\n a]": "passed", "t::q[\\n b]": "failed", "t::gone[x]": "passed", "t::same[1]": "passed"}
    )
    after = suite_run({"t::q[s0]": "passed", "t::q[s1]": "failed", "t::new[y]": "passed", "t::same[1]": "passed"})

    paired = with_parameter_ids_paired(before, after)

    assert paired.outcomes == {
        "t::q[\\n a]": "passed",
        "t::q[\\n b]": "failed",
        "t::new[y]": "passed",
        "t::same[1]": "passed",
    }
    assert outcome_differences(before, paired) == [
        OutcomeDifference("t::gone[x]", "passed", MISSING),
        OutcomeDifference("t::new[y]", MISSING, "passed"),
    ]
