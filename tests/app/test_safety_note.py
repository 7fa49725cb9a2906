"""User text is never markup (docs/design.md §6): shown literally, harmless when clicked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from app_helpers import SIZE, screen_text, settle
from textual.widgets import Input, TextArea

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.tui.messages import LogRequested
from trust_tui.tui.widgets.entry_table import EntryTable

NOTES = [
    "[bold]x[/]",
    "[@click=app.quit]x[/]",
    "closing [/] tag alone",
    "[/]",
    "emoji 💛🫶🏽 and ZWJ 👩‍❤️‍👨",
    "中文 日本語 한국어",
    "L" * 3000,
]


async def test_notes_show_literally_on_history(app: TrustApp, app_db: Path) -> None:
    stored = [note[:2000] for note in NOTES]  # a note is at most 2,000 characters
    for days_ago, note in enumerate(stored):  # newest first: row i holds stored[i]
        day = (date(2026, 11, 27) - timedelta(days=days_ago)).isoformat()
        assert (
            main(["--db", str(app_db), "log", "appreciation-note", "--note", note, "--date", day])
            == 0
        )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        table = app.screen.query_one(EntryTable)
        for row, note in enumerate(stored):
            table.move_cursor(row=row)
            await pilot.pause()
            rendered = str(app.screen.query_one("#history-note").render())
            assert note in rendered, row
            if note.startswith("["):
                assert note in screen_text(pilot), row
            # Clicking the note and the row does nothing but select it.
            await pilot.click("#history-note")
            assert await pilot.click(EntryTable, offset=(60, 1 + row))
            await settle(pilot)
            assert app.is_running, row
            assert type(app.screen).__name__ == "HistoryScreen", row
            assert table.cursor_row == row


async def test_markup_written_in_a_note_and_an_action_name_is_literal(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#today-actions")
        table.move_cursor(row=1)  # ask-needs: the answer and a new action's name
        await pilot.press("enter")
        app.screen.query_one("#log-note", TextArea).text = "[@click=app.quit]stay[/]"
        app.screen.query_one("#need-action", Input).value = "[red]Call[/] [/]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(pilot)
        assert "[red]Call[/] [/]" in text
        await pilot.click("#today-actions", offset=(5, 6))
        await pilot.press("h")
        assert "[@click=app.quit]stay[/]" in screen_text(pilot)
        await pilot.click("#history-note")
        await settle(pilot)
        assert app.is_running
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "log: [red]Call[/] [/]" in titles


async def test_control_characters_never_reach_the_screen(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(
            LogRequested("stay-in-touch", date(2026, 11, 27), "bell\x07 esc\x1b[31m red")
        )
        await settle(pilot)
        [entry] = app.data.snapshot.logs
        assert entry.note == "bell esc[31m red"
