"""Today (issue 10): due marks, last done, the check-in on its day, undo, the double-log question,
pauses (a space pause shows the note on respecting space), the theme kept between runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from app_helpers import SIZE, file_logs, file_meta, screen_text, settle

from trust_tui.app import TrustApp
from trust_tui.domain.models import Pause
from trust_tui.guide import load_default_actions, load_space_note
from trust_tui.storage.store import Store
from trust_tui.tui.dialogs.confirm import ConfirmDialog
from trust_tui.tui.widgets.action_list import ActionList


def _store(db: Path) -> Store:
    store = Store(db, default_actions=load_default_actions())
    store.open()
    return store


def _cells(pilot, column: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one(ActionList)
    return {
        row.value: str(table.get_cell(row.value, column))  # type: ignore[arg-type]
        for row in table.rows
    }


async def _highlight(pilot, action_id: str) -> None:  # type: ignore[no-untyped-def]
    table = pilot.app.screen.query_one(ActionList)
    table.move_cursor(row=table.get_row_index(action_id))
    await pilot.pause()


def _log(store: Store, action: str, day: str, uid: str) -> None:
    from trust_tui.domain.models import LogEntry

    store.add_log(LogEntry(uid, action, dt.date.fromisoformat(day), f"{day}T09:00:00+01:00"))


async def test_due_marks_and_last_done(app_db: Path) -> None:
    store = _store(app_db)
    _log(store, "stay-in-touch", "2026-11-27", "a")
    _log(store, "appreciation-note", "2026-11-24", "b")
    _log(store, "ask-needs", "2026-11-26", "c")
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        assert _cells(pilot, "due") == {
            "weekly-check-in": "due",
            "ask-needs": "",
            "stay-in-touch": "",
            "shared-activity": "due",
            "appreciation-note": "due",
        }
        assert _cells(pilot, "last") == {
            "weekly-check-in": "never",
            "ask-needs": "yesterday",
            "stay-in-touch": "today",
            "shared-activity": "never",
            "appreciation-note": "3 days ago",
        }
        text = screen_text(pilot)
        assert "Last done" in text and "3 days ago" in text
        assert "3 still open today or this week." in text
        # Logging the last one this week takes its mark away at once.
        await _highlight(pilot, "shared-activity")
        await pilot.press("enter")
        assert _cells(pilot, "due")["shared-activity"] == ""
        assert _cells(pilot, "last")["shared-activity"] == "today"


async def test_on_the_checkin_day_it_comes_first_and_is_said_to_be_due(app_db: Path) -> None:
    store = _store(app_db)
    settings = store.load().settings
    store.set_settings(
        dataclasses.replace(settings, checkin_day="friday", checkin_time=dt.time(19))
    )
    _log(store, "ask-needs", "2026-11-26", "c")
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(ActionList)
        first = table.coordinate_to_cell_key((0, 0)).row_key.value
        assert first == "weekly-check-in"
        assert "Your weekly check-in is due today at 19:00." in screen_text(pilot)


async def test_u_undoes_the_last_log_of_this_session(app_db: Path) -> None:
    store = _store(app_db)
    _log(store, "appreciation-note", "2026-11-24", "old")  # from before: never undone
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "appreciation-note")
        await pilot.press("enter")
        await pilot.press("enter")
        await settle(pilot)
        assert len(file_logs(app_db)) == 3
        app.clear_notifications()
        await pilot.press("u")
        await settle(pilot)
        assert len(file_logs(app_db)) == 2
        assert any(
            "Undone: Appreciation note, logged for today." in str(n.message)
            for n in app._notifications
        )
        assert _cells(pilot, "progress")["appreciation-note"] == "2/3 this week"
        await pilot.press("u", "u")
        await settle(pilot)
        assert [d["uid"] for d in file_logs(app_db)] == ["old"]
        assert any("Nothing to undo" in str(n.message) for n in app._notifications)


async def test_a_second_log_of_a_daily_action_asks_first(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "stay-in-touch")
        await pilot.press("enter")
        await settle(pilot)
        assert len(file_logs(app_db)) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "already logged for today" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert len(file_logs(app_db)) == 1
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert [d["action"] for d in file_logs(app_db)] == ["stay-in-touch"] * 2


async def test_a_weekly_action_with_a_higher_target_never_asks(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "appreciation-note")
        for _ in range(4):
            await pilot.press("enter")
            assert not isinstance(app.screen, ConfirmDialog)
        await settle(pilot)
        assert len(file_logs(app_db)) == 4


async def test_a_pause_marks_every_row_paused(app_db: Path) -> None:
    store = _store(app_db)
    store.save_pause(Pause("p", "illness", dt.date(2026, 11, 25), None))
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        assert set(_cells(pilot, "due").values()) == {"paused"}
        assert "Paused (illness): nothing is due, and no streak breaks." in screen_text(pilot)


async def test_a_space_pause_shows_the_note_instead_of_due_marks(app_db: Path) -> None:
    store = _store(app_db)
    store.save_pause(Pause("p", "space", dt.date(2026, 11, 26), None))
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(100, 40)) as pilot:
        assert "due" not in _cells(pilot, "due").values()
        status = str(app.screen.query_one("#today-status").render())
        assert load_space_note() in " ".join(status.split())
        assert "persistence is not devotion" in screen_text(pilot)
        assert not app.screen.query_one("#today-why").display  # no nudge towards the partner


async def test_pausing_for_space_from_the_palette_shows_the_note(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app._pause("space")()
        await settle(pilot)
        titles = [n.title for n in app._notifications]
        assert "Your partner asked for space" in titles
        assert [p.reason for p in Store(app_db).load().pauses] == ["space"]
        app._resume()
        await settle(pilot)
        assert Store(app_db).load().pauses == ()  # begun today: resuming today cancels it


async def test_the_theme_is_kept_between_runs(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        other = next(t for t in sorted(app.available_themes) if t != app.theme)
        app.theme = other
        await settle(pilot)
    assert file_meta(app_db)["settings"]["theme"] == other
    again = TrustApp(db_path=app_db)
    async with again.run_test(size=SIZE):
        assert again.theme == other
