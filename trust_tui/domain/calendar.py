"""Calendar arithmetic for streaks (docs/design.md §4): logical today, week and period starts.

Everything works on calendar dates, never on 24-hour steps, so DST nights and time-zone travel
cannot move, double or drop a day. The `*_ordinal` helpers are the same rules on
`date.toordinal()` integers, for the hot loops in `streaks` and `summary`.
"""

from __future__ import annotations

import datetime as dt


def logical_today(now: dt.datetime, day_starts_at: dt.time) -> dt.date:
    """The date "today" counts for: the local date, minus one day before `day_starts_at`.

    `now` is an aware (or naive local) datetime; only its wall-clock date and time are used.
    We compare wall-clock times and step back one *date* rather than subtracting hours from an
    aware datetime: on a DST night the latter lands on the wrong date.
    """
    ordinal = now.toordinal()
    if now.time() < day_starts_at.replace(tzinfo=None):
        ordinal -= 1
    # `fromordinal` also turns a pendulum Date into a plain `datetime.date`.
    return dt.date.fromordinal(ordinal)


def week_start_ordinal(ordinal: int, week_start: int) -> int:
    """The ordinal of the first day of the week holding `ordinal` (week_start 0=Mon..6=Sun)."""
    # Ordinal 1 (0001-01-01) is a Monday, so `(ordinal - 1) % 7` is `date.weekday()`.
    return ordinal - (ordinal - 1 - week_start) % 7


def week_start_date(day: dt.date, week_start: int) -> dt.date:
    """The first day of the calendar week holding `day`; weeks start on `week_start` (0=Mon..6=Sun)."""
    _check_week_start(week_start)
    return dt.date.fromordinal(week_start_ordinal(day.toordinal(), week_start))


def period_start(day: dt.date, cadence: str, week_start: int) -> dt.date:
    """The first day of the `cadence` period ('day' or 'week') holding `day`."""
    if cadence == "day":
        return dt.date.fromordinal(day.toordinal())
    if cadence == "week":
        return week_start_date(day, week_start)
    raise ValueError(f"Unknown cadence {cadence!r}: expected 'day' or 'week'.")


def period_length(cadence: str) -> int:
    """How many days one period of `cadence` spans."""
    if cadence == "day":
        return 1
    if cadence == "week":
        return 7
    raise ValueError(f"Unknown cadence {cadence!r}: expected 'day' or 'week'.")


def _check_week_start(week_start: int) -> None:
    if not 0 <= week_start <= 6:
        raise ValueError(f"week_start must be 0 (Monday) to 6 (Sunday), not {week_start!r}.")
