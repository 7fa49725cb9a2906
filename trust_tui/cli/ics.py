"""`trust-tui export --format ics`: reminders for the calendar the user already has.

The weekly check-in becomes a weekly event at its day and time, in the user's time zone (a TZID
with its VTIMEZONE, so it stays at 19:30 local on both sides of a DST change), with an alarm 30
minutes before. Every other active weekly action becomes a weekly all-day reminder on the first
day of the week. Names only: no note, no rating, nothing logged ever leaves in this file.
Without both a check-in day and time, the check-in is an all-day weekly reminder too (on its
day, if one is set), and stderr says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from trust_tui import clock
from trust_tui.cli.subcommands import _read, _store, write_output
from trust_tui.domain.calendar import logical_today, week_start_date
from trust_tui.domain.models import WEEKDAYS, Snapshot
from trust_tui.domain.validation import ValidationError

ALARM_BEFORE = dt.timedelta(minutes=30)
CHECKIN_LENGTH = dt.timedelta(hours=1)
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PRODID = "-//trust-tui//reminders//EN"


def cmd_export_ics(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    snapshot = _read(_store(db_path, explicit))
    zone = _zone(args.tz)
    today = logical_today(clock.now(), snapshot.settings.day_starts_at)
    settings = snapshot.settings
    text = export_ics(snapshot, today, zone)
    write_output(Path(args.output) if args.output else None, text, for_screen=True)
    if settings.checkin_day is None or settings.checkin_time is None:
        sys.stderr.write(
            "trust-tui: the check-in needs both a day and a time for a timed event with an alarm "
            "(trust-tui settings --checkin-day DAY --checkin-time HH:MM); until then it is an "
            "all-day weekly reminder like the others.\n"
        )
    return 0


def _zone(name: str | None) -> ZoneInfo:
    """The named zone, else this computer's ($TZ, /etc/timezone, the /etc/localtime link)."""
    if name is not None:
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                f"--tz '{name}' is not a time zone; use an Area/City name such as Europe/Paris."
            ) from None
    for candidate in _local_zone_names():
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    raise ValidationError(
        "This computer's time zone could not be found; name it with --tz, e.g. --tz Europe/Paris."
    )


def _local_zone_names() -> list[str]:
    names: list[str] = []
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        names.append(tz)
    try:
        names.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        names.append(target.split("zoneinfo/", 1)[1])
    return [n for n in names if n]


def export_ics(snapshot: Snapshot, today: dt.date, zone: ZoneInfo) -> str:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "trust-tui reminders")
    settings = snapshot.settings
    stamp = dt.datetime.fromtimestamp(int(clock.now().timestamp()), dt.UTC)
    checkin_set = settings.checkin_day is not None and settings.checkin_time is not None
    first_start: dt.datetime | None = None
    for action in snapshot.active_actions:
        if action.cadence != "week":
            continue
        event = icalendar.Event()
        event.add("uid", f"{action.id}@trust-tui")
        event.add("dtstamp", stamp)
        event.add("summary", action.name)
        if action.description:
            event.add("description", action.description)
        if action.kind == "check-in" and checkin_set:
            assert settings.checkin_day is not None and settings.checkin_time is not None
            weekday = WEEKDAYS.index(settings.checkin_day)
            day = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
            start = dt.datetime.combine(day, settings.checkin_time, tzinfo=zone)
            first_start = start
            event.add("dtstart", start)
            event.add("dtend", start + CHECKIN_LENGTH)
            event.add("rrule", {"freq": "weekly", "byday": _BYDAY[weekday]})
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{action.name} in 30 minutes")
            alarm.add("trigger", -ALARM_BEFORE)
            event.add_component(alarm)
        else:
            first = week_start_date(today, settings.week_start_index)
            if action.kind == "check-in" and settings.checkin_day is not None:
                # A day without a time: all day on that weekday.
                weekday = WEEKDAYS.index(settings.checkin_day)
                first = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
            times = "once" if action.target == 1 else f"{action.target} times"
            event["summary"] = f"{action.name} ({times} this week)"
            event.add("dtstart", first)  # a date: an all-day event
            event.add("dtend", first + dt.timedelta(days=1))
            event.add("rrule", {"freq": "weekly"})
        calendar.add_component(event)
    if first_start is not None:
        # The zone's rules from the first check-in on, for calendars that do not know the TZID.
        first = first_start.date() - dt.timedelta(days=1)
        calendar.add_missing_timezones(
            first_date=first, last_date=first.replace(year=first.year + 20)
        )
    if not calendar.subcomponents:
        raise ValidationError(
            "There is nothing to put in a calendar: no active weekly action; add one on the Actions screen."
        )
    return calendar.to_ical().decode("utf-8")
