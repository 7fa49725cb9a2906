"""The session's fast paths (docs/design.md §8) give exactly what a full rebuild gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from pathlib import Path

from trust_tui import clock
from trust_tui.domain.models import Action, LogEntry
from trust_tui.guide import load_default_actions
from trust_tui.session import Session, build_data
from trust_tui.storage.store import Store

TODAY = dt.date(2026, 11, 27)


def _history(actions: list[Action], count: int, seed: int) -> list[LogEntry]:
    rng = random.Random(seed)
    logs = []
    for i in range(count):
        # Mostly the last months (streaks), some far back, a few after today (a hand edit).
        back = rng.choice([rng.randrange(0, 90), rng.randrange(0, 3000), -rng.randrange(1, 4)])
        day = TODAY - dt.timedelta(days=back)
        logs.append(
            LogEntry(
                uuid.UUID(int=rng.getrandbits(128)).hex,
                rng.choice(actions).id,
                day,
                f"{day.isoformat()}T{rng.randrange(0, 24):02d}:00:00+01:00",
                f"note {i}",
                None,
            )
        )
    return logs


def _open(db: Path, logs: list[LogEntry], extra: list[Action]) -> Session:
    defaults = list(load_default_actions())
    store = Store(db, default_actions=defaults, now=clock.now)
    store.open()
    for action in extra:
        store.upsert_action(action)
    store.add_logs(logs)
    session = Session(Store(db, now=clock.now), db, clock.now)
    session.open()
    return session


def test_logging_updates_streaks_and_summary_as_a_full_rebuild_would(app_db: Path) -> None:
    defaults = list(load_default_actions())
    extra = [
        Action("home-on-time", "Home on time", "day", 1, order=9),
        Action("twice-daily", "Twice a day", "day", 2, order=10),
        Action("old-habit", "Old habit", "week", 2, archived=True, order=11),
    ]
    actions = defaults + extra
    session = _open(app_db, _history(actions, 3000, seed=7), extra)
    rng = random.Random(8)
    for _ in range(40):
        action = rng.choice([a for a in actions if not a.rated and not a.archived])
        day = TODAY - dt.timedelta(days=rng.choice([0, 0, 1, 6, 7, 13, 400]))
        data, entry = session.log(action.id, day, "again")
        assert data == build_data(data.snapshot, data.today, app_db)
        logs = data.snapshot.logs
        assert logs == tuple(sorted(logs, key=lambda e: (e.date, e.logged_at)))
    # Other changes, a rollover and a fresh read still agree with a full rebuild afterwards.
    session.edit(dataclasses.replace(entry, note="edited"))
    session.delete(data.snapshot.logs[0].uid)
    data, _ = session.log("stay-in-touch", TODAY)
    assert data == build_data(data.snapshot, data.today, app_db)
    assert session.flush() is None
    read = session.read_file()
    data = session.accept_read(*read)
    assert data is not None
    data, _ = session.log("appreciation-note", TODAY)
    assert data == build_data(data.snapshot, data.today, app_db)
    fresh = Store(app_db).load()
    session.flush()
    assert Store(app_db).load().logs != fresh.logs  # the last log reached the file


def test_a_new_log_is_placed_after_entries_of_the_same_moment(app_db: Path) -> None:
    session = _open(app_db, [], [])
    first, _ = session.log("stay-in-touch", TODAY)
    second, entry = session.log("stay-in-touch", TODAY)
    assert second.snapshot.logs[-1] is entry
    assert len(second.snapshot.logs) == len(first.snapshot.logs) + 1


def test_log_entries_stay_frozen_values_with_their_faster_init() -> None:
    day = dt.date(2026, 11, 27)
    entry = LogEntry("u", "a", day, "2026-11-27T20:00:00+01:00")
    same = LogEntry(uid="u", action="a", date=day, logged_at="2026-11-27T20:00:00+01:00", note="")
    assert entry == same and hash(entry) == hash(same) and entry.rating is None
    assert dataclasses.replace(entry, note="x") == LogEntry("u", "a", day, entry.logged_at, "x")
    try:
        entry.note = "changed"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a LogEntry must stay immutable")
    assert entry.note == ""
