"""The app's data in memory, and the changes on their way to the file (no Textual here).

A `Session` wraps the `Store`. Every change is one small dataclass (`AddLog`, `EditLog`,
`DeleteLog`, `SaveAction`, `SaveSettings`, `SaveStep`) that knows how it looks in memory
(`apply`, a pure edit of the snapshot) and how it reaches the file (`write`). A change is applied
to the snapshot at once, so a key press updates the screen without waiting on the disk, and is
queued; the app drains the queue with `flush()` in a thread worker. A write that fails stays
queued, and its change stays on screen, so nothing typed is lost; `flush()` reports the failure.

Each change is idempotent (it replaces by uid or id), so replaying the queue on top of a fresh
read of the file (after another process wrote) gives the right picture whether or not the write
already reached the disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import uuid
from collections import Counter, deque
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from trust_tui.collector import collector_paused
from trust_tui.domain.calendar import logical_today
from trust_tui.domain.edits import (
    drop_log,
    drop_pause,
    insert_new_log,
    put_action,
    put_log,
    put_pause,
    put_settings,
    put_step,
)
from trust_tui.domain.frozen import frozen
from trust_tui.domain.models import Action, LogEntry, Pause, Settings, Snapshot, StepProgress
from trust_tui.domain.pauses import new_pause
from trust_tui.domain.pauses import resume as resume_pause
from trust_tui.domain.streaks import (
    DayCounts,
    StreakInfo,
    action_start,
    created_date,
    day_counts_by_action,
    file_first_log,
    streak_from_counts,
    streaks_from_grouped,
)
from trust_tui.domain.summary import WeeklySummary, summary_from_counts
from trust_tui.domain.validation import (
    ValidationError,
    check_day,
    clean_text,
    new_log_entry,
    parse_rating,
)

if TYPE_CHECKING:
    from trust_tui.storage.store import Store

__all__ = [
    "AddLog",
    "AppData",
    "Change",
    "DeleteLog",
    "DropPause",
    "EditLog",
    "SaveAction",
    "SavePause",
    "SaveSettings",
    "SaveStep",
    "Session",
    "WriteFailure",
    "build_data",
    "newest_backup",
]

WEEKS_SHOWN = 26
"""The weeks Week can show (as many as its width holds, up to these)."""


@frozen
class AppData:
    """Everything a screen shows, computed once per change."""

    snapshot: Snapshot
    today: dt.date
    """The logical today (docs/design.md §4)."""
    streaks: dict[str, StreakInfo]
    """Every action's streak, archived ones included."""
    summary: WeeklySummary
    """Active actions over the last WEEKS_SHOWN weeks, newest week first (empty while
    `complete` is False: only Today draws that data)."""
    db_path: Path
    complete: bool = True
    """False for the first frame's data, drawn from the derived index: `snapshot.logs == ()`
    and `snapshot.steps == {}`, while the figures (streaks, summary) are already the real ones.
    Screens that list logs wait for the full data (`Session.open`)."""
    day_counts: Mapping[str, Mapping[int, int]] | None = None
    """Logs per action and day ordinal, given only while `complete` is False."""
    steps_done: bool = False
    """While `complete` is False: whether a step of the guide is done (the steps are not read)."""


Grouped = dict[str, DayCounts]
"""Logs per action and day ordinal (`day_counts_by_action`), the input of every figure."""

_NO_COUNTS: DayCounts = Counter()


def build_data(snapshot: Snapshot, today: dt.date, db_path: Path) -> AppData:
    return data_from_counts(snapshot, today, db_path, day_counts_by_action(snapshot.logs, today))


def data_from_counts(
    snapshot: Snapshot,
    today: dt.date,
    db_path: Path,
    grouped: Mapping[str, Mapping[int, int]],
    streaks: dict[str, StreakInfo] | None = None,
    *,
    complete: bool = True,
    steps_done: bool = False,
) -> AppData:
    """`build_data` from logs already grouped once (`day_counts_by_action(snapshot.logs, today)`).

    `streaks` may be given when already known for these counts (a new log recomputes only the
    streak of its own action).
    """
    week_start = snapshot.settings.week_start_index
    if streaks is None:
        streaks = streaks_from_grouped(
            snapshot.actions,
            grouped,
            today,
            week_start,
            pauses=snapshot.pauses,
            file_created=created_date(snapshot.created_at),
        )
    if not complete:
        # Only Today draws the first frame's data; Week waits for every log (`DataScreen`),
        # so its 26 weeks are computed with the full data, not here (~1.5 ms of start-up).
        summary = WeeklySummary(today, snapshot.settings.week_start, (), {}, ())
        return AppData(snapshot, today, streaks, summary, db_path, False, grouped, steps_done)
    # With a duplicated action id (a hand edit) "the" streak of an id could differ between all
    # actions and the active ones: let the summary compute its own then.
    unique = len({a.id for a in snapshot.actions}) == len(snapshot.actions)
    summary = summary_from_counts(
        snapshot.actions,
        grouped,
        today,
        snapshot.settings,
        weeks=WEEKS_SHOWN,
        streaks=streaks if unique else None,
        pauses=snapshot.pauses,
        created_at=snapshot.created_at,
    )
    return AppData(snapshot, today, streaks, summary, db_path)


