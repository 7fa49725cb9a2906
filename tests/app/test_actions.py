"""Actions screen: add a custom action, edit it, archive it (its history stays), bring it back;
names with markup or of full length; the words under the table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from app_helpers import LONG_NAME, SIZE, add_long_action, screen_text, settle
from rich.text import Text
from textual.widgets import DataTable, Input

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.domain.models import Action
from trust_tui.domain.validation import ValidationError
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store
from trust_tui.tui.dialogs.action_form import ActionForm, build_action
from trust_tui.tui.messages import LogRequested
from trust_tui.tui.screens.actions import ActionsScreen

MARKUP_NAME = "Cook [b]dinner[/b] [@click=app.quit]x[/]"


def _store(db: Path) -> Store:
    return Store(db, default_actions=load_default_actions())


def _row(app: TrustApp, action_id: str) -> list[Text]:
    table = app.screen.query_one("#action-table", DataTable)
    return list(table.get_row(action_id))


async def _open_actions(pilot) -> ActionsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ActionsScreen)
    return pilot.app.screen


def _fill(app: TrustApp, selector: str, text: str) -> None:
    app.screen.query_one(selector, Input).value = text


async def test_add_a_custom_action_then_archive_it_and_its_history_stays(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_actions(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*"Cook dinner together")  # the form's one typing test: the name
        _fill(app, "#form-target", "2")
        _fill(app, "#form-description", "They asked for more evenings at home.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        action = app.data.snapshot.action("cook-dinner-together")
        assert action == Action(
            id="cook-dinner-together",
            name="Cook dinner together",
            cadence="week",
            target=2,
            step=None,
            description="They asked for more evenings at home.",
            order=max(a.order for a in load_default_actions()) + 1,
            created=app.data.today,  # issue 9: a new action knows its first day
        )
        assert app.screen.highlighted_id == "cook-dinner-together"

        app.post_message(
            LogRequested("cook-dinner-together", app.data.today, "Pasta, and we laughed.")
        )
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.data.snapshot.action("cook-dinner-together").archived
        row = _row(app, "cook-dinner-together")
        assert row[-1].plain == "archived" and "dim" in str(row[0].style)
        assert row[3].plain == "1"  # its entry is still counted
        assert "cook-dinner-together" not in {a.id for a in app.data.snapshot.active_actions}
        await pilot.press("q")

    snapshot = _store(app_db).load()
    assert snapshot.action("cook-dinner-together").archived
    assert [e.note for e in snapshot.logs if e.action == "cook-dinner-together"] == [
        "Pasta, and we laughed."
    ]

    again = TrustApp(db_path=app_db)
    async with again.run_test(size=SIZE) as pilot:
        screen = await _open_actions(pilot)
        table = screen.query_one("#action-table", DataTable)
        table.move_cursor(row=table.get_row_index("cook-dinner-together"))
        await pilot.press("x")  # bring it back
        await pilot.pause()
        assert not again.data.snapshot.action("cook-dinner-together").archived
        assert _row(again, "cook-dinner-together")[-1].plain == ""


async def test_edit_keeps_the_id_and_changes_the_rest(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_actions(pilot)
        table = screen.query_one("#action-table", DataTable)
        table.move_cursor(row=table.get_row_index("appreciation-note"))
        await pilot.press("enter")  # enter (or e) edits the highlighted action
        assert isinstance(app.screen, ActionForm)
        _fill(app, "#form-target", "4")
        app.screen.query_one("#form-target", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        note = app.data.snapshot.action("appreciation-note")
        assert note.target == 4 and note.name == "Appreciation note" and note.step == "3.5"


async def test_an_empty_name_is_refused_with_a_sentence(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_actions(pilot)
        before = app.data.snapshot.actions
        await pilot.press("n", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        error = app.screen.query_one("#form-error")
        assert error.display and "empty" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert app.data.snapshot.actions == before


async def test_a_name_with_markup_is_shown_literally(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_actions(pilot)
        await pilot.press("n")
        _fill(app, "#form-name", MARKUP_NAME)
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = next(a for a in app.data.snapshot.actions if a.name == MARKUP_NAME)
        assert _row(app, action.id)[0].plain == MARKUP_NAME
        assert MARKUP_NAME in screen_text(
            pilot
        )  # in the table and in the detail pane, brackets and all
        assert app.is_running


def test_ids_are_unique_slugs_and_names_are_cleaned() -> None:
    # The name is free again once the default check-in is archived; its id is not.
    actions = tuple(
        dataclasses.replace(a, archived=a.id == "weekly-check-in") for a in load_default_actions()
    )
    first = build_action(
        None,
        actions,
        name="  Weekly\tcheck-in\x1b ",
        cadence="day",
        target="1",
        step="3.1",
        description="",
    )
    assert first.id == "weekly-check-in-2" and first.name == "Weekly check-in"
    assert first.step == "3.1" and first.cadence == "day"
    with pytest.raises(ValidationError):
        build_action(
            None, actions, name="x" * 81, cadence="week", target="1", step="none", description=""
        )
    with pytest.raises(ValidationError):
        build_action(
            None, actions, name="Walk", cadence="week", target="0", step="none", description=""
        )


async def test_the_mouse_opens_and_cancels_the_form(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_actions(pilot)
        assert await pilot.click("#action-new")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        assert await pilot.click("#form-cancel")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)


async def test_an_archived_action_counts_its_entries_in_good_english(
    app: TrustApp, app_db: Path
) -> None:
    assert main(["--db", str(app_db), "log", "shared-activity"]) == 0
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_actions(pilot)
        table = screen.query_one("#action-table", DataTable)
        table.move_cursor(row=table.get_row_index("shared-activity"))
        await pilot.press("x")
        await pilot.pause()
        detail = str(screen.query_one("#action-detail").render())
        assert "Its 1 entry is kept" in detail
        table.move_cursor(row=table.get_row_index("ask-needs"))
        await pilot.press("x")
        await pilot.pause()
        detail = str(screen.query_one("#action-detail").render())
        assert "0 entries" not in detail and "No entries yet" in detail


async def test_a_long_name_keeps_the_columns_in_view(app: TrustApp, app_db: Path) -> None:
    """Up to 80 characters, CJK counting double: the other columns stay on an 80-column screen."""
    add_long_action(app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(pilot)
        assert "How often" in text and "Entries" in text
        assert "2× a day" in text
        assert "…" in text
        table = app.screen.query_one("#action-table", DataTable)
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        # The detail below still shows the whole name.
        assert LONG_NAME in str(app.screen.query_one("#action-detail").render()).replace("\n", "")
