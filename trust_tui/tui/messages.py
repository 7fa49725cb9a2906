"""Messages screens post to ask the app to change the data (docs/architecture.md, "One key press").

Screens never touch the store: they post one of these, `TrustApp` validates it, updates the
in-memory data at once, publishes `data_changed`, and writes to disk in a thread worker.
Each message bubbles from the widget or screen that posts it up to the app.
"""

from __future__ import annotations

import datetime as dt

from textual.message import Message

from trust_tui.domain.models import Action, LogEntry, Settings, StepProgress

__all__ = [
    "ActionSaved",
    "EntryDeleted",
    "EntryEdited",
    "EntryRestored",
    "LogRequested",
    "LogUndoRequested",
    "PauseRequested",
    "ResumeRequested",
    "SettingsChanged",
    "StepSaved",
]


class LogRequested(Message):
    """Log `action_id` once for the logical date `day`, with an optional note and rating."""

    def __init__(
        self, action_id: str, day: dt.date, note: str = "", rating: int | None = None
    ) -> None:
        super().__init__()
        self.action_id = action_id
        self.day = day
        self.note = note
        self.rating = rating


class EntryEdited(Message):
    """Replace the entry with the same uid (new date, note or rating)."""

    def __init__(self, entry: LogEntry) -> None:
        super().__init__()
        self.entry = entry


class EntryDeleted(Message):
    """Delete the entry with this uid (the screen has already asked for confirmation)."""

    def __init__(self, uid: str) -> None:
        super().__init__()
        self.uid = uid


class EntryRestored(Message):
    """Put back an entry that was just deleted (undo)."""

    def __init__(self, entry: LogEntry) -> None:
        super().__init__()
        self.entry = entry


class ActionSaved(Message):
    """Add or replace an action (by id); archiving is saving with `archived=True`."""

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action = action


class SettingsChanged(Message):
    """New settings (week start, the hour the day starts)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


class StepSaved(Message):
    """The user's answers to a guide step, and whether it is done."""

    def __init__(self, progress: StepProgress) -> None:
        super().__init__()
        self.progress = progress


class LogUndoRequested(Message):
    """Take back the last log made in this session (Today's `u`)."""


class PauseRequested(Message):
    """Start a pause (the rules: `trust_tui.domain.pauses`)."""

    def __init__(
        self, reason: str, start: dt.date, until: dt.date | None = None, note: str = ""
    ) -> None:
        super().__init__()
        self.reason = reason
        self.start = start
        self.until = until
        self.note = note


class ResumeRequested(Message):
    """End the running pause; `day` is the first day no longer paused."""

    def __init__(self, day: dt.date) -> None:
        super().__init__()
        self.day = day
