"""A derived index beside the data file: `<file>.index` (no TinyDB here).

It holds what `trust-tui log` needs without reading 50,000 logs: the actions and settings, the
next log id, the number of logs and, per action, day → number of logs (the day as its ordinal,
which the streak code counts in; on disk two arrays of whole numbers, ordinals and counts, which
JSON reads straight into ints instead of 20,000 text keys to convert). It is keyed by the data
file's signature (mtime_ns, size, inode), its generation and the journal offset it covers, and it
is never authoritative: missing, unreadable or stale means it is rebuilt from the data. Every
writer keeps it current (`Store` after each change, `trust-tui log` after its append).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from trust_tui.storage.journal import dumps, loads

FILE_MODE = 0o600  # as trust_tui.storage.atomic (not imported: secrets and hashlib cost `log` time)

VERSION = 5
_fromiso = dt.date.fromisoformat

Index = dict[str, Any]
Raw = dict[str, dict[str, dict[str, Any]]]


def index_path_for(target: Path) -> Path:
    return target.with_name(target.name + ".index")


def file_signature(target: Path) -> list[int] | None:
    try:
        st = os.stat(target)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def journal_size(journal: Path) -> int:
    try:
        return os.stat(journal).st_size
    except FileNotFoundError:
        return 0


def build(raw: Raw, generation: str | None) -> Index:
    """The index of a replayed state (the file plus its journal)."""
    logs = raw.get("logs", {})
    days: dict[str, dict[int, int]] = {}
    ordinals: dict[object, int] = {}  # a date to its ordinal: 50,000 logs, ~3,650 dates
    for doc in logs.values():
        if type(doc) is not dict:  # a LogEntry (trust_tui.storage.logtable): valid
            day = ordinals.get(doc.date)
            if day is None:
                day = ordinals[doc.date] = doc.date.toordinal()
            per = days.get(doc.action)
            if per is None:
                per = days[doc.action] = {}
            per[day] = per.get(day, 0) + 1
            continue
        action, date = doc.get("action"), doc.get("date")
        day = ordinals.get(date) if isinstance(date, str) else None
        if day is None or not isinstance(action, str):
            _count(days, doc, 1)
            if isinstance(date, str) and len(date) == 10:
                try:
                    ordinals[date] = _fromiso(date).toordinal()
                except ValueError:
                    pass
            continue
        per = days.get(action)
        if per is None:
            per = days[action] = {}
        per[day] = per.get(day, 0) + 1
    meta = next(iter(raw["meta"].values())) if raw.get("meta") else {}
    return {
        "index": VERSION,
        "generation": generation,
        "settings": meta.get("settings", {}),
        "actions": list(raw.get("actions", {}).values()),
        "pauses": list(raw.get("pauses", {}).values()),
        "next_id": max(map(int, logs), default=0) + 1,
        "count": len(logs),
        "days": days,
        "created_at": meta.get("created_at", ""),
        "steps_done": steps_done(raw),
    }


def steps_done(raw: Raw) -> bool:
    """Whether a step of the guide is done (Today's welcome line, drawn from the index)."""
    return any(doc.get("done_on") for doc in raw.get("steps", {}).values())


def apply(index: Index, changes: list[tuple[str, str, Any, Any]]) -> None:
    """Keep the index current after changes (table, id, old document, new document)."""
    days = index["days"]
    for table, key, old, new in changes:
        if table == "logs":
            if old is not None:
                _count(days, old, -1)
                index["count"] -= 1
            if new is not None:
                _count(days, new, 1)
                index["count"] += 1
                index["next_id"] = max(index["next_id"], int(key) + 1)
        elif table in ("actions", "pauses"):
            index[table] = None  # rebuilt from the state by the caller
        elif table == "meta" and new is not None:
            index["settings"] = new.get("settings", {})


def _count(days: dict[str, Any], doc: dict[str, Any], step: int) -> None:
    action, date = doc.get("action"), doc.get("date")
    if not (isinstance(action, str) and isinstance(date, str) and len(date) == 10):
        return
    try:
        day = _fromiso(date).toordinal()
    except ValueError:
        return  # left out, as the snapshot leaves it out; doctor names it
    per = days.setdefault(action, {})
    if isinstance(per, list):  # as stored, [ordinals, counts] (`read(..., counts=False)`)
        ordinals, counts = per
        try:
            at = ordinals.index(day)
        except ValueError:
            if step > 0:
                ordinals.append(day)
                counts.append(step)
            return
        counts[at] += step
        if counts[at] <= 0:
            del ordinals[at], counts[at]
        return
    count = per.get(day, 0) + step
    if count > 0:
        per[day] = count
    else:
        per.pop(day, None)


def counts_of(index: Index, action: str) -> dict[int, int]:
    """One action's logs per day ordinal, whichever form the index holds them in."""
    per = index["days"].get(action, {})
    return dict(zip(*per, strict=True)) if isinstance(per, list) else dict(per)


def read(
    path: Path, main: list[int] | None, journal_end: int, *, counts: bool = True
) -> Index | None:
    """The index if it is current for this file signature and journal size, else None.

    With `counts` its day counts are {action: {ordinal: count}}; without, they stay as stored,
    {action: [ordinals, counts]} (checked all the same): `trust-tui log` changes one day of one
    action, and converting 20,000 days at 50,000 logs would cost it ~1 ms for nothing."""
    try:
        with open(path, "rb") as file:
            index = loads(file.read())
    except (OSError, ValueError):
        return None
    if (
        not isinstance(index, dict)
        or index.get("index") != VERSION
        or index.get("main") != main
        or index.get("journal") != journal_end
        or not isinstance(index.get("days"), dict)
        or not isinstance(index.get("actions"), list)
        or not isinstance(index.get("pauses"), list)
        or not isinstance(index.get("next_id"), int)
        or not isinstance(index.get("created_at"), str)
        or not _stored_days_ok(index["days"])
    ):
        return None
    if counts:
        index["days"] = {
            action: dict(zip(ordinals, numbers, strict=True))
            for action, (ordinals, numbers) in index["days"].items()
        }
    return index


_INT = {int}


def _stored_days_ok(stored: dict[str, Any]) -> bool:
    """{action: [ordinals, counts]}: two lists of whole numbers of the same length each."""
    for pair in stored.values():
        if not (isinstance(pair, list) and len(pair) == 2):
            return False
        ordinals, counts = pair
        if not (isinstance(ordinals, list) and isinstance(counts, list)):
            return False
        if len(ordinals) != len(counts):
            return False
        if not (set(map(type, ordinals)) <= _INT and set(map(type, counts)) <= _INT):
            return False  # C-level loops: `trust-tui log` reads 20,000 of each at 50,000 logs
    return True


def write(path: Path, index: Index, main: list[int] | None, journal_end: int) -> None:
    """Write the index for this file signature and journal size. Derived data: a temp file and
    a rename, no fsync (a lost or torn index is rebuilt); failures are ignored.

    Not `atomic.atomic_write`: that one is durable (fsyncs) and makes its temporary name with
    `tempfile`, whose import alone costs ~9 ms of `trust-tui log`'s ~50. This name can be
    predictable because it lives in the data folder, which is 0700 (no one else can plant it),
    and a symlink there is never followed."""
    index["main"] = main
    index["journal"] = journal_end
    days = {
        action: per if isinstance(per, list) else [list(per), list(per.values())]
        for action, per in index["days"].items()
    }
    temp = path.with_name(f".{path.name}.tmp-{os.getpid()}-index")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
        try:
            view = memoryview(dumps({**index, "days": days}))
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


def remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
