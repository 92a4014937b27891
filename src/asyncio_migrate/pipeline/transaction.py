"""All or nothing on disk: a run's writes, code and configuration alike, as one transaction.

Nothing is written until every new file is staged as a temporary beside its target (which
also proves the folder writable and the disk not full). Each original is then kept as a hard
link while the temporaries are renamed over the targets; only when every target is replaced,
and every original is still the bytes the run read, does the run commit and the originals go.
Any failure or interruption before that puts every original back.

A journal in the project's root folder lists the temporaries and originals while a
transaction is open, so a run killed outright (``kill -9``, power loss) is undone by the next
run, which finds the journal. Every name this module leaves beside a user's file contains
:data:`MARK` and the run's process id, so a stray one is recognisable. Transactions on one
project are serialised by a lock, and each compares what is on disk with what its run read:
a file changed since (by the user, or by another run) is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from asyncio_migrate.pipeline.interrupts import Interrupted

MARK = ".asyncio-migrate-"
JOURNAL_NAME = f"{MARK}journal.json"
_BLOCKABLE = hasattr(signal, "pthread_sigmask")


@dataclass(frozen=True)
class Write:
    path: Path
    old: bytes | None  # the bytes the run read; None: the file must not exist yet
    new: bytes


class WriteError(Exception):
    """The transaction could not complete; every file is as it was before the run."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}; nothing was written")
        self.path = path
        self.reason = reason


class InterruptedRunError(Exception):
    """An earlier run was killed while writing, and this run may not write to undo it."""


@dataclass(frozen=True)
class _Entry:
    path: Path
    temporary: Path
    backup: Path | None  # None: the transaction creates ``path``

    def as_json(self) -> dict[str, str | None]:
        return {
            "path": os.path.abspath(self.path),
            "temporary": os.path.abspath(self.temporary),
            "backup": os.path.abspath(self.backup) if self.backup else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, str | None]) -> _Entry:
        backup = data["backup"]
        return cls(Path(data["path"] or ""), Path(data["temporary"] or ""), Path(backup) if backup else None)


def commit(writes: Sequence[Write], root: Path) -> None:
    """Write every ``writes`` or none of them; raise :class:`WriteError` naming the file that failed.

    An interruption (any BaseException) before the commit point also puts every file back
    and is re-raised.
    """
    if not writes:
        return
    with project_lock(root):
        _recover_locked(root, may_write=True)
        _commit_locked(writes, root / JOURNAL_NAME)


def _commit_locked(writes: Sequence[Write], journal: Path) -> None:
    tag = f"{MARK}{os.getpid()}"
    entries = [
        _Entry(
            write.path,
            write.path.with_name(f".{write.path.name}{tag}.tmp"),
            write.path.with_name(f".{write.path.name}{tag}.orig") if write.old is not None else None,
        )
        for write in writes
    ]
    committed = False
    try:
        for write in writes:
            with _failing_as(write.path):
                _check_writable(write)
        _write_journal(journal, entries, "open")
        for write, entry in zip(writes, entries):
            with _failing_as(write.path):
                _stage(write, entry)
        for write, entry in zip(writes, entries):
            with _failing_as(write.path):
                _replace(write, entry)
        for write, entry in zip(writes, entries):
            # An editor that opened the file before the rename writes into the original.
            if entry.backup is not None and _read_or_none(entry.backup) != write.old:
                raise WriteError(write.path, "was edited while being written")
        with _signals_deferred():
            _write_journal(journal, entries, "committed")  # the commit point
            committed = True
            _finish(entries, journal)
    except BaseException as error:
        if isinstance(error, Interrupted):  # tell the user which side of the commit point it came
            error.written = tuple(write.path for write in writes) if committed else ()
            error.not_written = () if committed else tuple(write.path for write in writes)
        if committed:
            raise
        with _signals_deferred():
            _undo(entries, {entry.path: write.new for write, entry in zip(writes, entries)})
            journal.unlink(missing_ok=True)
        if isinstance(error, OSError):  # the journal could not be written
            raise WriteError(journal, _reason(error)) from None
        raise


@contextmanager
def _failing_as(path: Path) -> Iterator[None]:
    """An OSError in the block is reported as a failure to write ``path``."""
    try:
        yield
    except OSError as error:
        raise WriteError(path, _reason(error)) from None


def _check_writable(write: Write) -> None:
    folder = write.path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(write.path, f"cannot write in {folder} (permission denied)")
    current = _read_or_none(write.path)
    if current != write.old:
        what = "appeared" if write.old is None else "disappeared" if current is None else "changed"
        raise WriteError(write.path, f"{what} since this run read it (run again to include the change)")
    if write.old is not None and not os.access(write.path, os.W_OK):
        raise WriteError(write.path, "the file is read-only")


