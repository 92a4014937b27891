"""All or nothing on disk: failed writes, concurrent edits, interruptions, hostile files, exit codes.

Writes fail by fault injection (the transaction's ``os`` made to fail, or the process to die,
at each call that writes); interruptions are real signals sent to a real process.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from asyncio_migrate import api
from asyncio_migrate.pipeline import transaction

from .cli_tools import InProcessResult, invoke_in_process

SAMPLE = Path(__file__).parent.parent / "snapshots" / "projects" / "upgrade-pytest-ini" / "before"
MARKED = b"import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n"
UNMARKED = b"async def test_a():\n    pass\n"
STRICT = b"[pytest]\nasyncio_mode = strict\n"
# The calls through which the transaction changes the disk.
_WRITING_CALLS = frozenset({"open", "write", "fsync", "link", "replace", "chmod", "chown"})


def invoke(*args: str) -> InProcessResult:
    return invoke_in_process(*args)


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


class FaultyOs:
    """``os`` whose ``fail_at``-th writing call runs ``fault`` first (0: never); counts the calls."""

    def __init__(self, fail_at: int, fault) -> None:
        self.fail_at, self.fault, self.calls = fail_at, fault, 0

    def __getattr__(self, name: str):
        real = getattr(os, name)
        if name not in _WRITING_CALLS:
            return real

        def call(*args, **kwargs):
            if name == "open" and not args[1] & (os.O_WRONLY | os.O_RDWR):
                return real(*args, **kwargs)  # the lock's folder, opened to read
            self.calls += 1
            if self.calls == self.fail_at:
                self.fault(args)
            return real(*args, **kwargs)

        return call


def _disk_full(args) -> None:
    raise OSError(errno.ENOSPC, "No space left on device (injected)")


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "project"
    shutil.copytree(SAMPLE, project)
    monkeypatch.chdir(project)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    return project


@pytest.fixture
def once_upgraded(sample: Path, tmp_path: Path) -> dict[str, bytes]:
    """The sample after one uninterrupted run, and the number of writing calls it made."""
    reference = tmp_path / "reference"
    shutil.copytree(sample, reference)
    assert invoke("upgrade", str(reference)).exit_code == 0
    return snapshot(reference)


def _writing_calls(monkeypatch: pytest.MonkeyPatch, project: Path) -> int:
    counter = FaultyOs(0, None)
    copy = project.parent / "count"
    shutil.copytree(project, copy)
    with monkeypatch.context() as patch:
        patch.setattr(transaction, "os", counter)
        assert invoke("upgrade", str(copy)).exit_code == 0
    shutil.rmtree(copy)
    return counter.calls


def test_a_failure_at_any_write_leaves_every_file_as_it_was_and_a_rerun_finishes_the_job(
    sample: Path, once_upgraded: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = snapshot(sample)
    calls = _writing_calls(monkeypatch, sample)
    assert calls > 10  # journal, temporaries, links, renames for the config and each file
    for fail_at in range(1, calls + 1):
        with monkeypatch.context() as patch:
            patch.setattr(transaction, "os", FaultyOs(fail_at, _disk_full))
            result = invoke("upgrade", ".")
        assert result.exit_code == 3, (fail_at, result.output)
        assert "No space left on device (injected)" in result.stderr and "nothing was written" in result.stderr
        assert snapshot(sample) == original, fail_at
    assert invoke("upgrade", ".").exit_code == 0
    assert snapshot(sample) == once_upgraded


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the crash is simulated in a forked child")
def test_a_run_killed_at_any_write_is_undone_by_the_next_run_which_then_finishes_the_job(
    sample: Path, once_upgraded: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _writing_calls(monkeypatch, sample)
    for kill_at in range(1, calls + 1):
        shutil.rmtree(sample)
        shutil.copytree(SAMPLE, sample)
        monkeypatch.chdir(sample)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child dies inside the transaction, like kill -9
            transaction.os = FaultyOs(kill_at, lambda args: os._exit(9))
            try:
                invoke("upgrade", str(sample))
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        result = invoke("upgrade", ".")
        assert result.exit_code == 0, (kill_at, result.output)
        assert snapshot(sample) == once_upgraded, kill_at  # no stray temporary, original or journal either


def test_a_file_edited_during_the_run_is_never_overwritten_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    for index in range(20):
        (tmp_path / f"test_{index}.py").write_bytes(MARKED)
    edited = tmp_path / "test_7.py"

    done = []

    def user_edits(result) -> None:  # after the run read every file, before it writes
        done.append(result)
        if len(done) == 20:
            edited.write_bytes(MARKED + b"# the user's new line\n")

    result = api.run("to-auto", [tmp_path], write=True, jobs=1, on_file_done=user_edits)
    assert not result.written and result.incomplete
    assert result.write_error is not None and result.write_error.path == edited
    assert "changed since this run read it" in str(result.write_error)
    assert edited.read_bytes() == MARKED + b"# the user's new line\n"
    assert (tmp_path / "test_0.py").read_bytes() == MARKED
    assert (tmp_path / "pytest.ini").read_bytes() == STRICT


def test_a_second_run_waits_for_the_first_ones_transaction(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    with transaction.project_lock(tmp_path):  # another run is writing
        second = subprocess.Popen([sys.executable, "-m", "asyncio_migrate", "to-auto", "."], cwd=tmp_path,
                                  stderr=subprocess.PIPE)
        time.sleep(3)
        assert second.poll() is None
        assert (tmp_path / "test_a.py").read_bytes() == MARKED
    assert second.wait(timeout=60) == 0
    assert (tmp_path / "test_a.py").read_bytes() == UNMARKED


def _start(args: list[str], cwd: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "asyncio_migrate", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **env}, start_new_session=True,
    )


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except OSError:
        return True


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_during_verify_ends_pytest_removes_the_copies_writes_nothing_and_says_so(
    tmp_path: Path, signum: int, code: int
) -> None:
    project, scratch = tmp_path / "project", tmp_path / "scratch"
    project.mkdir()
    scratch.mkdir()
    (project / "pytest.ini").write_bytes(STRICT)
    (project / "test_a.py").write_bytes(MARKED)
    # pytest, run by --verify in its copy, records its pid and hangs.
    (project / "conftest.py").write_text(textwrap.dedent(f"""
        import os, time
        open({str(tmp_path / 'pytest.pid')!r}, "w").write(str(os.getpid()))
        time.sleep(120)
    """))
    before = snapshot(project)
    run = _start(["to-auto", "--verify", "."], project, TMPDIR=str(scratch))
    pid_file = tmp_path / "pytest.pid"
    _wait_for(lambda: pid_file.exists() and pid_file.read_text())
    pytest_pid = int(pid_file.read_text())
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert f"interrupted ({signal.Signals(signum).name}): nothing was written" in stderr
    assert "Traceback" not in stderr
    _wait_for(lambda: not _alive(pytest_pid), timeout=10)
    assert list(scratch.iterdir()) == []
    assert snapshot(project) == before


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the workers through /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_workers_end_with_the_run(tmp_path: Path, how: str) -> None:
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    body = b"".join(b"@pytest.mark.asyncio\nasync def test_%d():\n    assert %d\n\n\n" % (i, i) for i in range(200))
    for index in range(400):
        (tmp_path / f"test_{index}.py").write_bytes(b"import pytest\n\n\n" + body)
    before = snapshot(tmp_path)
    run = _start(["to-auto", "-j", "2", "."], tmp_path)

    def workers() -> list[int]:
        children = Path(f"/proc/{run.pid}/task/{run.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    _wait_for(lambda: len(workers()) >= 2)
    started = workers()
    run.send_signal(signal.Signals[how])
    run.communicate(timeout=60)
    assert run.returncode == (-signal.SIGKILL if how == "SIGKILL" else 143)
    _wait_for(lambda: not any(_alive(pid) for pid in started), timeout=10)
    assert snapshot(tmp_path) == before


def test_a_file_too_deep_to_analyse_fails_alone_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    deep = (
        MARKED + b"    x = (" + b" ".join(b'"p%d"' % i for i in range(500)) + b")\n"
        b"    y = " + b" + ".join(b"1" for _ in range(500)) + b"\n"
        b"    if x: pass\n" + b"".join(b"    elif y == %d: pass\n" % i for i in range(1000))
    )
    (tmp_path / "test_deep.py").write_bytes(deep)
    # Its async tests cannot be accounted for, so the mode switch is refused (see test_safety.py)...
    refused = invoke("to-auto", ".")
    assert refused.exit_code == 2, refused.output
    assert "test_deep.py: failed nested too deeply" in refused.stderr and "Traceback" not in refused.output
    assert (tmp_path / "test_a.py").read_bytes() == MARKED
    # ...and with --force the run goes on without it.
    result = invoke("to-auto", "--force", ".")
    assert result.exit_code == 3, result.output
    assert "test_deep.py: failed nested too deeply" in result.stderr and "RecursionError" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "test_deep.py").read_bytes() == deep
    assert (tmp_path / "test_a.py").read_bytes() == UNMARKED


def test_an_exception_in_a_codemod_fails_that_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from asyncio_migrate.pipeline import engine

    real = engine.process_source

    def broken_for_b(path, *args):
        if path.name == "test_b.py":
            raise KeyError("boom")
        return real(path, *args)

    monkeypatch.setattr(engine, "process_source", broken_for_b)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    (tmp_path / "test_b.py").write_bytes(MARKED)
    refused = invoke("to-auto", "-j", "1", ".")  # test_b.py's tests cannot be accounted for
    assert refused.exit_code == 2, refused.output
    assert (tmp_path / "test_a.py").read_bytes() == MARKED
    result = invoke("to-auto", "-j", "1", "--force", ".")
    assert result.exit_code == 3
    assert "test_b.py: failed internal error (KeyError: 'boom')" in result.stderr
    assert (tmp_path / "test_a.py").read_bytes() == UNMARKED


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="only root can give files away")
def test_owner_group_and_mode_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, data in (("pytest.ini", STRICT), ("test_a.py", MARKED)):
        (tmp_path / name).write_bytes(data)
        os.chown(tmp_path / name, 65534, 65533)
        os.chmod(tmp_path / name, 0o640)
    assert invoke("to-auto", ".").exit_code == 0
    for name in ("pytest.ini", "test_a.py"):
        status = (tmp_path / name).stat()
        assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (65534, 65533, 0o640)
    assert (tmp_path / "test_a.py").read_bytes() == UNMARKED


@pytest.mark.parametrize("last", [True, False], ids=["ending-at-end", "none-at-end"])
@pytest.mark.parametrize("style", ["LF", "CRLF", "CR", "mixed"])
def test_every_line_ending_style_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style: str, last: bool) -> None:
    endings = {"LF": ["\n"], "CRLF": ["\r\n"], "CR": ["\r"], "mixed": ["\r\n", "\n", "\r"]}[style]

    def lines(*texts: str) -> list[str]:
        ended = [text + endings[index % len(endings)] for index, text in enumerate(texts)]
        return ended if last else [*ended[:-1], texts[-1]]

    monkeypatch.chdir(tmp_path)
    code = lines("import pytest", "", "", "@pytest.mark.asyncio", "async def test_a():", "    pass")
    config = lines("[tool:pytest]", "# the mode", "asyncio_mode:strict", "\t# still strict", "addopts =", "\t-q")
    (tmp_path / "test_a.py").write_bytes("".join(code).encode())
    (tmp_path / "setup.cfg").write_bytes("".join(config).encode())
    assert invoke("to-auto", ".").exit_code == 0
    # The mark, the import left unused and the blank lines go, each with its own ending.
    assert (tmp_path / "test_a.py").read_bytes() == "".join(code[4:]).encode()
    assert (tmp_path / "setup.cfg").read_bytes() == "".join(config).replace(":strict", ":auto").encode()


def test_an_ini_value_on_several_lines_is_refused_not_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = b"[tool:pytest]\nasyncio_mode:strict\n\tsomething\n# comment\naddopts = -q\n"
    (tmp_path / "setup.cfg").write_bytes(config)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    result = invoke("to-auto", ".")
    assert result.exit_code == 2
    assert "asyncio_mode spans several lines (pytest reads 'strict\\nsomething')" in result.stderr
    assert (tmp_path / "setup.cfg").read_bytes() == config
    assert (tmp_path / "test_a.py").read_bytes() == MARKED


def test_messages_are_never_read_as_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("to-auto", "missing[/]folder[bold]")
    assert result.exit_code == 2
    assert "missing[/]folder[bold]" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unreadable_config_exits_2_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "pytest.ini":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke("to-auto", ".")
    assert result.exit_code == 2, result.output
    assert "pytest.ini: cannot read: Permission denied" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no crash


def test_an_unwritable_folder_exits_3_naming_the_file_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pytest.ini").write_bytes(STRICT)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "test_b.py").write_bytes(MARKED)
    (tmp_path / "test_a.py").write_bytes(MARKED)
    real_access = os.access
    monkeypatch.setattr(  # as if "locked" were read-only (root may write anywhere)
        transaction.os, "access", lambda path, mode: Path(path).name != "locked" and real_access(path, mode)
    )
    before = snapshot(tmp_path)
    result = invoke("to-auto", ".")
    assert result.exit_code == 3, result.output
    assert "test_b.py: cannot write in" in result.stderr and "nothing was written" in result.stderr
    assert snapshot(tmp_path) == before
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no crash


def test_a_dry_run_after_a_killed_run_refuses_until_a_real_run_puts_the_files_back(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = snapshot(sample)
    calls = _writing_calls(monkeypatch, sample)

    class Killed(BaseException):
        pass

    def die(args) -> None:
        raise Killed

    # Killed half-way, with no chance to clean up: the undo itself is what dies.
    with monkeypatch.context() as patch:
        patch.setattr(transaction, "_undo", lambda entries, ours: (_ for _ in ()).throw(Killed()))
        patch.setattr(transaction, "os", FaultyOs(calls // 2, die))
        with pytest.raises(Killed):
            api.run("upgrade", [sample], write=True)
    assert snapshot(sample) != original
    result = invoke("upgrade", "--dry-run", ".")
    assert result.exit_code == 2 and "interrupted while writing" in result.stderr
    result = invoke("upgrade", "--check", ".")
    assert result.exit_code == 2
    assert invoke("upgrade", ".").exit_code == 0
    assert not any(transaction.MARK in name for name in snapshot(sample))


def test_a_thread_holding_the_lock_blocks_a_commit_until_released(tmp_path: Path) -> None:
    target = tmp_path / "f.py"
    target.write_bytes(b"a\n")
    done = threading.Event()
    with transaction.project_lock(tmp_path):
        worker = threading.Thread(
            target=lambda: (transaction.commit([transaction.Write(target, b"a\n", b"b\n")], tmp_path), done.set())
        )
        worker.start()
        assert not done.wait(1)
    worker.join(10)
    assert done.is_set() and target.read_bytes() == b"b\n"


def _too_deep(*_args: object) -> object:
    raise RecursionError("maximum recursion depth exceeded")


def test_a_survey_that_cannot_read_the_project_fails_the_run_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pytest.ini").write_bytes(b"[pytest]\nasyncio_mode = auto\n")
    (tmp_path / "conftest.py").write_bytes(b"import pytest\n")
    (tmp_path / "test_a.py").write_bytes(b"import asyncio\n\nasync def test_a():\n    pass\n")
    before = snapshot(tmp_path)
    from asyncio_migrate import catalogue

    # The engine calls the survey a declaration names, where it names it.
    declarations = [
        dataclasses.replace(declaration, functions=(("survey", __name__, "_too_deep"),))
        if declaration.id == "event-loop-overrides" else declaration
        for declaration in catalogue.declarations()
    ]
    monkeypatch.setattr(catalogue, "declarations", lambda: declarations)
    monkeypatch.chdir(tmp_path)
    result = invoke("upgrade", ".")
    assert result.exit_code == 3, result.output
    assert "event-loop-overrides could not read the project: nested too deeply" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before
