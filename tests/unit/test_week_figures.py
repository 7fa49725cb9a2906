"""Issue 9's figures: nothing before a start, met N of M, habit strength, pauses, relative dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trust_tui.domain.models import WEEKDAYS, Action, LogEntry, Pause, Settings, Snapshot
from trust_tui.domain.streaks import PauseCover, action_start, streak_from_counts
from trust_tui.domain.summary import weekly_summary
from trust_tui.domain.validation import ValidationError, parse_date
from trust_tui.session import build_data

D = dt.date
ONE_DAY = dt.timedelta(days=1)
TODAY = D(2026, 11, 27)  # a Friday
FAST = settings(max_examples=150, deadline=None)


def action(cadence: str = "week", target: int = 1, created: dt.date | None = None) -> Action:
    return Action(id="a", name="A", cadence=cadence, target=target, created=created)  # type: ignore[arg-type]


def log(day: dt.date, n: int = 0, action_id: str = "a") -> LogEntry:
    return LogEntry(f"{action_id}-{day}-{n}", action_id, day, f"{day}T12:00:00+00:00")


def counts(days: list[dt.date]) -> Counter[int]:
    return Counter(d.toordinal() for d in days)


# --- nothing before the start -----------------------------------------------------------------


def test_a_fresh_file_with_one_log_shows_no_miss_before_that_day() -> None:
    logged = TODAY - 2 * ONE_DAY
    week = action("week", 1)
    day = Action(id="d", name="D", cadence="day", target=1)
    summary = weekly_summary([week, day], [log(logged)], TODAY, Settings(), weeks=12)
    for row in summary.weeks[1:]:
        assert row.cells["a"].status == "before_start"
        assert row.cells["d"].status == "before_start"
    # This week: the week action met; the day action (never logged) starts at the file's first
    # log, so its week counts from Wednesday: Wed-Sun, five days.
    assert summary.weeks[0].cells["a"].met
    assert (summary.weeks[0].cells["d"].count, summary.weeks[0].cells["d"].target) == (0, 5)


def test_an_action_made_today_shows_nothing_before_today() -> None:
    new = Action(id="n", name="N", cadence="week", target=2, created=TODAY)
    old_logs = [log(TODAY - 60 * ONE_DAY, action_id="other")]
    summary = weekly_summary([new], old_logs, TODAY, Settings(), weeks=12)
    assert [row.cells["n"].status for row in summary.weeks] == ["counted"] + ["before_start"] * 11
    assert summary.streaks["n"].counted_periods == 0 and summary.streaks["n"].rate is None


def test_the_start_is_the_creation_date_or_the_first_log_if_earlier() -> None:
    created = action(created=TODAY - 10 * ONE_DAY)
    assert (
        action_start(created, counts([TODAY - 20 * ONE_DAY]), TODAY)
        == (TODAY - 20 * ONE_DAY).toordinal()
    )
    assert action_start(created, counts([TODAY]), TODAY) == (TODAY - 10 * ONE_DAY).toordinal()
    # Without a creation date, the file's own stands in; never before the file's first log.
    plain = action()
    file_created = TODAY - 30 * ONE_DAY
    assert action_start(plain, {}, TODAY, file_created=file_created) == file_created.toordinal()
    first = (TODAY - 5 * ONE_DAY).toordinal()
    assert action_start(plain, {}, TODAY, file_created=file_created, file_first_log=first) == first


def test_summary_falls_back_to_the_files_creation_date() -> None:
    snapshot = Snapshot(
        settings=Settings(),
        actions=(action("week", 1),),
        logs=(log(TODAY - 40 * ONE_DAY, action_id="other"),),
        steps={},
        created_at="2026-10-01T09:00:00+02:00",
    )
    data = build_data(snapshot, TODAY, Path("x.json"))
    # Created 1 Oct, but nothing counts before the file's first log (Sun 18 Oct).
    assert data.streaks["a"].start == D(2026, 10, 12)
    statuses = [row.cells["a"].status for row in data.summary.weeks[:12]]
    assert statuses == ["counted"] * 7 + ["before_start"] * 5
    assert data.streaks["a"].counted_periods == 6  # 12 Oct .. 16 Nov, all missed
    later = dataclasses.replace(snapshot, created_at="2026-11-20T09:00:00+01:00")
    assert build_data(later, TODAY, Path("x.json")).streaks["a"].start == D(2026, 11, 16)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[dt.date], dt.date]:
    today = draw(st.dates(D(2000, 1, 1), D(2030, 12, 31)))
    offsets = draw(st.lists(st.integers(0, 120), max_size=25))
    return [today - o * ONE_DAY for o in offsets], today


@FAST
@given(
    history=histories(),
    cadence=st.sampled_from(["day", "week"]),
    target=st.integers(1, 3),
    week_start=st.integers(0, 6),
    before=st.integers(1, 400),
)
def test_periods_before_the_start_change_nothing(
    history: tuple[list[dt.date], dt.date], cadence: str, target: int, week_start: int, before: int
) -> None:
    """The start defaults to the first log, and weeks wholly before it are never a miss."""
    dates, today = history
    act = action(cadence, target)
    first = min(dates, default=today).toordinal()
    plain = streak_from_counts(act, counts(dates), today, week_start)
    same = streak_from_counts(act, counts(dates), today, week_start, start=first)
    assert plain == same
    # Weeks wholly before the start are never shown as a miss.
    rows = weekly_summary(
        [act],
        [log(d, i) for i, d in enumerate(dates)],
        today,
        Settings(week_start=WEEKDAYS[week_start]),
        weeks=30,
    ).weeks
    for row in rows:
        if row.end.toordinal() < first:
            assert row.cells["a"].status == "before_start"
        elif row.cells["a"].status == "counted" and not row.cells["a"].met:
            assert row.cells["a"].target >= 1


# --- strength, met N of M ----------------------------------------------------------------------


def weekly_history(pattern: str, today: dt.date = TODAY) -> list[dt.date]:
    """One log in each week marked 'x' ('.' = missed), oldest first, ending last week."""
    monday = today - today.weekday() * ONE_DAY
    weeks = len(pattern)
    return [monday - (weeks - i) * 7 * ONE_DAY for i, mark in enumerate(pattern) if mark == "x"]


def test_one_missed_week_after_ten_good_ones_is_a_dip_not_a_zero() -> None:
    good = streak_from_counts(action(), counts(weekly_history("x" * 10)), TODAY, 0)
    dip = streak_from_counts(action(), counts(weekly_history("x" * 10 + ".")), TODAY, 0)
    assert 0.7 < good.strength < 0.8
    assert 0.6 < dip.strength < good.strength
    assert (dip.met_periods, dip.counted_periods) == (10, 11)
    assert dip.rate == pytest.approx(10 / 11)


@FAST
@given(pattern=st.text("x.", max_size=40), cadence=st.sampled_from(["day", "week"]))
def test_strength_is_bounded_rises_when_met_and_falls_when_missed(
    pattern: str, cadence: str
) -> None:
    step = 7 if cadence == "week" else 1
    act = action(cadence)
    # Periods oldest first, the last one closing yesterday / last week; today's is open.
    current = TODAY - (TODAY.weekday() * ONE_DAY if step == 7 else dt.timedelta(0))

    def strength(marks: str) -> float:
        days = [
            current - (len(marks) - i) * step * ONE_DAY
            for i, mark in enumerate(marks)
            if mark == "x"
        ]
        start = (current - len(marks) * step * ONE_DAY).toordinal() if marks else None
        info = streak_from_counts(act, counts(days), TODAY, 0, start=start)
        assert 0.0 <= info.strength <= 1.0
        return info.strength

    before = strength(pattern)
    met = strength(pattern + "x")
    missed = strength(pattern + ".")
    assert met > before or before == pytest.approx(1.0)
    assert missed < before or before == 0.0


@FAST
@given(pattern=st.text("x.", min_size=1, max_size=30), extra=st.integers(1, 50))
def test_strength_ignores_time_before_the_start(pattern: str, extra: int) -> None:
    act = action("week")
    days = weekly_history(pattern)
    start = min(days, default=TODAY).toordinal()
    # Any created date after the first log: the start is still the first log.
    later = dataclasses.replace(act, created=TODAY)
    assert streak_from_counts(act, counts(days), TODAY, 0, start=start) == streak_from_counts(
        later, counts(days), TODAY, 0, start=action_start(later, counts(days), TODAY)
    )
    # The file created long before the first log (with extra empty weeks) changes nothing once
    # the file's first log bounds it.
    early = TODAY - (len(pattern) + extra) * 7 * ONE_DAY
    bounded = action_start(act, counts(days), TODAY, file_created=early, file_first_log=start)
    assert bounded == start


# --- pauses ------------------------------------------------------------------------------------

pauses_strategy = st.lists(
    st.builds(
        lambda first, length, open_: Pause(
            uid=f"p{first}-{length}",
            reason="travel",
            start=TODAY - first * ONE_DAY,
            until=None if open_ else TODAY - first * ONE_DAY + length * ONE_DAY,
        ),
        st.integers(0, 120),
        st.integers(0, 30),
        st.booleans(),
    ),
    max_size=3,
)


@FAST
@given(
    offsets=st.lists(st.integers(0, 120), max_size=30),
    cadence=st.sampled_from(["day", "week"]),
    target=st.integers(1, 2),
    week_start=st.integers(0, 6),
    pauses=pauses_strategy,
)
def test_a_pause_never_lowers_a_streak_and_removing_it_restores_the_figures(
    offsets: list[int], cadence: str, target: int, week_start: int, pauses: list[Pause]
) -> None:
    dates = [TODAY - o * ONE_DAY for o in offsets]
    act = action(cadence, target)
    start = (TODAY - 120 * ONE_DAY).toordinal()
    plain = streak_from_counts(act, counts(dates), TODAY, week_start, start=start)
    paused = streak_from_counts(act, counts(dates), TODAY, week_start, start=start, pauses=pauses)
    assert paused.current >= plain.current
    assert paused.best >= plain.best
    assert paused.met_periods == plain.met_periods  # a met period in a pause still counts
    assert paused.counted_periods <= plain.counted_periods
    assert paused.strength >= plain.strength - 1e-12
    again = streak_from_counts(act, counts(dates), TODAY, week_start, start=start, pauses=())
    assert again == plain


def test_a_paused_missed_week_neither_counts_nor_breaks() -> None:
    days = weekly_history("xx.xx")  # the third week of five missed
    monday = TODAY - TODAY.weekday() * ONE_DAY
    missed_week = monday - 3 * 7 * ONE_DAY
    pause = Pause("p", "illness", missed_week + 2 * ONE_DAY, missed_week + 3 * ONE_DAY)
    plain = streak_from_counts(action(), counts(days), TODAY, 0)
    paused = streak_from_counts(action(), counts(days), TODAY, 0, pauses=[pause])
    assert (plain.current, plain.best, plain.counted_periods) == (2, 2, 5)
    assert (paused.current, paused.best, paused.counted_periods) == (4, 4, 4)
    assert paused.rate == 1.0
    summary = weekly_summary(
        [action()], [log(d) for d in days], TODAY, Settings(), weeks=6, pauses=(pause,)
    )
    assert summary.weeks[3].cells["a"].status == "paused"
    assert summary.weeks[1].cells["a"].status == "counted"


def test_a_paused_day_leaves_the_day_actions_week_target() -> None:
    day = action("day")
    monday = TODAY - TODAY.weekday() * ONE_DAY - 7 * ONE_DAY
    days = [monday + i * ONE_DAY for i in (0, 1, 4, 5, 6)]  # Wed, Thu missed
    pause = Pause("p", "travel", monday + 2 * ONE_DAY, monday + 3 * ONE_DAY)
    cell = (
        weekly_summary([day], [log(d) for d in days], TODAY, Settings(), weeks=2, pauses=(pause,))
        .weeks[1]
        .cells["a"]
    )
    assert (cell.count, cell.target, cell.met) == (5, 5, True)


@FAST
@given(
    offsets=st.lists(st.integers(0, 90), max_size=25),
    cadence=st.sampled_from(["day", "week"]),
    pauses=pauses_strategy,
    first=st.sampled_from(WEEKDAYS),
    second=st.sampled_from(WEEKDAYS),
)
def test_pauses_and_week_start_changes_commute(
    offsets: list[int], cadence: str, pauses: list[Pause], first: str, second: str
) -> None:
    """Adding the pauses then moving the week start gives what moving it first then adding
    them gives, through the session's own plumbing (build_data)."""
    base = Snapshot(
        settings=Settings(week_start=first),
        actions=(action(cadence),),
        logs=tuple(
            sorted(
                (log(TODAY - o * ONE_DAY, i) for i, o in enumerate(offsets)),
                key=lambda e: (e.date, e.logged_at),
            )
        ),
        steps={},
    )
    one = dataclasses.replace(
        dataclasses.replace(base, pauses=tuple(pauses)), settings=Settings(week_start=second)
    )
    two = dataclasses.replace(
        dataclasses.replace(base, settings=Settings(week_start=second)), pauses=tuple(pauses)
    )
    a, b = build_data(one, TODAY, Path("x")), build_data(two, TODAY, Path("x"))
    assert a.streaks == b.streaks and a.summary == b.summary
    # And the pauses reach the figures: without them, never a longer streak.
    bare = build_data(dataclasses.replace(one, pauses=()), TODAY, Path("x"))
    assert bare.streaks["a"].best <= a.streaks["a"].best


