"""Documents (docs/design.md §3) to domain models, and a whole file to a `Snapshot`.

This is the one validation of what is read, shared by the app, the command line, `doctor`,
`export` and `import`: a document that is not exactly what trust-tui writes (a wrong type, a
date such as `2026W191`, a rating of 11) is set aside. It stays in the file untouched, is left
out of the snapshot (so it never counts, shows or exports), and is listed in
`Snapshot.set_aside`, which `doctor` and `export` report.
"""

from __future__ import annotations

import datetime as dt
import re
from operator import attrgetter, itemgetter
from typing import Any

from trust_tui.collector import collector_paused
from trust_tui.domain.models import (
    LEGACY_KINDS,
    PAUSE_REASONS,
    WEEKDAYS,
    Action,
    LogEntry,
    Pause,
    SetAside,
    Settings,
    Snapshot,
    StepProgress,
    log_order,
)
from trust_tui.domain.validation import EARLIEST_DATE, check_action
from trust_tui.storage.schema import Raw, meta_doc, schema_version

_fromiso = dt.date.fromisoformat
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
RATINGS = range(1, 11)
INVALID = (KeyError, TypeError, ValueError)
"""What reading a bad document raises (`why` turns each into a clause)."""


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
    checkin_day = doc.get("checkin_day")
    if checkin_day is not None and checkin_day not in WEEKDAYS:
        raise ValueError(f"checkin_day '{checkin_day}' is not a weekday")
    checkin_time = doc.get("checkin_time")
    if checkin_time is not None:
        if not isinstance(checkin_time, str) or len(checkin_time) != 5 or checkin_time[2] != ":":
            raise ValueError(f"checkin_time '{checkin_time}' is not HH:MM")
        checkin_time = dt.time.fromisoformat(checkin_time)
    theme = doc.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise TypeError("theme is not text")
    return Settings(
        week_start=week_start,
        day_starts_at=starts,
        checkin_day=checkin_day,
        checkin_time=checkin_time,
        theme=theme,
    )


def pause_from_doc(doc: object) -> Pause:
    doc = _object(doc, "pause")
    reason = doc["reason"]
    if reason not in PAUSE_REASONS:
        raise ValueError(f"reason '{reason}' is not one of {', '.join(PAUSE_REASONS)}")
    start = _fromiso(_str(doc["from"], "from"))
    until = doc.get("until")
    until = _fromiso(_str(until, "until")) if until is not None else None
    if until is not None and until < start:
        raise ValueError(f"until {until} is before from {start}")
    return Pause(
        uid=_str(doc["uid"], "uid"),
        reason=reason,
        start=start,
        until=until,
        note=_str(doc.get("note", ""), "note"),
    )


