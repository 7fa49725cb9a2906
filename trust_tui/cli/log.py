"""`trust-tui log`: the command run most often, so it imports only what it uses.

It appends one line to the journal after reading only the derived index
(`trust_tui.storage.quicklog`); when the index cannot serve (no file yet, the day's first run,
a stale index) it goes through `Store`, which compacts, backs up and rebuilds the index.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from trust_tui import clock
from trust_tui.cli.output import say
from trust_tui.domain.calendar import logical_today
from trust_tui.domain.matching import match_action
from trust_tui.domain.models import Action, LogEntry, Pause, Settings
from trust_tui.domain.streaks import streak_from_counts
from trust_tui.domain.validation import ValidationError, new_log_entry, parse_date
from trust_tui.domain.wording import period_phrase


def cmd_log(db_path: Path, args: argparse.Namespace, explicit: bool) -> int:
    if explicit and not db_path.parent.is_dir():
        raise ValidationError(
            f"The folder {db_path.parent} does not exist; create it first or choose another --db path."
        )
    now = clock.now_plain()
    found: dict[str, object] = {}

    def make(settings: Settings, actions: Sequence[Action]) -> LogEntry:
        today = logical_today(now, settings.day_starts_at)
        action = match_action(args.action, actions)  # an id, a name, or the start of either
        # `is not None`: an empty --date (a script's unset variable) is refused, not taken as today.
        day = parse_date(args.date, today) if args.date is not None else today
        found.update(action=action, today=today)
        return new_log_entry(
            action,
            action.id,
            day,
            today,
            note=args.note,
            rating=args.rating,
            logged_at=now.isoformat(timespec="seconds"),
            uid=os.urandom(16).hex(),
        )

    file = Path(os.path.realpath(db_path))
    result = None
    if file.is_file():
        from trust_tui.storage import quicklog

        result = quicklog.append_log(file, now.date(), make)
    if result is None:
        entry, settings, counts, pauses = _through_store(db_path, now, make)
    else:
        entry, settings, counts, pauses = result
    action: Action = found["action"]  # type: ignore[assignment]
    today: dt.date = found["today"]  # type: ignore[assignment]
    streak = streak_from_counts(action, counts, today, settings.week_start_index, pauses=pauses)
    say(f"Logged {action.name} for {entry.date.isoformat()}. {period_phrase(action, streak)}")
    return 0


def _through_store(
    db_path: Path, now: dt.datetime, make: Callable[[Settings, Sequence[Action]], LogEntry]
) -> tuple[LogEntry, Settings, dict[int, int], tuple[Pause, ...]]:
    """The full path: open (create, migrate, compact, back up, rebuild the index), then add."""
    from trust_tui.guide import load_default_actions
    from trust_tui.storage.store import Store

    store = Store(db_path, default_actions=load_default_actions(), now=lambda: now)
    if store.path.exists():
        snapshot = store.open(logs=False)
        settings, actions, pauses = snapshot.settings, snapshot.actions, snapshot.pauses
    else:
        settings, actions, pauses = Settings(), tuple(store.default_actions), ()
    entry = make(settings, actions)  # checked before a new file is created
    if not store.path.exists():
        store.open(logs=False)
    store.add_log(entry)
    counts: dict[int, int] = {}
    for date in store.log_dates(entry.action):
        counts[date.toordinal()] = counts.get(date.toordinal(), 0) + 1
    return entry, settings, counts, pauses
