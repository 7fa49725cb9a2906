"""The app's data, kept in memory and written behind the UI (no Textual here).

`Tracker` wraps the `Store`. Every change is applied to the in-memory snapshot at once (so a
key press updates the screen without waiting on the disk) and queued as a `PendingWrite`; the
app drains the queue with `flush()` in a thread worker. A write that fails stays queued, and
its change stays on screen, so nothing typed is lost; `flush()` reports the failure.

Each pending change is idempotent (it replaces by uid or id), so replaying the queue on top of
a fresh read of the file (after another process wrote) gives the right picture whether or not
the write already reached the disk. The queue is `write_queue.WriteQueue`; the in-memory edits
are `snapshot_edits`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trust_tui.domain.calendar import logical_today
from trust_tui.domain.models import Action, LogEntry, Settings, Snapshot, StepProgress
from trust_tui.domain.streaks import (
    DayCounts,
    StreakInfo,
    day_counts_by_action,
    streak_from_counts,
)
from trust_tui.domain.summary import WeeklySummary, summary_from_counts
from trust_tui.domain.validation import ValidationError, clean_text, parse_rating
from trust_tui.snapshot_edits import drop_log as _drop_log
from trust_tui.snapshot_edits import insert_new_log as _insert_new_log
from trust_tui.snapshot_edits import put_action as _put_action
from trust_tui.snapshot_edits import put_log as _put_log
from trust_tui.snapshot_edits import put_settings as _put_settings
from trust_tui.snapshot_edits import put_step as _put_step
from trust_tui.snapshot_edits import sort_key as _sort_key  # noqa: F401 - benchmarks/experiments.py
from trust_tui.write_queue import (
    PendingWrite,
    WriteFailure,
    WriteQueue,
    write_delete,
    write_update,
)

if TYPE_CHECKING:
    from trust_tui.store import Store

__all__ = ["AppData", "PendingWrite", "Tracker", "WriteFailure", "build_data"]

WEEKS_SHOWN = 12
EARLIEST = dt.date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class AppData:
    """Everything a screen shows, computed once per change."""

    snapshot: Snapshot
    today: dt.date
    """The logical today (DESIGN §4)."""
    streaks: dict[str, StreakInfo]
    """Every action's streak, archived ones included."""
    summary: WeeklySummary
    """Active actions over the last 12 weeks, newest week first."""
    db_path: Path


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
) -> AppData:
    """`build_data` from logs already grouped once (`day_counts_by_action(snapshot.logs, today)`).

    `streaks` may be given when already known for these counts (the tracker recomputes only the
    action a new log belongs to).
    """
    week_start = snapshot.settings.week_start_index
    if streaks is None:
        streaks = {
            a.id: streak_from_counts(a, grouped.get(a.id, _NO_COUNTS), today, week_start)
            for a in snapshot.actions
        }
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
    )
    return AppData(snapshot, today, streaks, summary, db_path)


