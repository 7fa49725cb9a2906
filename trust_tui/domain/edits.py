"""Pure, idempotent edits of a `Snapshot` (no Textual, no disk): what a change looks like in
memory. Replaying one on a snapshot that already holds it changes nothing, so unconfirmed writes
can be replayed on every fresh read of the file."""

from __future__ import annotations

import bisect
import dataclasses

from trust_tui.domain.models import (
    Action,
    LogEntry,
    Pause,
    Settings,
    Snapshot,
    StepProgress,
    log_order,
)

__all__ = [
    "drop_log",
    "drop_pause",
    "insert_new_log",
    "put_action",
    "put_log",
    "put_pause",
    "put_settings",
    "put_step",
    "without_log",
]


def without_log(snapshot: Snapshot, uid: str) -> tuple[LogEntry, ...]:
    return tuple(e for e in snapshot.logs if e.uid != uid)


def put_log(snapshot: Snapshot, entry: LogEntry) -> Snapshot:
    logs = list(snapshot.logs)
    if any(e.uid == entry.uid for e in logs):
        logs = [e for e in logs if e.uid != entry.uid]
    index = bisect.bisect_right(logs, log_order(entry), key=log_order)
    logs.insert(index, entry)
    return dataclasses.replace(snapshot, logs=tuple(logs))


def insert_new_log(snapshot: Snapshot, entry: LogEntry) -> Snapshot:
    """`put_log` for an entry with a fresh uid (uuid4), which cannot be there yet: no uid scan."""
    logs = list(snapshot.logs)
    logs.insert(bisect.bisect_right(logs, log_order(entry), key=log_order), entry)
    return dataclasses.replace(snapshot, logs=tuple(logs))


def drop_log(snapshot: Snapshot, uid: str) -> Snapshot:
    return dataclasses.replace(snapshot, logs=without_log(snapshot, uid))


def put_action(snapshot: Snapshot, action: Action) -> Snapshot:
    others = tuple(a for a in snapshot.actions if a.id != action.id)
    if len(others) == len(snapshot.actions):
        return dataclasses.replace(snapshot, actions=(*others, action))
    actions = tuple(action if a.id == action.id else a for a in snapshot.actions)
    return dataclasses.replace(snapshot, actions=actions)


def put_settings(snapshot: Snapshot, settings: Settings) -> Snapshot:
    return dataclasses.replace(snapshot, settings=settings)


def put_step(snapshot: Snapshot, progress: StepProgress) -> Snapshot:
    steps = dict(snapshot.steps)
    steps[progress.step] = progress
    return dataclasses.replace(snapshot, steps=steps)


def put_pause(snapshot: Snapshot, pause: Pause) -> Snapshot:
    """Add or replace the pause with this uid; pauses stay ordered by start (then uid, as read)."""
    others = [p for p in snapshot.pauses if p.uid != pause.uid]
    pauses = tuple(sorted([*others, pause], key=lambda p: (p.start, p.uid)))
    return dataclasses.replace(snapshot, pauses=pauses)


def drop_pause(snapshot: Snapshot, uid: str) -> Snapshot:
    return dataclasses.replace(snapshot, pauses=tuple(p for p in snapshot.pauses if p.uid != uid))
