"""`trust-tui export --format ics` (issue 10): the file is parsed back with icalendar and its
recurrence, alarm and time zone checked, across a DST change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from app_helpers import file_raw, hand_edit, run_cli
from dateutil.rrule import rrulestr

PARIS = ZoneInfo("Europe/Paris")


pytestmark = pytest.mark.usefixtures("now_pinned")  # conftest: Friday 2026-11-27, 20:00 +01:00


def run(db: Path, *args: str) -> int:
    return run_cli("--db", str(db), *args)


def export(db: Path, tmp_path: Path, *extra: str) -> icalendar.Calendar:
    out = tmp_path / "trust.ics"
    assert run(db, "export", "--format", "ics", "-o", str(out), *extra) == 0
    assert out.stat().st_mode & 0o077 == 0
    return icalendar.Calendar.from_ical(out.read_bytes())


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_checkin_repeats_weekly_at_its_local_time_with_an_alarm(
    db: Path, tmp_path: Path
) -> None:
    assert run(db, "settings", "--checkin-day", "sunday", "--checkin-time", "19:30") == 0
    calendar = export(db, tmp_path, "--tz", "Europe/Paris")
    checkin = events(calendar)["weekly-check-in@trust-tui"]
    start = checkin.decoded("dtstart")
    assert start == dt.datetime(2026, 11, 29, 19, 30, tzinfo=PARIS)  # the next Sunday
    assert checkin["dtstart"].params["TZID"] == "Europe/Paris"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    rule = checkin["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["SU"]
    [alarm] = checkin.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(minutes=30)
    assert str(alarm["action"]) == "DISPLAY"
    # Across the DST change of 28 March 2027 the local time stays 19:30 and the UTC time moves.
    occurrences = list(
        rrulestr(rule.to_ical().decode(), dtstart=start).between(
            dt.datetime(2027, 3, 20, tzinfo=PARIS), dt.datetime(2027, 4, 5, tzinfo=PARIS)
        )
    )
    assert [o.date() for o in occurrences] == [
        dt.date(2027, 3, 21),
        dt.date(2027, 3, 28),
        dt.date(2027, 4, 4),
    ]
    assert {(o.hour, o.minute) for o in occurrences} == {(19, 30)}
    assert [o.astimezone(dt.UTC).hour for o in occurrences] == [18, 17, 17]


def test_other_weekly_actions_are_all_day_weekly_reminders(db: Path, tmp_path: Path) -> None:
    assert run(db, "settings", "--checkin-day", "sunday", "--checkin-time", "19:30") == 0
    found = events(export(db, tmp_path, "--tz", "Europe/Paris"))
    assert set(found) == {
        "weekly-check-in@trust-tui",
        "ask-needs@trust-tui",
        "shared-activity@trust-tui",
        "appreciation-note@trust-tui",
    }  # not the daily "Call or message"
    note = found["appreciation-note@trust-tui"]
    assert note.decoded("dtstart") == dt.date(2026, 11, 23)  # the week's first day: a date
    assert note["rrule"]["FREQ"] == ["WEEKLY"]
    assert str(note["summary"]) == "Appreciation note (3 times this week)"
    assert not note.walk("VALARM")


def test_the_local_zone_is_used_without_tz(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert run(db, "settings", "--checkin-day", "mon", "--checkin-time", "08:00") == 0
    checkin = events(export(db, tmp_path))["weekly-check-in@trust-tui"]
    assert checkin["dtstart"].params["TZID"] == "America/New_York"


def test_without_a_checkin_time_only_the_reminders_and_a_sentence(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = events(export(db, tmp_path, "--tz", "Europe/Paris"))
    err = capsys.readouterr().err
    assert "the check-in needs both a day and a time" in err and err.count("\n") == 1
    checkin = found["weekly-check-in@trust-tui"]
    assert isinstance(checkin.decoded("dtstart"), dt.date)
    assert not isinstance(checkin.decoded("dtstart"), dt.datetime)
    assert not checkin.walk("VALARM")


def test_a_checkin_day_without_a_time_is_an_all_day_reminder_on_that_day(
    db: Path, tmp_path: Path
) -> None:
    assert run(db, "settings", "--checkin-day", "wednesday") == 0
    checkin = events(export(db, tmp_path, "--tz", "UTC"))["weekly-check-in@trust-tui"]
    assert checkin.decoded("dtstart") == dt.date(2026, 12, 2)
    assert checkin["rrule"]["FREQ"] == ["WEEKLY"]


def test_nothing_private_goes_into_the_calendar(db: Path, tmp_path: Path) -> None:
    assert run(db, "log", "appreciation-note", "--note", "SECRET words") == 0
    out = tmp_path / "trust.ics"
    assert run(db, "export", "--format", "ics", "--tz", "UTC", "-o", str(out)) == 0
    assert "SECRET" not in out.read_text()


def test_a_bad_zone_exits_2_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "trust.ics"
    assert run(db, "export", "--format", "ics", "--tz", "Nowhere/Town", "-o", str(out)) == 2
    assert "is not a time zone" in capsys.readouterr().err
    assert not out.exists()


def test_no_weekly_action_at_all_exits_2(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "log", "stay-in-touch") == 0
    data = file_raw(db)
    for doc in data["actions"].values():
        doc["archived"] = doc["cadence"] == "week"
    hand_edit(db, data)
    out = tmp_path / "trust.ics"
    assert run(db, "export", "--format", "ics", "--tz", "UTC", "-o", str(out)) == 2
    assert "nothing to put in a calendar" in capsys.readouterr().err
    assert not out.exists()
