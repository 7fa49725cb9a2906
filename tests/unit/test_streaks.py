"""The streak engine against a simple reference model (docs/design.md §4), plus named calendar cases and
the words a person reads after a missed period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_streaks import histories, ref_logical_today, ref_streak

from trust_tui.domain.calendar import logical_today
from trust_tui.domain.models import Action, LogEntry
from trust_tui.domain.streaks import PeriodProgress, StreakInfo, action_streak, all_streaks
from trust_tui.domain.wording import period_phrase

D = dt.date
ONE_DAY = dt.timedelta(days=1)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
FAST = settings(max_examples=300, deadline=None)


def action(cadence: str = "day", target: int = 1, action_id: str = "a") -> Action:
    return Action(id=action_id, name=action_id.title(), cadence=cadence, target=target)  # type: ignore[arg-type]


def log(action_id: str, day: dt.date, logged_at: str | None = None) -> LogEntry:
    stamp = logged_at or f"{day.isoformat()}T12:00:00+00:00"
    return LogEntry(uid=f"{action_id}-{day}-{stamp}", action=action_id, date=day, logged_at=stamp)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + i * ONE_DAY for i in range((last - first).days + 1)]


# --- random histories ----------------------------------------------------------------------

cadences = st.sampled_from(["day", "week"])
targets = st.integers(1, 3)
week_starts = st.integers(0, 6)


def assert_matches_reference(
    info: StreakInfo,
    cadence: str,
    target: int,
    dates: list[dt.date],
    today: dt.date,
    week_start: int,
) -> None:
    ref = ref_streak(cadence, target, dates, today, week_start)
    assert (info.current, info.best) == (ref.current, ref.best)
    assert info.last_met == ref.last_met
    period = info.this_period
    assert (period.start, period.end) == (ref.period_start, ref.period_end)
    assert (period.count, period.target, period.met) == (ref.period_count, target, ref.period_met)
    assert info.unit == cadence


@FAST
@given(history=histories(), cadence=cadences, target=targets, week_start=week_starts)
def test_action_streak_matches_reference(
    history: tuple[list[dt.date], dt.date], cadence: str, target: int, week_start: int
) -> None:
    dates, today = history
    info = action_streak(action(cadence, target), dates, today, week_start)
    assert_matches_reference(info, cadence, target, dates, today, week_start)


@FAST
@given(
    a=histories(max_days=40),
    b=histories(max_days=40),
    cadence=cadences,
    target=targets,
    week_start=week_starts,
)
def test_all_streaks_matches_reference_per_action(
    a: tuple[list[dt.date], dt.date],
    b: tuple[list[dt.date], dt.date],
    cadence: str,
    target: int,
    week_start: int,
) -> None:
    a_dates, today = a
    # Move b's history next to a's today so both actions share one calendar.
    b_dates = [today + (d - b[1]) for d in b[0]]
    actions = [action(cadence, target, "a"), action("week" if cadence == "day" else "day", 2, "b")]
    logs = [log("a", d) for d in a_dates] + [log("b", d) for d in b_dates]
    logs += [log("deleted-action", d) for d in a_dates[:3]]  # logs of unknown actions are ignored
    streaks = all_streaks(actions, logs, today, week_start)
    assert list(streaks) == ["a", "b"]
    assert_matches_reference(streaks["a"], cadence, target, a_dates, today, week_start)
    assert_matches_reference(streaks["b"], actions[1].cadence, 2, b_dates, today, week_start)
    alone = action_streak(actions[0], a_dates, today, week_start)
    # The streaks agree; the start (and with it met N of M and the strength) may not: alone, an
    # action never logged starts today, while in the file it starts at the file's first log.
    assert (streaks["a"].current, streaks["a"].best, streaks["a"].this_period) == (
        alone.current,
        alone.best,
        alone.this_period,
    )
    assert streaks["a"].last_met == alone.last_met


@FAST
@given(
    history=histories(),
    cadence=cadences,
    target=targets,
    week_start=week_starts,
    now_time=st.times(),
    day_starts_at=st.sampled_from([dt.time(0), dt.time(3), dt.time(4), dt.time(11, 59)]),
)
def test_logical_today_then_streak_matches_reference(
    history: tuple[list[dt.date], dt.date],
    cadence: str,
    target: int,
    week_start: int,
    now_time: dt.time,
    day_starts_at: dt.time,
) -> None:
    dates, day = history
    now = dt.datetime.combine(day, now_time, tzinfo=ZoneInfo("Europe/Berlin"))
    today = logical_today(now, day_starts_at)
    assert today == ref_logical_today(now, day_starts_at)
    info = action_streak(action(cadence, target), dates, today, week_start)
    assert_matches_reference(info, cadence, target, dates, today, week_start)


@FAST
@given(history=histories(), cadence=cadences, target=targets, week_start=week_starts)
def test_best_is_at_least_current(
    history: tuple[list[dt.date], dt.date], cadence: str, target: int, week_start: int
) -> None:
    dates, today = history
    info = action_streak(action(cadence, target), dates, today, week_start)
    assert info.best >= info.current >= 0
    assert (info.last_met is None) == (info.best == 0)


@FAST
@given(
    history=histories(),
    cadence=cadences,
    target=targets,
    week_start=week_starts,
    back=st.integers(0, 90),
)
def test_adding_a_log_never_lowers_a_streak(
    history: tuple[list[dt.date], dt.date], cadence: str, target: int, week_start: int, back: int
) -> None:
    dates, today = history
    before = action_streak(action(cadence, target), dates, today, week_start)
    after = action_streak(
        action(cadence, target), [*dates, today - back * ONE_DAY], today, week_start
    )
    assert after.current >= before.current
    assert after.best >= before.best
    assert after.this_period.count >= before.this_period.count


@FAST
@given(
    history=histories(),
    cadence=cadences,
    target=targets,
    week_start=week_starts,
    pick=st.integers(0, 10_000),
    extra=st.integers(1, 3),
)
def test_extra_logs_in_a_met_period_change_nothing(
    history: tuple[list[dt.date], dt.date],
    cadence: str,
    target: int,
    week_start: int,
    pick: int,
    extra: int,
) -> None:
    dates, today = history
    act = action(cadence, target)
    before = action_streak(act, dates, today, week_start)
    # A date whose period is met: any date of a met day, or any day of a met week.
    met_dates = [
        d
        for d in dates
        if d <= today and ref_streak(cadence, target, dates, d, week_start).period_met
    ]
    if not met_dates:
        return
    chosen = sorted(met_dates)[pick % len(met_dates)]
    after = action_streak(act, [*dates, *[chosen] * extra], today, week_start)
    assert (after.current, after.best, after.last_met) == (
        before.current,
        before.best,
        before.last_met,
    )
    assert after.this_period.met == before.this_period.met


@FAST
@given(history=histories(), target=targets)
def test_week_start_never_changes_day_cadence(
    history: tuple[list[dt.date], dt.date], target: int
) -> None:
    dates, today = history
    results = {action_streak(action("day", target), dates, today, ws) for ws in range(7)}
    assert len(results) == 1


@FAST
@given(history=histories(), cadence=cadences, target=targets, week_start=week_starts)
def test_logs_after_today_are_ignored(
    history: tuple[list[dt.date], dt.date], cadence: str, target: int, week_start: int
) -> None:
    dates, today = history
    act = action(cadence, target)
    past_only = [d for d in dates if d <= today]
    assert action_streak(act, dates, today, week_start) == action_streak(
        act, past_only, today, week_start
    )
    logs = [log("a", d) for d in dates]
    assert all_streaks([act], logs, today, week_start)["a"] == action_streak(
        act, past_only, today, week_start
    )


# --- named cases ---------------------------------------------------------------------------


def streak(
    cadence: str, target: int, dates: Iterable[dt.date], today: dt.date, ws: int = MON
) -> StreakInfo:
    return action_streak(action(cadence, target), list(dates), today, ws)


def test_no_logs() -> None:
    info = streak("week", 3, [], D(2026, 11, 27))
    assert (info.current, info.best, info.last_met) == (0, 0, None)
    assert info.this_period.start == D(2026, 11, 23)
    assert info.this_period.end == D(2026, 11, 29)
    assert (info.this_period.count, info.this_period.target, info.this_period.met) == (0, 3, False)


def test_open_current_day_does_not_break_the_streak() -> None:
    today = D(2025, 6, 11)
    info = streak("day", 1, days(D(2025, 6, 1), D(2025, 6, 10)), today)
    assert (info.current, info.best) == (10, 10)
    assert info.this_period.met is False
    info = streak("day", 1, days(D(2025, 6, 1), today), today)
    assert (info.current, info.best) == (11, 11)


def test_open_current_week_does_not_break_the_streak() -> None:
    today = D(2025, 6, 11)  # a Wednesday
    logged = [D(2025, 5, 20), D(2025, 5, 27), D(2025, 6, 3)]  # three earlier Tuesdays
    info = streak("week", 1, logged, today)
    assert (info.current, info.best) == (3, 3)
    assert info.this_period.start == D(2025, 6, 9)
    assert info.this_period.count == 0


def test_a_gap_breaks_the_streak_and_best_is_kept() -> None:
    today = D(2025, 6, 30)
    logged = days(D(2025, 6, 1), D(2025, 6, 12)) + days(D(2025, 6, 20), D(2025, 6, 29))
    info = streak("day", 1, logged, today)
    assert (info.current, info.best) == (10, 12)
    info = streak("day", 1, logged, D(2025, 7, 1))  # yesterday missed: streak over
    assert (info.current, info.best) == (0, 12)


def test_target_needs_that_many_logs_and_extra_logs_add_nothing() -> None:
    today = D(2025, 6, 15)  # Sunday; Monday weeks
    week1 = [D(2025, 6, 2)] * 2 + [D(2025, 6, 4)]  # 3 logs
    week2 = [D(2025, 6, 9)] * 9  # 9 logs: no more than met
    info = streak("week", 3, week1 + week2, today)
    assert (info.current, info.best) == (2, 2)
    assert info.this_period.count == 9
    info = streak("week", 3, week1[:2] + week2, today)  # week1 short of 3
    assert (info.current, info.best) == (1, 1)
    info = streak("day", 2, [D(2025, 6, 14)] * 2 + [D(2025, 6, 15)], today)
    assert (info.current, info.best, info.this_period.met) == (1, 1, False)


def test_log_at_0030_with_day_starting_at_0400_counts_for_previous_date() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    evening = dt.datetime(2025, 6, 10, 21, 0, tzinfo=berlin)
    late_night = dt.datetime(2025, 6, 12, 0, 30, tzinfo=berlin)  # still "the 11th"
    morning = dt.datetime(2025, 6, 12, 9, 0, tzinfo=berlin)
    starts = dt.time(4, 0)
    logged = [logical_today(evening, starts), logical_today(late_night, starts)]
    assert logged == [D(2025, 6, 10), D(2025, 6, 11)]
    info = streak("day", 1, logged, logical_today(morning, starts))
    assert info.current == 2
    assert info.this_period.start == D(2025, 6, 12)
    # With midnight as the day start the same 00:30 log would land on the 12th: the 11th is missed.
    logged_midnight = [logical_today(evening, dt.time(0)), logical_today(late_night, dt.time(0))]
    assert streak("day", 1, logged_midnight, D(2025, 6, 12)).current == 1


@pytest.mark.parametrize(
    ("zone", "nights"),
    [
        ("Europe/Berlin", [D(2025, 3, 29), D(2025, 3, 30), D(2025, 3, 31)]),
        ("Europe/Berlin", [D(2025, 10, 25), D(2025, 10, 26), D(2025, 10, 27)]),
        ("America/Santiago", [D(2024, 9, 7), D(2024, 9, 8), D(2024, 9, 9)]),
    ],
)
def test_dst_nights_neither_drop_nor_double_a_day(zone: str, nights: list[dt.date]) -> None:
    """Log every night at 00:30 (day starting 04:00) and at 02:30 across a DST change."""
    tz = ZoneInfo(zone)
    starts = dt.time(4, 0)
    logged = []
    for night in nights:
        for wall in (dt.time(0, 30), dt.time(2, 30)):  # 02:30 is skipped or repeated in Berlin
            now = dt.datetime.combine(night, wall, tzinfo=tz)
            logged.append(logical_today(now, starts))
    assert logged == [d - ONE_DAY for d in nights for _ in range(2)]
    today = nights[-1]
    info = streak("day", 2, logged, today)
    assert (info.current, info.best) == (3, 3)  # three nights, each day met exactly
    assert info.this_period.met is False


def test_time_zone_travel_between_two_logs_keeps_stored_dates() -> None:
    # Evening in Tokyo (2025-06-01 local), then the next evening in Los Angeles (2025-06-02 local).
    # In UTC these instants fall on 05-31 and 06-03; the streak uses the stored dates only.
    tokyo = dt.datetime(2025, 6, 1, 8, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    la = dt.datetime(2025, 6, 2, 20, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert tokyo.astimezone(dt.UTC).date() == D(2025, 5, 31)
    assert la.astimezone(dt.UTC).date() == D(2025, 6, 3)
    logs = [
        log("a", logical_today(tokyo, dt.time(4)), tokyo.isoformat()),
        log("a", logical_today(la, dt.time(4)), la.isoformat()),
    ]
    assert [e.date for e in logs] == [D(2025, 6, 1), D(2025, 6, 2)]
    today_in_la = logical_today(la + dt.timedelta(hours=3), dt.time(4))  # 23:00 LA
    info = all_streaks([action("day")], logs, today_in_la, MON)["a"]
    assert (info.current, info.best) == (2, 2)
    # Flying on: the next morning in Tokyo it is already 06-04 there, and 06-03 was never logged.
    info = all_streaks([action("day")], logs, D(2025, 6, 4), MON)["a"]
    assert (info.current, info.best) == (0, 2)


def test_leap_day_is_an_ordinary_day() -> None:
    info = streak("day", 1, [D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1)], D(2024, 3, 1))
    assert (info.current, info.best) == (3, 3)
    info = streak("day", 1, [D(2024, 2, 28), D(2024, 3, 1)], D(2024, 3, 1))  # 29th missed
    assert (info.current, info.best) == (1, 1)
    info = streak("day", 1, [D(2023, 2, 28), D(2023, 3, 1)], D(2023, 3, 1))  # no 29th in 2023
    assert (info.current, info.best) == (2, 2)
    # Weekly: Thu 2024-02-29 and Sun 2024-03-03 fall in the same Monday week.
    info = streak("week", 2, [D(2024, 2, 29), D(2024, 3, 3)], D(2024, 3, 3))
    assert (info.this_period.start, info.this_period.count, info.current) == (D(2024, 2, 26), 2, 1)


@pytest.mark.parametrize(
    ("logged", "today", "week_start", "count"),
    [
        ([D(2024, 12, 30), D(2025, 1, 5)], D(2025, 1, 5), MON, 2),  # ISO week 1 of 2025
        ([D(2024, 12, 29), D(2024, 12, 30)], D(2024, 12, 30), SUN, 2),
        ([D(2026, 12, 31), D(2027, 1, 1)], D(2027, 1, 1), MON, 2),  # ISO week 53 of 2026
        ([D(2026, 12, 31), D(2027, 1, 1)], D(2027, 1, 1), SAT, 2),
        ([D(2026, 12, 31), D(2027, 1, 1)], D(2027, 1, 1), FRI, 1),  # Friday weeks split them
    ],
)
def test_a_week_spanning_the_year_boundary_is_one_week(
    logged: list[dt.date], today: dt.date, week_start: int, count: int
) -> None:
    info = streak("week", 2, logged, today, week_start)
    assert info.this_period.count == count
    assert info.this_period.met is (count == 2)


def test_weekly_streak_runs_through_iso_week_53() -> None:
    # Every Thursday from 2026-12-03 to 2027-01-21: 8 consecutive weeks, whatever the week start.
    thursdays = [D(2026, 12, 3) + 7 * i * ONE_DAY for i in range(8)]
    assert D(2026, 12, 31) in thursdays
    for ws in range(7):
        info = streak("week", 1, thursdays, D(2027, 1, 21), ws)
        assert (info.current, info.best) == (8, 8), ws


def test_last_met_is_the_start_of_the_newest_met_period() -> None:
    logged = [D(2025, 6, 3), D(2025, 6, 4)]
    assert streak("week", 1, logged, D(2025, 6, 20)).last_met == D(2025, 6, 2)
    assert streak("day", 1, logged, D(2025, 6, 20)).last_met == D(2025, 6, 4)


# --- the words after a missed period: calm, and in the action's own unit ---------------------


def _broken(unit: str) -> StreakInfo:
    today = D(2026, 11, 30)
    period = PeriodProgress(start=today, end=today, count=0, target=1, met=False)
    return StreakInfo(
        action_id="x", unit=unit, current=0, best=33, this_period=period, last_met=None
    )


def test_a_broken_day_streak_reads_naturally() -> None:
    day_action = Action(id="stay-in-touch", name="Call or message", cadence="day", target=1)
    text = period_phrase(day_action, _broken("day"))
    assert "this day" not in text
    assert "best run is 33 days" in text and "today" in text


def test_a_broken_week_streak_reads_naturally() -> None:
    week_action = Action(id="shared-activity", name="Shared activity", cadence="week", target=1)
    text = period_phrase(week_action, _broken("week"))
    assert "best run is 33 weeks" in text and "this week" in text
