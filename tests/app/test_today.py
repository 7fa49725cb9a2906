"""Today: log, log with a note, backfill, the guided check-in, needs into an action."""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, file_actions, file_logs, screen_text, settle
from textual.widgets import Input, TextArea

from trust_tui.app import TrustApp
from trust_tui.tui.widgets.action_list import ActionList


async def _highlight(pilot, action_id: str) -> None:
    table = pilot.app.screen.query_one(ActionList)
    table.move_cursor(row=table.get_row_index(action_id))
    await pilot.pause()


async def test_today_lists_every_action_with_progress_streak_and_step(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
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


async def test_enter_logs_the_highlighted_action_at_once(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "stay-in-touch")
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


async def test_log_with_a_note(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "appreciation-note")
        await pilot.press("n")
        assert app.screen.query_one("#log-note", TextArea).has_focus
        await pilot.press(*"Thanked them for the soup", "enter", *"and meant it")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "1/3 this week" in screen_text(pilot)
        [doc] = file_logs(app_db)
        assert doc["note"] == "Thanked them for the soup\nand meant it"


async def test_backfill_validates_the_date(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "shared-activity")
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


async def test_guided_check_in_saves_agenda_and_rating(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "weekly-check-in")
        await pilot.press("enter")
        assert type(app.screen).__name__ == "CheckInDialog"
        text = screen_text(pilot)
        for prompt in ("Appreciation", "Went well", "Concern", "They need", "Plan", "Trust 1-10"):
            assert prompt in text
        await pilot.press(
            *"you told me how you felt",
            "tab",
            *"the walk",
            "tab",
            *"late replies",
            "tab",
            *"more notice",
            "tab",
            *"Sunday walk",
            "tab",
        )
        await pilot.press(*"11", "ctrl+s")
        await pilot.pause()
        assert "1 to 10" in screen_text(pilot)  # 11 is refused, the dialog stays
        rating = app.screen.query_one("#checkin-rating", Input)
        rating.value = "6"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [doc] = file_logs(app_db)
        assert doc["rating"] == 6
        assert doc["note"] == (
            "Appreciation: you told me how you felt\nWent well: the walk\n"
            "Concern: late replies\nThey need: more notice\nPlan: Sunday walk"
        )
        assert "✓ this week" in screen_text(pilot)


async def test_ask_needs_keeps_the_answer_and_turns_a_need_into_an_action(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "ask-needs")
        await pilot.press("enter")
        assert type(app.screen).__name__ == "NeedsDialog"
        await pilot.press(*"To know where I am when I'm late", "tab")
        await pilot.press(*"Text when I'm running late", "ctrl+s")
        await settle(pilot)
        [doc] = file_logs(app_db)
        assert (doc["action"], doc["note"]) == ("ask-needs", "To know where I am when I'm late")
        new = [a for a in file_actions(app_db) if a["id"] == "text-when-i-m-running-late"]
        assert new and new[0]["cadence"] == "week" and new[0]["target"] == 1
        assert new[0]["step"] == "3.2" and new[0]["name"] == "Text when I'm running late"
        assert "Text when I'm running late" in screen_text(pilot)


async def test_cancel_writes_nothing(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"never mind", "escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert file_logs(app_db) == []


async def test_milestone_is_acknowledged_with_the_guide_line(app_db: Path) -> None:
    from trust_tui.cli import main

    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        assert main(["--db", str(app_db), "log", "weekly-check-in", "--date", day]) == 0
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _highlight(pilot, "weekly-check-in")
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("4 weeks in a row" in m and "steadiness" in m for m in messages), messages


async def test_broken_streak_shows_the_best_and_the_way_back(app_db: Path) -> None:
    from trust_tui.cli import main

    for day in ("2026-10-05", "2026-10-12", "2026-10-19"):
        assert main(["--db", str(app_db), "log", "shared-activity", "--date", day]) == 0
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE) as pilot:
        await _highlight(pilot, "shared-activity")
        text = screen_text(pilot)
        assert "best 3 wk" in text
        assert "your best run is 3 weeks" in text
        assert "a new one can start this week" in text  # the way back, in the right unit


async def test_palette_has_go_and_log_commands(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "go: Week" in titles and "go: History" in titles and "go: Guide" in titles
        assert "log: Appreciation note" in titles
        for binding in app.BINDINGS:
            assert binding.description and binding.id


async def test_a_first_visit_says_where_to_begin(app_db) -> None:  # type: ignore[no-untyped-def]
    from trust_tui.app import TrustApp
    from trust_tui.tui.messages import LogRequested

    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(100, 32)) as pilot:
        hint = str(app.screen.query_one("#today-hint").render())
        assert "Welcome" in hint and "press g" in hint
        app.post_message(LogRequested("stay-in-touch", app.data.today))
        await app.workers.wait_for_complete()
        await pilot.pause()
        hint = str(app.screen.query_one("#today-hint").render())
        assert "Welcome" not in hint and "enter log" in hint