def test_pause_cover_counts_periods() -> None:
    monday = D(2026, 11, 2).toordinal()
    cover = PauseCover([Pause("p", "other", D(2026, 11, 4), D(2026, 11, 10))], 7, 0)
    assert cover.covers(monday) and cover.covers(monday + 7) and not cover.covers(monday + 14)
    assert cover.count(monday - 7, monday + 21) == 2
    days = PauseCover([Pause("p", "other", D(2026, 11, 4), None)])
    assert days.covers(D(2030, 1, 1).toordinal()) and not days.covers(monday)


# --- relative dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("Yesterday", TODAY - ONE_DAY),
        ("-3", TODAY - 3 * ONE_DAY),
        ("-0", TODAY),
        ("friday", TODAY),  # today is a Friday: the last one on or before today
        ("thu", TODAY - ONE_DAY),
        ("Saturday", TODAY - 6 * ONE_DAY),
        ("2026-01-02", D(2026, 1, 2)),
    ],
)
def test_parse_date_takes_relative_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["tomorrow", "+3", "-99999", "2026-11-28", "fr", "someday"])
def test_parse_date_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_date(text, TODAY)


def test_created_round_trips_through_the_file_and_a_bad_one_keeps_the_action(
    tmp_path: Path,
) -> None:
    from trust_tui.storage.documents import action_from_doc
    from trust_tui.storage.store import Store

    store = Store(tmp_path / "t.json")
    store.open()
    store.upsert_action(Action(id="x", name="X", cadence="week", target=1, created=TODAY))
    assert store.load().action("x").created == TODAY  # type: ignore[union-attr]
    doc = {"id": "y", "name": "Y", "cadence": "day", "target": 1, "created": "27/11/2026"}
    assert action_from_doc(doc).created is None
    assert "created" not in Action(id="z", name="Z", cadence="day", target=1).to_doc()
