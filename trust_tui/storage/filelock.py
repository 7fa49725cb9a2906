"""An inter-process lock: `fcntl.flock` on a sidecar file, with a timeout.

flock locks belong to the open file description, so two `Store` objects in one process exclude
each other like two processes do; the lock dies with its process (no stale lock after a crash).
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from trust_tui.storage import errors
from trust_tui.storage.guard import check_data_path

FILE_MODE = 0o600  # as trust_tui.storage.atomic (not imported: secrets and hashlib cost `log` time)

LOCK_TIMEOUT = 5.0
"""Seconds any reader or writer of a data file waits for another process's lock."""


def lock_path_for(target: Path) -> Path:
    return target.with_name(target.name + ".lock")


class FileLock:
    """A shared (readers) or exclusive (writers) lock on `lock_path`.

    `acquire` raises TimeoutError after `timeout` seconds, or the OSError of opening the lock file.
    A reader in a folder where the lock file cannot be created (read-only media) reads without
    the lock: atomic replacement already guarantees it never sees a half-written file.
    """

    def __init__(self, lock_path: Path, *, shared: bool, timeout: float) -> None:
        self.lock_path = lock_path
        self.shared = shared
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = _open_lock_file(self.lock_path, shared=self.shared)
        if fd is None:
            return
        operation = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            _wait(fd, operation, self.timeout)  # owns fd from here: closes it on failure
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _open_lock_file(lock_path: Path, *, shared: bool) -> int | None:
    try:
        return os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as error:
        if not shared or error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
    try:
        return os.open(lock_path, os.O_RDONLY)
    except OSError:
        return None


def _wait(fd: int, operation: int, timeout: float) -> None:
    """Block in flock on a helper thread, so the kernel wakes us the moment the lock is free.

    Polling with LOCK_NB starves: a process writing in a loop retakes the lock before a poller
    looks. A blocking flock cannot time out by itself (and signals do not mix with threads), so
    the helper blocks and we wait for it with a timeout. If we give up, the helper keeps the
    descriptor and closes it once its flock returns, which releases the lock it may just have got.
    """
    guard = threading.Lock()
    done = threading.Event()
    outcome: list[BaseException | None] = []
    abandoned = False

    def block() -> None:
        try:
            fcntl.flock(fd, operation)
            error: BaseException | None = None
        except OSError as failure:
            error = failure
        with guard:
            if abandoned:
                os.close(fd)
                return
            outcome.append(error)
            done.set()

    threading.Thread(target=block, name="trust-tui-lock-wait", daemon=True).start()
    done.wait(timeout)
    with guard:
        if not done.is_set():
            abandoned = True
            raise TimeoutError(f"{timeout:g} s")
    if outcome[0] is not None:
        os.close(fd)
        raise outcome[0]


@contextmanager
def data_file_lock(path: Path, real: Path, *, shared: bool, timeout: float) -> Iterator[None]:
    """The inter-process lock of the data file `path` (whose real path is `real`), taken
    after the guard, its failures said as the store says them."""
    check_data_path(path)  # before any open that could block (a FIFO) or mislead
    lock = FileLock(lock_path_for(real), shared=shared, timeout=timeout)
    try:
        lock.acquire()
    except TimeoutError:
        raise errors.lock_timeout(path, timeout) from None
    except FileNotFoundError:
        raise errors.folder_missing(path, real.parent) from None
    except PermissionError:
        raise errors.permission_denied(path, real.parent, writing=True) from None
    except OSError as error:
        raise errors.write_failed(path, error.strerror or str(error), "save") from None
    try:
        yield
    finally:
        lock.release()