# --- the changes -----------------------------------------------------------------------------


class Change(Protocol):
    """One change to the data: how it looks in memory and how it reaches the file."""

    @property
    def label(self) -> str:
        """Says what it is, for an error message ("the entry for Call or message on …")."""
        ...

    @property
    def text(self) -> str:
        """The user's words in it, printed if the app must close before it could be saved."""
        ...

    def apply(self, snapshot: Snapshot) -> Snapshot: ...

    def write(self, store: Store) -> None: ...


@frozen
class AddLog:
    """A new entry, or one brought back by undo (same uid: adding it twice keeps one)."""

    entry: LogEntry
    action_name: str
    restored: bool = False

    @property
    def label(self) -> str:
        day = self.entry.date.isoformat()
        if self.restored:
            return f"the entry of {day} you brought back"
        return f"the entry for {self.action_name} on {day}"

    @property
    def text(self) -> str:
        return self.entry.note

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return put_log(snapshot, self.entry)

    def write(self, store: Store) -> None:
        store.add_log(self.entry)


@frozen
class EditLog:
    entry: LogEntry

    @property
    def label(self) -> str:
        return f"your changes to the entry of {self.entry.date.isoformat()}"

    @property
    def text(self) -> str:
        return self.entry.note

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return put_log(snapshot, self.entry)

    def write(self, store: Store) -> None:
        from trust_tui.storage.store import EntryNotFoundError

        try:
            store.update_log(self.entry)
        except EntryNotFoundError:
            # Deleted by another process meanwhile: keep the user's words rather than drop them.
            store.add_log(self.entry)


@frozen
class DeleteLog:
    entry: LogEntry

    @property
    def label(self) -> str:
        return f"the deletion of the entry of {self.entry.date.isoformat()}"

    @property
    def text(self) -> str:
        return ""

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return drop_log(snapshot, self.entry.uid)

    def write(self, store: Store) -> None:
        from trust_tui.storage.store import EntryNotFoundError

        try:
            store.delete_log(self.entry.uid)
        except EntryNotFoundError:
            pass  # already gone (another process): the wish is fulfilled


@frozen
class SaveAction:
    """Add or replace an action by id (archiving is saving with `archived=True`)."""

    action: Action

    @property
    def label(self) -> str:
        return f"the action {self.action.name!r}"

    @property
    def text(self) -> str:
        return ""

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return put_action(snapshot, self.action)

    def write(self, store: Store) -> None:
        store.upsert_action(self.action)


@frozen
class SaveSettings:
    """Only the fields this change touches are written (and replayed over a reload), so a
    setting changed meanwhile by `trust-tui settings` is not put back."""

    settings: Settings
    changed: tuple[str, ...]

    label = "your settings"
    text = ""

    def apply(self, snapshot: Snapshot) -> Snapshot:
        values = {name: getattr(self.settings, name) for name in self.changed}
        return put_settings(snapshot, dataclasses.replace(snapshot.settings, **values))

    def write(self, store: Store) -> None:
        store.set_settings(self.settings, self.changed)


@frozen
class SavePause:
    """Start a pause, or change one (resuming sets its `until`): replaced by uid."""

    pause: Pause

    @property
    def label(self) -> str:
        return f"the pause from {self.pause.start.isoformat()}"

    @property
    def text(self) -> str:
        return self.pause.note

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return put_pause(snapshot, self.pause)

    def write(self, store: Store) -> None:
        store.save_pause(self.pause)


