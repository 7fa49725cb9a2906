"""Checks on everything a person types, each failure one clear sentence (exit code 2)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from trust_tui.domain.models import (
    ACTION_KINDS,
    CADENCES,
    NOTE_MAX_CHARS,
    WEEKDAYS,
    Action,
    LogEntry,
)

EARLIEST_DATE = dt.date(1970, 1, 1)
NAME_MAX_CHARS = 80


class ValidationError(ValueError):
    """Bad input from the user: its message is one sentence saying what to do."""


def clean_text(text: str, max_chars: int = NOTE_MAX_CHARS, field: str = "note") -> str:
    """Keep the text as typed, minus control characters other than newline and tab.

    Control characters could move the terminal's cursor or change its state if they ever
    reached the screen raw, so they are dropped on the way in (docs/design.md §6).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Only Cc (C0/C1 controls: escape sequences, bells, backspaces) goes; format characters
    # such as the zero-width joiner stay, or emoji sequences would break.
    kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    if len(kept) > max_chars:
        raise ValidationError(
            f"The {field} is {len(kept):,} characters long; the limit is {max_chars:,}."
        )
    return kept


def clean_name(text: str, field: str = "name") -> str:
    """A one-line name: cleaned, stripped, not empty, at most NAME_MAX_CHARS."""
    name = " ".join(clean_text(text, max_chars=10 * NAME_MAX_CHARS, field=field).split())
    if not name:
        raise ValidationError(f"The {field} is empty; give it a few words.")
    if len(name) > NAME_MAX_CHARS:
        raise ValidationError(
            f"The {field} is {len(name)} characters long; the limit is {NAME_MAX_CHARS}."
        )
    return name


def check_unique_name(name: str, actions: Iterable[Action], own_id: str | None = None) -> str:
    """`name`, if no other active action has it (case and spacing aside): two rows with one name
    cannot be told apart on any screen. An archived action's name may be used again."""
    key = " ".join(name.split()).casefold()
    for action in actions:
        if action.archived or action.id == own_id:
            continue
        if " ".join(action.name.split()).casefold() == key:
            raise ValidationError(
                f"You already have an action called '{action.name}'; choose another name."
            )
    return name


def parse_date(text: str, today: dt.date) -> dt.date:
    """A date between 1970-01-01 and today (inclusive): YYYY-MM-DD, `today`, `yesterday`, `-N`
    (N days ago) or a weekday name (or its first three letters): the last one on or before
    today."""
    text = text.strip()
    word = text.lower()
    if word in ("today", "yesterday"):
        return today - dt.timedelta(days=0 if word == "today" else 1)
    if re.fullmatch(r"-\d{1,6}", word):
        back = int(word[1:])
        if back > today.toordinal() - EARLIEST_DATE.toordinal():
            raise ValidationError(f"{back} days ago is before 1970; use a later date.")
        return today - dt.timedelta(days=back)
    if re.fullmatch(r"[a-z]{3,9}", word):
        try:
            weekday = WEEKDAYS.index(parse_weekday(word))
        except ValidationError:
            pass
        else:
            return today - dt.timedelta(days=(today.weekday() - weekday) % 7)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(
            f"'{text}' is not a date; write it as YYYY-MM-DD (e.g. {today}), today, yesterday, "
            "-N for N days ago, or a weekday name."
        )
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"'{text}' is not a real calendar date.") from None
    check_day(day, today)
    return day


def check_day(day: dt.date, today: dt.date) -> None:
    """A logged date may be neither after the logical today nor before 1970."""
    if day > today:
        raise ValidationError(f"{day} is in the future; today is {today}.")
    if day < EARLIEST_DATE:
        raise ValidationError(f"{day} is before 1970; use a later date.")


