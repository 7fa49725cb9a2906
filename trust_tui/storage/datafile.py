"""`DataFile`: the TinyDB-free half of `trust_tui.storage.store.Store`.

Every operation takes the inter-process lock, then reads the file *as it is now*. In memory we
keep the exact bytes of the last read or write with what they decoded to, so reading a file nobody
else has changed costs one read and one comparison instead of a parse. Here: that cache, the
checks on what was read, reading, backups, diagnosis and the wording of what went wrong;
`Store` adds creating, migrating and changing the file.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from trust_tui.domain.models import SCHEMA_VERSION, Action, Settings, Snapshot
from trust_tui.storage import backups, errors, logtable
from trust_tui.storage.doctor import diagnose
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.errors import CorruptDataError, StoreError
from trust_tui.storage.filelock import FileLock, lock_path_for
from trust_tui.storage.schema import (
    FormatError,
    Raw,
    decode,
    is_good_backup,
    migrate,
    schema_version,
    seed,
)

__all__ = ["DataFile", "FileBytes"]


class FileBytes(Protocol):
    """The file's bytes as they are on disk (`trust_tui.storage.store.OrjsonStorage`)."""

    def read_bytes(self) -> bytes | None: ...
    def encode(self, data: Raw) -> bytes: ...
    def write_bytes(self, data: bytes) -> None: ...


