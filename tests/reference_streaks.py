"""A deliberately simple, obviously correct model of docs/design.md §4, for the property tests.

It shares no code with `trust_tui.domain`: it walks the calendar one day or one week at a time
with `datetime.date` and `timedelta`, and recounts the logs of every period from scratch.
Slow on purpose (periods × logs); only ever run on small histories.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import strategies as st

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class RefStreak:
    current: int
    best: int
    period_start: dt.date
    period_end: dt.date
    period_count: int
    period_met: bool
    last_met: dt.date | None


def ref_logical_today(now: dt.datetime, day_starts_at: dt.time) -> dt.date:
    """Today's date on the wall clock, or yesterday's before `day_starts_at`."""
    wall_date = dt.date(now.year, now.month, now.day)
    wall = (now.hour, now.minute, now.second, now.microsecond)
    start = (
        day_starts_at.hour,
        day_starts_at.minute,
        day_starts_at.second,
        day_starts_at.microsecond,
    )
    if wall < start:
        return wall_date - ONE_DAY
    return wall_date


def ref_period_start(day: dt.date, cadence: str, week_start: int) -> dt.date:
    """Step back one day at a time until the period begins."""
    if cadence == "day":
        return day
    while day.weekday() != week_start:
        day -= ONE_DAY
    return day


def ref_period_end(start: dt.date, cadence: str) -> dt.date:
    return start if cadence == "day" else start + 6 * ONE_DAY


def ref_count(dates: list[dt.date], start: dt.date, end: dt.date, today: dt.date) -> int:
    """Logs dated in [start, end] and not after today."""
    return sum(1 for d in dates if start <= d <= end and d <= today)


def ref_streak(
    cadence: str, target: int, dates: list[dt.date], today: dt.date, week_start: int
) -> RefStreak:
    step = ONE_DAY if cadence == "day" else 7 * ONE_DAY
    kept = [d for d in dates if d <= today]

    def met(start: dt.date) -> bool:
        return ref_count(kept, start, ref_period_end(start, cadence), today) >= target

    this_start = ref_period_start(today, cadence, week_start)

    current = 0
    p = this_start if met(this_start) else this_start - step
    while met(p):
        current += 1
        p -= step

    best = run = 0
    last_met = None
    if kept:
        p = ref_period_start(min(kept), cadence, week_start)
        while p <= this_start:
            if met(p):
                run += 1
                best = max(best, run)
                last_met = p
            else:
                run = 0
            p += step

    this_end = ref_period_end(this_start, cadence)
    this_count = ref_count(kept, this_start, this_end, today)
    return RefStreak(
        current=current,
        best=best,
        period_start=this_start,
        period_end=this_end,
        period_count=this_count,
        period_met=this_count >= target,
        last_met=last_met,
    )


def ref_week_cells(
    cadence: str, target: int, dates: list[dt.date], today: dt.date, week_start: int, weeks: int
) -> list[tuple[dt.date, int, int, bool]]:
    """(week start, count, target, met) for the last `weeks` weeks, newest first.

    Nothing before the action's first log (or today, without one) counts: a week wholly before
    it is (start, 0, target, False) and marked apart by the app; a day action's first week
    counts only its days from the first log on.
    """
    rows = []
    first = min((d for d in dates if d <= today), default=today)
    start = ref_period_start(today, "week", week_start)
    for _ in range(weeks):
        days = [start + i * ONE_DAY for i in range(7)]
        counting = [d for d in days if d >= first]
        days = [d for d in counting if d <= today]
        if not counting:
            rows.append((start, 0, target, False))
        elif cadence == "day":
            count = sum(1 for d in days if ref_count(dates, d, d, today) >= target)
            rows.append((start, count, len(counting), count >= len(counting)))
        else:
            count = sum(ref_count(dates, d, d, today) for d in days)
            rows.append((start, count, target, count >= target))
        start -= 7 * ONE_DAY
    return rows


# --- random histories for the property tests -----------------------------------------------

DENSITIES = {
    "none": [0],
    "sparse": [0, 0, 0, 0, 0, 0, 1, 2],
    "patchy": [0, 0, 1, 1, 2, 3],
    "dense": [0, 1, 1, 2, 2, 3, 3],
    "full": [1, 2, 3],
}


@st.composite
def histories(draw: st.DrawFn, max_days: int = 80) -> tuple[list[dt.date], dt.date]:
    """Log dates around a random `today`: stretches of days of varying density (0-3 logs a day),
    so histories hold runs and gaps of days and weeks; some logs fall after today."""
    today = draw(st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2099, 11, 30)))
    per_day: list[int] = []
    for density in draw(st.lists(st.sampled_from(list(DENSITIES)), min_size=1, max_size=5)):
        length = draw(st.integers(1, 25))
        per_day += draw(
            st.lists(st.sampled_from(DENSITIES[density]), min_size=length, max_size=length)
        )
    per_day = per_day[:max_days]
    last = today + draw(st.sampled_from([0, 0, 0, -1, -2, -6, -9, 1, 4])) * ONE_DAY
    first = last - (len(per_day) - 1) * ONE_DAY
    dates = [first + i * ONE_DAY for i, n in enumerate(per_day) for _ in range(n)]
    return draw(st.permutations(dates)), today