def action_from_doc(doc: object) -> Action:
    doc = _object(doc, "action")
    id_ = _str(doc["id"], "id")
    return check_action(
        Action(
            id=id_,
            name=_str(doc["name"], "name"),
            cadence=doc["cadence"],
            target=doc["target"],
            step=doc.get("step"),
            description=_str(doc.get("description", ""), "description"),
            rated=_bool(doc.get("rated", False), "rated"),
            archived=_bool(doc.get("archived", False), "archived"),
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


def log_from_doc(doc: object) -> LogEntry:
    """Every field of the right type, as trust-tui writes it (raises one of `INVALID`)."""
    doc = _object(doc, "log")
    rating = doc.get("rating")
    if rating is not None and (type(rating) is not int or rating not in RATINGS):
        raise ValueError("rating is not a whole number from 1 to 10")
    return LogEntry(
        uid=_str(doc["uid"], "uid"),
        action=_str(doc["action"], "action"),
        date=_date(doc["date"], "date"),
        logged_at=_str(doc["logged_at"], "logged_at"),
        note=_str(doc.get("note", ""), "note"),
        rating=rating,
    )


def step_from_doc(doc: object) -> StepProgress:
    doc = _object(doc, "step")
    done_on = doc.get("done_on")
    answers = doc.get("answers") or {}
    if not isinstance(answers, dict):
        raise TypeError("answers is not an object")
    for value in answers.values():
        _str(value, "an answer")
    return StepProgress(
        step=_str(doc["step"], "step"),
        done_on=_date(done_on, "done_on") if done_on is not None else None,
        answers=dict(answers),
    )


def _object(doc: object, what: str) -> dict[str, Any]:
    if not isinstance(doc, dict):
        raise TypeError(f"the {what} is not an object")
    return doc


def _str(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{field} is not text")
    return value


def _bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{field} is not true or false")
    return value


def _date(value: object, field: str) -> dt.date:
    """Exactly YYYY-MM-DD from 1970 on (`fromisoformat` alone also takes `2026W191`)."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(f"{field} {value!r} is not YYYY-MM-DD")
    try:
        day = _fromiso(value)
    except ValueError:
        raise ValueError(f"{field} {value!r} is not a real date") from None
    if day < EARLIEST_DATE:
        raise ValueError(f"{field} {value!r} is before 1970")
    return day


def why(error: BaseException) -> str:
    """A reading error as a short clause."""
    if isinstance(error, KeyError):
        return f"no {error.args[0]}"
    return str(error)


def read_logs(table: dict[str, Any]) -> tuple[list[LogEntry], list[SetAside]]:
    """The valid logs, oldest first, and the documents set aside. `table` may hold entries
    already (`LogReader.compact`) or documents."""
    with collector_paused():
        if any(type(value) is not LogEntry for value in table.values()):
            table = LogReader().compact(table)
        logs: list[LogEntry] = []
        aside: list[SetAside] = []
        for key, value in table.items():
            if type(value) is LogEntry:
                logs.append(value)
                continue
            try:  # valid, but not exactly as trust-tui writes it (a missing note, an extra key)
                logs.append(log_from_doc(value))
            except INVALID as error:
                aside.append(SetAside("logs", key, why(error)))
        logs.sort(key=log_order)
        return logs, aside


_NONE = type(None)
_LOG_FIELDS = ("uid", "action", "date", "logged_at", "note", "rating")
_fields = itemgetter(*_LOG_FIELDS)


class LogReader:
    """Log documents to `LogEntry`s, the hot path of every load (docs/design.md §8: 50,000 logs).

    A document exactly as trust-tui writes it (these six fields, each valid) becomes an entry;
    `entry.to_doc()` gives the same document back, so the entry can stand for it in memory and
    in the file. Anything else is kept as it is (`read_logs` validates it, or sets it aside).
    One reader shares one date object per day and one string per action id among its entries.
    """

    __slots__ = ("_days", "_names")

    def __init__(self) -> None:
        self._days: dict[str, dt.date] = {}
        self._names: dict[str, str] = {}

    def compact(self, docs: dict[str, Any]) -> dict[str, Any]:
        """`docs` with each exact log document replaced by its entry (a new dict)."""
        try:
            entries = self._columns(list(docs.values()))
        except INVALID:
            entries = None
        if entries is not None:
            return dict(zip(docs, entries, strict=True))
        return {key: self._one(doc) for key, doc in docs.items()}

    def _columns(self, docs: list[Any]) -> list[LogEntry] | None:
        """Every document's entry when all are exact, else None (or an `INVALID` error): the
        rules of `log_from_doc` checked column by column with C-level loops, about three
        times faster than one document at a time."""
        if not docs:
            return []
        if set(map(type, docs)) != {dict} or set(map(len, docs)) != {len(_LOG_FIELDS)}:
            return None
        uids, actions, texts, stamps, notes, ratings = zip(*map(_fields, docs), strict=True)
        for column in (uids, actions, stamps, notes, texts):
            if set(map(type, column)) != {str}:
                return None
        if not set(map(type, ratings)) <= {int, _NONE}:
            return None
        if not set(ratings) - {None} <= set(RATINGS):
            return None
        # fromisoformat also takes `2026W481`, `2026-W48-1` and `20261123`; what it took that
        # is ten characters with dashes at 4 and 7 and no week letter is exactly YYYY-MM-DD.
        if set(map(len, texts)) != {10} or set(map(itemgetter(4), texts)) != {"-"}:
            return None
        if set(map(itemgetter(7), texts)) != {"-"} or "W" in "".join(texts):
            return None
        days = self._days
        for text in set(texts) - days.keys():
            day = _fromiso(text)
            if day < EARLIEST_DATE:
                return None
            days[text] = day
        names = self._names
        for name in set(actions) - names.keys():
            names[name] = name
        return list(
            map(
                LogEntry,
                uids,
                map(names.__getitem__, actions),
                map(days.__getitem__, texts),
                stamps,
                notes,
                ratings,
            )
        )

    def _one(self, doc: Any) -> Any:
        if type(doc) is not dict or len(doc) != len(_LOG_FIELDS):
            return doc
        try:
            entry = log_from_doc(doc)
        except INVALID:
            return doc
        return entry if entry.to_doc() == doc else doc


def to_snapshot(raw: Raw, logs: tuple[LogEntry, ...] | None = None) -> Snapshot:
    """The whole file as models; `logs` may be passed when they are known to match `raw`
    (`()`: the caller does not want the logs)."""
    aside: list[SetAside] = []
    meta = meta_doc(raw)
    try:
        settings = settings_from_doc(meta.get("settings", {}))
    except INVALID as error:
        settings = Settings()
        aside.append(SetAside("settings", "settings", why(error)))
    actions: list[Action] = []
    for key, doc in raw.get("actions", {}).items():
        try:
            actions.append(action_from_doc(doc))
        except INVALID as error:
            aside.append(SetAside("actions", key, why(error)))
    actions.sort(key=attrgetter("order"))
    steps: dict[str, StepProgress] = {}
    for key, doc in raw.get("steps", {}).items():
        try:
            progress = step_from_doc(doc)
        except INVALID as error:
            aside.append(SetAside("steps", key, why(error)))
            continue
        steps[progress.step] = progress
    table = raw.get("logs", {})
    # Logs known to match the file and as many as its documents are all valid; fewer means
    # some were set aside, so read them again to say which.
    if logs is None or (logs and len(logs) != len(table)):
        valid, bad_logs = read_logs(table)
        logs = tuple(valid)
        aside += bad_logs
    pauses: list[Pause] = []
    for key, doc in raw.get("pauses", {}).items():
        try:
            pauses.append(pause_from_doc(doc))
        except INVALID as error:
            aside.append(SetAside("pauses", key, why(error)))
    pauses.sort(key=attrgetter("start", "uid"))  # the same order as `edits.put_pause`
    created_at = meta.get("created_at")
    return Snapshot(
        settings=settings,
        actions=tuple(actions),
        logs=logs,
        steps=steps,
        created_at=created_at if isinstance(created_at, str) else "",
        schema_version=schema_version(raw),
        set_aside=tuple(aside),
        pauses=tuple(pauses),
    )
