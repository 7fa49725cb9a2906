"""`DataFile`: the TinyDB-free half of `trust_tui.storage.store.Store`.

Every operation takes the inter-process lock, then reads the file *as it is now*. In memory we
keep a 128-bit digest of the bytes of the last read or write with what they decoded to, so reading
a file nobody else has changed costs one read and one hash instead of a parse. Here: that cache, the
checks on what was read, reading, backups, diagnosis and the wording of what went wrong;
`Store` adds creating, migrating and changing the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from trust_tui.domain.models import SCHEMA_VERSION, Action, Settings, Snapshot
from trust_tui.storage import backups, errors, journal, layout, logtable
from trust_tui.storage.doctor import diagnose
from trust_tui.storage.documents import to_snapshot
from trust_tui.storage.errors import CorruptDataError, StoreError
from trust_tui.storage.filelock import data_file_lock
from trust_tui.storage.schema import (
    FormatError,
    Raw,
    decode,
    migrate,
    schema_version,
    seed,
)

__all__ = ["DataFile", "FileBytes"]


class FileBytes(Protocol):
    """The file's and its journal's bytes as they are on disk
    (`trust_tui.storage.store.JournalStorage`)."""

    def read_bytes(self) -> bytes | None: ...
    def read_journal(self) -> bytes: ...
    def encode(self, data: Raw) -> bytes: ...
    def write_bytes(self, data: bytes) -> None: ...
    def append_journal(self, data: bytes, good_end: int, header: bytes) -> int: ...
    def remove_journal(self) -> None: ...


def fingerprint(data: bytes) -> bytes:
    """A 128-bit BLAKE2 digest of the file's bytes: what the cache compares, instead of keeping
    the bytes themselves (11 MB at 50,000 logs; docs/design.md §8, peak memory)."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(slots=True)
