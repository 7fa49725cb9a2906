"""Adversarial data-safety checks of the session and the store: the file changes under us,
writes fail half-way, two windows share one file. Nothing typed may be lost or doubled, and a
file we cannot read is never overwritten."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from app_helpers import file_logs, file_meta, open_session

from trust_tui import clock
from trust_tui.cli import main
from trust_tui.domain.models import LogEntry
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import JournalStorage, Store, StoreError

TODAY = dt.date(2026, 11, 27)


def _notes(db: Path) -> list[str]:
    return [d["note"] for d in file_logs(db)]


def test_a_write_after_the_file_was_deleted_does_not_start_an_empty_file(app_db: Path) -> None:
    session = open_session(app_db)
    for note in ("one", "two", "three"):
        session.log("stay-in-touch", TODAY, note)
    assert session.flush() is None
    saved = app_db.with_name("aside.json")
    shutil.copy(app_db, saved)
    app_db.unlink()  # moved away, deleted by a sync tool, being restored by hand ...
    session.log("stay-in-touch", TODAY, "four")
    failure = session.flush()
    # A brand-new file holding only "four" would hide the three others for good.
    assert failure is not None and "does not exist" in failure.message
    assert not app_db.exists()
    assert session.unsaved_notes()[0][1] == "four"
    shutil.copy(saved, app_db)  # the file comes back
    assert session.flush() is None
    assert _notes(app_db) == ["one", "two", "three", "four"]


def test_a_store_that_read_the_file_refuses_to_recreate_it(app_db: Path) -> None:
    store = Store(app_db, default_actions=load_default_actions(), now=clock.now)
    settings = store.open().settings
    app_db.unlink()
    with pytest.raises(StoreError, match="does not exist"):
        store.set_settings(settings)
    assert not app_db.exists()
    store.open()  # open() is the one place that creates a file, on purpose
    assert app_db.exists()


def test_a_read_taken_before_our_write_landed_does_not_hide_it(app_db: Path) -> None:
    session = open_session(app_db)
    _, entry = session.log("stay-in-touch", TODAY, "mine")
    read = session.read_file()  # a poll's reload starts: the write has not happened yet
    assert session.flush() is None  # the write worker confirms it
    data = session.accept_read(*read)  # the reload ends, holding the file as it was before
    shown = (data or session.data).snapshot.logs
    assert [e.uid for e in shown] == [entry.uid]


def test_a_write_that_reached_the_disk_but_reported_failure_is_not_doubled(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(app_db)
    real = JournalStorage.append_journal
    calls = {"n": 0}

    def flaky(self: JournalStorage, data: bytes, end: int, header: bytes) -> int:
        size = real(self, data, end, header)
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(5, "Input/output error")  # after the append reached the disk
        return size

    monkeypatch.setattr(JournalStorage, "append_journal", flaky)
    session.log("appreciation-note", TODAY, "only once")
    _, entry = session.log("stay-in-touch", TODAY, "also once")
    assert session.flush() is not None  # reported as failed, and kept
    assert session.flush() is None  # the retry
    assert sorted(_notes(app_db)) == ["also once", "only once"]
    session.delete(entry.uid)
    session.restore(entry)
    session.restore(entry)  # undo pressed twice
    assert session.flush() is None
    assert sorted(_notes(app_db)) == ["also once", "only once"]


def test_failed_writes_then_good_ones_keep_order_and_nothing_doubles(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(app_db)
    real = JournalStorage.append_journal
    disk = {"full": True}

    def sometimes(self: JournalStorage, data: bytes, end: int, header: bytes) -> int:
        if disk["full"]:
            raise OSError(28, "No space left on device")
        return real(self, data, end, header)

    monkeypatch.setattr(JournalStorage, "append_journal", sometimes)
    _, first = session.log("stay-in-touch", TODAY - dt.timedelta(days=1), "first")
    assert session.flush() is not None
    _, second = session.log("stay-in-touch", TODAY, "second")
    session.edit(_edited(first))
    assert session.flush() is not None
    session.delete(second.uid)
    session.restore(second)
    assert session.pending_count == 5
    disk["full"] = False
    assert session.flush() is None
    assert session.pending_count == 0
    assert _notes(app_db) == ["first, edited", "second"]
    data = session.accept_read(*session.read_file())
    assert data is not None and [e.note for e in data.snapshot.logs] == ["first, edited", "second"]


def _edited(entry: LogEntry) -> LogEntry:
    return dataclasses.replace(entry, note="first, edited")


def test_a_corrupt_file_swapped_in_is_never_overwritten(app_db: Path) -> None:
    session = open_session(app_db)
    session.log("stay-in-touch", TODAY, "before")
    assert session.flush() is None
    damaged = b'{"meta": {"1": {"schema_version": 1'
    app_db.write_bytes(damaged)
    session.log("stay-in-touch", TODAY, "after")
    failure = session.flush()
    assert failure is not None and "damaged" in failure.message
    assert app_db.read_bytes() == damaged
    with pytest.raises(StoreError):
        session.read_file()
    assert [e.note for e in session.data.snapshot.logs] == ["before", "after"]
    assert session.unsaved_notes() == [(session.unsaved_notes()[0][0], "after")]


def test_a_newer_file_swapped_in_is_never_overwritten(app_db: Path) -> None:
    session = open_session(app_db)
    raw = json.loads(app_db.read_text())
    raw["meta"]["1"]["schema_version"] = 99
    app_db.write_text(json.dumps(raw))
    newer = app_db.read_bytes()
    session.log("stay-in-touch", TODAY, "kept in memory")
    failure = session.flush()
    assert failure is not None and "newer" in failure.message
    assert app_db.read_bytes() == newer


def test_two_windows_on_one_file_keep_each_others_words(app_db: Path) -> None:
    one = open_session(app_db)
    two = open_session(app_db)
    _, mine = one.log("stay-in-touch", TODAY, "from one")
    _, theirs = two.log("appreciation-note", TODAY, "from two")
    assert one.flush() is None and two.flush() is None
    for session in (one, two):
        data = session.accept_read(*session.read_file())
        assert data is not None
        assert sorted(e.note for e in data.snapshot.logs) == ["from one", "from two"]
    # Two deletes one's entry while one edits it: one's words come back, not lost.
    two.delete(mine.uid)
    assert two.flush() is None
    one.edit(_edited(mine))
    assert one.flush() is None
    assert sorted(_notes(app_db)) == ["first, edited", "from two"]
    # One deletes an entry two already deleted: nothing else goes.
    two.delete(theirs.uid)
    one.delete(theirs.uid)
    assert two.flush() is None and one.flush() is None
    assert _notes(app_db) == ["first, edited"]


def test_the_cli_changing_settings_is_seen_and_kept(app_db: Path) -> None:
    session = open_session(app_db)
    assert main(["--db", str(app_db), "settings", "--week-start", "sunday"]) == 0
    data = session.accept_read(*session.read_file())
    assert data is not None and data.snapshot.settings.week_start == "sunday"
    session.log("stay-in-touch", TODAY, "after the change")
    assert session.flush() is None
    meta = file_meta(app_db)
    assert meta["settings"]["week_start"] == "sunday"


def test_an_entry_dated_after_a_today_that_moved_back_can_still_be_edited(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Logged at 01:00 on Saturday while days started at 00:00; then days start at 04:00, so
    # "today" is Friday again and the entry is dated after it. Its note must stay editable.
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-28T01:00:00+01:00")
    session = open_session(app_db)
    _, entry = session.log("stay-in-touch", dt.date(2026, 11, 28), "past midnight")
    assert session.flush() is None
    assert main(["--db", str(app_db), "settings", "--day-starts-at", "04:00"]) == 0
    data = session.accept_read(*session.read_file())
    assert data is not None and data.today == dt.date(2026, 11, 27)
    session.edit(dataclasses.replace(entry, note="past midnight, and more"))
    assert session.flush() is None
    assert _notes(app_db) == ["past midnight, and more"]


def test_an_app_left_open_for_days_still_takes_a_backup_each_day(
    app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(app_db)  # opened on Friday: Friday's backup
    session.log("stay-in-touch", TODAY, "friday")
    assert session.flush() is None
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-30T20:00:00+01:00")  # still open on Monday
    session.refresh_today()
    session.log("stay-in-touch", dt.date(2026, 11, 30), "monday")
    assert session.flush() is None
    names = sorted(p.name for p in (app_db.parent / "backups").iterdir())
    assert names == ["trust-2026-11-27.json", "trust-2026-11-30.json"]
    monday = json.loads((app_db.parent / "backups" / "trust-2026-11-30.json").read_text())
    assert [d["note"] for d in monday["logs"].values()] == ["friday"]  # before Monday's change


def test_a_settings_change_keeps_what_another_process_changed_meanwhile(app_db: Path) -> None:
    session = open_session(app_db)
    old = session.data.snapshot.settings
    # The command line changes the hour the day starts while the app is open.
    assert main(["--db", str(app_db), "settings", "--day-starts-at", "04:00"]) == 0
    # The app, still showing the old settings, changes only the week start.
    session.save_settings(dataclasses.replace(old, week_start="sunday"))
    assert session.flush() is None
    stored = file_meta(app_db)["settings"]
    assert stored == {"week_start": "sunday", "day_starts_at": "04:00"}
