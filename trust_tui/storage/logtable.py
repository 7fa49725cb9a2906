"""The logs table in memory: document id → `LogEntry` (a log exactly as trust-tui writes it) or
the document itself (anything else, kept untouched); see `trust_tui.storage.layout`.

At 50,000 logs TinyDB's table API would convert every id to int and back and run a Python query
per document on each change; these read the table directly, with TinyDB's id rule. Next to each
edit is the matching change to an already sorted tuple of entries, so the store can keep its
snapshot current without rebuilding 50,000 entries after its own writes.
"""

from __future__ import annotations

import datetime as dt
from bisect import insort
from typing import Any

from trust_tui.domain.models import LogEntry, log_order
from trust_tui.storage.documents import log_from_doc

Table = dict[str, Any]
"""Document id → `LogEntry` or document."""


def as_doc(value: Any) -> dict[str, Any]:
    """The document a table value stands for (the table's own dict for a kept document)."""
    return value.to_doc() if type(value) is LogEntry else value  # type: ignore[no-any-return]


def copy_doc(value: Any) -> dict[str, Any]:
    """A document of the table that the caller may change."""
    return value.to_doc() if type(value) is LogEntry else dict(value)  # type: ignore[no-any-return]


def uid_of(value: Any) -> object:
    return value.uid if type(value) is LogEntry else value.get("uid")


def next_id(table: Table) -> int:
    """TinyDB's rule for a new document id: one more than the largest."""
    return max(map(int, table), default=0) + 1


def uids(table: Table) -> set[object]:
    return set(map(uid_of, table.values()))


def not_in_uids(seen: set[object], entries: tuple[LogEntry, ...]) -> tuple[LogEntry, ...]:
    """As `not_in`, given the uids already in the table."""
    fresh: list[LogEntry] = []
    taken: set[str] = set()
    for entry in entries:
        if entry.uid not in seen and entry.uid not in taken:
            taken.add(entry.uid)
            fresh.append(entry)
    return tuple(fresh) if len(fresh) != len(entries) else entries


def ids_of(table: Table, uid: str) -> list[str]:
    """Document ids holding `uid` (more than one only after a hand edit)."""
    return [key for key, value in table.items() if uid_of(value) == uid]


def with_added(logs: tuple[LogEntry, ...], entries: tuple[LogEntry, ...]) -> tuple[LogEntry, ...]:
    """New entries go after equal keys, where a fresh load's stable sort puts them."""
    if len(entries) > 16:
        return tuple(sorted(logs + entries, key=log_order))
    merged = list(logs)
    for entry in entries:
        insort(merged, entry, key=log_order)
    return tuple(merged)


def with_replaced(
    logs: tuple[LogEntry, ...], entry: LogEntry, copies: int
) -> tuple[LogEntry, ...] | None:
    """None when the snapshot did not hold every copy (one was unreadable): rebuild instead."""
    if sum(1 for log in logs if log.uid == entry.uid) != copies:
        return None
    updated = [entry if log.uid == entry.uid else log for log in logs]
    updated.sort(key=log_order)
    return tuple(updated)


def without(logs: tuple[LogEntry, ...], uid: str) -> tuple[LogEntry, ...]:
    return tuple(log for log in logs if log.uid != uid)


def lenient_log(doc: Any) -> LogEntry:
    """The entry a table value holds, even a damaged one (what `delete_log` hands back for
    undo)."""
    if type(doc) is LogEntry:
        return doc  # type: ignore[no-any-return]
    try:
        return log_from_doc(doc)
    except (KeyError, TypeError, ValueError):
        return LogEntry(
            uid=str(doc.get("uid", "")),
            action=str(doc.get("action", "")),
            date=dt.date.min,
            logged_at=str(doc.get("logged_at", "")),
            note=str(doc.get("note", "")),
        )


def dates_of(table: object, action_id: str) -> list[dt.date]:
    """The dates of one action's documents, without building entries; unreadable ones are
    skipped (doctor reports them)."""
    dates: list[dt.date] = []
    for doc in table.values() if isinstance(table, dict) else ():
        if type(doc) is LogEntry:
            if doc.action == action_id:
                dates.append(doc.date)
        elif isinstance(doc, dict) and doc.get("action") == action_id:
            try:
                dates.append(dt.date.fromisoformat(doc["date"]))
            except (KeyError, TypeError, ValueError):
                continue
    return dates