@frozen
class DropPause:
    """Remove a pause (one cancelled before it began)."""

    pause: Pause

    @property
    def label(self) -> str:
        return f"the cancelled pause from {self.pause.start.isoformat()}"

    text = ""

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return drop_pause(snapshot, self.pause.uid)

    def write(self, store: Store) -> None:
        store.delete_pause(self.pause.uid)


@frozen
class SaveStep:
    progress: StepProgress

    @property
    def label(self) -> str:
        return f"your work on step {self.progress.step}"

    @property
    def text(self) -> str:
        return "\n".join(self.progress.answers.values())

    def apply(self, snapshot: Snapshot) -> Snapshot:
        return put_step(snapshot, self.progress)

    def write(self, store: Store) -> None:
        store.save_step(self.progress)


@frozen
class WriteFailure:
    label: str
    error: Exception

    @property
    def message(self) -> str:
        return f"Could not save {self.label}: {self.error}"


# --- the session -----------------------------------------------------------------------------


class Session:
    """The in-memory AppData, plus the ordered queue of changes not yet confirmed on disk."""

    def __init__(
        self,
        store: Store | Callable[[], Store],
        db_path: Path,
        now: Callable[[], dt.datetime],
    ) -> None:
        """`store` may be a function that makes it: then the store (and TinyDB with it) is
        imported only when the file is first read in full, never for the first frame."""
        self._made: Store | None = None if callable(store) else store
        self._make = store if callable(store) else None
        self._making = threading.Lock()
        self._db_path = db_path
        self._now = now
        self._data: AppData | None = None
        self._grouped: Grouped = {}
        """`day_counts_by_action(self._data.snapshot.logs, self._data.today)`, kept up to date."""
        self._first_log: int | None = None
        """`file_first_log(self._grouped)`: a new log earlier than it moves every start."""
        self._queue: deque[Change] = deque()
        self._in_flight: Change | None = None
        self._flush_lock = threading.Lock()
        self._attempts = 0
        """Bumped by every write attempt as it ends: a reload that began before a write
        finished may not hold it, yet that write is no longer replayed from the queue."""
        self._generation = 0
        """Bumped by every in-memory change: a reload started before a change is stale."""
        self._signature: tuple[Any, ...] | None = None
        self._logged: list[LogEntry] = []
        """The logs made in this session, oldest first: what `undo_last_log` takes back."""

    # --- reading ---------------------------------------------------------------------------

    @property
    def data(self) -> AppData:
        if self._data is None:
            raise RuntimeError("Session.open() has not run yet.")
        return self._data

    @property
    def store(self) -> Store:
        return self._store

    @property
    def _store(self) -> Store:
        if self._made is None:
            with self._making:
                if self._made is None:
                    assert self._make is not None
                    self._made = self._make()
        return self._made

    def open(self) -> AppData:
        """Open (or create) the file. Raises the store's StoreError subclasses.

        The collector is paused while the file becomes objects, and what they are is then
        frozen out of its reach: they live as long as the app (see `collector_paused`).
        """
        with collector_paused(freeze=True):
            snapshot = self._store.open()
            self._signature = self._safe_signature()
            self._data = self._compute(snapshot)
        return self._data

    def open_from_index(self) -> AppData | None:
        """The first frame's data, from the derived index without reading the logs
        (`complete=False`), or None when the index cannot serve (then call `open`). `open`
        must follow before any change: until then the session only answers `data`."""
        from trust_tui.storage import first_frame

        first = first_frame.read(self._db_path, self._now)
        if first is None:
            return None
        snapshot, counts, steps_done = first
        today = logical_today(self._now(), snapshot.settings.day_starts_at)
        grouped: Grouped = {action: Counter(days) for action, days in counts.items()}
        self._data = data_from_counts(
            snapshot, today, self._db_path, grouped, complete=False, steps_done=steps_done
        )
        return self._data

    @property
    def complete(self) -> bool:
        """Whether the logs are read (`open` has run), so changes may be made."""
        return self._data is not None and self._data.complete

    def logical_today(self, settings: Settings | None = None) -> dt.date:
        settings = settings or (self._data.snapshot.settings if self._data else Settings())
        return logical_today(self._now(), settings.day_starts_at)

    def _compute(
        self,
        snapshot: Snapshot,
        today: dt.date | None = None,
        grouped: Grouped | None = None,
        streaks: dict[str, StreakInfo] | None = None,
    ) -> AppData:
        """The AppData of `snapshot`; remembers its grouped logs for the next incremental log."""
        today = today or logical_today(self._now(), snapshot.settings.day_starts_at)
        if grouped is None:
            grouped = day_counts_by_action(snapshot.logs, today)
        data = data_from_counts(snapshot, today, self._db_path, grouped, streaks)
        self._grouped = grouped
        self._first_log = file_first_log(grouped)
        return data

    def refresh_today(self) -> AppData | None:
        """Recompute when the logical today moved on (the clock passed day_starts_at)."""
        data = self.data
        today = self.logical_today(data.snapshot.settings)
        if today == data.today:
            return None
        self._data = self._compute(data.snapshot, today)
        return self._data

    def _safe_signature(self) -> tuple[Any, ...] | None:
        try:
            return tuple(self._store.signature())
        except OSError:
            return None

    def file_changed(self) -> bool:
        """Cheap: has the file changed since we last read it (ours or another process's write)?"""
        return self._safe_signature() != self._signature

    def read_file(self) -> tuple[tuple[int, int], tuple[Any, ...] | None, Snapshot]:
        """Read the file as it is now. Safe to call from a thread; apply with `accept_read`."""
        generation = (self._generation, self._attempts)
        signature = self._safe_signature()
        snapshot = self._store.load()
        return generation, signature, snapshot

    def accept_read(
        self, generation: tuple[int, int], signature: tuple[Any, ...] | None, snapshot: Snapshot
    ) -> AppData | None:
        """Adopt a fresh read, replaying changes not yet confirmed on disk.

        Returns None (and keeps the current data) when a change happened in memory meanwhile,
        or a write ended meanwhile (the read may predate it): the file has changed since, so
        the next poll reads it again.
        """
        if generation != (self._generation, self._attempts):
            return None
        unconfirmed = self._unconfirmed()
        if self._attempts != generation[1]:
            return None  # a write ended while we looked at the queue
        for change in unconfirmed:
            snapshot = change.apply(snapshot)
        self._signature = signature
        self._data = self._compute(snapshot)
        return self._data

    # --- changing ----------------------------------------------------------------------------

    def _change(self, change: Change, *, today: dt.date | None = None) -> AppData:
        snapshot = change.apply(self.data.snapshot)
        self._generation += 1
        self._queue.append(change)
        self._data = self._compute(snapshot, today)
        return self._data

    def log(
        self, action_id: str, day: dt.date, note: str = "", rating: int | None = None
    ) -> tuple[AppData, LogEntry]:
        """Log an action (raises ValidationError). Only its own streak is recomputed; the
        result equals a full rebuild (`build_data`)."""
        data = self.data
        action = data.snapshot.action(action_id)
        entry = new_log_entry(
            action,
            action_id,
            day,
            data.today,
            note=note,
            rating=rating,
            logged_at=self._now().isoformat(timespec="seconds"),
            uid=uuid.uuid4().hex,
        )
        assert action is not None
        snapshot = insert_new_log(data.snapshot, entry)  # a fresh uid: no scan for it
        grouped = dict(self._grouped)
        first_before = self._first_log
        counts = Counter(grouped.get(entry.action, _NO_COUNTS))
        counts[entry.date.toordinal()] += 1  # entry.date <= today: checked above
        grouped[entry.action] = counts
        streaks: dict[str, StreakInfo] | None = dict(data.streaks)
        week_start = snapshot.settings.week_start_index
        first_log = min(first_before or entry.date.toordinal(), entry.date.toordinal())
        if first_log != first_before:
            # The file's first log moved back: every action's start may move with it.
            streaks = None
        else:
            assert streaks is not None
            file_created = created_date(snapshot.created_at)
            for each in snapshot.actions:
                if each.id == entry.action:
                    start = action_start(
                        each,
                        counts,
                        data.today,
                        file_created=file_created,
                        file_first_log=first_log,
                    )
                    streaks[each.id] = streak_from_counts(
                        each, counts, data.today, week_start, start=start, pauses=snapshot.pauses
                    )
        self._generation += 1
        self._queue.append(AddLog(entry, action.name))
        self._data = self._compute(snapshot, data.today, grouped, streaks)
        self._logged.append(entry)
        return self._data, entry

    def undo_last_log(self) -> tuple[AppData, LogEntry] | None:
        """Delete the newest log made in this session that is still there (None: nothing to
        undo). An entry deleted or edited elsewhere meanwhile is skipped, never re-deleted."""
        present = {e.uid: e for e in self.data.snapshot.logs}
        while self._logged:
            entry = self._logged.pop()
            if present.get(entry.uid) == entry:
                return self._change(DeleteLog(entry), today=self.data.today), entry
        return None

    def edit(self, entry: LogEntry) -> AppData:
        before = next((e for e in self.data.snapshot.logs if e.uid == entry.uid), None)
        if before is None or before.date != entry.date:
            # Only a new date is checked: an entry may lie after a "today" that went back (the
            # day now starts later than when it was logged), and its note stays editable.
            check_day(entry.date, self.data.today)
        note = clean_text(entry.note or "", field="note")
        rating = None if entry.rating is None else parse_rating(entry.rating)
        entry = dataclasses.replace(entry, note=note, rating=rating)
        return self._change(EditLog(entry), today=self.data.today)

    def delete(self, uid: str) -> tuple[AppData, LogEntry]:
        entry = next((e for e in self.data.snapshot.logs if e.uid == uid), None)
        if entry is None:
            raise ValidationError("That entry is no longer there.")
        return self._change(DeleteLog(entry), today=self.data.today), entry

    def restore(self, entry: LogEntry) -> AppData:
        action = self.data.snapshot.action(entry.action)
        name = action.name if action else entry.action
        return self._change(AddLog(entry, name, restored=True), today=self.data.today)

    def save_action(self, action: Action) -> AppData:
        return self._change(SaveAction(action), today=self.data.today)

    def save_settings(self, settings: Settings) -> AppData:
        current = self.data.snapshot.settings
        changed = tuple(
            f.name
            for f in dataclasses.fields(Settings)
            if getattr(settings, f.name) != getattr(current, f.name)
        )
        # No `today`: the hour the day starts may move it, so it is recomputed.
        return self._change(SaveSettings(settings, changed))

    def save_step(self, progress: StepProgress) -> AppData:
        return self._change(SaveStep(progress), today=self.data.today)

    def start_pause(
        self, reason: str, start: dt.date, until: dt.date | None = None, note: str = ""
    ) -> tuple[AppData, Pause]:
        """Start a pause (raises ValidationError: see `domain.pauses`)."""
        data = self.data
        pause = new_pause(
            reason, start, until, note, data.today, data.snapshot.pauses, uuid.uuid4().hex
        )
        return self._change(SavePause(pause), today=data.today), pause

    def resume(self, day: dt.date | None = None) -> tuple[AppData, Pause | None]:
        """End the running pause on `day` (default today): the new version of the pause, or
        None when it was cancelled before it began. Raises ValidationError."""
        data = self.data
        old, new = resume_pause(data.snapshot.pauses, day or data.today, data.today)
        change: Change = SavePause(new) if new is not None else DropPause(old)
        return self._change(change, today=data.today), new

    # --- writing (thread) --------------------------------------------------------------------

    def _unconfirmed(self) -> list[Change]:
        items = list(self._queue)
        in_flight = self._in_flight
        if in_flight is not None:
            items.insert(0, in_flight)
        return items

    def unsaved_notes(self) -> list[tuple[str, str]]:
        """(label, the user's words) for every change not yet confirmed on disk."""
        return [(change.label, change.text) for change in self._unconfirmed()]

    @property
    def pending_count(self) -> int:
        return len(self._queue) + (1 if self._in_flight is not None else 0)

    def flush(self) -> WriteFailure | None:
        """Write queued changes in order; stop at the first failure and keep it queued.

        Thread-safe: concurrent calls write one change at a time, oldest first.
        """
        with self._flush_lock:
            if self._queue:
                self._store.daily_backup()  # an app left open for days backs up each day
            while self._queue:
                # In flight before it leaves the queue: a reload replaying unconfirmed
                # changes must never miss it (seeing it twice is harmless).
                change = self._queue[0]
                self._in_flight = change
                self._queue.popleft()
                try:
                    change.write(self._store)
                except Exception as error:  # noqa: BLE001 - reported to the user, and the change kept
                    self._queue.appendleft(change)
                    return WriteFailure(change.label, error)
                finally:
                    # Counted before it leaves "in flight", so a concurrent `accept_read`
                    # that missed it in both places sees the count move and gives up.
                    self._attempts += 1
                    self._in_flight = None
        return None


def newest_backup(db_path: Path) -> Path | None:
    """The newest good backup of a file the app could not open (for the problem screen)."""
    from trust_tui.storage.store import Store, StoreError

    try:
        return Store(db_path).newest_backup()
    except (StoreError, OSError):
        return None
