"""--verify: ask pytest itself whether a migration changed anything it should not.

The project is copied twice into a temporary folder, the command's changes are laid over
the second copy, and pytest runs in each copy (collection only, or the whole suite with
``--verify=run``) in the user's own environment, with :mod:`asyncio_migrate.verify.probe`
recording per test id whether pytest-asyncio runs it, its loop scope and factories, the
marks of other async plugins it carries at run time, the async fixtures it uses, the
warnings and collection errors, and (when run) the outcome. The two records
are compared; differences the command announced on purpose are marked expected. The
user's tree is never touched, and the copies are removed also when interrupted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from asyncio_migrate.config.discovery import SKIPPED_FOLDER_NAMES
from asyncio_migrate.config.versions import SETTING_MIN_VERSION

PROBE_MODULE = "asyncio_migrate_verify_probe"
# What pytest says of a configuration key no plugin registered.
_UNKNOWN_OPTION = re.compile(r"PytestConfigWarning: Unknown config option: (\S+)")
_PROBE_SOURCE = Path(__file__).with_name("probe.py")


class VerifyError(Exception):
    """Verification could not be done (pytest missing, a file outside the project...)."""


@dataclass(frozen=True)
class Difference:
    kind: str
    test: str  # a test id (with the fixture name for fixture differences)
    before: str
    after: str
    expected: bool = False
    why: str = ""  # for an expected difference: who announced it


@dataclass
class Verification:
    mode: str  # "collect" or "run"
    differences: list[Difference]
    # Collection errors of the original tree: reported, not held against the migration.
    original_errors: dict[str, str] = field(default_factory=dict)
    tests_compared: int = 0

    @property
    def unexpected(self) -> list[Difference]:
        return [difference for difference in self.differences if not difference.expected]


@dataclass(frozen=True)
class Expectations:
    """What a command changes on purpose (see commands.py)."""

    # Differences expected for every test or fixture.
    always: Collection[str] = ()
    # Differences expected for the tests a codemod announced (``path::Class::test`` ids).
    for_announced: Collection[str] = ()
    announced: Collection[str] = ()
    # ...and for the tests using one of these fixtures (by name).
    announced_fixtures: Collection[str] = ()

    def why(self, kind: str, test_id: str, fixtures: Collection[str] = ()) -> str | None:
        if kind in self.always:
            return "follows from the new mode"
        if kind in self.for_announced and _base_id(test_id) in self.announced:
            return "announced in the report"
        if kind in self.for_announced and any(name in self.announced_fixtures for name in fixtures):
            return "uses a fixture announced in the report"
        return None


def _base_id(test_id: str) -> str:
    return test_id.split("[", 1)[0]


def verify(
    root: Path,
    new_files: Mapping[Path, bytes],
    expectations: Expectations,
    *,
    mode: str = "collect",
    python: str,
) -> Verification:
    """Compare pytest's view of ``root`` before and after writing ``new_files``."""
    root = root.resolve()
    if os.sep in python and not os.path.isabs(python):
        python = os.path.abspath(python)  # pytest runs in the copies, not in the user's folder
    for path in new_files:
        if not path.resolve().is_relative_to(root):
            raise VerifyError(f"{path} is outside the project folder {root}; verify from a folder that holds both")
    workspace = Path(tempfile.mkdtemp(prefix="asyncio-migrate-verify-"))
    try:
        records = {}
        for side in ("before", "after"):
            copy = workspace / side / root.name
            shutil.copytree(root, copy, ignore=_ignore_copy, symlinks=True)
            if side == "after":
                for path, data in new_files.items():
                    (copy / path.resolve().relative_to(root)).write_bytes(data)
            records[side] = probe_project(copy, python, mode)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return compare(records["before"], records["after"], expectations, mode)


def probe_project(project: Path, python: str, mode: str = "collect") -> dict:
    """pytest's record of ``project`` (run in place: pass a copy you can let pytest write to)."""
    with tempfile.TemporaryDirectory(prefix="asyncio-migrate-probe-") as scratch:
        probe_dir = Path(scratch)
        shutil.copyfile(_PROBE_SOURCE, probe_dir / f"{PROBE_MODULE}.py")
        return _normalised(_probe(project, probe_dir, probe_dir / "record.json", mode, python), project)


def _ignore_copy(folder: str, names: list[str]) -> set[str]:
    return {name for name in names if name in SKIPPED_FOLDER_NAMES or name.endswith(".egg-info")} | (
        set(names) if "pyvenv.cfg" in names else set()
    )


def _probe(copy: Path, probe_dir: Path, out: Path, mode: str, python: str) -> dict:
    from asyncio_migrate.analysis.plugins import FOREIGN_MARKS  # libcst: only a --verify run needs it

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(probe_dir), env.get("PYTHONPATH")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["ASYNCIO_MIGRATE_VERIFY_OUT"] = str(out)
    env["ASYNCIO_MIGRATE_OTHER_PLUGIN_MARKS"] = ",".join(sorted(FOREIGN_MARKS))
    command = [python, "-m", "pytest", "-p", PROBE_MODULE, "-p", "no:cacheprovider", "-q"]
    if mode == "collect":
        command.append("--collect-only")
    try:
        completed = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    except OSError as error:
        raise VerifyError(f"cannot run {python}: {error}") from error
    if not out.exists():
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-15:])
        raise VerifyError(f"pytest did not finish in {copy.name} (exit {completed.returncode}):\n{tail}")
    return json.loads(out.read_text(encoding="utf-8"))


