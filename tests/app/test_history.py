"""History: newest first, filter, full notes, edit, delete with confirmation, undo; a long
action name leaves the note column in view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import SIZE, add_long_action, file_logs, screen_text, settle
from textual.widgets import Input, Select, TextArea

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.tui.widgets.entry_table import EntryTable


def _log(db: Path, *args: str) -> None:
    assert main(["--db", str(db), "log", *args]) == 0


async def test_entries_newest_first_with_full_notes(app: TrustApp, app_db: Path) -> None:
    long_note = "First line\n" + "word " * 120
    _log(app_db, "stay-in-touch", "--date", "2026-11-20", "--note", "older")
    _log(app_db, "appreciation-note", "--date", "2026-11-25", "--note", long_note)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        table = app.screen.query_one(EntryTable)
        assert table.row_count == 2
        text = screen_text(pilot)
        assert text.index("Wed 25 Nov 2026") < text.index("Fri 20 Nov 2026")
        assert "Appreciation note · Wednesday 25 November 2026" in text
        note = app.screen.query_one("#history-note")
        assert str(note.render()).count("word") == 120  # the whole note, not a preview


async def test_filter_by_action(app: TrustApp, app_db: Path) -> None:
    _log(app_db, "stay-in-touch", "--note", "call")
    _log(app_db, "appreciation-note", "--note", "note")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        app.screen.query_one("#history-filter", Select).value = "stay-in-touch"
        await pilot.pause()
        table = app.screen.query_one(EntryTable)
        assert table.row_count == 1
        assert "1 entry" in screen_text(pilot)


async def test_edit_date_note_and_rating(app: TrustApp, app_db: Path) -> None:
    _log(app_db, "weekly-check-in", "--date", "2026-11-22", "--note", "draft", "--rating", "4")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "e")
        assert type(app.screen).__name__ == "EntryDialog"
        app.screen.query_one("#log-date", Input).value = "2026-11-23"
        app.screen.query_one("#log-rating", Input).value = "5"
        note = app.screen.query_one("#log-note", TextArea)
        note.text = "We talked"
        note.focus()
        note.move_cursor(note.document.end)
        await pilot.press(*" for an hour.")  # the dialog's one typing test
        await pilot.press("ctrl+s")
        await settle(pilot)
        [doc] = file_logs(app_db)
        assert (doc["date"], doc["note"], doc["rating"]) == (
            "2026-11-23",
            "We talked for an hour.",
            5,
        )
        assert "We talked for an hour." in screen_text(pilot)


async def test_delete_asks_first_then_undo_brings_it_back(app: TrustApp, app_db: Path) -> None:
    _log(app_db, "appreciation-note", "--note", "keep me safe")
    [before] = file_logs(app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "d")
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert app.screen.query_one("#confirm-yes").variant == "error"  # a delete is red
        await pilot.press("n")  # the safe answer keeps it
        await settle(pilot)
        assert len(file_logs(app_db)) == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert file_logs(app_db) == []
        assert "No entries yet" in screen_text(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert file_logs(app_db) == [before]
        assert "keep me safe" in screen_text(pilot)


async def test_a_long_action_name_leaves_the_note_column_in_view(
    app: TrustApp, app_db: Path
) -> None:
    add_long_action(app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        header = next(line for line in screen_text(pilot).splitlines() if "Date" in line)
        assert "Note" in header
        assert "on time" in screen_text(pilot)


async def test_a_long_note_ends_with_an_ellipsis_inside_the_screen_beside_a_long_name(
    app: TrustApp, app_db: Path
) -> None:
    # A name cut at 22 cells widens the Action column, and enough rows bring the scroll bar: the
    # note must still end in "…" on screen, not at the screen's edge.
    from trust_tui.guide import load_default_actions
    from trust_tui.storage.store import Store
    from trust_tui.tui.dialogs.action_form import build_action

    note = "A long note about the evening walk and the talk we had after dinner, every word of it."
    assert main(["--db", str(app_db), "log", "stay-in-touch", "--note", note]) == 0
    store = Store(app_db, default_actions=load_default_actions())
    name = "Home when I said I'd be back"
    action = build_action(
        None, store.open().actions, name=name, cadence="day", target="1", step="", description=""
    )
    store.upsert_action(action)
    for back in range(1, 31):
        day = (dt.date(2026, 11, 27) - dt.timedelta(days=back)).isoformat()
        assert main(["--db", str(app_db), "log", action.id, "--date", day]) == 0
    for width in (80, 100):
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.press("h")
            await settle(pilot)
            lines = screen_text(pilot).splitlines()
            row = next(line for line in lines if "A long note" in line)
            assert row.rstrip().endswith("…"), (width, row)
        app = TrustApp(db_path=app_db)
