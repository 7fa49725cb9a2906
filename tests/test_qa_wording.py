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
    return StreakInfo(action_id="x", unit=unit, current=0, best=33, this_period=period, last_met=None)


def test_a_broken_day_streak_reads_naturally() -> None:
    text = period_phrase(DAY, _broken("day"))
    assert "this day" not in text
    assert "best run is 33 days" in text and "today" in text


def test_a_broken_week_streak_reads_naturally() -> None:
    text = period_phrase(WEEK, _broken("week"))
    assert "best run is 33 weeks" in text and "this week" in text