class Tracker:
    """In-memory AppData plus an ordered queue of writes to the store."""

    def __init__(self, store: Store, db_path: Path, now: Callable[[], dt.datetime]) -> None:
        self._store = store
        self._db_path = db_path
        self._now = now
        self._data: AppData | None = None
        self._grouped: Grouped = {}
        """`day_counts_by_action(self._data.snapshot.logs, self._data.today)`, kept up to date."""
        self._writes = WriteQueue()
        self._generation = 0
        """Bumped by every in-memory change: a reload started before a change is stale."""
        self._signature: tuple[Any, ...] | None = None

    # --- reading ---------------------------------------------------------------------------

    @property
    def data(self) -> AppData:
        if self._data is None:
            raise RuntimeError("Tracker.open() has not run yet.")
        return self._data

    @property
    def is_open(self) -> bool:
        return self._data is not None

    @property
    def store(self) -> Store:
        return self._store

    def open(self) -> AppData:
        """Open (or create) the file. Raises the store's StoreError subclasses."""
        snapshot = self._store.open()
        signature = self._safe_signature()
        self._signature = signature
        self._data = self._compute(snapshot)
        return self._data

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
        generation = (self._generation, self._writes.attempts)
        signature = self._safe_signature()
        snapshot = self._store.load()
        return generation, signature, snapshot

    def accept_read(
        self, generation: tuple[int, int], signature: tuple[Any, ...] | None, snapshot: Snapshot
    ) -> AppData | None:
        """Adopt a fresh read, replaying writes not yet confirmed on disk.

        Returns None (and keeps the current data) when a change happened in memory meanwhile,
        or a write ended meanwhile (the read may predate it): the file has changed since, so
        the next poll reads it again.
        """
        if generation != (self._generation, self._writes.attempts):
            return None
        unconfirmed = self._writes.unconfirmed()
        if self._writes.attempts != generation[1]:
            return None  # a write ended while we looked at the queue
        for pending in unconfirmed:
            snapshot = pending.apply(snapshot)
        self._signature = signature
        self._data = self._compute(snapshot)
        return self._data

    # --- changing ----------------------------------------------------------------------------

    def _change(self, pending: PendingWrite) -> AppData:
        snapshot = pending.apply(self.data.snapshot)
        self._generation += 1
        self._writes.add(pending)
        self._data = self._compute(snapshot, self.data.today)
        return self._data

    def _add_new_entry(self, pending: PendingWrite, entry: LogEntry) -> AppData:
        """`_change` for a new log: one action's counts move, so only its streak is recomputed.

        The result equals a full rebuild (`build_data`); `pending.apply` stays the idempotent
        edit that a later fresh read replays.
        """
        data = self.data
        snapshot = _insert_new_log(data.snapshot, entry)
        grouped = dict(self._grouped)
        counts = Counter(grouped.get(entry.action, _NO_COUNTS))
        counts[entry.date.toordinal()] += 1  # entry.date <= today: checked by new_entry
        grouped[entry.action] = counts
        streaks = dict(data.streaks)
        week_start = snapshot.settings.week_start_index
        for action in snapshot.actions:
            if action.id == entry.action:
                streaks[action.id] = streak_from_counts(action, counts, data.today, week_start)
        self._generation += 1
        self._writes.add(pending)
        self._data = self._compute(snapshot, data.today, grouped, streaks)
        return self._data

    def new_entry(
        self, action_id: str, day: dt.date, note: str = "", rating: int | None = None
    ) -> LogEntry:
        """Validate a log request and build its entry (raises ValidationError)."""
        data = self.data
        action = data.snapshot.action(action_id)
        if action is None:
            raise ValidationError(f"There is no action called {action_id!r}.")
        check_day(day, data.today)
        note = clean_text(note or "", field="note")
        if rating is not None:
            if not action.rated:
                raise ValidationError(f"{action.name} does not take a rating.")
            rating = parse_rating(rating)
        logged_at = self._now().isoformat(timespec="seconds")
        return LogEntry(uuid.uuid4().hex, action_id, day, logged_at, note, rating)

    def log(
        self, action_id: str, day: dt.date, note: str = "", rating: int | None = None
    ) -> tuple[AppData, LogEntry]:
        entry = self.new_entry(action_id, day, note, rating)
        name = self.data.snapshot.action(action_id).name  # type: ignore[union-attr]
        data = self._add_new_entry(
            PendingWrite(
                f"the entry for {name} on {day.isoformat()}",
                lambda s, e=entry: _put_log(s, e),
                lambda store, e=entry: store.add_log(e),
                entry.note,
            ),
            entry,
        )
        return data, entry

    def edit(self, entry: LogEntry) -> AppData:
        before = next((e for e in self.data.snapshot.logs if e.uid == entry.uid), None)
        if before is None or before.date != entry.date:
            # Only a new date is checked: an entry may lie after a "today" that went back (the
            # day now starts later than when it was logged), and its note stays editable.
            check_day(entry.date, self.data.today)
        note = clean_text(entry.note or "", field="note")
        rating = entry.rating
        if rating is not None:
            rating = parse_rating(rating)
        entry = dataclasses.replace(entry, note=note, rating=rating)
        return self._change(
            PendingWrite(
                f"your changes to the entry of {entry.date.isoformat()}",
                lambda s, e=entry: _put_log(s, e),
                lambda store, e=entry: write_update(store, e),
                entry.note,
            )
        )

    def delete(self, uid: str) -> tuple[AppData, LogEntry]:
        entry = next((e for e in self.data.snapshot.logs if e.uid == uid), None)
        if entry is None:
            raise ValidationError("That entry is no longer there.")
        data = self._change(
            PendingWrite(
                f"the deletion of the entry of {entry.date.isoformat()}",
                lambda s, u=uid: _drop_log(s, u),
                lambda store, u=uid: write_delete(store, u),
            )
        )
        return data, entry

    def restore(self, entry: LogEntry) -> AppData:
        return self._change(
            PendingWrite(
                f"the entry of {entry.date.isoformat()} you brought back",
                lambda s, e=entry: _put_log(s, e),
                lambda store, e=entry: store.add_log(e),
                entry.note,
            )
        )

    def save_action(self, action: Action) -> AppData:
        return self._change(
            PendingWrite(
                f"the action {action.name!r}",
                lambda s, a=action: _put_action(s, a),
                lambda store, a=action: store.upsert_action(a),
            )
        )

    def save_settings(self, settings: Settings) -> AppData:
        # Only what this change touches is written (and replayed over a reload), so a setting
        # changed meanwhile by `trust-tui settings` is not put back.
        changed = tuple(
            f.name
            for f in dataclasses.fields(Settings)
            if getattr(settings, f.name) != getattr(self.data.snapshot.settings, f.name)
        )
        pending = PendingWrite(
            "your settings",
            lambda s, v=settings, c=changed: _put_settings(
                s, dataclasses.replace(s.settings, **{name: getattr(v, name) for name in c})
            ),
            lambda store, v=settings, c=changed: store.set_settings(v, c),
        )
        snapshot = pending.apply(self.data.snapshot)
        self._generation += 1
        self._writes.add(pending)
        # The hour the day starts may move "today": recompute it.
        self._data = self._compute(snapshot)
        return self._data

    def save_step(self, progress: StepProgress) -> AppData:
        return self._change(
            PendingWrite(
                f"your work on step {progress.step}",
                lambda s, p=progress: _put_step(s, p),
                lambda store, p=progress: store.save_step(p),
                "\n".join(progress.answers.values()),
            )
        )

    # --- writing (thread) --------------------------------------------------------------------

    def unsaved_notes(self) -> list[tuple[str, str]]:
        """(label, the user's words) for every change not yet confirmed on disk."""
        return [(p.label, p.text) for p in self._writes.unconfirmed()]

    @property
    def pending_count(self) -> int:
        return len(self._writes)

    def flush(self) -> WriteFailure | None:
        """Write queued changes in order; stop at the first failure and keep it queued.

        Thread-safe: concurrent calls write one change at a time, oldest first.
        """
        return self._writes.flush(self._store)


def check_day(day: dt.date, today: dt.date) -> None:
    """A logged date may not be after the logical today nor before 1970 (DESIGN §4)."""
    if day > today:
        raise ValidationError(
            f"{day.isoformat()} is after today ({today.isoformat()}): log it on the day itself."
        )
    if day < EARLIEST:
        raise ValidationError("Dates before 1970-01-01 are not accepted.")


def newest_backup(db_path: Path) -> Path | None:
    """The newest good backup of a file the app could not open (for the problem screen)."""
    from trust_tui.store import Store, StoreError

    try:
        return Store(db_path).newest_backup()
    except (StoreError, OSError):
        return None
