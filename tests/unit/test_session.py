"""The Session: changes show at once, writes go behind, failures keep every word. (What the
app shows of a failed write: tests/app/test_data_safety.py.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from app_helpers import file_logs, open_session

from trust_tui.domain.validation import ValidationError
from trust_tui.storage.store import Store

TODAY = dt.date(2026, 11, 27)


def test_a_change_is_in_memory_before_it_is_on_disk(app_db: Path) -> None:
    session = open_session(app_db)
    data, entry = session.log("stay-in-touch", TODAY, "hello")
    assert data.streaks["stay-in-touch"].this_period.met
    assert file_logs(app_db) == []
    assert session.pending_count == 1
    assert session.flush() is None
    assert [d["uid"] for d in file_logs(app_db)] == [entry.uid]
    assert session.pending_count == 0


def test_bad_requests_are_refused_and_change_nothing(app_db: Path) -> None:
    session = open_session(app_db)
    before = session.data
    for call in (
        lambda: session.log("no-such-action", TODAY),
        lambda: session.log("stay-in-touch", TODAY + dt.timedelta(days=1)),
        lambda: session.log("stay-in-touch", dt.date(1969, 12, 31)),
        lambda: session.log("stay-in-touch", TODAY, "x" * 2001),
        lambda: session.log("stay-in-touch", TODAY, rating=5),  # not a rated action
        lambda: session.log("weekly-check-in", TODAY, rating=0),
    ):
        with pytest.raises(ValidationError):
            call()
    assert session.data is before and session.pending_count == 0


def test_a_failed_write_is_kept_and_retried(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = open_session(app_db)
    real = Store.add_logs

    def broken(self: Store, entries: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(Store, "add_logs", broken)
    data, entry = session.log("appreciation-note", TODAY, "every word matters")
    failure = session.flush()
    assert failure is not None and "No space left" in failure.message
    assert session.pending_count == 1
    assert session.unsaved_notes()[0][1] == "every word matters"
    assert any(e.uid == entry.uid for e in session.data.snapshot.logs)
    monkeypatch.setattr(Store, "add_logs", real)
    assert session.flush() is None
    assert [d["note"] for d in file_logs(app_db)] == ["every word matters"]


def test_reload_replays_changes_not_yet_written(app_db: Path) -> None:
    session = open_session(app_db)
    read = session.read_file()  # as a reload worker would, before the next change
    _, entry = session.log("stay-in-touch", TODAY)
    assert session.accept_read(*read) is None  # stale: a change happened meanwhile
    read = session.read_file()
    data = session.accept_read(*read)
    assert data is not None and any(e.uid == entry.uid for e in data.snapshot.logs)