def _stage(write: Write, entry: _Entry) -> None:
    """The new bytes, durable, in a temporary with the original's owner, group and mode."""
    descriptor = os.open(entry.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(write.new)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if write.old is None:
        os.chmod(entry.temporary, 0o666 & ~_umask())
        return
    original = os.stat(write.path)
    staged = os.stat(entry.temporary)
    if hasattr(os, "chown") and (staged.st_uid, staged.st_gid) != (original.st_uid, original.st_gid):
        try:
            os.chown(entry.temporary, original.st_uid, original.st_gid)
        except PermissionError:
            raise WriteError(
                write.path,
                f"cannot keep its owner and group ({original.st_uid}:{original.st_gid}); run as its owner",
            ) from None
    os.chmod(entry.temporary, stat.S_IMODE(original.st_mode))  # after chown, which clears setuid bits


def _replace(write: Write, entry: _Entry) -> None:
    if _read_or_none(write.path) != write.old:
        raise WriteError(write.path, "changed since this run read it (run again to include the change)")
    if entry.backup is None:
        os.link(entry.temporary, write.path)  # fails if the file appeared meanwhile
        return
    os.link(write.path, entry.backup)
    os.replace(entry.temporary, write.path)


def _finish(entries: Sequence[_Entry], journal: Path) -> None:
    for entry in entries:
        _unlink(entry.backup)
        _unlink(entry.temporary)
    journal.unlink(missing_ok=True)


def _undo(entries: Sequence[_Entry], ours: dict[Path, bytes] | None) -> list[Path]:
    """Put back every original; return the files that were put back.

    Works from what is on disk, not from what the run remembers doing, so it serves both a
    failing run and the next run after a crash (``ours`` is then unknown: None).
    """
    restored = []
    for entry in entries:
        if entry.backup is None:
            # Created by this transaction iff still the same file as its temporary.
            if entry.path.exists() and entry.temporary.exists() and os.path.samefile(entry.path, entry.temporary):
                entry.path.unlink()
                restored.append(entry.path)
        elif entry.backup.exists():
            if entry.path.exists() and os.path.samefile(entry.path, entry.backup):
                entry.backup.unlink()  # linked, not yet replaced
            elif ours is None or _read_or_none(entry.path) == ours[entry.path]:
                os.replace(entry.backup, entry.path)
                restored.append(entry.path)
        _unlink(entry.temporary)
    return restored


def recover(root: Path, *, may_write: bool) -> list[Path]:
    """Undo the transaction a killed run left open in ``root``; the files put back.

    With ``may_write`` false (--dry-run, --check), an open transaction raises
    :class:`InterruptedRunError` instead.
    """
    if not (root / JOURNAL_NAME).exists():
        return []
    with project_lock(root):
        return _recover_locked(root, may_write=may_write)


def _recover_locked(root: Path, *, may_write: bool) -> list[Path]:
    journal = root / JOURNAL_NAME
    for stale in root.glob(f"{JOURNAL_NAME}.*.tmp"):  # a run killed while writing its journal
        stale.unlink(missing_ok=True)
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise InterruptedRunError(f"{journal}: an interrupted run's journal cannot be read ({error}); "
                                  "check the files it names by hand, then delete it") from None
    entries = [_Entry.from_json(item) for item in data["entries"]]
    if not may_write:
        raise InterruptedRunError(
            f"an earlier run was interrupted while writing {len(entries)} file(s) in {root}; run the command "
            "without --dry-run/--check once to put them back"
        )
    with _signals_deferred():
        if data["state"] == "committed":
            _finish(entries, journal)
            return []
        restored = _undo(entries, None)
        journal.unlink(missing_ok=True)
    return restored


@contextmanager
def project_lock(root: Path) -> Iterator[None]:
    """Hold the lock of the project at ``root``; waits while another run's transaction is open."""
    try:
        import fcntl
    except ImportError:  # Windows: a folder cannot be opened, so a lock file stands in for it
        import msvcrt

        key = hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:24]
        descriptor = os.open(Path(tempfile.gettempdir()) / f"asyncio-migrate-{key}.lock", os.O_RDWR | os.O_CREAT)
        lock = partial(msvcrt.locking, descriptor, msvcrt.LK_LOCK, 1)
    else:
        descriptor = os.open(root, os.O_RDONLY)  # the folder itself: no lock file left behind
        lock = partial(fcntl.flock, descriptor, fcntl.LOCK_EX)
    try:
        lock()
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _write_journal(journal: Path, entries: Sequence[_Entry], state: str) -> None:
    staged = journal.with_name(f"{journal.name}.{os.getpid()}.tmp")
    data = json.dumps({"pid": os.getpid(), "state": state, "entries": [entry.as_json() for entry in entries]})
    try:
        with open(staged, "w", encoding="utf-8") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(staged, journal)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done (a half-undone tree is worse than a late exit)."""
    if not _BLOCKABLE:
        yield
        return
    signals = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _unlink(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
