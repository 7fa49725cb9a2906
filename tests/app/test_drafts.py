"""Drafts: escape (or Cancel) in a dialog never throws away what the person typed.

The dialog still closes at once and writes nothing; the words are kept as a draft and are back,
as they were left, the next time the same dialog opens.
"""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, file_logs, highlight, settle
from textual.widgets import Input, TextArea

from trust_tui.app import TrustApp
from trust_tui.cli import main

NOTE = "I said I was sorry [b]and meant it[/b] 💛 谢谢"


async def _write_then_escape(pilot) -> None:  # type: ignore[no-untyped-def]
    """Today: a note for the appreciation, written, then closed with escape."""
    await highlight(pilot, "appreciation-note")
    await pilot.press("n")
    pilot.app.screen.query_one("#log-note", TextArea).insert(NOTE)
    await pilot.press("escape")
    await settle(pilot)


async def test_escape_keeps_the_note_for_next_time(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _write_then_escape(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert file_logs(app_db) == []  # cancelled: nothing written
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#log-note", TextArea).text == NOTE
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [d["note"] for d in file_logs(app_db)] == [NOTE]
        # Saved: the draft is gone, the next note starts empty.
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#log-note", TextArea).text == ""


async def test_cancel_button_keeps_the_check_in_answers(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "weekly-check-in")
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#agenda-appreciation", Input).value = "The tea [/]"
        app.screen.query_one("#checkin-rating", Input).value = "7"
        await pilot.click("#dialog-cancel")
        await settle(pilot)
        assert file_logs(app_db) == []
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#agenda-appreciation", Input).value == "The tea [/]"
        assert app.screen.query_one("#checkin-rating", Input).value == "7"


async def test_escape_keeps_an_edited_history_note(app: TrustApp, app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "appreciation-note", "--note", "first words"]) == 0
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#log-note", TextArea)
        area.load_text("first words, and then what I really felt")
        await pilot.press("escape")
        await settle(pilot)
        assert [d["note"] for d in file_logs(app_db)] == ["first words"]
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#log-note", TextArea).text == (
            "first words, and then what I really felt"
        )


async def test_escape_keeps_a_new_action_being_written(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#form-name", Input).value = "Cook on Sundays"
        app.screen.query_one("#form-description", Input).value = "They asked for it"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionsScreen"
        assert app.data.snapshot.action("cook-on-sundays") is None
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#form-name", Input).value == "Cook on Sundays"
        assert app.screen.query_one("#form-description", Input).value == "They asked for it"


async def test_an_untouched_dialog_leaves_no_draft(app: TrustApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await highlight(pilot, "appreciation-note")
        await pilot.press("n", "escape")
        await pilot.pause()
        assert not any("kept" in n.message for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#log-note", TextArea).text == ""


async def test_quitting_with_a_draft_asks_once(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _write_then_escape(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running  # the first q only warns
        assert any("Unsaved words" in (n.title or "") for n in app._notifications)
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running
