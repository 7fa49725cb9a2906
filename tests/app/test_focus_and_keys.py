"""What a new user trips over: focus, keys and confirmations that behave as everywhere else.

Escape and Tab leave a text field; going into a field never selects (so never replaces) what it
holds; a dialog's footer shows the dialog's keys; no single key changes something without a way
back; a small terminal says what size it needs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_helpers import file_actions, screen_text, settle
from textual.widgets import Button, DataTable, Input, Select, TextArea

from trust_tui.app import TrustApp
from trust_tui.tui.dialogs.action_form import ActionForm
from trust_tui.tui.dialogs.confirm import ConfirmDialog
from trust_tui.tui.dialogs.entry import EntryDialog
from trust_tui.tui.widgets.action_list import ActionList
from trust_tui.tui.widgets.prompt_answers import AnswerArea
from trust_tui.tui.widgets.step_list import StepList
from trust_tui.tui.widgets.step_reader import StepReader

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 27)


def _messages(app: TrustApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _open(pilot, key: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(key)
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == screen


async def _show_step(pilot, step_id: str) -> None:  # type: ignore[no-untyped-def]
    await _open(pilot, "g", "GuideScreen")
    step_list = pilot.app.screen.query_one(StepList)
    step_list.focus()
    step_list.select_id(f"step-{step_id}")
    await pilot.pause()


# --- 1. escape and tab leave a text field; focus never selects what it holds ------------------


async def test_escape_leaves_the_day_start_field_so_keys_are_keys_again(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "s", "SettingsScreen")
        field = app.screen.query_one("#day-starts-at", Input)
        field.focus()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is not field
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == "WeekScreen"
        assert field.value == "00:00"
        assert app.data.snapshot.settings.day_starts_at == dt.time(0, 0)


async def test_shift_tab_into_the_day_start_selects_nothing(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "s", "SettingsScreen")
        app.screen.query_one("#theme", Select).focus()
        await pilot.press("shift+tab")
        await pilot.pause()
        field = app.screen.query_one("#day-starts-at", Input)
        assert app.focused is field
        assert field.selection.is_empty
        assert field.cursor_position == len(field.value)
        await pilot.press("5")  # a stray key: nothing is replaced
        await pilot.press("tab")
        await settle(pilot)
        assert field.value == "00:00"
        assert app.data.snapshot.settings.day_starts_at == dt.time(0, 0)


async def test_a_refused_day_start_shows_the_setting_and_says_so(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "s", "SettingsScreen")
        field = app.screen.query_one("#day-starts-at", Input)
        field.focus()
        field.value = "wws"
        await pilot.press("tab")
        await settle(pilot)
        assert field.value == "00:00"  # what the setting is, not what was refused
        error = str(app.screen.query_one("#day-starts-error").render())
        assert "'wws' is not a time" in error
        assert "The day still starts at 00:00." in error


async def test_escape_and_tab_leave_a_dialog_field_alike(app_db: Path) -> None:
    """In the new-action form, escape in a text field leaves the form (as everywhere in a
    dialog) and keeps the words; Tab moves on to the next field."""
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "a", "ActionsScreen")
        await pilot.press("n")
        await pilot.pause()
        name = app.screen.query_one("#form-name", Input)
        name.value = "Cook on Sundays"
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#form-cadence", Select)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionsScreen"


# --- 2. editing starts in the note, the cursor after the old words ---------------------------


async def test_editing_an_entry_starts_at_the_end_of_its_note(app_db: Path) -> None:
    from trust_tui.cli import main

    assert main(["--db", str(app_db), "log", "appreciation-note", "--note", "first words"]) == 0
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "h", "HistoryScreen")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        note = app.screen.query_one("#log-note", TextArea)
        assert app.focused is note
        assert note.cursor_location == note.document.end
        await pilot.press(*" and more")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.data.snapshot.logs[0].note == "first words and more"
        assert app.data.snapshot.logs[0].date == TODAY


async def test_going_back_into_a_guide_answer_puts_the_cursor_at_its_end(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _show_step(pilot, "1.1")
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, AnswerArea)
        app.focused.insert("I lied.")
        await pilot.press("escape", "right_square_bracket", "left_square_bracket")
        await pilot.pause()
        await pilot.press("tab", "tab")
        area = app.focused
        assert isinstance(area, AnswerArea) and area.text == "I lied."
        assert area.cursor_location == area.document.end


# --- 3. a step's title wraps whole ------------------------------------------------------------


async def test_a_step_title_is_whole_after_scrolling_and_moving_on(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _show_step(pilot, "1.1")
        reader = app.screen.query_one(StepReader)
        reader.scroll_end(animate=False)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert reader.shown == "step-1.2"
        title = app.guide.steps["1.2"].title
        shown = " ".join(screen_text(pilot).split())
        assert title.split()[-1] in shown.split("Step 1.2 · ", 1)[1].split("Not marked")[0]


# --- 4. duplicate action names ------------------------------------------------------------------


async def test_the_action_form_refuses_a_name_an_active_action_has(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "a", "ActionsScreen")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#form-name", Input).value = "  shared ACTIVITY "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)  # still open, nothing lost
        error = str(app.screen.query_one("#form-error").render())
        assert error == "You already have an action called 'Shared activity'; choose another name."
        assert sum(a["name"].lower() == "shared activity" for a in file_actions(app_db)) <= 1
        assert app.data.snapshot.action("shared-activity-2") is None


async def test_the_needs_dialog_refuses_a_name_an_active_action_has(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ActionList)
        table.move_cursor(row=table.get_row_index("ask-needs"))
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#need-action", Input).value = "call or message"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "You already have an action called 'Call or message'" in str(
            app.screen.query_one("#dialog-error").render()
        )
        assert app.data.snapshot.logs == ()


# --- 5. a dialog's footer shows the dialog's keys -------------------------------------------------


def _footer(pilot) -> str:  # type: ignore[no-untyped-def]
    return screen_text(pilot).splitlines()[-1]


async def test_the_sources_dialog_shows_its_own_keys(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _show_step(pilot, "1.1")
        await pilot.press("r")
        await pilot.pause()
        footer = _footer(pilot)
        assert "Close" in footer
        assert "Mark done" not in footer and "Save" not in footer


async def test_the_action_form_shows_its_own_keys(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "a", "ActionsScreen")
        await pilot.press("n")
        await pilot.pause()
        footer = _footer(pilot)
        assert "esc Cancel" in footer and "^s Save" in footer
        assert "Archive" not in footer and "New" not in footer
        labels = {str(b.label) for b in app.screen.query(Button)}
        assert labels == {"Save  ctrl+s", "Cancel  esc"}


# --- 6. no one-key change without a way back ----------------------------------------------------


async def test_unmarking_a_done_step_asks_and_keeps_its_first_date(app_db: Path) -> None:
    from trust_tui.domain.models import StepProgress
    from trust_tui.tui.messages import StepSaved

    first = dt.date(2026, 6, 3)
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _show_step(pilot, "1.1")
        app.screen.post_message(StepSaved(StepProgress("1.1", first)))
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "2026-06-03" in screen_text(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.data.snapshot.steps["1.1"].done_on == first
        await pilot.press("d", "y")
        await settle(pilot)
        assert app.data.snapshot.steps["1.1"].done_on is None
        await pilot.press("d")  # marked again: the first date comes back
        await settle(pilot)
        assert app.data.snapshot.steps["1.1"].done_on == first


async def test_archiving_says_what_happens_and_u_brings_it_back(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open(pilot, "a", "ActionsScreen")
        table = app.screen.query_one("#action-table", DataTable)
        table.move_cursor(row=table.get_row_index("weekly-check-in"))
        await pilot.press("x")
        await settle(pilot)
        assert app.data.snapshot.action("weekly-check-in").archived
        said = _messages(app)[-1]
        assert "leaves Today" in said and "press u to undo" in said
        await pilot.press("u")
        await settle(pilot)
        assert not app.data.snapshot.action("weekly-check-in").archived
        assert not next(a for a in file_actions(app_db) if a["id"] == "weekly-check-in")["archived"]


# --- 7. the History filter ------------------------------------------------------------------------


async def test_f_opens_the_filter_and_choosing_returns_to_the_table(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "h", "HistoryScreen")
        await pilot.press("f")
        await pilot.pause()
        select = app.screen.query_one("#history-filter", Select)
        assert select.expanded
        await pilot.press("down", "enter")
        await pilot.pause()
        assert select.value != Select.BLANK
        assert not select.expanded
        assert app.focused is app.screen.query_one("#history-table")


# --- 8. the quit warning names the note ---------------------------------------------------------


async def test_the_quit_warning_names_the_action_and_the_day(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(ActionList)
        table.move_cursor(row=table.get_row_index("appreciation-note"))
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#log-note", TextArea).insert("for the tea")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        warning = next(n.message for n in app._notifications if n.title == "Unsaved words")
        assert "Appreciation note" in warning and "Friday 27 November" in warning


# --- 9. a small terminal ---------------------------------------------------------------------------


async def test_a_too_small_terminal_says_the_size_it_needs(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        text = screen_text(pilot)
        assert "80×20" in text and "60×18" in text
        await pilot.press("!")
        await pilot.pause()
        assert type(app.screen).__name__ == "SafetyScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running


async def test_a_dialog_scrolls_so_its_buttons_can_be_reached(app_db: Path) -> None:
    """At the smallest usable size, the tallest dialog (a need, for an earlier day) is one line
    taller than the window: it scrolls, and a focused button is wholly in view."""
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 20)) as pilot:
        table = app.screen.query_one(ActionList)
        table.move_cursor(row=table.get_row_index("ask-needs"))
        await pilot.press("b")
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        cancel = app.screen.query_one("#dialog-cancel", Button)
        cancel.focus()
        await pilot.pause()
        assert dialog.scrollable_content_region.contains_region(cancel.region)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"


async def test_an_archived_action_cannot_come_back_beside_its_namesake(app_db: Path) -> None:
    import dataclasses

    from trust_tui.tui.messages import ActionSaved

    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _open(pilot, "a", "ActionsScreen")
        old = app.data.snapshot.action("shared-activity")
        app.screen.post_message(ActionSaved(dataclasses.replace(old, archived=True)))
        await settle(pilot)
        # Archived, its name is free: a new action takes it.
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#form-name", Input).value = "Shared Activity"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.data.snapshot.action("shared-activity-2") is not None
        table = app.screen.query_one("#action-table", DataTable)
        table.move_cursor(row=table.get_row_index("shared-activity"))
        await pilot.press("x")
        await settle(pilot)
        assert app.data.snapshot.action("shared-activity").archived
        assert "cannot come back" in _messages(app)[-1]
