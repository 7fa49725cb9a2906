"""`trust-tui pause` and `trust-tui resume`: the rules are in `trust_tui.domain.pauses`."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import uuid
from pathlib import Path

from trust_tui import clock
from trust_tui.cli.subcommands import _read, _store
from trust_tui.domain.calendar import logical_today
from trust_tui.domain.pauses import describe, new_pause, resume
from trust_tui.domain.validation import ValidationError


def parse_day(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD calendar date (past or future: the pause rules decide what is allowed)."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(f"{option} '{text}' is not a date; write it as YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{option} '{text}' is not a real calendar date.") from None


def cmd_pause(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    snapshot = _read(store, logs=False)
    today = logical_today(clock.now(), snapshot.settings.day_starts_at)
    start = parse_day(args.start, "--from") if args.start is not None else today
    until = parse_day(args.until, "--until") if args.until is not None else None
    pause = new_pause(
        args.reason, start, until, args.note, today, snapshot.pauses, uuid.uuid4().hex
    )
    store.open(logs=False)  # creates the file only now that the input is known to be good
    store.save_pause(pause)
    end = f"until {pause.until.isoformat()}" if pause.until else "until you run 'trust-tui resume'"
    print(
        f"Paused for {pause.reason} from {pause.start.isoformat()} {end}. "
        "Nothing is due meanwhile, and no streak breaks."
    )
    if pause.reason == "space":
        from trust_tui.guide import load_space_note

        print()
        print(load_space_note())
    return 0


def cmd_resume(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    store = _store(db_path, explicit)
    snapshot = _read(store, logs=False)
    today = logical_today(clock.now(), snapshot.settings.day_starts_at)
    day = parse_day(args.date, "--date") if args.date is not None else today
    old, new = resume(snapshot.pauses, day, today)
    store.open(logs=False)
    if new is None:
        store.delete_pause(old.uid)
        print(f"Cancelled the pause for {describe(old)}: it had not begun by {day.isoformat()}.")
    else:
        store.save_pause(new)
        print(
            f"Welcome back. The pause for {old.reason} now runs {describe(new).split(' ', 1)[1]}."
        )
    return 0