def new_log_entry(
    action: Action | None,
    action_ref: str,
    day: dt.date,
    today: dt.date,
    *,
    note: str = "",
    rating: str | int | None = None,
    logged_at: str,
    uid: str,
) -> LogEntry:
    """Check a request to log `action` (looked up from `action_ref`) and build its entry.

    The one rule for a new log, shared by `trust-tui log` and the app: the action exists and is
    active, the day is allowed, the note fits, and only a rated action takes a rating.
    """
    if action is None:
        raise ValidationError(f"There is no action '{action_ref}'.")
    if action.archived:
        raise ValidationError(
            f"'{action.name}' is archived; bring it back on the Actions screen to log it."
        )
    check_day(day, today)
    clean = clean_text(note or "", field="note")
    if rating is not None:
        if not action.rated:
            raise ValidationError(f"'{action.name}' takes no rating; only a check-in does.")
        rating = parse_rating(rating)
    return LogEntry(uid, action.id, day, logged_at, clean, rating)


def _whole_number(value: str | int, what: str, lo: int, hi: int, kind: str) -> int:
    """The one rule for a whole number typed or given on the command line: `value` read as an int
    from `lo` to `hi`; otherwise one sentence naming `what` (e.g. "The rating '7.5' is not …")."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(f"The {what} '{value}' is not {kind}.") from None
    if not lo <= number <= hi:
        raise ValidationError(f"The {what} must be from {lo} to {hi}, not {number}.")
    return number


def parse_rating(value: str | int) -> int:
    """A whole number from 1 to 10."""
    return _whole_number(value, "rating", 1, 10, "a whole number from 1 to 10")


def _clock_time(text: str, example: str) -> dt.time:
    """The one rule for a time typed as HH:MM (00:00 to 23:59); `example` is shown when it is not
    written that way."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not match:
        raise ValidationError(f"'{text}' is not a time; write it as HH:MM, e.g. {example}.")
    hour, minute = int(match[1]), int(match[2])
    if minute > 59 or hour > 23:
        raise ValidationError(f"'{text}' is not a real time of day.")
    return dt.time(hour, minute)


def parse_hhmm(text: str) -> dt.time:
    """The hour the day starts: HH:MM from 00:00 to 11:59."""
    time = _clock_time(text, "04:00")
    if time.hour > 11:
        raise ValidationError(
            f"The day can start at 00:00 to 11:59, not {text}; a later hour would move the whole day."
        )
    return time


def parse_weekday(text: str) -> str:
    """A weekday name (or its first three letters), returned in full lower case."""
    key = text.strip().lower()
    for name in WEEKDAYS:
        if key == name or (len(key) >= 3 and name.startswith(key)):
            return name
    raise ValidationError(f"'{text}' is not a weekday; use one of {', '.join(WEEKDAYS)}.")


def parse_target(value: str | int) -> int:
    """How many times per period: a whole number from 1 to 99."""
    return _whole_number(value, "target", 1, 99, "a whole number")


def check_action(action: Action) -> Action:
    """An action read from a file or the content is well formed (raises ValidationError)."""
    if action.cadence not in CADENCES:
        raise ValidationError(f"cadence '{action.cadence}' is neither 'day' nor 'week'")
    if type(action.target) is not int or action.target < 1:
        raise ValidationError(f"target {action.target!r} is not a whole number of at least 1")
    if action.step is not None and not isinstance(action.step, str):
        raise ValidationError("step is not text")
    if type(action.order) is not int:
        raise ValidationError("order is not a whole number")
    if action.kind not in ACTION_KINDS:
        raise ValidationError(f"kind '{action.kind}' is not one of {', '.join(ACTION_KINDS)}")
    return action


def slugify(name: str) -> str:
    """A stable, readable id for a custom action: lower-case words joined by dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].rstrip("-") or "action"


def unique_slug(name: str, taken: set[str] | frozenset[str]) -> str:
    """slugify(name), with -2, -3 … appended until it is not in `taken`."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


NONE_WORDS = frozenset({"none", "off", "unset"})
"""What clears an optional setting on the command line (`--checkin-day none`)."""


def parse_time_of_day(text: str) -> dt.time:
    """Any wall-clock time HH:MM, 00:00 to 23:59 (the check-in's time)."""
    return _clock_time(text, "19:30")


def parse_optional_weekday(text: str) -> str | None:
    """A weekday, or None for 'none' (the setting is cleared)."""
    return None if text.strip().lower() in NONE_WORDS else parse_weekday(text)


def parse_optional_time(text: str) -> dt.time | None:
    """A time of day, or None for 'none' (the setting is cleared)."""
    return None if text.strip().lower() in NONE_WORDS else parse_time_of_day(text)
