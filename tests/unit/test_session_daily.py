"""The session's new changes (issue 10): pauses, and undoing the last log of this session."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from trust_tui.domain.validation import ValidationError
from trust_tui.guide import load_default_actions
from trust_tui.session import Session
from trust_tui.storage.store import Store

NOW = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
TODAY = NOW.date()


@pytest.fixture
def session(tmp_path: Path) -> Session:
    db = tmp_path / "trust.json"
    store = Store(db, default_actions=load_default_actions(), now=lambda: NOW)
    session = Session(store, db, lambda: NOW)
    session.open()
    return session


def test_a_pause_is_shown_at_once_and_written_by_flush(session: Session) -> None:
    data, pause = session.start_pause("illness", TODAY - dt.timedelta(days=2), note="flu")
    assert data.snapshot.pauses == (pause,)
    assert session.store.load().pauses == ()
    assert session.flush() is None
    assert session.store.load().pauses == (pause,)
    data, ended = session.resume()
    assert ended is not None and ended.until == TODAY - dt.timedelta(days=1)
    assert session.flush() is None
    assert session.store.load().pauses == (ended,)


def test_replaying_unconfirmed_pause_changes_over_a_fresh_read_changes_nothing(
    session: Session,
) -> None:
    session.start_pause("space", TODAY)
    session.resume()  # begun today: cancelled
    generation, signature, snapshot = session.read_file()
    data = session.accept_read(generation, signature, snapshot)
    assert data is not None and data.snapshot.pauses == ()
    assert session.flush() is None
    assert session.store.load().pauses == ()


def test_a_refused_pause_changes_nothing(session: Session) -> None:
    session.start_pause("travel", TODAY)
    before = session.data
    with pytest.raises(ValidationError):
        session.start_pause("illness", TODAY + dt.timedelta(days=3))
    with pytest.raises(ValidationError):
        session.start_pause("illness", TODAY, TODAY - dt.timedelta(days=1))
    assert session.data is before and session.pending_count == 1


def test_undo_takes_back_this_sessions_logs_newest_first(session: Session) -> None:
    _, first = session.log("stay-in-touch", TODAY)
    _, second = session.log("appreciation-note", TODAY)
    data, undone = session.undo_last_log()  # type: ignore[misc]
    assert undone == second and second not in data.snapshot.logs
    # An entry edited since is the person's newer wish: it is skipped, not deleted.
    session.edit(dataclasses.replace(first, note="called at lunch"))
    assert session.undo_last_log() is None
    assert session.flush() is None
    assert [e.note for e in session.store.load().logs] == ["called at lunch"]
