"""Week: the 12-week grid, streaks, heat map, rating trend; a new week start regroups it; the
words between two runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from app_helpers import SIZE, file_meta, screen_text, settle

from trust_tui.app import TrustApp
from trust_tui.domain.models import Settings
from trust_tui.tui.messages import SettingsChanged
from trust_tui.tui.widgets.streak_grid import StreakGrid


async def test_week_shows_twelve_weeks_streaks_heat_map_and_trend(
    app: TrustApp, demo_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert type(app.screen).__name__ == "WeekScreen"
        grid = app.screen.query_one(StreakGrid)
        assert grid.row_count == 12
        text = screen_text(pilot)
        assert "weeks start on Monday" in text
        assert "23 Nov 26 ←" in text
        assert "✓ 1/1" in text and "/7" in text  # met marks; a day action counts met days of 7
        body = app.screen.query_one("#week-body")
        body.scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(pilot)
        assert "best" in text
        assert "Recent months" in text and "Mon" in text and "■" in text
        assert "/10 on" in text  # the rating trend


async def test_changing_the_week_start_regroups_the_week_screen(
    app: TrustApp, demo_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        grid = app.screen.query_one(StreakGrid)
        assert grid.coordinate_to_cell_key((0, 0)).row_key.value == "2026-11-23"
        app.post_message(SettingsChanged(Settings("sunday", dt.time(4, 0))))
        await settle(pilot)
        assert grid.coordinate_to_cell_key((0, 0)).row_key.value == "2026-11-22"
        assert "weeks start on Sunday" in screen_text(pilot)
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
        text = str(app.screen.query_one("#week-streaks").render())
        assert "this day" not in text
        assert "a fresh start today" in text and "a fresh start this week" in text
