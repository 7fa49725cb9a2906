"""Week: the grid of actions × weeks, streaks, heat map, rating trend; a new week start
regroups it. (Issue 9 turned the grid: rows are actions, columns weeks; see
test_week_review.py for the cursor, the pane, resizing and the calendar.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from app_helpers import SIZE, file_meta, screen_text, settle

from trust_tui.app import TrustApp
from trust_tui.domain.models import Settings
from trust_tui.tui.messages import SettingsChanged
from trust_tui.tui.widgets.streak_grid import StreakGrid


async def test_week_shows_weeks_streaks_heat_map_and_trend(app: TrustApp, demo_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert type(app.screen).__name__ == "WeekScreen"
        grid = app.screen.query_one(StreakGrid)
        assert grid.row_count == len(app.data.snapshot.active_actions)
        assert len(grid.columns) - 1 >= 10  # weeks at 100 columns
        text = screen_text(pilot)
        assert "Weeks start on Monday" in text
        assert "now" in text  # this week's column
        assert "✓1/1" in text and "/7" in text  # met marks; a day action counts met days of 7
        assert "best" in text
        body = app.screen.query_one("#week-body")
        body.scroll_to_widget(app.screen.query_one("#week-heat-title"), animate=False, top=True)
        await pilot.pause()
        text = screen_text(pilot)
        assert "Recent months" in text and "Mon" in text and "▒" in text
        body.scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(pilot)
        assert "/10 (" in text and "10 ┤" in text  # the rating trend on its fixed axis


async def test_changing_the_week_start_regroups_the_week_screen(
    app: TrustApp, demo_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        grid = app.screen.query_one(StreakGrid)
        last = len(grid.columns) - 1
        assert grid.coordinate_to_cell_key((0, last)).column_key.value == "2026-11-23"
        app.post_message(SettingsChanged(Settings("sunday", dt.time(4, 0))))
        await settle(pilot)
        assert grid.coordinate_to_cell_key((0, last)).column_key.value == "2026-11-22"
        assert "Weeks start on Sunday" in screen_text(pilot)
        assert file_meta(demo_db)["settings"] == {"week_start": "sunday", "day_starts_at": "04:00"}


async def test_week_without_ratings_explains_kindly(app: TrustApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        app.screen.query_one("#week-body").scroll_end(animate=False)
        await pilot.pause()
        assert "It is their number, not your score" in screen_text(pilot)


async def test_between_two_runs_it_says_a_fresh_start_in_the_right_unit(
    app: TrustApp, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three days after the demo's last entry: every streak is between runs.
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-30T20:00:00+01:00")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        # The words are in the pane under the grid (the table below it is figures).
        week_action = str(app.screen.query_one("#week-detail").render())
        await pilot.press("down", "down")  # Call or message, a day action
        day_action = str(app.screen.query_one("#week-detail").render())
        assert "this day" not in day_action
        assert "a fresh start this week" in week_action and "a fresh start today" in day_action