def _normalised(record: dict, copy: Path) -> dict:
    # Warnings and errors may name the copy's folder, which differs between the two sides.
    def clean(text: str) -> str:
        return text.replace(str(copy), "<project>")

    record["warnings"] = sorted({clean(warning) for warning in record["warnings"]})
    record["collection_errors"] = {key: clean(value) for key, value in record["collection_errors"].items()}
    return record


def compare(before: dict, after: dict, expectations: Expectations, mode: str = "collect") -> Verification:
    """Every difference between two probe records, test by test."""
    differences: list[Difference] = []

    def add(kind: str, test: str, old: object, new: object, fixtures: Collection[str] = ()) -> None:
        why = expectations.why(kind, test.split(" ", 1)[0], fixtures)
        differences.append(Difference(kind, test, _text(old), _text(new), why is not None, why or ""))

    old_tests, new_tests = before["tests"], after["tests"]
    # No command hands a test another async plugin's mark claims to pytest-asyncio on purpose,
    # whatever it announced. A test whose id changed (a loop factory suffix) is no such test
    # if pytest-asyncio already ran it under its old id.
    run_before = {(_base_id(test_id), _other_plugin_marks(old)) for test_id, old in old_tests.items() if old["asyncio"]}
    for test_id in sorted(old_tests.keys() - new_tests.keys()):
        add("test disappeared", test_id, "collected", "absent")
    for test_id in sorted(new_tests.keys() - old_tests.keys()):
        new = new_tests[test_id]
        marks = _other_plugin_marks(new)
        if new["asyncio"] and marks and (_base_id(test_id), marks) not in run_before:
            add("taken from another async plugin", test_id, marks, "pytest-asyncio")
        else:
            add("test appeared", test_id, "absent", "collected")
    for test_id in sorted(old_tests.keys() & new_tests.keys()):
        old, new = old_tests[test_id], new_tests[test_id]
        if old["asyncio"] != new["asyncio"]:
            marks = _other_plugin_marks(new)
            if new["asyncio"] and marks:
                add("taken from another async plugin", test_id, marks, "pytest-asyncio")
            else:
                kind = "now run by pytest-asyncio" if new["asyncio"] else "no longer run by pytest-asyncio"
                add(kind, test_id, old["asyncio"], new["asyncio"])
        elif old["asyncio"]:
            if old["loop_scope"] != new["loop_scope"]:
                add("loop scope changed", test_id, old["loop_scope"], new["loop_scope"])
            if old["loop_factories"] != new["loop_factories"]:
                add("loop factories changed", test_id, old["loop_factories"], new["loop_factories"])
        for name in sorted(old["fixtures"].keys() | new["fixtures"].keys()):
            old_fixture, new_fixture = old["fixtures"].get(name), new["fixtures"].get(name)
            label = f"{test_id} (fixture {name})"
            if old_fixture is None or new_fixture is None:
                add("fixture changed", label, old_fixture, new_fixture, (name,))
            elif old_fixture["handled"] != new_fixture["handled"]:
                kind = "fixture now handled" if new_fixture["handled"] else "fixture no longer handled"
                add(kind, label, old_fixture["handled"], new_fixture["handled"])
            elif old_fixture["loop_scope"] != new_fixture["loop_scope"]:
                add("fixture loop scope changed", label, old_fixture["loop_scope"], new_fixture["loop_scope"])
        if mode == "run":
            old_outcome = before["outcomes"].get(test_id, "not run")
            new_outcome = after["outcomes"].get(test_id, "not run")
            if old_outcome != new_outcome:
                add("outcome changed", test_id, old_outcome, new_outcome, old["fixtures"].keys() | new["fixtures"].keys())
    for warning in sorted(set(after["warnings"]) - set(before["warnings"])):
        setting = _UNKNOWN_OPTION.fullmatch(warning.strip())  # pytest ends the message with a newline
        if setting is not None and setting.group(1) in SETTING_MIN_VERSION:
            # A pytest-asyncio setting the command wrote for its target release, which the release
            # installed here predates: that release ignores it, so no test runs differently.
            why = (
                f"{setting.group(1)} is read by pytest-asyncio {SETTING_MIN_VERSION[setting.group(1)]} and later; "
                "the release installed here ignores it"
            )
            differences.append(Difference("new warning", "(collection)", "", warning, True, why))
        else:
            add("new warning", "(collection)", "", warning)
    for test_id, error in sorted(after["collection_errors"].items()):
        if test_id not in before["collection_errors"]:
            add("new collection error", test_id or "(session)", "", error)
    return Verification(mode, differences, dict(before["collection_errors"]), len(old_tests.keys() & new_tests.keys()))


def _other_plugin_marks(record: dict) -> str:
    return ", ".join(f"pytest.mark.{name}" for name in record.get("other_plugin_marks", ()))


def _text(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{key}={_text(item)}" for key, item in value.items())
    return str(value)
