"""The data file (DESIGN §3 and §6): the only module that imports TinyDB.

The file is a TinyDB database (`{"table": {"1": {...}}}`) kept by `OrjsonStorage`: orjson for
speed, every write an atomic replace. Every operation takes the inter-process lock, then reads the
file *as it is now*: a fresh read each time, so no TinyDB instance outlives one operation and its
per-instance caches (query results, next ids) can never be stale. A mutation is one read and one
write. The small tables go through TinyDB's table API; the logs table (50,000 documents in the
benchmarks) is edited as the plain dict TinyDB itself would write, with TinyDB's id rule (max + 1).

Reading, the cache of the last bytes seen, backups and diagnosis need no TinyDB: they live in
`trust_tui.storage.datafile.DataFile`, which `Store` extends with creating and changing the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from trust_tui.domain.models import (
    SCHEMA_VERSION,
    Action,
    LogEntry,
    Pause,
    Settings,
    Snapshot,
    StepProgress,
)
from trust_tui.storage import backups, errors, logtable
from trust_tui.storage.atomic import atomic_write, ensure_private_folder, remove_stray_temps
from trust_tui.storage.datafile import Cached, DataFile
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.errors import (
    CorruptDataError,
    EntryNotFoundError,
    LockTimeoutError,
    NewerSchemaError,
    StoreError,
    StorePermissionError,
)
from trust_tui.storage.schema import FormatError, Raw, decode, migrate, schema_version

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


class Store(DataFile):
    """The data file at `path`; every method is one locked, fresh read (and at most one write)."""

    def __init__(
        self,
        path: Path,
        *,
        default_actions: Sequence[Action] = (),
        now: Callable[[], dt.datetime] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        super().__init__(
            path,
            OrjsonStorage,
            default_actions=default_actions,
            now=now,
            lock_timeout=lock_timeout,
        )

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
                    raw = self._seed()
                    data = self._write(raw)
                elif schema_version(raw) < SCHEMA_VERSION:
                    raw, data = self._migrate(data, raw)
                self._daily_backup(data)
                if not logs:
                    self._cache = Cached(data, raw, None)
                    return to_snapshot(raw, logs=())
                return self._remember(data, raw)

    def day_counts(self) -> tuple[Snapshot, dict[str, Counter[int]]]:
        """The file without its logs (`logs == ()`), and the logs per action and day ordinal.

        For `trust-tui due`, run from a shell prompt: counting dates is far cheaper than
        building every LogEntry. A log the snapshot would leave out (a bad date) is skipped.
        """
        with self._mutex, self._locked(shared=True):
            data = self._read_bytes()
            if data is None:
                raise errors.file_missing(self.path)
            raw = self._decode(data)
        if raw is None:
            raw = self._seed()
        elif schema_version(raw) < SCHEMA_VERSION:
            raw = decode(data)  # a private copy, shown migrated as `load` does
            assert raw is not None
            migrate(raw)
        counts: dict[str, Counter[int]] = {}
        fromiso = dt.date.fromisoformat
        for doc in raw.get("logs", {}).values():
            try:
                ordinal = fromiso(doc["date"]).toordinal()
                counts.setdefault(doc["action"], Counter())[ordinal] += 1
            except (KeyError, TypeError, ValueError):
                continue
        return to_snapshot(raw, logs=()), counts

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
        the others since this one read the file). A named field that is now None (a check-in
        day cleared) is removed from the document."""
        wanted = settings.to_doc()
        names = {f.name for f in dataclasses.fields(Settings)} if fields is None else set(fields)

        def change(raw: Raw) -> None:
            meta = _table(raw, "meta")
            current = (meta.all() or [{}])[0].get("settings") or {}
            merged = {**current, **{k: v for k, v in wanted.items() if k in names}}
            for name in names:
                if name not in wanted:
                    merged.pop(name, None)
            meta.update({"settings": merged})

        self._mutate(change)

    def save_pause(self, pause: Pause) -> None:
        """Add or replace the pause with this uid."""

        def change(raw: Raw) -> None:
            _table(raw, "pauses").upsert(pause.to_doc(), Query().uid == pause.uid)

        self._mutate(change)

    def delete_pause(self, uid: str) -> None:
        """Remove the pause with this uid (nothing happens if it is already gone)."""

        def change(raw: Raw) -> None:
            _table(raw, "pauses").remove(Query().uid == uid)

        self._mutate(change)

    def save_step(self, progress: StepProgress) -> None:
        def change(raw: Raw) -> None:
            _table(raw, "steps").upsert(progress.to_doc(), Query().step == progress.step)

        self._mutate(change)

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
                raw = self._seed()
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
            self._cache = Cached(written, raw, snapshot)
            return result

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


def _table(raw: Raw, name: str) -> Any:
    """A TinyDB table over the in-memory file: fresh per operation, so no stale caches."""
    return TinyDB(raw, storage=_SessionStorage).table(name)
