"""What time it is: the system clock, or TRUST_TUI_NOW for tests, demos and screenshots."""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import TYPE_CHECKING

from trust_tui.domain.calendar import logical_today
from trust_tui.domain.models import Settings

if TYPE_CHECKING:
    import pendulum

NOW_ENV = "TRUST_TUI_NOW"
EARLIEST = dt.date(1970, 1, 1)
LATEST = dt.date(9998, 12, 31)
"""The pinned clock's range: dates count from 1970, and weeks after 9998 cannot be built."""


class ClockError(ValueError):
    """TRUST_TUI_NOW is set but is not an ISO-8601 time with an offset."""


def now() -> pendulum.DateTime:
    """An aware time in the local time zone, read fresh on every call (see `now_plain`)."""
    import pendulum  # ~30 ms: imported by the callers that use its calendar, not `log`

    return pendulum.instance(now_plain())


def now_plain() -> dt.datetime:
    """An aware `datetime` in the local time zone, read fresh on every call.

    TRUST_TUI_NOW (ISO-8601 with offset) pins it: its wall-clock time and offset are taken as
    local time. Otherwise the system zone is re-read on each call (pendulum's own local zone
    is cached for the life of the process), so a laptop that crosses time zones while the app
    is open gets the new local date.
    """
    pinned = os.environ.get(NOW_ENV)
    if pinned:
        try:
            # fromisoformat says whether an offset was given; pendulum would assume UTC.
            value = dt.datetime.fromisoformat(pinned.strip())
        except ValueError:
            raise ClockError(
                f"{NOW_ENV}='{pinned}' is not an ISO-8601 time such as 2026-03-08T01:30:00-05:00."
            ) from None
        if value.tzinfo is None:
            raise ClockError(f"{NOW_ENV}='{pinned}' needs a UTC offset, e.g. +01:00.")
        if not EARLIEST <= value.date() <= LATEST:
            raise ClockError(
                f"{NOW_ENV}='{pinned}' is outside the years trust-tui counts (1970 to 9998)."
            )
        return value
    time.tzset()
    return dt.datetime.now().astimezone()


def today(settings: Settings) -> dt.date:
    """The logical date "today" counts as, given when the user's day starts."""
    return logical_today(now_plain(), settings.day_starts_at)


def stamp() -> str:
    """`now()` as stored in `logged_at`: ISO-8601 with the UTC offset, to the second."""
    return now_plain().isoformat(timespec="seconds")
