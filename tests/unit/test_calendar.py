"""Logical today, week starts and period starts (docs/design.md §4), incl. DST nights and year edges."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_streaks import ref_logical_today, ref_period_start

from trust_tui.domain.calendar import logical_today, period_start, week_start_date

BERLIN = ZoneInfo("Europe/Berlin")
SANTIAGO = ZoneInfo("America/Santiago")
DAY_STARTS = [
    dt.time(0, 0),
    dt.time(0, 30),
    dt.time(2, 30),
    dt.time(3, 0),
    dt.time(4, 0),
    dt.time(11, 59),
]
ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/Santiago",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "America/St_Johns",
]

week_starts = st.integers(0, 6)
days = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2100, 12, 31))


# --- logical today -------------------------------------------------------------------------


def test_log_at_0030_with_day_starting_at_0400_counts_for_previous_date() -> None:
    now = dt.datetime(2025, 6, 11, 0, 30, tzinfo=BERLIN)
    assert logical_today(now, dt.time(4, 0)) == dt.date(2025, 6, 10)
    assert logical_today(now, dt.time(0, 0)) == dt.date(2025, 6, 11)


def test_day_start_is_inclusive() -> None:
    at_start = dt.datetime(2025, 6, 11, 4, 0)
    assert logical_today(at_start, dt.time(4, 0)) == dt.date(2025, 6, 11)
    just_before = dt.datetime(2025, 6, 11, 3, 59, 59, 999999)
    assert logical_today(just_before, dt.time(4, 0)) == dt.date(2025, 6, 10)


def test_returns_a_plain_date_for_pendulum_input() -> None:
    now = pendulum.datetime(2025, 6, 11, 12, 0, tz="Europe/Berlin")
    today = logical_today(now, dt.time(4, 0))
    assert type(today) is dt.date
    assert today == dt.date(2025, 6, 11)


# Europe/Berlin 2025-03-30: 02:00 CET jumps to 03:00 CEST (02:00-02:59 never happens).
@pytest.mark.parametrize(
    ("wall", "day_starts_at", "expected"),
    [
        (dt.time(0, 30), dt.time(4, 0), dt.date(2025, 3, 29)),
        (dt.time(1, 59), dt.time(2, 30), dt.date(2025, 3, 29)),
        (dt.time(2, 30), dt.time(4, 0), dt.date(2025, 3, 29)),  # inside the skipped hour
        (dt.time(2, 30), dt.time(2, 30), dt.date(2025, 3, 30)),
        (dt.time(3, 10), dt.time(2, 30), dt.date(2025, 3, 30)),  # "now - 2h30" would say 29th
        (dt.time(3, 59), dt.time(4, 0), dt.date(2025, 3, 29)),
        (dt.time(4, 0), dt.time(4, 0), dt.date(2025, 3, 30)),
        (dt.time(0, 30), dt.time(0, 0), dt.date(2025, 3, 30)),
    ],
)
def test_berlin_spring_forward_night(
    wall: dt.time, day_starts_at: dt.time, expected: dt.date
) -> None:
    zoneinfo_now = dt.datetime.combine(dt.date(2025, 3, 30), wall, tzinfo=BERLIN)
    assert logical_today(zoneinfo_now, day_starts_at) == expected
    # pendulum normalises the non-existent 02:30 to 03:30 CEST: still the same logical date.
    pendulum_now = pendulum.datetime(2025, 3, 30, wall.hour, wall.minute, tz="Europe/Berlin")
    assert logical_today(pendulum_now, day_starts_at) == expected


def test_berlin_spring_forward_from_utc_instants() -> None:
    # 01:10 UTC is 03:10 CEST; the wall-clock rule says the 30th. Subtracting 2h30 from that
    # aware datetime (pendulum does exact-time arithmetic) gives 23:40 CET on the 29th instead.
    now = dt.datetime(2025, 3, 30, 1, 10, tzinfo=dt.UTC).astimezone(BERLIN)
    assert now.hour == 3
    assert logical_today(now, dt.time(2, 30)) == dt.date(2025, 3, 30)
    p_now = pendulum.instance(now).in_tz("Europe/Berlin")
    assert logical_today(p_now, dt.time(2, 30)) == dt.date(2025, 3, 30)
    wrong = p_now.subtract(hours=2, minutes=30).date()
    assert wrong == dt.date(2025, 3, 29)  # why we never subtract hours


# Europe/Berlin 2025-10-26: 03:00 CEST falls back to 02:00 CET (02:00-02:59 happens twice).
@pytest.mark.parametrize("fold", [0, 1])
@pytest.mark.parametrize(
    ("wall", "day_starts_at", "expected"),
    [
        (dt.time(0, 30), dt.time(4, 0), dt.date(2025, 10, 25)),
        (dt.time(2, 30), dt.time(3, 0), dt.date(2025, 10, 25)),  # both 02:30s
        (dt.time(2, 30), dt.time(2, 0), dt.date(2025, 10, 26)),
        (dt.time(3, 30), dt.time(3, 0), dt.date(2025, 10, 26)),
        (dt.time(3, 30), dt.time(4, 0), dt.date(2025, 10, 25)),
    ],
)
def test_berlin_fall_back_night(
    wall: dt.time, day_starts_at: dt.time, expected: dt.date, fold: int
) -> None:
    now = dt.datetime.combine(dt.date(2025, 10, 26), wall, tzinfo=BERLIN).replace(fold=fold)
    assert logical_today(now, day_starts_at) == expected


def test_berlin_fall_back_every_minute_of_the_night() -> None:
    """Walk the real instants of the night (one every 10 minutes, UTC) through Berlin time."""
    start = dt.datetime(2025, 10, 25, 21, 0, tzinfo=dt.UTC)
    for i in range(60):
        now = (start + dt.timedelta(minutes=10 * i)).astimezone(BERLIN)
        expected = now.date() if now.hour >= 4 else now.date() - dt.timedelta(days=1)
        assert logical_today(now, dt.time(4, 0)) == expected
        p_now = pendulum.instance(start + dt.timedelta(minutes=10 * i)).in_tz("Europe/Berlin")
        assert logical_today(p_now, dt.time(4, 0)) == expected


# America/Santiago 2024-09-08: local midnight 00:00 -04 jumps to 01:00 -03 (00:xx never happens).
@pytest.mark.parametrize(
    ("wall", "day_starts_at", "expected"),
    [
        (dt.time(0, 30), dt.time(4, 0), dt.date(2024, 9, 7)),
        (dt.time(0, 30), dt.time(0, 0), dt.date(2024, 9, 8)),  # inside the skipped hour
        (dt.time(1, 0), dt.time(1, 0), dt.date(2024, 9, 8)),
        (dt.time(1, 30), dt.time(4, 0), dt.date(2024, 9, 7)),
        (dt.time(23, 59), dt.time(4, 0), dt.date(2024, 9, 8)),
    ],
)
def test_santiago_midnight_dst_night(
    wall: dt.time, day_starts_at: dt.time, expected: dt.date
) -> None:
    now = dt.datetime.combine(dt.date(2024, 9, 8), wall, tzinfo=SANTIAGO)
    assert logical_today(now, day_starts_at) == expected
    pendulum_now = pendulum.datetime(2024, 9, 8, wall.hour, wall.minute, tz="America/Santiago")
    assert logical_today(pendulum_now, day_starts_at) == expected


def test_santiago_first_instant_of_the_day_is_0100() -> None:
    first = dt.datetime(2024, 9, 8, 4, 0, tzinfo=dt.UTC).astimezone(SANTIAGO)
    assert (first.hour, first.minute) == (1, 0)
    assert logical_today(first, dt.time(0, 0)) == dt.date(2024, 9, 8)
    # Step back in UTC: arithmetic on an aware datetime in one zone is wall-clock arithmetic.
    last_before = (first.astimezone(dt.UTC) - dt.timedelta(microseconds=1)).astimezone(SANTIAGO)
    assert (last_before.hour, last_before.minute) == (23, 59)
    assert logical_today(last_before, dt.time(0, 0)) == dt.date(2024, 9, 7)


@settings(max_examples=300, deadline=None)
@given(
    now=st.datetimes(
        min_value=dt.datetime(1970, 1, 2),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from([None, *(ZoneInfo(z) for z in ZONES)]),
        allow_imaginary=True,
    ),
    day_starts_at=st.sampled_from(DAY_STARTS) | st.times(max_value=dt.time(11, 59, 59)),
)
def test_logical_today_matches_reference(now: dt.datetime, day_starts_at: dt.time) -> None:
    today = logical_today(now, day_starts_at)
    assert today == ref_logical_today(now, day_starts_at)
    assert 0 <= (now.date() - today).days <= 1
    assert today == now.date() or now.time() < day_starts_at


# --- week and period starts ----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(day=days, week_start=week_starts)
def test_week_start_date_matches_reference(day: dt.date, week_start: int) -> None:
    start = week_start_date(day, week_start)
    assert start == ref_period_start(day, "week", week_start)
    assert start.weekday() == week_start
    assert 0 <= (day - start).days < 7
    assert period_start(day, "week", week_start) == start
    assert period_start(day, "day", week_start) == day


@pytest.mark.parametrize(
    ("day", "week_start", "expected"),
    [
        # ISO week 1 of 2025 starts on Monday 2024-12-30: the year edge cuts no week in two.
        (dt.date(2025, 1, 5), 0, dt.date(2024, 12, 30)),
        (dt.date(2024, 12, 30), 0, dt.date(2024, 12, 30)),
        (dt.date(2024, 12, 31), 6, dt.date(2024, 12, 29)),
        # 2026 has an ISO week 53 (Mon 2026-12-28 .. Sun 2027-01-03).
        (dt.date(2026, 12, 31), 0, dt.date(2026, 12, 28)),
        (dt.date(2027, 1, 1), 0, dt.date(2026, 12, 28)),
        (dt.date(2027, 1, 3), 0, dt.date(2026, 12, 28)),
        (dt.date(2027, 1, 1), 4, dt.date(2027, 1, 1)),  # weeks starting on Friday
        (dt.date(2026, 12, 31), 4, dt.date(2026, 12, 25)),
        # Leap day.
        (dt.date(2024, 3, 1), 3, dt.date(2024, 2, 29)),
        (dt.date(2024, 3, 3), 0, dt.date(2024, 2, 26)),
    ],
)
def test_week_start_named_dates(day: dt.date, week_start: int, expected: dt.date) -> None:
    assert week_start_date(day, week_start) == expected


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="week_start"):
        week_start_date(dt.date(2025, 1, 1), 7)
    with pytest.raises(ValueError, match="cadence"):
        period_start(dt.date(2025, 1, 1), "month", 0)
