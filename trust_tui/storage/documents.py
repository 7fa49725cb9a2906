"""Documents (DESIGN §3) to domain models, and a whole file to a `Snapshot`.

Reading is tolerant: a document that cannot become a model (a hand-edited bad date, a wrong type)
is left out of the snapshot but stays in the file untouched; `doctor` reports it.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter
from typing import Any

from trust_tui.collector import collector_paused
from trust_tui.domain.models import (
    LEGACY_KINDS,
    WEEKDAYS,
    Action,
    LogEntry,
    Settings,
    Snapshot,
    StepProgress,
    log_order,
)
from trust_tui.domain.validation import check_action
from trust_tui.storage.schema import Raw, meta_doc, schema_version

_fromiso = dt.date.fromisoformat


def settings_from_doc(doc: object) -> Settings:
    if not isinstance(doc, dict):
        raise TypeError("settings is not an object")
    week_start = doc.get("week_start", "monday")
    if week_start not in WEEKDAYS:
        raise ValueError(f"week_start '{week_start}' is not a weekday")
    text = doc.get("day_starts_at", "00:00")
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        raise ValueError(f"day_starts_at '{text}' is not HH:MM")
    starts = dt.time.fromisoformat(text)
    if starts.hour >= 12:
        raise ValueError(f"day_starts_at '{text}' is not between 00:00 and 11:59")
    return Settings(week_start=week_start, day_starts_at=starts)


def action_from_doc(doc: dict[str, Any]) -> Action:
    id_ = _str(doc["id"], "id")
    return check_action(
        Action(
            id=id_,
            name=_str(doc["name"], "name"),
            cadence=doc["cadence"],
            target=doc["target"],
            step=doc.get("step"),
            description=_str(doc.get("description", ""), "description"),
            rated=bool(doc.get("rated", False)),
            archived=bool(doc.get("archived", False)),
            order=doc.get("order", 0),
            kind=doc.get("kind") or LEGACY_KINDS.get(id_, "plain"),
            created=_optional_date(doc.get("created")),
        )
    )


def _optional_date(value: object) -> dt.date | None:
    """A YYYY-MM-DD date, or None when missing or unreadable: a bad `created` only loses the
    action its start date (its first log stands in), never the action."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return _fromiso(value)
    except ValueError:
        return None


def log_from_doc(doc: dict[str, Any]) -> LogEntry:
    """Strict: every field of the right type (the snapshot's fast path checks less)."""
    rating = doc.get("rating")
    if rating is not None and type(rating) is not int:
        raise TypeError("rating is not a whole number")
    day = _str(doc["date"], "date")
    if len(day) != 10:
        raise ValueError(f"date '{day}' is not YYYY-MM-DD")
    return LogEntry(
        uid=_str(doc["uid"], "uid"),
        action=_str(doc["action"], "action"),
        date=_fromiso(day),
        logged_at=_str(doc["logged_at"], "logged_at"),
        note=_str(doc.get("note", ""), "note"),
        rating=rating,
    )


def step_from_doc(doc: dict[str, Any]) -> StepProgress:
    done_on = doc.get("done_on")
    answers = doc.get("answers") or {}
    if not isinstance(answers, dict):
        raise TypeError("answers is not an object")
    return StepProgress(
        step=_str(doc["step"], "step"),
        done_on=_fromiso(_str(done_on, "done_on")) if done_on is not None else None,
        answers={str(k): str(v) for k, v in answers.items()},
    )


def _str(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{field} is not text")
    return value


def logs_from_table(table: dict[str, dict[str, Any]]) -> list[LogEntry]:
    """All readable logs, oldest first. The hot path of every load (DESIGN §8: 50,000 logs)."""
    with collector_paused():
        return _logs_from_table(table)


def _logs_from_table(table: dict[str, dict[str, Any]]) -> list[LogEntry]:
    try:
        # Positional construction straight from the dicts: about twice as fast as checking
        # every field, and a bad document raises, sending us to the careful loop below.
        logs = [
            LogEntry(
                d["uid"], d["action"], _fromiso(d["date"]), d["logged_at"], d["note"], d["rating"]
            )
            for d in table.values()
        ]
    except (KeyError, TypeError, ValueError):
        logs = []
        for doc in table.values():
            try:
                logs.append(log_from_doc(doc))
            except (KeyError, TypeError, ValueError):
                continue  # left in the file; doctor names it
    logs.sort(key=log_order)
    return logs


def to_snapshot(raw: Raw, logs: tuple[LogEntry, ...] | None = None) -> Snapshot:
    """The whole file as models; `logs` may be passed when they are known to match `raw`."""
    meta = meta_doc(raw)
    try:
        settings = settings_from_doc(meta.get("settings", {}))
    except (TypeError, ValueError):
        settings = Settings()
    actions: list[Action] = []
    for doc in raw.get("actions", {}).values():
        try:
            actions.append(action_from_doc(doc))
        except (KeyError, TypeError, ValueError):
            continue
    actions.sort(key=attrgetter("order"))
    steps: dict[str, StepProgress] = {}
    for doc in raw.get("steps", {}).values():
        try:
            progress = step_from_doc(doc)
        except (KeyError, TypeError, ValueError):
            continue
        steps[progress.step] = progress
    created_at = meta.get("created_at")
    return Snapshot(
        settings=settings,
        actions=tuple(actions),
        logs=logs if logs is not None else tuple(logs_from_table(raw.get("logs", {}))),
        steps=steps,
        created_at=created_at if isinstance(created_at, str) else "",
        schema_version=schema_version(raw),
    )
