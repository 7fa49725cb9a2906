"""The documents of docs/design.md §3 as plain, immutable values."""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Literal

from trust_tui.domain.frozen import Factory, frozen

Cadence = Literal["day", "week"]
CADENCES: tuple[Cadence, ...] = ("day", "week")

ActionKind = Literal["plain", "check-in", "needs"]
ACTION_KINDS: tuple[ActionKind, ...] = ("plain", "check-in", "needs")
"""How an action is logged: one key (`plain`, or a note dialog), the guided check-in, or the
partner's needs (their answer, and optionally a new action). Chosen by data, never by id."""
LEGACY_KINDS: dict[str, ActionKind] = {"weekly-check-in": "check-in", "ask-needs": "needs"}
"""Files written before actions had a kind: the two default actions that had their own dialog."""

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

SCHEMA_VERSION = 2
NOTE_MAX_CHARS = 2000


@frozen
class Settings:
    """How periods are cut. Changing these never changes stored entries."""

    week_start: str = "monday"
    """One of WEEKDAYS."""
    day_starts_at: dt.time = dt.time(0, 0)
    """Wall-clock time before which "today" is still the previous date (00:00-11:59)."""
    checkin_day: str | None = None
    """The weekday of the weekly check-in (one of WEEKDAYS), or None: not set."""
    checkin_time: dt.time | None = None
    """The check-in's wall-clock time, or None: not set."""
    theme: str | None = None
    """The Textual theme the user chose, or None: the default."""

    @property
    def week_start_index(self) -> int:
        """0 for Monday … 6 for Sunday, as `date.weekday()` counts."""
        return WEEKDAYS.index(self.week_start)

    def to_doc(self) -> dict[str, str]:
        """The settings document; a setting that was never set is left out."""
        doc = {
            "week_start": self.week_start,
            "day_starts_at": self.day_starts_at.strftime("%H:%M"),
            "checkin_day": self.checkin_day,
            "checkin_time": self.checkin_time.strftime("%H:%M") if self.checkin_time else None,
            "theme": self.theme,
        }
        return {key: value for key, value in doc.items() if value is not None}


@frozen
class Action:
    """Something the user does again and again (docs/design.md §3 `actions`)."""

    id: str
    name: str
    cadence: Cadence
    target: int
    step: str | None = None
    description: str = ""
    rated: bool = False
    archived: bool = False
    order: int = 0
    kind: ActionKind = "plain"
    created: dt.date | None = None
    """The logical date it was added (the document's `created`, YYYY-MM-DD); None in files
    written before actions carried one: then the file's own creation date stands in."""

    @property
    def unit(self) -> str:
        return self.cadence

    def to_doc(self) -> dict[str, object]:
        doc: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "cadence": self.cadence,
            "target": self.target,
            "step": self.step,
            "description": self.description,
            "rated": self.rated,
            "archived": self.archived,
            "order": self.order,
            "kind": self.kind,
        }
        if self.created is not None:
            doc["created"] = self.created.isoformat()
        return doc


@frozen
class LogEntry:
    """One time the user did an action (docs/design.md §3 `logs`)."""

    uid: str
    action: str
    date: dt.date
    """The logical local date it counts for."""
    logged_at: str
    """ISO-8601 with UTC offset: when it was written down."""
    note: str = ""
    rating: int | None = None

    def to_doc(self) -> dict[str, object]:
        return {
            "uid": self.uid,
            "action": self.action,
            "date": self.date.isoformat(),
            "logged_at": self.logged_at,
            "note": self.note,
            "rating": self.rating,
        }


log_order = attrgetter("date", "logged_at")
"""The one order of logs everywhere: by date, then by when they were written down (a C-level
key: it sorts 50,000 logs on every load)."""


@frozen
class StepProgress:
    """The user's own work on one guide step (docs/design.md §3 `steps`)."""

    step: str
    done_on: dt.date | None = None
    answers: dict[str, str] = Factory(dict)  # type: ignore[assignment]

    def to_doc(self) -> dict[str, object]:
        return {
            "step": self.step,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "answers": dict(self.answers),
        }


PauseReason = Literal["illness", "travel", "space", "other"]
PAUSE_REASONS: tuple[PauseReason, ...] = ("illness", "travel", "space", "other")


@frozen
class Pause:
    """A stretch of days when not keeping up is expected (illness, travel, a partner who asked
    for space): a period that overlaps it and is not met neither counts nor breaks a streak."""

    uid: str
    reason: PauseReason
    start: dt.date
    """The first paused day (the document's `from`)."""
    until: dt.date | None = None
    """The last paused day, inclusive; None while the pause is open."""
    note: str = ""

    def overlaps(self, first: dt.date, last: dt.date) -> bool:
        """Whether any day from `first` to `last` (inclusive) is paused."""
        return self.start <= last and (self.until is None or self.until >= first)

    def to_doc(self) -> dict[str, object]:
        return {
            "uid": self.uid,
            "reason": self.reason,
            "from": self.start.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "note": self.note,
        }


@frozen
class SetAside:
    """A document in the file that is not valid: it stays in the file untouched, but nothing
    reads, counts, shows or exports it; `doctor` names it."""

    table: str
    """"logs", "actions", "steps" or "settings"."""
    key: str
    """Its document id in that table."""
    reason: str
    """Why, as a short clause ("rating is not a whole number from 1 to 10")."""


@frozen
class Snapshot:
    """Everything in the data file at one moment, as read under the lock."""

    settings: Settings
    actions: tuple[Action, ...]
    logs: tuple[LogEntry, ...]
    """Oldest first (by date, then logged_at)."""
    steps: dict[str, StepProgress]
    created_at: str = ""
    schema_version: int = SCHEMA_VERSION
    pauses: tuple[Pause, ...] = ()
    """Oldest first (by start)."""
    set_aside: tuple[SetAside, ...] = ()
    """The documents that were not valid and were left out of everything above."""

    def action(self, action_id: str) -> Action | None:
        for action in self.actions:
            if action.id == action_id:
                return action
        return None

    @property
    def active_actions(self) -> tuple[Action, ...]:
        return tuple(a for a in sorted(self.actions, key=lambda a: a.order) if not a.archived)
