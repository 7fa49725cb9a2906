"""What is due (issue 10): the pure rules shared by `trust-tui due` and Today."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from trust_tui.domain.due import (
    ago,
    due_from_streaks,
    due_items,
    last_done_by_action,
    short_line,
)
from trust_tui.domain.models import Action, LogEntry, Pause, Settings
from trust_tui.domain.streaks import all_streaks, day_counts_by_action
from trust_tui.guide import load_default_actions

FRIDAY = dt.date(2026, 11, 27)  # the week (from Monday) began on 2026-11-23
ACTIONS = tuple(load_default_actions())


def _log(action: str, day: dt.date, n: int = 0) -> LogEntry:
    return LogEntry(f"{action}-{day}-{n}", action, day, f"{day}T12:00:00+00:00")


def _due(logs: list[LogEntry], settings: Settings | None = None, pauses=()):  # type: ignore[no-untyped-def]
    settings = settings or Settings()
    return due_items(ACTIONS, day_counts_by_action(logs, FRIDAY), FRIDAY, settings, pauses)


def test_nothing_logged_everything_is_due_with_what_is_left() -> None:
    due = _due([])
    phrases = {item.action.id: item.phrase for item in due.items}
    assert phrases == {
        "weekly-check-in": "1 more this week",
        "ask-needs": "1 more this week",
        "stay-in-touch": "1 today",
        "shared-activity": "1 more this week",
        "appreciation-note": "3 more this week",
    }
    assert short_line(due) == "trust: 5 due"


def test_logs_count_for_today_and_this_week_only() -> None:
    logs = [
        _log("stay-in-touch", FRIDAY),
        _log("appreciation-note", dt.date(2026, 11, 23)),  # Monday: this week
        _log("appreciation-note", dt.date(2026, 11, 22)),  # Sunday: last week
        _log("weekly-check-in", dt.date(2026, 11, 25)),
        _log("ask-needs", FRIDAY),
        _log("shared-activity", FRIDAY),
    ]
    due = _due(logs)
    assert [(i.action.id, i.phrase) for i in due.items] == [
        ("appreciation-note", "2 more this week")
    ]


def test_everything_done_prints_nothing_for_the_prompt() -> None:
    logs = [_log(a.id, FRIDAY, n) for a in ACTIONS for n in range(a.target)]
    due = _due(logs)
    assert due.items == () and short_line(due) == ""


def test_on_the_checkin_day_the_checkin_comes_first_and_says_so() -> None:
    settings = Settings(checkin_day="friday")
    due = _due([], settings)
    assert due.items[0].action.id == "weekly-check-in"
    assert due.items[0].phrase == "check-in due today"
    other_day = _due([], Settings(checkin_day="sunday"))
    assert other_day.items[0].phrase == "1 more this week"
    # Done this week: not due, even on its day.
    done = _due([_log("weekly-check-in", dt.date(2026, 11, 24))], settings)
    assert "weekly-check-in" not in {i.action.id for i in done.items}


def test_a_pause_covering_today_means_nothing_is_due() -> None:
    pause = Pause("p", "illness", dt.date(2026, 11, 25), None)
    due = _due([], pauses=(pause,))
    assert due.items == () and due.pause == pause and short_line(due) == ""
    ended = Pause("p", "travel", dt.date(2026, 11, 20), dt.date(2026, 11, 26))
    assert len(_due([], pauses=(ended,)).items) == 5


def test_archived_actions_are_never_due() -> None:
    actions = tuple(dataclasses.replace(a, archived=a.id == "ask-needs") for a in ACTIONS)
    due = due_items(actions, {}, FRIDAY, Settings())
    assert "ask-needs" not in {i.action.id for i in due.items}


@given(
    st.lists(
        st.tuples(
            st.sampled_from([a.id for a in ACTIONS]),
            st.integers(min_value=-20, max_value=0),
        ),
        max_size=40,
    ),
    st.sampled_from(["monday", "wednesday", "sunday"]),
)
def test_the_app_and_the_command_line_agree(
    entries: list[tuple[str, int]], week_start: str
) -> None:
    """Today derives what is due from the streaks; `due` from day counts: always the same."""
    logs = sorted(
        (_log(a, FRIDAY + dt.timedelta(days=d), n) for n, (a, d) in enumerate(entries)),
        key=lambda e: e.date,
    )
    settings = Settings(week_start=week_start)
    counts = day_counts_by_action(logs, FRIDAY)
    streaks = all_streaks(ACTIONS, logs, FRIDAY, settings.week_start_index)
    assert due_items(ACTIONS, counts, FRIDAY, settings) == due_from_streaks(
        ACTIONS, streaks, FRIDAY, settings
    )


def test_last_done_is_the_newest_day_up_to_today() -> None:
    logs = [
        _log("stay-in-touch", dt.date(2026, 11, 20)),
        _log("stay-in-touch", dt.date(2026, 11, 24)),
        _log("ask-needs", dt.date(2026, 11, 26)),
        _log("ask-needs", dt.date(2026, 11, 29)),  # after today (a traveller's): ignored
    ]
    last = last_done_by_action(logs, FRIDAY, ["stay-in-touch", "ask-needs", "shared-activity"])
    assert last == {
        "stay-in-touch": dt.date(2026, 11, 24),
        "ask-needs": dt.date(2026, 11, 26),
        "shared-activity": None,
    }
    assert [ago(last[k], FRIDAY) for k in ("stay-in-touch", "ask-needs", "shared-activity")] == [
        "3 days ago",
        "yesterday",
        "never",
    ]
    assert ago(FRIDAY, FRIDAY) == "today"


def test_a_higher_target_leaves_more() -> None:
    twice = (Action("walk", "Walk", "day", 2),)
    due = due_items(twice, {"walk": Counter({FRIDAY.toordinal(): 1})}, FRIDAY, Settings())
    assert [i.phrase for i in due.items] == ["1 today"]
