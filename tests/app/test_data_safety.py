"""Adversarial data-safety checks of the running app: the file is damaged, deleted or written
by another process while the app is open, quitting while writes fail, the day moving on or back
while a note is being typed. The app must never lose a word nor overwrite a file it cannot read."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from app_helpers import SIZE, file_logs, screen_text, settle
from textual.widgets import Input, TextArea

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.storage.store import Store


def _notes(db: Path) -> list[str]:
    return [d["note"] for d in file_logs(db)]


def _errors(app: TrustApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


def _record_exit(app: TrustApp) -> list[str]:
    """What the app prints as it closes (Textual prints and clears it during shutdown)."""
    printed: list[str] = []
    real = app.exit

    def exit_(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        printed.append(str(kwargs.get("message", "")))
        real(*args, **kwargs)

    app.exit = exit_  # type: ignore[method-assign]
    return printed


async def _open_note(pilot, note: str) -> None:  # noqa: ANN001
    """Today: the third row (stay in touch), `n`, the note written in (not yet saved)."""
    table = pilot.app.screen.query_one("#today-actions")
    table.move_cursor(row=2)
    await pilot.press("n")
    pilot.app.screen.query_one("#log-note", TextArea).text = note


async def _log_with_note(pilot, note: str) -> None:  # noqa: ANN001
    """Today: the third row (stay in touch), `n`, the note, ctrl+s."""
    await _open_note(pilot, note)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_a_corrupt_file_swapped_in_while_open_is_never_written(
    app: TrustApp, app_db: Path
) -> None:
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--note", "older"]) == 0
    printed = _record_exit(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        damaged = b'{"meta": {"1": {"schema_version": 1'
        app_db.write_bytes(damaged)
        app.poll_now()
        await settle(pilot)
        await _log_with_note(pilot, "written while it broke")
        app.poll_now()  # a retry
        await settle(pilot)
        assert app_db.read_bytes() == damaged
        assert any("damaged" in m for m in _errors(app))
        notes = [e.note for e in app.data.snapshot.logs]
        assert notes == ["older", "written while it broke"]  # still on screen
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running  # the first q explains
        await pilot.press("q")
        await pilot.pause()
    assert app_db.read_bytes() == damaged
    assert "written while it broke" in "".join(printed)  # printed after the app closed
    assert app.return_code == 1  # and a script sees it failed


async def test_a_deleted_file_is_not_replaced_by_one_with_only_the_new_entry(
    app: TrustApp, app_db: Path
) -> None:
    for note in ("one", "two"):
        assert main(["--db", str(app_db), "log", "stay-in-touch", "--note", note]) == 0
    aside = app_db.with_name("aside.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shutil.move(app_db, aside)
        app.poll_now()
        await settle(pilot)
        await _log_with_note(pilot, "three")
        assert not app_db.exists()
        assert any("does not exist" in m for m in _errors(app))
        assert [e.note for e in app.data.snapshot.logs] == ["one", "two", "three"]
        shutil.move(aside, app_db)  # put back
        app.poll_now()  # retries the write, then reads the file again
        await settle(pilot)
        app.poll_now()
        await settle(pilot)
        assert [e.note for e in app.data.snapshot.logs] == ["one", "two", "three"]
    assert _notes(app_db) == ["one", "two", "three"]


async def test_a_slow_write_in_flight_when_quitting_still_lands(
    app: TrustApp, app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store.add_logs
    writing, quitting = threading.Event(), threading.Event()

    def slow(self: Store, entries: object) -> None:
        writing.set()
        assert quitting.wait(timeout=30)  # the write ends only once quitting waits for it
        real(self, entries)  # type: ignore[arg-type]

    real_flush = app.flush_writes

    async def flush_on_quit():  # noqa: ANN202
        quitting.set()
        return await real_flush()

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(Store, "add_logs", slow)
        monkeypatch.setattr(app, "flush_writes", flush_on_quit)
        await pilot.press("down", "down", "enter")
        assert await asyncio.to_thread(writing.wait, 30)  # the worker is inside the write now
        assert app.session is not None and app.session.pending_count == 1
        await pilot.press("q")
        await pilot.pause()
    assert len(file_logs(app_db)) == 1
    assert app.return_code == 0


async def test_logging_while_another_process_logs_keeps_both(app: TrustApp, app_db: Path) -> None:
    script = (
        "import sys\n"
        "from trust_tui.cli import main\n"
        "for i in range(40):\n"
        "    assert main(['--db', sys.argv[1], 'log', 'appreciation-note', '--note', f'cli {i}']) == 0\n"
    )
    async with app.run_test(size=SIZE) as pilot:
        other = subprocess.Popen([sys.executable, "-c", script, str(app_db)], env=os.environ.copy())
        table = app.screen.query_one("#today-actions")
        for i in range(8):
            table.move_cursor(row=2)
            await pilot.press("n")
            app.screen.query_one("#log-note", TextArea).text = f"app {i}"
            await pilot.press("ctrl+s")
            app.poll_now()
            await settle(pilot)  # written, and the other process's entries read back
        assert other.wait(timeout=60) == 0
        await settle(pilot)
        app.poll_now()
        await settle(pilot)
        shown = sorted(e.note for e in app.data.snapshot.logs)
    on_disk = sorted(_notes(app_db))
    assert len(on_disk) == 48 and len(set(on_disk)) == 48
    assert shown == on_disk


async def test_the_day_rolling_over_while_a_note_is_typed_keeps_it(
    app: TrustApp, app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-27T23:59:30+01:00")
    async with app.run_test(size=SIZE) as pilot:
        await _open_note(pilot, "late words")
        monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-28T00:00:30+01:00")
        app.poll_now()
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    # Logged for the day the dialog said (it was opened on Friday), not lost.
    assert [(d["date"], d["note"]) for d in file_logs(app_db)] == [("2026-11-27", "late words")]


async def test_today_moving_back_while_a_note_is_typed_keeps_it(
    app: TrustApp, app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Saturday 01:00: with the day starting at 00:00 it is Saturday; then the CLI says the day
    # starts at 04:00, so "today" goes back to Friday while the dialog still says Saturday.
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-28T01:00:00+01:00")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open_note(pilot, "do not drop me")
        assert main(["--db", str(app_db), "settings", "--day-starts-at", "04:00"]) == 0
        app.poll_now()
        await settle(pilot)
        assert app.data.today == dt.date(2026, 11, 27)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("q")
        await pilot.press("q")
        await pilot.pause()
    assert _notes(app_db) == ["do not drop me"]


async def test_app_shows_a_failed_write_and_keeps_the_entry(
    app: TrustApp, app_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Store.add_logs
    disk = {"full": True}

    def sometimes(self: Store, entries: object) -> None:
        if disk["full"]:
            raise PermissionError("Permission denied")
        real(self, entries)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        monkeypatch.setattr(Store, "add_logs", sometimes)
        await pilot.press("n")  # on the weekly check-in, "n" opens the guided check-in
        app.screen.query_one("#agenda-appreciation", Input).value = "please keep this"
        await pilot.press("ctrl+s")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "Permission denied" in errors[0].message
        assert "✓ this week" in screen_text(pilot)  # shown as logged, though not yet on disk
        assert app.session is not None and app.session.pending_count == 1
        # Quitting now does not lose it silently: the first q explains, and stays.
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        disk["full"] = False
        await pilot.press("q")
        await pilot.pause()
    assert [d["note"] for d in file_logs(app_db)] == ["Appreciation: please keep this"]


async def test_quit_waits_for_pending_writes(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.press("q")
        await pilot.pause()
    assert len(file_logs(app_db)) == 1
