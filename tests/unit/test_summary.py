"""The weekly summary and its `summary --json` document (docs/design.md §5)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference_streaks import histories, ref_week_cells

from trust_tui.domain.models import WEEKDAYS, Action, LogEntry, Settings
from trust_tui.domain.streaks import all_streaks
from trust_tui.domain.summary import WeekCell, weekly_summary

D = dt.date
ONE_DAY = dt.timedelta(days=1)
TODAY = D(2026, 11, 27)  # a Friday, as in docs/design.md §5
MONDAY = Settings(week_start="monday", day_starts_at=dt.time(4, 0))

NOTE = Action(
    id="appreciation-note", name="Appreciation note", cadence="week", target=3, step="3.5", order=4
)
CALL = Action(
    id="stay-in-touch", name="Call or message", cadence="day", target=1, step="3.3", order=2
)
CHECK_IN = Action(
    id="weekly-check-in",
    name="Weekly check-in",
    cadence="week",
    target=1,
    step="3.1",
    rated=True,
    order=0,
)
OLD = Action(id="old-habit", name="Old habit", cadence="day", target=1, archived=True, order=1)


def log(action_id: str, day: dt.date, n: int = 0) -> LogEntry:
    return LogEntry(
        uid=f"{action_id}-{day}-{n}",
        action=action_id,
        date=day,
        logged_at=f"{day.isoformat()}T20:00:00+01:00",
    )


def sample_logs() -> list[LogEntry]:
    logs = [log(NOTE.id, D(2026, 11, 23)), log(NOTE.id, D(2026, 11, 25))]  # this week: 2 of 3
    for week in range(1, 5):  # the four weeks before: 3 notes each
        monday = D(2026, 11, 23) - 7 * week * ONE_DAY
        logs += [log(NOTE.id, monday + i * ONE_DAY) for i in range(3)]
    logs += [log(CALL.id, TODAY - i * ONE_DAY) for i in range(10)]  # ten days in a row
    logs += [log(CALL.id, TODAY - 3 * ONE_DAY, 1)]  # an extra call on the Tuesday adds nothing
    logs += [log(CALL.id, TODAY + ONE_DAY)]  # dated after today: ignored
    logs += [log(OLD.id, TODAY)]
    return logs


def test_json_has_exactly_the_documented_shape() -> None:
    doc = weekly_summary(
        [NOTE, CALL, CHECK_IN, OLD], sample_logs(), TODAY, MONDAY, weeks=3
    ).to_json()
    assert json.loads(json.dumps(doc)) == doc  # plain JSON types only
    assert list(doc) == ["today", "week_start", "actions", "weeks"]
    assert doc["today"] == "2026-11-27"
    assert doc["week_start"] == "monday"
    assert [a["id"] for a in doc["actions"]] == [
        "weekly-check-in",
        "stay-in-touch",
        "appreciation-note",
    ]
    for entry in doc["actions"]:
        assert list(entry) == [
            "id",
            "name",
            "cadence",
            "target",
            "step",
            "current_streak",
            "best_streak",
            "streak_unit",
            "this_period",
            # Added by the Week review (issue 9): the old keys keep their place and meaning.
            "start",
            "met_periods",
            "counted_periods",
            "rate",
            "strength",
        ]
        assert list(entry["this_period"]) == ["start", "count", "target", "met"]
    note = doc["actions"][2]
    assert note == {
        "id": "appreciation-note",
        "name": "Appreciation note",
        "cadence": "week",
        "target": 3,
        "step": "3.5",
        "current_streak": 4,
        "best_streak": 4,
        "streak_unit": "week",
        "this_period": {"start": "2026-11-23", "count": 2, "target": 3, "met": False},
        "start": "2026-10-26",
        "met_periods": 4,
        "counted_periods": 4,
        "rate": 1.0,
        "strength": round(100 * (1 - 0.5 ** (4 * 7**0.5 / 13))),
    }
    call = doc["actions"][1]
    assert (call["current_streak"], call["best_streak"], call["streak_unit"]) == (10, 10, "day")
    assert call["this_period"] == {"start": "2026-11-27", "count": 1, "target": 1, "met": True}
    assert len(doc["weeks"]) == 3
    for week in doc["weeks"]:
        assert list(week) == ["start", "end", "actions"]
        assert list(week["actions"]) == ["weekly-check-in", "stay-in-touch", "appreciation-note"]
        for cell in week["actions"].values():
            assert list(cell) == ["count", "target", "met", "status"]  # status: issue 9
    assert doc["weeks"][0] == {
        "start": "2026-11-23",
        "end": "2026-11-29",
        "actions": {
            "weekly-check-in": {"count": 0, "target": 1, "met": False, "status": "counted"},
            # Mon-Fri; Sat, Sun to come
            "stay-in-touch": {"count": 5, "target": 7, "met": False, "status": "counted"},
            "appreciation-note": {"count": 2, "target": 3, "met": False, "status": "counted"},
        },
    }


def test_weeks_are_newest_first_starting_with_the_current_week() -> None:
    summary = weekly_summary([NOTE], [], TODAY, MONDAY, weeks=12)
    starts = [row.start for row in summary.weeks]
    assert starts[0] == D(2026, 11, 23) and starts[0] <= TODAY <= summary.weeks[0].end
    assert starts == [D(2026, 11, 23) - 7 * i * ONE_DAY for i in range(12)]
    assert all(row.end == row.start + 6 * ONE_DAY for row in summary.weeks)
    assert weekly_summary([NOTE], [], TODAY, MONDAY).weeks[-1].start == D(2026, 10, 5)  # default 8


def test_day_cadence_counts_met_days_out_of_seven() -> None:
    twice = Action(id="twice", name="Twice a day", cadence="day", target=2)
    week = [D(2026, 11, 16) + i * ONE_DAY for i in range(7)]  # last week, Monday to Sunday
    logs = [log("twice", d, n) for d in week for n in range(2)]
    logs += [log("twice", week[0], 2), log("twice", week[0], 3)]  # 4 logs on Monday: still one day
    summary = weekly_summary([twice], logs, TODAY, MONDAY, weeks=2)
    assert summary.weeks[1].cells["twice"] == WeekCell(count=7, target=7, met=True)
    logs = [e for e in logs if not (e.date == week[3] and e.uid.endswith("-1"))]  # Thu: only 1 of 2
    summary = weekly_summary([twice], logs, TODAY, MONDAY, weeks=2)
    assert summary.weeks[1].cells["twice"] == WeekCell(count=6, target=7, met=False)
    assert summary.weeks[0].cells["twice"] == WeekCell(count=0, target=7, met=False)


def test_changing_week_start_regroups_the_counts() -> None:
    # Fri, Sat, Sun, Mon, Tue: Monday weeks split them 3 + 2; Friday weeks hold all five.
    logged = [D(2026, 11, 20) + i * ONE_DAY for i in range(5)]
    logs = [log(NOTE.id, d) for d in logged]
    today = D(2026, 11, 25)
    monday = weekly_summary([NOTE], logs, today, MONDAY, weeks=2)
    assert [(r.start, r.cells[NOTE.id].count) for r in monday.weeks] == [
        (D(2026, 11, 23), 2),
        (D(2026, 11, 16), 3),
    ]
    assert monday.streaks[NOTE.id].current == 1  # last week met; this week (2 of 3) still open
    friday = weekly_summary([NOTE], logs, today, Settings(week_start="friday"), weeks=2)
    assert friday.week_start == "friday"
    assert [(r.start, r.cells[NOTE.id].count) for r in friday.weeks] == [
        (D(2026, 11, 20), 5),
        (D(2026, 11, 13), 0),
    ]
    assert friday.streaks[NOTE.id].this_period.met is True


def test_archived_actions_are_left_out_and_order_is_kept() -> None:
    summary = weekly_summary([NOTE, OLD, CALL, CHECK_IN], sample_logs(), TODAY, MONDAY, weeks=1)
    assert [a.id for a in summary.actions] == [
        "weekly-check-in",
        "stay-in-touch",
        "appreciation-note",
    ]
    assert set(summary.streaks) == {"weekly-check-in", "stay-in-touch", "appreciation-note"}
    assert summary.streaks == all_streaks(summary.actions, sample_logs(), TODAY, 0)


def test_no_weeks_and_negative_weeks() -> None:
    assert weekly_summary([NOTE], [], TODAY, MONDAY, weeks=0).to_json()["weeks"] == []
    with pytest.raises(ValueError, match="weeks"):
        weekly_summary([NOTE], [], TODAY, MONDAY, weeks=-1)


@settings(max_examples=200, deadline=None)
@given(
    history=histories(),
    cadence=st.sampled_from(["day", "week"]),
    target=st.integers(1, 3),
    week_start=st.sampled_from(WEEKDAYS),
    weeks=st.integers(1, 14),
)
def test_week_cells_match_reference(
    history: tuple[list[dt.date], dt.date], cadence: str, target: int, week_start: str, weeks: int
) -> None:
    dates, today = history
    act = Action(id="a", name="A", cadence=cadence, target=target)  # type: ignore[arg-type]
    logs = [log("a", d, i) for i, d in enumerate(dates)]
    summary = weekly_summary([act], logs, today, Settings(week_start=week_start), weeks=weeks)
    expected = ref_week_cells(cadence, target, dates, today, WEEKDAYS.index(week_start), weeks)
    got = [
        (r.start, r.cells["a"].count, r.cells["a"].target, r.cells["a"].met) for r in summary.weeks
    ]
    assert got == expected
    assert summary.streaks["a"] == all_streaks([act], logs, today, WEEKDAYS.index(week_start))["a"]
    assert (
        summary.to_json()["actions"][0]["this_period"]["count"]
        == summary.streaks["a"].this_period.count
    )


@settings(max_examples=200, deadline=None)
@given(history=histories(max_days=60), target=st.integers(1, 3))
def test_week_start_never_changes_per_day_counts(
    history: tuple[list[dt.date], dt.date], target: int
) -> None:
    """Over weeks covering the whole history, the totals are the same whatever the week start."""
    dates, today = history
    day = Action(id="d", name="D", cadence="day", target=target)
    week = Action(id="w", name="W", cadence="week", target=target)
    logs = [log(a, d, i) for i, d in enumerate(dates) for a in ("d", "w")]
    totals = set()
    for week_start in WEEKDAYS:
        summary = weekly_summary(
            [day, week], logs, today, Settings(week_start=week_start), weeks=13
        )
        totals.add(
            (
                sum(r.cells["d"].count for r in summary.weeks),
                sum(r.cells["w"].count for r in summary.weeks),
                summary.streaks["d"],
            )
        )
    assert len(totals) == 1
    ((met_days, logged, _),) = totals
    kept = [d for d in dates if d <= today]
    assert logged == len(kept)
    assert met_days == sum(1 for d in set(kept) if kept.count(d) >= target)
