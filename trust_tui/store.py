"""The data file (DESIGN §3 and §6): the only module that imports TinyDB.

The file is a TinyDB database (`{"table": {"1": {...}}}`) kept by `OrjsonStorage`: orjson for
speed, every write an atomic replace. Every operation takes the inter-process lock, then reads the
file *as it is now*: a fresh read each time, so no TinyDB instance outlives one operation and its
per-instance caches (query results, next ids) can never be stale. A mutation is one read and one
write. The small tables go through TinyDB's table API; the logs table (50,000 documents in the
benchmarks) is edited as the plain dict TinyDB itself would write, with TinyDB's id rule (max + 1).

In memory we keep the exact bytes of the last read or write with what they decoded to, so reading
a file nobody else has changed costs one read and one comparison instead of a parse.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from trust_tui.domain.models import (
    SCHEMA_VERSION,
    Action,
    LogEntry,
    Settings,
    Snapshot,
    StepProgress,
)
from trust_tui.storage import backups, errors, logtable
from trust_tui.storage.atomic import atomic_write, ensure_private_folder, remove_stray_temps
from trust_tui.storage.doctor import content_problems, permission_problems
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.errors import (
    CorruptDataError,
    EntryNotFoundError,
    LockTimeoutError,
    NewerSchemaError,
    StoreError,
    StorePermissionError,
)
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

__all__ = [
    "CorruptDataError",
    "EntryNotFoundError",
    "LockTimeoutError",
    "NewerSchemaError",
    "OrjsonStorage",
    "Store",
    "StoreError",
    "StorePermissionError",
]

LOCK_TIMEOUT = 5.0
T = TypeVar("T")


class OrjsonStorage(Storage):
    """TinyDB storage for the data file: orjson, atomic replace, created 0600.

    `TinyDB(path, storage=OrjsonStorage)` opens a data file directly (no lock: for scripts).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> Raw | None:
        data = self.read_bytes()
        return None if data is None else decode(data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.write_bytes(self.encode(data))

    def read_bytes(self) -> bytes | None:
        try:
            with open(self.path, "rb") as file:
                return file.read()
        except FileNotFoundError:
            return None

    @staticmethod
    def encode(data: dict[str, dict[str, Any]]) -> bytes:
        return orjson.dumps(data)

    def write_bytes(self, data: bytes) -> None:
        atomic_write(self.path, data)


class _SessionStorage(Storage):
    """TinyDB over one in-memory read: table operations without further disk access."""

    def __init__(self, raw: Raw) -> None:
        self.raw = raw

    def read(self) -> Raw:
        return self.raw

    def write(self, data: Raw) -> None:
        self.raw = data


@dataclass(slots=True)
class _Cached:
    data: bytes
    """The file's exact bytes when we last read or wrote it."""
    raw: Raw | None
    """What `data` decodes to (None when it needs a migration, so it is never written as is)."""
    snapshot: Snapshot | None


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class Store:
    """The data file at `path`; every method is one locked, fresh read (and at most one write)."""

    def __init__(
        self,
        path: Path,
        *,
        default_actions: Sequence[Action] = (),
        now: Callable[[], dt.datetime] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self.path = Path(path)
        self.default_actions = tuple(default_actions)
        self._now = now or _local_now
        # Writes replace the file; through a symlink they must replace its target, not the link.
        self._file = Path(os.path.realpath(self.path))
        self._storage = OrjsonStorage(self._file)
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()  # one operation at a time per Store (app worker threads)
        self._cache: _Cached | None = None
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

    def open(self, *, logs: bool = True) -> Snapshot:
        """Create, migrate (after a backup) or just check the file; take the day's backup.

        `logs=False` leaves the logs out of the returned snapshot (`logs == ()`): for a caller
        that only needs actions and settings before a change, such as `trust-tui log`, it saves
        building 50,000 entries. The file is still read and checked in full.
        """
        with self._mutex:
            try:
                ensure_private_folder(self._file.parent)
            except OSError as error:
                raise self._os_error(error, writing=True) from None
            with self._locked(shared=False):
                remove_stray_temps(self._file.parent, self._file.name)
                data = self._read_bytes()
                raw = None if data is None else self._decode(data)
                if data is None or raw is None:
                    raw = seed(
                        Settings(), self.default_actions, self._now().isoformat(timespec="seconds")
                    )
                    data = self._write(raw)
                elif schema_version(raw) < SCHEMA_VERSION:
                    raw, data = self._migrate(data, raw)
                self._daily_backup(data)
                if not logs:
                    self._cache = _Cached(data, raw, None)
                    return to_snapshot(raw, logs=())
                return self._remember(data, raw)

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
                blank = seed(
                    Settings(), self.default_actions, self._now().isoformat(timespec="seconds")
                )
                self._cache = _Cached(data, None, to_snapshot(blank))
                return self._cache.snapshot  # type: ignore[return-value]
            if schema_version(raw) < SCHEMA_VERSION:
                # Shown migrated, but only written back (after a backup) by the next change.
                migrated = decode(data)
                assert migrated is not None
                migrate(migrated)
                self._cache = _Cached(data, None, to_snapshot(migrated))
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
        dates: list[dt.date] = []
        logs = raw.get("logs")
        for doc in logs.values() if isinstance(logs, dict) else ():
            if isinstance(doc, dict) and doc.get("action") == action_id:
                try:
                    dates.append(dt.date.fromisoformat(doc["date"]))
                except (KeyError, TypeError, ValueError):
                    continue  # doctor reports unreadable documents
        return dates

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

    # --- changing --------------------------------------------------------------------------

    def add_log(self, entry: LogEntry) -> None:
        self.add_logs((entry,))

    def add_logs(self, entries: Iterable[LogEntry]) -> None:
        """Append entries in one write.

        An entry whose uid is already in the file is left as it is: a write retried after it
        did reach the disk (the folder's fsync failed after the rename) adds nothing twice.
        """
        new = tuple(entries)
        added = new

        def change(raw: Raw) -> None:
            nonlocal added
            table = raw.setdefault("logs", {})
            added = logtable.not_in(table, new)
            logtable.append(table, added)

        self._mutate(change, lambda logs: logtable.with_added(logs, added))

    def update_log(self, entry: LogEntry) -> None:
        """Replace the entry with the same uid (keeping its place and document id)."""
        copies = 0

        def change(raw: Raw) -> None:
            nonlocal copies
            table = raw.get("logs", {})
            ids = logtable.ids_of(table, entry.uid)
            if not ids:
                raise errors.entry_not_found(self.path, entry.uid)
            for key in ids:
                table[key] = entry.to_doc()
            copies = len(ids)

        self._mutate(change, lambda logs: logtable.with_replaced(logs, entry, copies))

    def delete_log(self, uid: str) -> LogEntry:
        """Remove the entry with this uid (every copy, if a hand edit duplicated it)."""

        def change(raw: Raw) -> LogEntry:
            table = raw.get("logs", {})
            ids = logtable.ids_of(table, uid)
            if not ids:
                raise errors.entry_not_found(self.path, uid)
            removed = logtable.lenient_log(table[ids[0]])
            for key in ids:
                del table[key]
            return removed

        return self._mutate(change, lambda logs: logtable.without(logs, uid))

    def upsert_action(self, action: Action) -> None:
        def change(raw: Raw) -> None:
            _table(raw, "actions").upsert(action.to_doc(), Query().id == action.id)

        self._mutate(change)

    def set_settings(self, settings: Settings, fields: Iterable[str] | None = None) -> None:
        """Store the settings; with `fields`, only those (another process may have changed
        the others since this one read the file)."""
        wanted = settings.to_doc()
        names = set(wanted) if fields is None else set(fields)

        def change(raw: Raw) -> None:
            meta = _table(raw, "meta")
            current = (meta.all() or [{}])[0].get("settings") or {}
            merged = {**current, **{k: v for k, v in wanted.items() if k in names}}
            meta.update({"settings": merged})

        self._mutate(change)

    def save_step(self, progress: StepProgress) -> None:
        def change(raw: Raw) -> None:
            _table(raw, "steps").upsert(progress.to_doc(), Query().step == progress.step)

        self._mutate(change)

    # --- diagnosis -------------------------------------------------------------------------

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
            problems = permission_problems(self._file)
            if raw is None:
                return problems  # blank without backups: set up on the next start
            if schema_version(raw) < SCHEMA_VERSION:
                migrate(raw)  # a private copy: check what the migrated file will hold
            problems += content_problems(self.path, raw, self._now().date())
            if not backups.list_backups(self._file):
                problems.append(
                    f"There is no backup of {self.path} in {self.backup_dir} yet; "
                    "one is taken on each day trust-tui opens the file."
                )
            return problems

    # --- internals -------------------------------------------------------------------------

    def _mutate(
        self,
        change: Callable[[Raw], T],
        logs_after: Callable[[tuple[LogEntry, ...]], tuple[LogEntry, ...] | None] | None = None,
    ) -> T:
        """One locked read-modify-write with one atomic replace."""
        with self._mutex, self._locked(shared=False):
            data = self._read_bytes()
            cache, self._cache = self._cache, None  # never leave a half-changed cache behind
            derivable = cache is not None and cache.data == data and cache.snapshot is not None
            raw = None if data is None else self._decode(data, cache)
            if self._held_data and data is None:
                raise errors.file_missing(self.path)
            if self._held_data and raw is None:
                raise self._corrupt("it is empty, yet it held your data when last read")
            if data is None or raw is None:
                raw = seed(
                    Settings(), self.default_actions, self._now().isoformat(timespec="seconds")
                )
                derivable = False
            elif schema_version(raw) < SCHEMA_VERSION:
                raw, _ = self._migrate(data, raw, write=False)
                derivable = False
            result = change(raw)
            written = self._write(raw)
            snapshot = None
            if derivable:
                assert cache is not None and cache.snapshot is not None
                logs = cache.snapshot.logs
                new_logs = logs if logs_after is None else logs_after(logs)
                if new_logs is not None:
                    snapshot = to_snapshot(raw, logs=new_logs)
            self._cache = _Cached(written, raw, snapshot)
            return result

    def _decode(self, data: bytes, cache: _Cached | None = None) -> Raw | None:
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
        self._cache = _Cached(data, raw, snapshot)
        return snapshot

    def _migrate(self, data: bytes, raw: Raw, *, write: bool = True) -> tuple[Raw, bytes]:
        """Back up the old bytes, then migrate; nothing is migrated if the backup fails."""
        version = schema_version(raw)
        target = backups.migration_backup_path(self._file, self._now().date(), version)
        try:
            backups.write_backup(self._file, target, data)
        except OSError as error:
            raise self._os_error(error, writing=True, what="back up") from None
        try:
            migrate(raw)
        except FormatError as error:
            raise self._corrupt(str(error)) from None
        return raw, (self._write(raw) if write else b"")

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


def _table(raw: Raw, name: str) -> Any:
    """A TinyDB table over the in-memory file: fresh per operation, so no stale caches."""
    return TinyDB(raw, storage=_SessionStorage).table(name)