@dataclass(slots=True)
class Cached:
    data: bytes
    """The file's exact bytes when we last read or wrote it."""
    raw: Raw | None
    """What `data` decodes to (None when it needs a migration, so it is never written as is)."""
    snapshot: Snapshot | None


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class DataFile:
    """The data file at `path`: locked fresh reads through a cache, backups, diagnosis."""

    def __init__(
        self,
        path: Path,
        storage: Callable[[Path], FileBytes],
        *,
        default_actions: Sequence[Action],
        now: Callable[[], dt.datetime] | None,
        lock_timeout: float,
    ) -> None:
        self.path = Path(path)
        self.default_actions = tuple(default_actions)
        self._now = now or _local_now
        # Writes replace the file; through a symlink they must replace its target, not the link.
        self._file = Path(os.path.realpath(self.path))
        self._storage = storage(self._file)
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()  # one operation at a time per Store (app worker threads)
        self._cache: Cached | None = None
        self._held_data = False
        """This Store has read or written the file holding data: if it is gone or blank now,
        it was moved, deleted or emptied under us, and only `open()` may start a new one."""

    @property
    def backup_dir(self) -> Path:
        return backups.backup_dir_for(self._file)

    def signature(self) -> tuple[int, int, int]:
        """(mtime_ns, size, inode): changes with every write (ours are made to move mtime on)."""
        st = os.stat(self._file)
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> Snapshot:
        """The file as it is now."""
        with self._mutex, self._locked(shared=True):
            data = self._read_bytes()
            if data is None:
                raise errors.file_missing(self.path)
            cache = self._cache
            if cache is not None and cache.data == data and cache.snapshot is not None:
                return cache.snapshot
            raw = self._decode(data)
            if raw is None and self._held_data:
                raise self._corrupt("it is empty, yet it held your data when last read")
            if raw is None:  # blank, no backups: a new file, created by the next open or change
                self._cache = Cached(data, None, to_snapshot(self._seed()))
                return self._cache.snapshot  # type: ignore[return-value]
            if schema_version(raw) < SCHEMA_VERSION:
                # Shown migrated, but only written back (after a backup) by the next change.
                migrated = decode(data)
                assert migrated is not None
                migrate(migrated)
                self._cache = Cached(data, None, to_snapshot(migrated))
                return self._cache.snapshot  # type: ignore[return-value]
            return self._remember(data, raw)

    def log_dates(self, action_id: str) -> list[dt.date]:
        """The dates of one action's logs as the file is now, without building every entry.

        `trust-tui log` needs only these to report the streak; at 50,000 logs building all the
        LogEntry objects would cost more than the rest of the command.
        """
        with self._mutex, self._locked(shared=True):
            data = self._read_bytes()
            raw = None if data is None else self._decode(data)
        if raw is None:
            return []
        return logtable.dates_of(raw.get("logs"), action_id)

    # --- backups and diagnosis -------------------------------------------------------------

    def daily_backup(self) -> None:
        """Take today's backup if it is not there yet: for a process that stays open for days
        (`open()` takes it at start-up). A file that cannot be read is not backed up (it would
        push a good backup out of the seven kept). Never raises: a backup never stops a save.
        """
        if backups.daily_backup_path(self._file, self._now().date()).exists():
            return
        with self._mutex:
            try:
                with self._locked(shared=False):
                    data = self._read_bytes()
                    if data is not None and self._decode(data) is not None:
                        self._daily_backup(data)
            except StoreError:
                return

    def newest_backup(self) -> Path | None:
        """The newest backup that is readable and of a schema this version understands."""
        return backups.newest_good(self._file, is_good_backup)

    def doctor(self) -> list[str]:
        """Problems found, one sentence each (empty when healthy). Writes nothing."""
        with self._mutex:
            if not self._file.exists():
                return [errors.not_created_yet(self.path)]
            try:
                with self._locked(shared=True):
                    data = self._read_bytes()
                    if data is None:
                        return [errors.not_created_yet(self.path)]
                    raw = self._decode(data)
            except CorruptDataError as error:
                return [errors.repair_advice(self.path, error.reason, self.newest_backup())]
            except StoreError as error:
                return [str(error)]
            return diagnose(self.path, self._file, raw, self._now().date())

    # --- internals -------------------------------------------------------------------------

    def _seed(self) -> Raw:
        """A new file's contents: the default actions and settings."""
        return seed(Settings(), self.default_actions, self._now().isoformat(timespec="seconds"))

    def _decode(self, data: bytes, cache: Cached | None = None) -> Raw | None:
        """Check bytes read under the lock; None = blank file without backups (a new file)."""
        cache = cache or self._cache
        if cache is not None and cache.raw is not None and cache.data == data:
            return cache.raw
        try:
            raw = decode(data)
        except FormatError as error:
            raise self._corrupt(str(error)) from None
        if raw is None:
            if backups.list_backups(self._file):
                raise self._corrupt("it is empty, yet backups of it exist")
            return None
        version = schema_version(raw)
        if version > SCHEMA_VERSION:
            raise errors.newer_schema(self.path, version)
        self._held_data = True
        return raw

    def _remember(self, data: bytes, raw: Raw) -> Snapshot:
        snapshot = to_snapshot(raw)
        self._cache = Cached(data, raw, snapshot)
        return snapshot

    def _daily_backup(self, data: bytes) -> None:
        target = backups.daily_backup_path(self._file, self._now().date())
        if target.exists():
            return
        try:
            backups.write_backup(self._file, target, data)
        except OSError:
            # Never stop the user over a backup; `doctor` reports when there is none.
            pass

    def _read_bytes(self) -> bytes | None:
        try:
            return self._storage.read_bytes()
        except OSError as error:
            raise self._os_error(error, writing=False) from None

    def _write(self, raw: Raw) -> bytes:
        data = self._storage.encode(raw)
        try:
            self._storage.write_bytes(data)
        except OSError as error:
            raise self._os_error(error, writing=True) from None
        self._held_data = True
        return data

    @contextmanager
    def _locked(self, *, shared: bool) -> Iterator[None]:
        lock = FileLock(lock_path_for(self._file), shared=shared, timeout=self._lock_timeout)
        try:
            lock.acquire()
        except TimeoutError:
            raise errors.lock_timeout(self.path, self._lock_timeout) from None
        except FileNotFoundError:
            raise errors.folder_missing(self.path, self._file.parent) from None
        except OSError as error:
            raise self._os_error(error, writing=True) from None
        try:
            yield
        finally:
            lock.release()

    def _os_error(self, error: OSError, *, writing: bool, what: str = "save") -> StoreError:
        if isinstance(error, PermissionError):
            return errors.permission_denied(self.path, self._file.parent, writing=writing)
        if writing:
            return errors.write_failed(self.path, error.strerror or str(error), what)
        return self._corrupt(f"it cannot be read: {error.strerror or error}")

    def _corrupt(self, reason: str) -> CorruptDataError:
        return errors.corrupt(self.path, reason, self.newest_backup())