class Cached:
    digest: bytes
    """The `fingerprint` of the file's bytes when we last read or wrote them."""
    journal: bytes
    """The journal's exact bytes then (b"" when there is none)."""
    raw: Raw | None
    """What `data` plus the journal decode to (None when it needs a migration, so it is never
    written as is)."""
    snapshot: Snapshot | None
    parsed: journal.Parsed | None = None
    """The journal as parsed (None: it does not apply to the file)."""
    duplicates: tuple[str, ...] = ()
    """Documents of the file that shared an id with another (kept under a new id)."""
    index: dict[str, Any] | None = None
    """The derived index of `raw`, as last written (`trust_tui.storage.index`)."""

    def holds(self, digest: bytes, journal: bytes) -> bool:
        """The file and journal are still exactly as this cache read or wrote them."""
        return self.digest == digest and self.journal == journal


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
        self._journal = journal.journal_path_for(self._file)
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()  # one operation at a time per Store (app worker threads)
        self._cache: Cached | None = None
        self._held_data = False
        """This Store has read or written the file holding data: if it is gone or blank now,
        it was moved, deleted or emptied under us, and only `open()` may start a new one."""

    @property
    def backup_dir(self) -> Path:
        return backups.backup_dir_for(self._file)

    def signature(self) -> tuple[int, ...]:
        """(mtime_ns, size, inode) of the file, then (size, inode) of its journal: changes with
        every write (ours are made to move mtime on; the journal only grows until compacted)."""
        st = os.stat(self._file)
        try:
            jst = os.stat(self._journal)
            tail: tuple[int, ...] = (jst.st_size, jst.st_ino)
        except FileNotFoundError:
            tail = (0, 0)
        return (st.st_mtime_ns, st.st_size, st.st_ino, *tail)

    # --- reading ---------------------------------------------------------------------------

    def load(self) -> Snapshot:
        """The file (with its journal) as it is now."""
        with self._mutex, self._locked(shared=True):
            data, jbytes = self._read_bytes()
            if data is None:
                raise errors.file_missing(self.path)
            cache = self._cache
            digest = fingerprint(data)
            if cache is not None and cache.holds(digest, jbytes) and cache.snapshot is not None:
                return cache.snapshot
            raw, parsed, duplicates = self._decode(data, jbytes, digest=digest)
            if raw is None and self._held_data:
                raise self._corrupt("it is empty, yet it held your data when last read")
            if raw is None:  # blank, no backups: a new file, created by the next open or change
                self._cache = Cached(digest, jbytes, None, to_snapshot(self._seed()))
                return self._cache.snapshot  # type: ignore[return-value]
            if schema_version(raw) < SCHEMA_VERSION:
                # Shown migrated, but only written back (after a backup) by the next change.
                migrated = decode(data)
                assert migrated is not None
                migrate(migrated)
                self._cache = Cached(digest, jbytes, None, to_snapshot(migrated))
                return self._cache.snapshot  # type: ignore[return-value]
            return self._remember(digest, jbytes, raw, parsed, duplicates)

    def log_dates(self, action_id: str) -> list[dt.date]:
        """The dates of one action's logs as the file is now, without building every entry."""
        with self._mutex, self._locked(shared=True):
            data, jbytes = self._read_bytes()
            raw = None if data is None else self._decode(data, jbytes)[0]
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
                    self._compact_for_backup()
            except StoreError:
                return

    def newest_backup(self) -> Path | None:
        """The backup to restore: readable, of a schema this version understands, holding the
        latest entry (by content, not by the date in its name)."""
        return backups.newest_good(self._file, backup_recency, self._now().date())

    def doctor(self) -> list[str]:
        """Problems found, one sentence each (empty when healthy). Writes nothing."""
        with self._mutex:
            if not self._file.exists():
                return [errors.not_created_yet(self.path)]
            try:
                with self._locked(shared=True):
                    data, jbytes = self._read_bytes()
                    if data is None:
                        return [errors.not_created_yet(self.path)]
                    raw, _, duplicates = self._decode(data, jbytes)
            except CorruptDataError as error:
                return [errors.repair_advice(self.path, error.reason, self.newest_backup())]
            except StoreError as error:
                return [str(error)]
            problems = [
                f"In {self.path}, {phrase}; the next change writes it there for good."
                for phrase in duplicates
            ]
            return problems + diagnose(self.path, self._file, raw, self._now().date())

    # --- internals -------------------------------------------------------------------------

    def _compact_for_backup(self) -> None:
        """Under the exclusive lock: fold the journal into the file, then take today's backup
        (the compacted file alone is the whole state, so the backup may be a hard link)."""
        raise NotImplementedError  # Store (it writes the file)

    def _seed(self) -> Raw:
        """A new file's contents: the default actions and settings."""
        return seed(Settings(), self.default_actions, self._now().isoformat(timespec="seconds"))

    def _decode(
        self,
        data: bytes,
        jbytes: bytes,
        cache: Cached | None = None,
        *,
        digest: bytes | None = None,
    ) -> tuple[Raw | None, journal.Parsed | None, tuple[str, ...]]:
        """Check bytes read under the lock and replay the journal over them (`digest`: their
        fingerprint, when the caller has it already).

        Raw None = blank file without backups (a new file). The parsed journal is None when it
        does not belong to this file (stale, or none)."""
        cache = cache or self._cache
        if (
            cache is not None
            and cache.raw is not None
            and cache.holds(digest or fingerprint(data), jbytes)
        ):
            return cache.raw, cache.parsed, cache.duplicates
        found: list[str] = []
        try:
            raw = layout.read(data, found)
        except FormatError as error:
            raise self._corrupt(str(error)) from None
        if raw is None:
            if backups.list_backups(self._file):
                raise self._corrupt("it is empty, yet backups of it exist")
            return None, None, ()
        parsed: journal.Parsed | None = None
        if jbytes:
            parsed = journal.parse(jbytes)
            if journal.applies_to(parsed, raw):
                journal.replay(raw, parsed.ops)
            else:
                parsed = None
        version = schema_version(raw)
        if version > SCHEMA_VERSION:
            raise errors.newer_schema(self.path, version)
        self._held_data = True
        return raw, parsed, tuple(found)

    def _remember(
        self,
        digest: bytes,
        jbytes: bytes,
        raw: Raw,
        parsed: journal.Parsed | None,
        duplicates: tuple[str, ...] = (),
    ) -> Snapshot:
        snapshot = to_snapshot(raw)
        self._cache = Cached(digest, jbytes, raw, snapshot, parsed, duplicates)
        return snapshot

    def _read_bytes(self) -> tuple[bytes | None, bytes]:
        """The file's bytes (None: there is none) and its journal's (b"": none)."""
        try:
            data = self._storage.read_bytes()
            return data, (self._storage.read_journal() if data is not None else b"")
        except OSError as error:
            raise self._os_error(error, writing=False) from None

    def _write(self, raw: Raw) -> bytes:
        """Write the whole state as the file with a new generation, then drop the journal
        (a journal left by a crash in between names the old generation: it is ignored)."""
        if raw.get("meta"):
            next(iter(raw["meta"].values()))["generation"] = journal.new_generation()
        data = self._storage.encode(raw)
        try:
            self._storage.write_bytes(data)
            self._storage.remove_journal()
        except OSError as error:
            raise self._os_error(error, writing=True) from None
        self._held_data = True
        return data

    def _locked(self, *, shared: bool) -> AbstractContextManager[None]:
        return data_file_lock(self.path, self._file, shared=shared, timeout=self._lock_timeout)

    def _os_error(self, error: OSError, *, writing: bool, what: str = "save") -> StoreError:
        if isinstance(error, PermissionError):
            return errors.permission_denied(self.path, self._file.parent, writing=writing)
        if writing:
            return errors.write_failed(self.path, error.strerror or str(error), what)
        return self._corrupt(f"it cannot be read: {error.strerror or error}")

    def _corrupt(self, reason: str) -> CorruptDataError:
        return errors.corrupt(self.path, reason, self.newest_backup())


def backup_recency(data: bytes) -> tuple[str, str] | None:
    """How recent a backup's contents are: (latest log date, its latest logged_at), or None
    when it is not a backup worth restoring (unreadable, blank, of a newer schema)."""
    try:
        raw = decode(data)
    except FormatError:
        return None
    if raw is None or schema_version(raw) > SCHEMA_VERSION:
        return None
    latest = ("", "")
    for doc in raw.get("logs", {}).values():
        key = (doc.get("date"), doc.get("logged_at"))
        if isinstance(key[0], str) and isinstance(key[1], str) and key > latest:
            latest = key  # type: ignore[assignment]
    return latest
