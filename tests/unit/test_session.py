"""The Session: changes show at once, writes go behind, failures keep every word."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from app_helpers import SIZE, file_logs, screen_text, settle

from trust_tui import clock
from trust_tui.app import TrustApp
from trust_tui.domain.validation import ValidationError
from trust_tui.guide import load_default_actions
from trust_tui.session import Session
from trust_tui.storage.store import Store

TODAY = dt.date(2026, 11, 27)


def _tracker(db: Path) -> Session:
    store = Store(db, default_actions=load_default_actions(), now=clock.now)
    tracker = Session(store, db, clock.now)
    tracker.open()
    return tracker


def test_a_change_is_in_memory_before_it_is_on_disk(app_db: Path) -> None:
    tracker = _tracker(app_db)
    data, entry = tracker.log("stay-in-touch", TODAY, "hello")
    assert data.streaks["stay-in-touch"].this_period.met
    assert file_logs(app_db) == []
    assert tracker.pending_count == 1
    assert tracker.flush() is None
    assert [d["uid"] for d in file_logs(app_db)] == [entry.uid]
    assert tracker.pending_count == 0


def test_bad_requests_are_refused_and_change_nothing(app_db: Path) -> None:
    tracker = _tracker(app_db)
    before = tracker.data
    for call in (
        lambda: tracker.log("no-such-action", TODAY),
        lambda: tracker.log("stay-in-touch", TODAY + dt.timedelta(days=1)),
        lambda: tracker.log("stay-in-touch", dt.date(1969, 12, 31)),
        lambda: tracker.log("stay-in-touch", TODAY, "x" * 2001),
        lambda: tracker.log("stay-in-touch", TODAY, rating=5),  # not a rated action
        lambda: tracker.log("weekly-check-in", TODAY, rating=0),
    ):
        with pytest.raises(ValidationError):
            call()
    assert tracker.data is before and tracker.pending_count == 0


def test_a_failed_write_is_kept_and_retried(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tracker = _tracker(app_db)
    real = Store.add_logs

    def broken(self: Store, entries: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(Store, "add_logs", broken)
    data, entry = tracker.log("appreciation-note", TODAY, "every word matters")
    failure = tracker.flush()
    assert failure is not None and "No space left" in failure.message
    assert tracker.pending_count == 1
    assert tracker.unsaved_notes()[0][1] == "every word matters"
    assert any(e.uid == entry.uid for e in tracker.data.snapshot.logs)
    monkeypatch.setattr(Store, "add_logs", real)
    assert tracker.flush() is None
    assert [d["note"] for d in file_logs(app_db)] == ["every word matters"]


def test_reload_replays_changes_not_yet_written(app_db: Path) -> None:
    tracker = _tracker(app_db)
    read = tracker.read_file()  # as a reload worker would, before the next change
    _, entry = tracker.log("stay-in-touch", TODAY)
    assert tracker.accept_read(*read) is None  # stale: a change happened meanwhile
    read = tracker.read_file()
    data = tracker.accept_read(*read)
    assert data is not None and any(e.uid == entry.uid for e in data.snapshot.logs)


async def test_app_shows_a_failed_write_and_keeps_the_entry(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store.add_logs
    disk = {"full": True}

    def sometimes(self: Store, entries: object) -> None:
        if disk["full"]:
            raise PermissionError("Permission denied")
        real(self, entries)  # type: ignore[arg-type]

    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        monkeypatch.setattr(Store, "add_logs", sometimes)
        await pilot.press("n", *"please keep this", "ctrl+s")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "Permission denied" in errors[0].message
        assert "1/1 this week" in screen_text(pilot) or "✓ this week" in screen_text(pilot)
        assert app.session is not None and app.session.pending_count == 1
        # Quitting now does not lose it silently: the first q explains, and stays.
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        disk["full"] = False
        await pilot.press("q")
        await pilot.pause()
    # On the weekly check-in, "n" opens the guided check-in too.
    assert [d["note"] for d in file_logs(app_db)] == ["Appreciation: please keep this"]


async def test_quit_waits_for_pending_writes(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.press("q")
        await pilot.pause()
    assert len(file_logs(app_db)) == 1
