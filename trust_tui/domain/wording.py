"""Short labels shared by the command line and the app: progress, streaks, periods."""

from __future__ import annotations

import datetime as dt

from trust_tui.domain.models import Action
from trust_tui.domain.streaks import PeriodProgress, StreakInfo

_UNIT_SHORT = {"day": "d", "week": "wk"}
_UNIT_LONG = {"day": ("day", "days"), "week": ("week", "weeks")}


def progress_label(action: Action, period: PeriodProgress) -> str:
    """'✓ today', '1/2 today', '2/3 this week', '✓ this week'."""
    when = "today" if action.cadence == "day" else "this week"
    if period.met:
        return f"✓ {when}" if period.target == 1 else f"✓ {period.count}/{period.target} {when}"
    return f"{period.count}/{period.target} {when}"


def count_short(n: int, unit: str) -> str:
    """'5 wk', '12 d', '–' for none."""
    return f"{n} {_UNIT_SHORT[unit]}" if n else "–"


def streak_short(streak: StreakInfo) -> str:
    """The current streak, short: '5 wk', '12 d', '–'."""
    return count_short(streak.current, streak.unit)


def count_units(n: int, unit: str) -> str:
    one, many = _UNIT_LONG[unit]
    return f"{n} {one if n == 1 else many}"


def period_phrase(action: Action, streak: StreakInfo) -> str:
    """One calm sentence about where the action stands, never a scolding one."""
    progress = progress_label(action, streak.this_period)
    if streak.current:
        return f"{progress}; streak {count_units(streak.current, streak.unit)}."
    if streak.best:
        when = "today" if streak.unit == "day" else "this week"
        return f"{progress}; your best run is {count_units(streak.best, streak.unit)}, and a new one can start {when}."
    return f"{progress}."


def day_words(day: dt.date) -> str:
    """'Friday 27 November': a day as a person says it."""
    return f"{day:%A} {day.day} {day:%B}"
