"""The data file (docs/design.md §3 and §6): the only module that imports TinyDB.

The file is a plain TinyDB database (`{"table": {"1": {...}}}`); beside it, an append-only
journal of the documents changed since (`trust_tui.storage.journal`). `JournalStorage` is the
TinyDB storage over both: reading replays the journal over the file, writing appends one line per
changed document instead of rewriting 50,000 logs. Compaction folds the journal back into the
file (one atomic replace with a new generation): at the first open of a day, before the daily
backup, once the journal passes `journal.COMPACT_AFTER` lines, and when the app asks after its
first frame.

Every operation takes the inter-process lock, then reads the file and journal *as they are now*
(their digest against the last read's decides whether anything must be parsed again), so no
TinyDB instance outlives one operation and its caches can never be stale. Changes go through
TinyDB's table API (insert, update, remove, upsert with `Query`) over the state just read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from trust_tui.domain.models import (
    SCHEMA_VERSION,
    Action,
    LogEntry,
    Pause,
    Settings,
    Snapshot,
    StepProgress,
)
from trust_tui.storage import backups, errors, index, journal, layout, logtable
from trust_tui.storage.atomic import atomic_write, ensure_private_folder, remove_stray_temps
from trust_tui.storage.datafile import Cached, DataFile, fingerprint
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.errors import (
    CorruptDataError,
    EntryNotFoundError,
    LockTimeoutError,
    NewerSchemaError,
    StoreError,
    StorePermissionError,
)
from trust_tui.storage.filelock import LOCK_TIMEOUT, FileLock, lock_path_for
from trust_tui.storage.schema import FormatError, Raw, decode, migrate, schema_version

__all__ = [
    "CorruptDataError",
    "EntryNotFoundError",
    "JournalStorage",
    "LockTimeoutError",
    "NewerSchemaError",
    "Store",
    "StoreError",
    "StorePermissionError",
]

T = TypeVar("T")


BIG = "logs"
"""The table of 50,000 documents: not copied when TinyDB takes it from a `Store` (see below)."""


class _Tables(dict):  # type: ignore[type-arg]
    """The state as handed to TinyDB: a table is copied (document by document) when TinyDB
    takes it, so what TinyDB changes in place can be compared with what was there.

    Under a `Store`, TinyDB sees of the logs table only a window: copies of the documents the
    Store names (`watch`), which are the only ones its change touches (it always passes
    `doc_ids`). Handing TinyDB 50,000 documents would cost more than the rest of the change,
    and this runs while the app repaints.
    """

    def __init__(self, state: Raw, window: set[str] | None) -> None:
        super().__init__(state)
        self._window = window

    def __getitem__(self, name: str) -> dict[str, dict[str, Any]]:
        table = dict.__getitem__(self, name)
        if name == BIG:
            keys = table if self._window is None else (k for k in self._window if k in table)
            return {key: logtable.copy_doc(table[key]) for key in keys}
        return {key: dict(doc) for key, doc in table.items()}


class JournalStorage(Storage):
    """TinyDB storage for the data file and its journal.

    `TinyDB(path, storage=JournalStorage)` opens a data file directly, journal replayed (for
    scripts; a write takes the lock and appends). `Store` passes the state it has just read
    under the lock (`state=`) and writes the collected `changes` itself.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        state: Raw | None = None,
    ) -> None:
        self.path = Path(path)
        self.journal = journal.journal_path_for(self.path)
        self.state = state
        self.changes: list[journal.Change] = []
        self._standalone = state is None
        self._window: set[str] = set()
        """The logs a Store's change touches, by document id (see `watch`)."""

    # --- TinyDB's interface ----------------------------------------------------------------

    def read(self) -> Raw | None:
        if self.state is None:
            self.state = self._load() or {}
        return _Tables(self.state, None if self._standalone else self._window)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        state = self.state if self.state is not None else {}
        changes: list[journal.Change] = []
        for name in data:
            new = dict.__getitem__(data, name) if isinstance(data, _Tables) else data[name]
            old = state.get(name)
            if new is old:
                continue
            if name == BIG and not self._standalone:
                table = state.setdefault(name, {})
                changes += _window_changes(name, table, new, self._window)
                continue
            old = old or {}
            for key, doc in new.items():
                before = old.get(key)
                if before is not None:
                    before = logtable.as_doc(before)
                if before is None or before != doc:
                    changes.append((name, key, before, doc))
            changes += [
                (name, key, logtable.as_doc(doc), None)
                for key, doc in old.items()
                if key not in new
            ]
            state[name] = new
        self.state = state
        if self._standalone and changes:
            self._append_locked(changes)
        else:
            self.changes += changes

    # --- bytes (`trust_tui.storage.datafile.FileBytes`) -----------------------------------

    def read_bytes(self) -> bytes | None:
        try:
            with open(self.path, "rb") as file:
                return file.read()
        except FileNotFoundError:
            return None

    def read_journal(self) -> bytes:
        try:
            with open(self.journal, "rb") as file:
                return file.read()
        except FileNotFoundError:
            return b""

    @staticmethod
    def encode(data: Raw) -> bytes:
        return layout.encode(data)

    def write_bytes(self, data: bytes) -> None:
        atomic_write(self.path, data)

    def append_journal(self, data: bytes, good_end: int, header: bytes) -> int:
        return journal.append(self.journal, data, good_end, new=header)

    def remove_journal(self) -> None:
        journal.remove(self.journal)

    # --- standalone use --------------------------------------------------------------------

    def _load(self) -> Raw | None:
        data = self.read_bytes()
        raw = None if data is None else layout.read(data)
        if raw is not None:
            parsed = journal.parse(self.read_journal())
            if journal.applies_to(parsed, raw):
                journal.replay(raw, parsed.ops)
        return raw

    def _append_locked(self, changes: list[journal.Change]) -> None:
        with FileLock(lock_path_for(self.path), shared=False, timeout=LOCK_TIMEOUT):
            data = self.read_bytes()
            on_disk = None if data is None else layout.read(data)
            generation = journal.generation_of(self.state)
            if generation is None or journal.generation_of(on_disk) != generation:
                raise FormatError("it was replaced since it was read; nothing was written")
            parsed = journal.parse(self.read_journal())
            end = parsed.end if journal.applies_to(parsed, on_disk) else 0
            journal.append(
                self.journal, journal.encode(changes), end, new=journal.header(generation)
            )
        index.remove(index.index_path_for(self.path))


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
            JournalStorage,
            default_actions=default_actions,
            now=now,
            lock_timeout=lock_timeout,
        )
        self._index_file = index.index_path_for(self._file)
        self._keys: _LogKeys | None = None

    def open(self, *, logs: bool = True) -> Snapshot:
        """Create, migrate (after a backup) or just check the file; at the first open of a day
        compact the journal, then take the day's backup.

        `logs=False` leaves the logs out of the returned snapshot (`logs == ()`): for a caller
        that only needs actions and settings before a change. The file is still read in full.
        """
        with self._mutex:
            try:
                ensure_private_folder(self._file.parent)
            except OSError as error:
                raise self._os_error(error, writing=True) from None
            with self._locked(shared=False):
                remove_stray_temps(self._file.parent, self._file.name)
                remove_stray_temps(self._file.parent, self._index_file.name)
                data, jbytes = self._read_bytes()
                raw, parsed, duplicates = (
                    (None, None, ()) if data is None else self._decode(data, jbytes)
                )
                if data is None or raw is None:
                    raw = self._seed()
                    data, jbytes, parsed = self._write(raw), b"", None
                elif schema_version(raw) < SCHEMA_VERSION:
                    raw, data = self._migrate(data, raw)
                    jbytes, parsed = b"", None
                elif ((jbytes or duplicates) and not self._backed_up_today()) or (
                    jbytes and (parsed is None or parsed.torn)
                ):
                    # The first open of a day folds the journal in before the day's backup; a
                    # stale journal or a torn tail is folded away so the index covers clean lines.
                    data, jbytes, parsed = self._write(raw), b"", None
                self._daily_backup(data, compacted=not jbytes)
                kept = index.read(self._index_file, index.file_signature(self._file), len(jbytes))
                if kept is None or kept.get("lines") != _lines(parsed):
                    kept = self._save_index(raw, len(jbytes), lines=_lines(parsed))
                digest = fingerprint(data)
                if not logs:
                    self._cache = Cached(digest, jbytes, raw, None, parsed, duplicates, kept)
                    return to_snapshot(raw, logs=())
                snapshot = self._remember(digest, jbytes, raw, parsed, duplicates)
                self._cache.index = kept  # type: ignore[union-attr]
                return snapshot

    def compact(self) -> bool:
        """Fold the journal into the file now (the app does it after its first frame).
        True if there was a journal to fold. Never needed for safety: only for speed."""
        with self._mutex, self._locked(shared=False):
            data, jbytes = self._read_bytes()
            if data is None or not jbytes:
                return False
            cache, self._cache = self._cache, None
            raw, parsed, _ = self._decode(data, jbytes, cache)
            if raw is None or schema_version(raw) < SCHEMA_VERSION:
                self._cache = cache
                return False
            written = self._write(raw)
            kept = self._save_index(raw, 0)
            snapshot = cache.snapshot if cache is not None and cache.raw is raw else None
            self._cache = Cached(fingerprint(written), b"", raw, snapshot, None, index=kept)
            return True

    def day_counts(self) -> tuple[Snapshot, dict[str, Counter[int]]]:
        """The file without its logs (`logs == ()`), and the logs per action and day ordinal.

        For `trust-tui due`, run from a shell prompt: counting dates is far cheaper than
        building every LogEntry. A log the snapshot would leave out (a bad date) is skipped.
        """
        with self._mutex, self._locked(shared=True):
            data, jbytes = self._read_bytes()
            if data is None:
                raise errors.file_missing(self.path)
            raw, _, _ = self._decode(data, jbytes)
        if raw is None:
            raw = self._seed()
        elif schema_version(raw) < SCHEMA_VERSION:
            raw = decode(data)  # a private copy, shown migrated as `load` does (an older
            assert raw is not None  # schema has no journal of this version to replay)
            migrate(raw)
        counts: dict[str, Counter[int]] = {}
        fromiso = dt.date.fromisoformat
        for doc in raw.get("logs", {}).values():
            if type(doc) is LogEntry:
                counts.setdefault(doc.action, Counter())[doc.date.toordinal()] += 1
                continue
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
        did reach the disk adds nothing twice.
        """
        new = tuple(entries)
        added = new

        def change(db: TinyDB, raw: Raw) -> None:
            nonlocal added
            keys = self._log_keys(raw)
            added = logtable.not_in_uids(keys.uids, new)
            first = keys.next_id
            watch(db, [str(first + i) for i in range(len(added))])
            db.table("logs").insert_multiple(
                Document(e.to_doc(), doc_id=first + i) for i, e in enumerate(added)
            )
            keys.uids.update(e.uid for e in added)
            keys.next_id += len(added)
            keys.size += len(added)

        self._mutate(change, lambda logs: logtable.with_added(logs, added))

    def update_log(self, entry: LogEntry) -> None:
        """Replace the entry with the same uid (keeping its place and document id)."""
        copies = 0
        doc = entry.to_doc()

        def replace(old: dict[str, Any]) -> None:
            old.clear()
            old.update(doc)

        def change(db: TinyDB, raw: Raw) -> None:
            nonlocal copies
            current = raw.get("logs", {})
            ids = logtable.ids_of(current, entry.uid)
            if not ids:
                raise errors.entry_not_found(self.path, entry.uid)
            watch(db, ids)
            db.table("logs").update(replace, doc_ids=[int(key) for key in ids])
            copies = len(ids)

        self._mutate(change, lambda logs: logtable.with_replaced(logs, entry, copies))

    def delete_log(self, uid: str) -> LogEntry:
        """Remove the entry with this uid (every copy, if a hand edit duplicated it)."""

        def change(db: TinyDB, raw: Raw) -> LogEntry:
            current = raw.get("logs", {})
            ids = logtable.ids_of(current, uid)
            if not ids:
                raise errors.entry_not_found(self.path, uid)
            removed = logtable.lenient_log(current[ids[0]])
            watch(db, ids)
            self._keys = None  # TinyDB's next id is the largest + 1: it may go down
            db.table("logs").remove(doc_ids=[int(key) for key in ids])
            return removed

        return self._mutate(change, lambda logs: logtable.without(logs, uid))

    def upsert_action(self, action: Action) -> None:
        def change(db: TinyDB, raw: Raw) -> None:
            db.table("actions").upsert(action.to_doc(), Query().id == action.id)

        self._mutate(change)

    def set_settings(self, settings: Settings, fields: Iterable[str] | None = None) -> None:
        """Store the settings; with `fields`, only those (another process may have changed
        the others since this one read the file). A named field that is now None (a check-in
        day cleared) is removed from the document."""
        wanted = settings.to_doc()
        names = {f.name for f in dataclasses.fields(Settings)} if fields is None else set(fields)

        def change(db: TinyDB, raw: Raw) -> None:
            meta = db.table("meta")
            current = (meta.all() or [{}])[0].get("settings") or {}
            merged = {**current, **{k: v for k, v in wanted.items() if k in names}}
            for name in names:
                if name not in wanted:
                    merged.pop(name, None)
            meta.update({"settings": merged})

        self._mutate(change)

    def save_pause(self, pause: Pause) -> None:
        """Add or replace the pause with this uid."""

        def change(db: TinyDB, raw: Raw) -> None:
            db.table("pauses").upsert(pause.to_doc(), Query().uid == pause.uid)

        self._mutate(change)

    def delete_pause(self, uid: str) -> None:
        """Remove the pause with this uid (nothing happens if it is already gone)."""

        def change(db: TinyDB, raw: Raw) -> None:
            db.table("pauses").remove(Query().uid == uid)

        self._mutate(change)

    def save_step(self, progress: StepProgress) -> None:
        def change(db: TinyDB, raw: Raw) -> None:
            db.table("steps").upsert(progress.to_doc(), Query().step == progress.step)

        self._mutate(change)

    # --- internals -------------------------------------------------------------------------

    def _mutate(
        self,
        change: Callable[[TinyDB, Raw], T],
        logs_after: Callable[[tuple[LogEntry, ...]], tuple[LogEntry, ...] | None] | None = None,
    ) -> T:
        """One locked read, the change through TinyDB, one append (or one atomic replace)."""
        with self._mutex, self._locked(shared=False):
            data, jbytes = self._read_bytes()
            cache, self._cache = self._cache, None  # never leave a half-changed cache behind
            digest = None if data is None else fingerprint(data)
            derivable = (
                cache is not None
                and digest is not None
                and cache.holds(digest, jbytes)
                and cache.snapshot is not None
            )
            raw, parsed, duplicates = (
                (None, None, ())
                if data is None
                else self._decode(data, jbytes, cache, digest=digest)
            )
            if self._held_data and data is None:
                raise errors.file_missing(self.path)
            if self._held_data and raw is None:
                raise self._corrupt("it is empty, yet it held your data when last read")
            # A new file, a migration or renumbered duplicates: the whole file is written.
            rewrite = bool(duplicates) or journal.generation_of(raw) is None
            if data is None or raw is None:
                raw = self._seed()
                derivable, rewrite = False, True
            elif schema_version(raw) < SCHEMA_VERSION:
                raw, _ = self._migrate(data, raw, write=False)
                derivable, rewrite = False, True
            storage = JournalStorage(self._file, state=raw)
            result = change(TinyDB(self._file, storage=lambda *_a, **_k: storage), raw)
            changes = storage.changes
            lines = parsed.lines if parsed is not None else 0
            kept = cache.index if cache is not None and cache.raw is raw else None
            if rewrite or lines + len(changes) > journal.COMPACT_AFTER:
                written, jnew, parsed = fingerprint(self._write(raw)), b"", None
                kept = self._save_index(raw, 0)
            elif changes:
                written, jnew = digest, self._append(raw, jbytes, parsed, changes)
                parsed = journal.Parsed.after(jnew, lines + len(changes) + (0 if lines else 1))
                kept = self._save_index(raw, len(jnew), kept, changes, lines=parsed.lines)
            else:
                written, jnew = digest, jbytes
            assert written is not None
            snapshot = None
            if derivable:
                assert cache is not None and cache.snapshot is not None
                logs = cache.snapshot.logs
                new_logs = logs if logs_after is None else logs_after(logs)
                if new_logs is not None:
                    snapshot = to_snapshot(raw, logs=new_logs)
            self._cache = Cached(written, jnew, raw, snapshot, parsed, index=kept)
            return result

    def _append(
        self,
        raw: Raw,
        jbytes: bytes,
        parsed: journal.Parsed | None,
        changes: list[journal.Change],
    ) -> bytes:
        """Append the changes to the journal (a new journal if there is none that applies);
        returns the journal's bytes afterwards."""
        generation = journal.generation_of(raw)
        assert generation is not None
        end = parsed.end if parsed is not None else 0
        head = journal.header(generation)
        payload = journal.encode(changes)
        try:
            self._storage.append_journal(payload, end, head)  # type: ignore[attr-defined]
        except OSError as error:
            raise self._os_error(error, writing=True) from None
        return (jbytes[:end] if end else head) + payload

    def _log_keys(self, raw: Raw) -> _LogKeys:
        """The uids and next id of the logs table of `raw`, kept between changes: finding them
        walks 50,000 documents, in the thread that writes while the app repaints."""
        table = raw.setdefault("logs", {})
        keys = self._keys
        if keys is None or keys.table is not table or keys.size != len(table):
            keys = self._keys = _LogKeys(table)
        return keys

    def _save_index(
        self,
        raw: Raw,
        journal_end: int,
        current: index.Index | None = None,
        changes: list[journal.Change] | None = None,
        *,
        lines: int = 0,
    ) -> index.Index | None:
        """Keep the derived index current for the log command; returns it (never raises)."""
        try:
            if current is not None and changes is not None:
                index.apply(current, changes)
                for table in ("actions", "pauses"):
                    if current[table] is None:
                        current[table] = list(raw.get(table, {}).values())
                current["steps_done"] = index.steps_done(raw)
                built = current
            else:
                built = index.build(raw, journal.generation_of(raw))
            built["lines"] = lines
            index.write(self._index_file, built, index.file_signature(self._file), journal_end)
            return built
        except (OSError, ValueError, KeyError, TypeError, StopIteration):
            index.remove(self._index_file)
            return None

    def _backed_up_today(self) -> bool:
        return backups.daily_backup_path(self._file, self._now().date()).exists()

    def _compact_for_backup(self) -> None:
        data, jbytes = self._read_bytes()
        if data is None:
            return
        raw, _, duplicates = self._decode(data, jbytes)
        if raw is None:
            return
        if (jbytes or duplicates) and schema_version(raw) == SCHEMA_VERSION:
            self._cache = None
            data, jbytes = self._write(raw), b""
            self._save_index(raw, 0)
        self._daily_backup(data, compacted=not jbytes)

    def _daily_backup(self, data: bytes, *, compacted: bool = False) -> None:
        today = self._now().date()
        target = backups.daily_backup_path(self._file, today)
        if target.exists():
            return
        try:
            if compacted:
                backups.clone_backup(self._file, target, data, today=today)
            else:
                backups.write_backup(self._file, target, data, today=today)
        except OSError:
            # Never stop the user over a backup; `doctor` reports when there is none.
            pass

    def _migrate(self, data: bytes, raw: Raw, *, write: bool = True) -> tuple[Raw, bytes]:
        """Back up the old bytes, then migrate; nothing is migrated if the backup fails."""
        version = schema_version(raw)
        target = backups.migration_backup_path(self._file, self._now().date(), version)
        try:
            backups.write_backup(self._file, target, data, today=self._now().date())
        except OSError as error:
            raise self._os_error(error, writing=True, what="back up") from None
        try:
            migrate(raw)
        except FormatError as error:
            raise self._corrupt(str(error)) from None
        return raw, (self._write(raw) if write else b"")


