"""User text is never markup (DESIGN §6): shown literally, harmless when clicked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
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


@pytest.mark.parametrize("note", NOTES)
async def test_notes_show_literally_on_history(app: TrustApp, app_db: Path, note: str) -> None:
    stored = note[:2000]  # a note is at most 2,000 characters
    assert main(["--db", str(app_db), "log", "appreciation-note", "--note", stored]) == 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        text = screen_text(pilot)
        rendered = str(app.screen.query_one("#history-note").render())
        assert stored in rendered
        if stored.startswith("["):
            assert stored in text
        # Clicking the note and the row does nothing but select it.
        await pilot.click("#history-note")
        await pilot.click(EntryTable, offset=(60, 1))
        await settle(pilot)
        assert app.is_running
        assert type(app.screen).__name__ == "HistoryScreen"


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
