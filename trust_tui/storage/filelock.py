"""An inter-process lock: `fcntl.flock` on a sidecar file, with a timeout.

flock locks belong to the open file description, so two `Store` objects in one process exclude
each other like two processes do; the lock dies with its process (no stale lock after a crash).
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path
from typing import Self

from trust_tui.storage.atomic import FILE_MODE


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
        try:
            _acquire(fd, fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX, self.timeout)
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
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as error:
        if not shared or error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        try:
            return os.open(lock_path, os.O_RDONLY)
        except OSError:
            return None
    return fd


def _acquire(fd: int, operation: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            fcntl.flock(fd, operation | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{timeout:g} s") from None
            # Polling rather than a blocking flock + alarm: signals do not mix with threads.
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, 0.02)