class _LogKeys:
    """The uids in a logs table and TinyDB's next id for it (see `Store._log_keys`)."""

    __slots__ = ("next_id", "size", "table", "uids")

    def __init__(self, table: logtable.Table) -> None:
        self.table = table
        self.size = len(table)
        self.uids = logtable.uids(table)
        self.next_id = logtable.next_id(table)


def watch(db: TinyDB, ids: Iterable[str]) -> None:
    """Name the logs a change adds, removes or alters (by document id): TinyDB sees only those
    (see `_Tables`), and only those are written to the journal."""
    storage = db.storage
    assert isinstance(storage, JournalStorage)
    storage._window.update(ids)


def _window_changes(
    name: str,
    table: dict[str, dict[str, Any]],
    window: dict[str, dict[str, Any]],
    ids: set[str],
) -> list[journal.Change]:
    """Apply what TinyDB did to the window of the logs table to the table itself."""
    changes: list[journal.Change] = []
    for key in sorted(ids, key=int):
        before, doc = table.get(key), window.get(key)
        if before is not None:
            before = logtable.as_doc(before)
        if doc is None:
            if before is not None:
                changes.append((name, key, before, None))
                del table[key]
        elif before is None or doc != before:
            changes.append((name, key, before, doc))
            table[key] = doc
    return changes


def _lines(parsed: journal.Parsed | None) -> int:
    return parsed.lines if parsed is not None else 0
