"""QA: the words a person reads after a missed day are calm and read naturally."""

from __future__ import annotations

import datetime as dt

from trust_tui.domain.models import Action
from trust_tui.domain.streaks import PeriodProgress, StreakInfo
from trust_tui.domain.wording import period_phrase

DAY = Action(id="stay-in-touch", name="Call or message", cadence="day", target=1, step="3.3")
WEEK = Action(id="shared-activity", name="Shared activity", cadence="week", target=1, step="3.4")


def _broken(unit: str) -> StreakInfo:
    today = dt.date(2026, 11, 30)
    period = PeriodProgress(start=today, end=today, count=0, target=1, met=False)
    return StreakInfo(
        action_id="x", unit=unit, current=0, best=33, this_period=period, last_met=None
    )


def test_a_broken_day_streak_reads_naturally() -> None:
    text = period_phrase(DAY, _broken("day"))
    assert "this day" not in text
    assert "best run is 33 days" in text and "today" in text


def test_a_broken_week_streak_reads_naturally() -> None:
    text = period_phrase(WEEK, _broken("week"))
    assert "best run is 33 weeks" in text and "this week" in text


async def test_week_screen_says_a_fresh_start_today_for_a_day_action(demo_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app_helpers import SIZE, screen_text

    from trust_tui.app import TrustApp

    # Three days after the demo's last entry: every streak is between runs.
    monkeypatch.setenv("TRUST_TUI_NOW", "2026-11-30T20:00:00+01:00")
    app = TrustApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        # Issue 9: the words moved to the pane under the grid (the table below is figures).
        week_action = str(app.screen.query_one("#week-detail").render())
        await pilot.press("down", "down")  # Call or message, a day action
        day_action = str(app.screen.query_one("#week-detail").render())
        assert "this day" not in day_action
        assert "a fresh start this week" in week_action and "a fresh start today" in day_action
        assert screen_text(pilot)
