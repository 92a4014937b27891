"""SIGINT and SIGTERM end a run cleanly, and worker processes never outlive it.

While :func:`signals_raise` is active both signals raise :class:`Interrupted` in the main
thread, so every ``finally`` runs: the worker pool is stopped, the transaction puts back what
it had replaced (see transaction.py), ``--verify`` kills its pytest child and removes its
copies. Workers ignore SIGINT (the terminal sends it to them too; the parent decides) and exit
on their own when the parent is gone, even after ``kill -9``.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

_HANDLED = tuple(signal.Signals[name] for name in ("SIGINT", "SIGTERM") if hasattr(signal, name))
_PARENT_POLL_SECONDS = 0.2


class Interrupted(BaseException):
    """The run got SIGINT or SIGTERM (a BaseException, like KeyboardInterrupt: nothing may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        # Filled by the transaction when it was under way (else nothing was written).
        self.written: tuple[Path, ...] = ()
        self.not_written: tuple[Path, ...] = ()

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # what a shell reports for a process the signal ended

    def summary(self) -> list[str]:
        """What the user needs to know: which files were and were not written."""
        name = signal.Signals(self.signum).name
        if self.written:
            return [f"interrupted ({name}) after writing; every change was written:",
                    *(f"  written: {path}" for path in self.written)]
        lines = [f"interrupted ({name}): nothing was written"]
        lines += [f"  not written: {path}" for path in self.not_written]
        return lines


@contextmanager
def signals_raise() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` in the main thread while the block runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; a library caller keeps its own
        return
    previous = {signum: signal.signal(signum, _raise) for signum in _HANDLED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _raise(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers are ended at once when the block fails or is interrupted."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),))
    try:
        yield pool
    except BaseException:
        _terminate_workers(pool)  # first: shutting down forgets the worker processes
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        # SIGKILL: a worker still starting up has the parent's handlers, or may be stuck on a lock
        # it inherited held; either way SIGTERM could leave it running. Workers have nothing to clean.
        process.kill()
    for process in processes:
        process.join(timeout=5)
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:  # its feeder thread may be stuck writing to a pipe no worker reads any more
        call_queue.cancel_join_thread()


def _init_worker(parent: int) -> None:
    for signum in _HANDLED:
        signal.signal(signum, signal.SIG_IGN if signum == signal.SIGINT else signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="parent-watch").start()


def _exit_with_parent(parent: int) -> None:
    # An orphan is re-parented (to init or a subreaper): its parent id changes.
    while os.getppid() == parent:
        time.sleep(_PARENT_POLL_SECONDS)
    os._exit(1)
