"""QA findings on Today and the palette: long names, a broken day streak's wording, and no
screenshot of private notes from the palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import screen_text, settle

from trust_tui.app import TrustApp
from trust_tui.cli import main
from trust_tui.guide import load_default_actions
from trust_tui.storage.store import Store
from trust_tui.tui.dialogs.action_form import build_action

LONG = "Text them when I am running late, even if it is only by five minutes"  # 68 chars


async def test_today_keeps_progress_and_streak_in_view_with_a_long_name(app_db: Path) -> None:
    assert main(["--db", str(app_db), "log", "stay-in-touch"]) == 0
    store = Store(app_db, default_actions=load_default_actions())
    snapshot = store.open()
    store.upsert_action(
        build_action(
            None,
            snapshot.actions,
            name=LONG,
            cadence="week",
            target="1",
            step="3.2",
            description="",
        )
    )
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(pilot)
        assert "This period" in text and "Streak" in text
        assert "✓ today" in text


async def test_today_speaks_of_days_for_a_broken_day_streak(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-30T20:00:00+01:00")
    app = TrustApp(db_path=demo_db)
    async with app.run_test(size=(100, 32)) as pilot:
        table = app.screen.query_one("#today-actions")
        table.move_cursor(row=table.get_row_index("stay-in-touch"))
        await pilot.pause()
        why = str(app.screen.query_one("#today-why").render())
        assert "best run is 33 days" in why
        assert "every week" not in why


async def test_palette_offers_no_screenshot_of_private_notes(app_db: Path) -> None:
    app = TrustApp(db_path=app_db)
    async with app.run_test(size=(100, 32)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
