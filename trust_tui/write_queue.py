"""The tracker's writes behind the UI: an ordered queue of `PendingWrite`s (no Textual here).

A change is queued as a `PendingWrite`; `flush()` (in a thread worker) writes them oldest first
and stops at the first failure, which stays queued. Until a write is confirmed it is either in
the queue or "in flight", so a reload can replay it on top of a fresh read of the file.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from trust_tui.domain.models import LogEntry, Snapshot

if TYPE_CHECKING:
    from trust_tui.store import Store

__all__ = ["PendingWrite", "WriteFailure", "WriteQueue", "write_delete", "write_update"]


@dataclass(frozen=True, slots=True)
class PendingWrite:
    """One change: how it looks in memory (`apply`) and how it reaches the file (`write`)."""

    label: str
    """Says what it is, for the error message ("your note for Weekly check-in")."""
    apply: Callable[[Snapshot], Snapshot]
    write: Callable[[Store], Any]
    text: str = ""
    """The user's words in it, printed if the app must close before it could be saved."""


@dataclass(frozen=True, slots=True)
class WriteFailure:
    label: str
    error: Exception

    @property
    def message(self) -> str:
        return f"Could not save {self.label}: {self.error}"


def write_update(store: Store, entry: LogEntry) -> None:
    from trust_tui.store import EntryNotFoundError

    try:
        store.update_log(entry)
    except EntryNotFoundError:
        # Deleted by another process meanwhile: keep the user's words rather than drop them.
        store.add_log(entry)


def write_delete(store: Store, uid: str) -> None:
    from trust_tui.store import EntryNotFoundError

    try:
        store.delete_log(uid)
    except EntryNotFoundError:
        pass  # already gone (another process): the wish is fulfilled


class WriteQueue:
    """Changes not yet confirmed on disk, written in order by `flush()`."""

    def __init__(self) -> None:
        self._queue: deque[PendingWrite] = deque()
        self._in_flight: PendingWrite | None = None
        self._flush_lock = threading.Lock()
        self._attempts = 0
        """Bumped by every write attempt as it ends: a reload that began before a write
        finished may not hold it, yet that write is no longer replayed from the queue."""

    @property
    def attempts(self) -> int:
        return self._attempts

    def add(self, pending: PendingWrite) -> None:
        self._queue.append(pending)

    def unconfirmed(self) -> list[PendingWrite]:
        items = list(self._queue)
        in_flight = self._in_flight
        if in_flight is not None:
            items.insert(0, in_flight)
        return items

    def __len__(self) -> int:
        return len(self._queue) + (1 if self._in_flight is not None else 0)

    def flush(self, store: Store) -> WriteFailure | None:
        """Write queued changes in order; stop at the first failure and keep it queued.

        Thread-safe: concurrent calls write one change at a time, oldest first.
        """
        with self._flush_lock:
            if self._queue:
                store.daily_backup()  # an app left open for days backs up each day
            while self._queue:
                # In flight before it leaves the queue: a reload replaying unconfirmed
                # changes must never miss it (seeing it twice is harmless).
                pending = self._queue[0]
                self._in_flight = pending
                self._queue.popleft()
                try:
                    pending.write(store)
                except Exception as error:  # noqa: BLE001 - reported to the user, and the change kept
                    self._queue.appendleft(pending)
                    return WriteFailure(pending.label, error)
                finally:
                    # Counted before it leaves "in flight", so a concurrent `accept_read`
                    # that missed it in both places sees the count move and gives up.
                    self._attempts += 1
                    self._in_flight = None
        return None
