"""Today: log, log with a note, backfill, the guided check-in, needs into an action, long
names, the wording of a broken streak, the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, file_actions, file_logs, highlight, screen_text, settle
from textual.widgets import Input, TextArea

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store
from trust_tui.tui.dialogs.action_form import build_action
from trust_tui.tui.messages import LogRequested


async def test_today_lists_every_action_with_progress_streak_and_step(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(pilot)
        assert "Today · Friday 27 November 2026" in text
        for name in (
            "Weekly check-in",
            "Ask what they need",
            "Call or message",
            "Shared activity",
            "Appreciation note",
        ):
            assert name in text
        assert "0/3 this week" in text and "0/1 today" in text
        assert "3.5" in text
        # The why-line comes from the linked guide step.
        assert "Why (step 3.1" in text


async def test_enter_logs_the_highlighted_action_at_once(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "stay-in-touch")
        await pilot.press("enter")
        # The screen changed before the write is awaited.
        assert "✓ today" in screen_text(pilot)
        assert "1 d" in screen_text(pilot)
        await settle(pilot)
        logs = file_logs(app_db)
        assert [(d["action"], d["date"], d["note"]) for d in logs] == [
            ("stay-in-touch", "2026-11-27", "")
        ]
        assert logs[0]["logged_at"] == "2026-11-27T20:00:00+01:00"


async def test_log_with_a_note(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "appreciation-note")
        await pilot.press("n")
        assert app.screen.query_one("#log-note", TextArea).has_focus
        # The dialog's one typing test: letters land in the note, enter starts a new line.
        await pilot.press(*"The soup", "enter", *"meant it")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "1/3 this week" in screen_text(pilot)
        [doc] = file_logs(app_db)
        assert doc["note"] == "The soup\nmeant it"


async def test_backfill_validates_the_date(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "shared-activity")
        await pilot.press("b")
        date = app.screen.query_one("#log-date", Input)
        assert date.value == "2026-11-26"  # yesterday, ready to edit
        for bad, says in (
            ("2026-11-28", "future"),
            ("1969-12-31", "1970"),
            ("27/11", "YYYY-MM-DD"),
        ):
            date.value = bad
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert says in screen_text(pilot)
            assert type(app.screen).__name__ == "LogDialog"  # still open: nothing lost
        date.value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [doc] = file_logs(app_db)
        assert (doc["action"], doc["date"]) == ("shared-activity", "2026-11-20")
        # Last week is met, so the streak counts it; this week is still open.
        assert app.data.streaks["shared-activity"].current == 1


async def test_guided_check_in_saves_agenda_and_rating(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "weekly-check-in")
        await pilot.press("enter")
        assert type(app.screen).__name__ == "CheckInDialog"
        text = screen_text(pilot)
        for prompt in ("Appreciation", "Went well", "Concern", "They need", "Plan", "Trust 1-10"):
            assert prompt in text
        # The dialog's one typing test: tab goes from prompt to prompt, letters land in it.
        await pilot.press(*"you told me", "tab", *"the walk", "tab")
        for field, answer in (("concern", "late replies"), ("need", "more notice")):
            app.screen.query_one(f"#agenda-{field}", Input).value = answer
        app.screen.query_one("#agenda-plan", Input).value = "Sunday walk"
        rating = app.screen.query_one("#checkin-rating", Input)
        rating.value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 to 10" in screen_text(pilot)  # 11 is refused, the dialog stays
        assert type(app.screen).__name__ == "CheckInDialog"
        rating.value = "6"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [doc] = file_logs(app_db)
        assert doc["rating"] == 6
        assert doc["note"] == (
            "Appreciation: you told me\nWent well: the walk\n"
            "Concern: late replies\nThey need: more notice\nPlan: Sunday walk"
        )
        assert "✓ this week" in screen_text(pilot)


async def test_ask_needs_keeps_the_answer_and_turns_a_need_into_an_action(
    app: TrustApp, app_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "ask-needs")
        await pilot.press("enter")
        assert type(app.screen).__name__ == "NeedsDialog"
        # The dialog's one typing test: the answer box has the focus, tab leads to the action.
        await pilot.press(*"To know where I am", "tab")
        assert app.screen.query_one("#need-action", Input).has_focus
        app.screen.query_one("#need-action", Input).value = "Text when I'm running late"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [doc] = file_logs(app_db)
        assert (doc["action"], doc["note"]) == ("ask-needs", "To know where I am")
        new = [a for a in file_actions(app_db) if a["id"] == "text-when-i-m-running-late"]
        assert len(new) == 1 and new[0]["cadence"] == "week" and new[0]["target"] == 1
        assert new[0]["step"] == "3.2" and new[0]["name"] == "Text when I'm running late"
        assert "Text when I'm running late" in screen_text(pilot)


async def test_cancel_writes_nothing(app: TrustApp, app_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # the first row, the weekly check-in: its dialog
        app.screen.query_one("#agenda-appreciation", Input).value = "never mind"
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert file_logs(app_db) == []


async def test_milestone_is_acknowledged_with_the_guide_line(app: TrustApp, app_db: Path) -> None:
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        assert main(["--db", str(app_db), "log", "weekly-check-in", "--date", day]) == 0
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await highlight(pilot, "weekly-check-in")
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("4 weeks in a row" in m and "steadiness" in m for m in messages), messages


async def test_contact_with_the_partner_is_never_a_streak_game(app: TrustApp, app_db: Path) -> None:
    # Six days of "Call or message"; the seventh would be a 7-day milestone for any other action.
    for back in range(1, 7):
        day = f"2026-11-{27 - back:02d}"
        assert main(["--db", str(app_db), "log", "stay-in-touch", "--date", day]) == 0
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await highlight(pilot, "stay-in-touch")
        await pilot.press("enter")
        await settle(pilot)
        assert app.data.streaks["stay-in-touch"].current == 7
        text = screen_text(pilot)
        assert "Call or message: logged for today." in text
        assert "in a row" not in text and "milestone" not in text.lower()


async def test_broken_streak_shows_the_best_and_the_way_back(app: TrustApp, app_db: Path) -> None:
    for day in ("2026-10-05", "2026-10-12", "2026-10-19"):
        assert main(["--db", str(app_db), "log", "shared-activity", "--date", day]) == 0
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "shared-activity")
        text = screen_text(pilot)
        assert "best 3 wk" in text
        assert "your best run is 3 weeks" in text
        assert "a new one can start this week" in text  # the way back, in the right unit


async def test_a_broken_day_streak_speaks_of_days(
    app: TrustApp, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-30T20:00:00+01:00")
    async with app.run_test(size=SIZE) as pilot:
        await highlight(pilot, "stay-in-touch")
        why = str(app.screen.query_one("#today-why").render())
        assert "best run is 33 days" in why
        assert "every week" not in why


LONG_NAME = "Text them when I am running late, even if it is only by five minutes"  # 68 chars


async def test_a_long_name_keeps_progress_and_streak_in_view(app: TrustApp, app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "stay-in-touch"]) == 0
    store = Store(app_db, default_actions=load_default_actions())
    actions = store.open().actions
    store.upsert_action(
        build_action(
            None, actions, name=LONG_NAME, cadence="week", target="1", step="3.2", description=""
        )
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "This period" in text and "Streak" in text
        assert "✓ today" in text


async def test_palette_has_go_and_log_commands(app: TrustApp) -> None:
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "go: Week" in titles and "go: History" in titles and "go: Guide" in titles
        assert "log: Appreciation note" in titles
        for binding in app.BINDINGS:
            assert binding.description and binding.id


async def test_palette_offers_no_screenshot_of_private_notes(app: TrustApp) -> None:
    async with app.run_test(size=SIZE):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert "Quit" in titles  # Textual's other commands are still offered


async def test_a_first_visit_says_where_to_begin(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        hint = str(app.screen.query_one("#today-hint").render())
        assert "Welcome" in hint and "press g" in hint
        app.post_message(LogRequested("stay-in-touch", app.data.today))
        await settle(pilot)
        hint = str(app.screen.query_one("#today-hint").render())
        assert "Welcome" not in hint and "enter log" in hint
