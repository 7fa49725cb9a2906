"""What is still open today and this week, and when each action was last done (pure).

Shared by `trust-tui due` and the Today screen, so both always say the same thing. A pause that
covers today means nothing is due: illness, travel or a partner who asked for space is never a
reason to nag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence

from trust_tui.domain.calendar import week_start_ordinal
from trust_tui.domain.frozen import frozen
from trust_tui.domain.models import WEEKDAYS, Action, LogEntry, Pause, Settings
from trust_tui.domain.streaks import StreakInfo


@frozen
class DueItem:
    """One action still open: how many logs are left in its current period."""

    action: Action
    left: int
    checkin_today: bool = False
    """The weekly check-in, on the check-in day set in the settings, not yet done this week."""

    @property
    def phrase(self) -> str:
        """'1 today', '2 more this week', 'check-in due today'."""
        if self.checkin_today:
            return "check-in due today"
        if self.action.cadence == "day":
            return f"{self.left} today"
        return f"{self.left} more this week"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.action.id,
            "name": self.action.name,
            "cadence": self.action.cadence,
            "left": self.left,
            "checkin_today": self.checkin_today,
            "phrase": self.phrase,
        }


@frozen
class DueList:
    """Everything open now, the check-in first on its day; empty while a pause covers today."""

    today: dt.date
    items: tuple[DueItem, ...]
    pause: Pause | None = None
    """The pause covering today, if any (then `items` is empty)."""

    def to_json(self) -> dict[str, object]:
        pause = None
        if self.pause is not None:
            pause = {
                "reason": self.pause.reason,
                "from": self.pause.start.isoformat(),
                "until": self.pause.until.isoformat() if self.pause.until else None,
            }
        return {
            "today": self.today.isoformat(),
            "paused": pause,
            "due": [item.to_json() for item in self.items],
        }


def pause_on(pauses: Iterable[Pause], day: dt.date) -> Pause | None:
    """The pause covering `day`, if any (the earliest-starting one, should several)."""
    covering = [p for p in pauses if p.overlaps(day, day)]
    return min(covering, key=lambda p: p.start) if covering else None


def is_checkin_day(settings: Settings, today: dt.date) -> bool:
    return settings.checkin_day is not None and WEEKDAYS[today.weekday()] == settings.checkin_day


def due_items(
    actions: Iterable[Action],
    day_counts: Mapping[str, Mapping[int, int]],
    today: dt.date,
    settings: Settings,
    pauses: Iterable[Pause] = (),
) -> DueList:
    """What is still open for `today`, given each action's logs per day ordinal.

    A day-cadence action counts today's logs, a weekly one this week's (weeks cut by
    `settings.week_start`). Archived actions are never due.
    """
    ordinal = today.toordinal()
    week_first = week_start_ordinal(ordinal, settings.week_start_index)

    def done(action: Action) -> int:
        counts = day_counts.get(action.id, {})
        if action.cadence == "day":
            return counts.get(ordinal, 0)
        return sum(counts.get(o, 0) for o in range(week_first, ordinal + 1))

    return _due(actions, done, today, settings, pauses)


def due_from_streaks(
    actions: Iterable[Action],
    streaks: Mapping[str, StreakInfo],
    today: dt.date,
    settings: Settings,
    pauses: Iterable[Pause] = (),
) -> DueList:
    """`due_items` from the streaks the app already holds (their open period's count)."""

    def done(action: Action) -> int:
        streak = streaks.get(action.id)
        return streak.this_period.count if streak is not None else 0

    return _due(actions, done, today, settings, pauses)


def _due(
    actions: Iterable[Action],
    done: Callable[[Action], int],
    today: dt.date,
    settings: Settings,
    pauses: Iterable[Pause],
) -> DueList:
    pause = pause_on(pauses, today)
    if pause is not None:
        return DueList(today, (), pause)
    checkin_day = is_checkin_day(settings, today)
    items: list[DueItem] = []
    for action in sorted(actions, key=lambda a: a.order):
        if action.archived:
            continue
        left = max(action.target, 1) - done(action)
        if left <= 0:
            continue
        items.append(DueItem(action, left, checkin_today=checkin_day and action.kind == "check-in"))
    # The check-in comes first on its day; the others keep their order.
    items.sort(key=lambda item: not item.checkin_today)
    return DueList(today, tuple(items))


def last_done_by_action(
    logs: Sequence[LogEntry], today: dt.date, action_ids: Iterable[str]
) -> dict[str, dt.date | None]:
    """The newest logged day (on or before `today`) of each action. `logs` are oldest first,
    so this walks back from the newest and usually stops after a few days' worth."""
    wanted = set(action_ids)
    found: dict[str, dt.date | None] = dict.fromkeys(wanted)
    missing = set(wanted)
    for entry in reversed(logs):
        if not missing:
            break
        if entry.action in missing and entry.date <= today:
            found[entry.action] = entry.date
            missing.discard(entry.action)
    return found


def last_done_from_counts(
    counts: Mapping[str, Mapping[int, int]], today: dt.date, actions: Iterable[Action]
) -> dict[str, dt.date | None]:
    """`last_done_by_action` from the logs per action and day ordinal."""
    return {action.id: last_done(counts.get(action.id, {}), today) for action in actions}


def short_line(due: DueList) -> str:
    """One line for a shell prompt: 'trust: 2 due', or '' when nothing is due."""
    return f"trust: {len(due.items)} due" if due.items else ""


def last_done(day_counts: Mapping[int, int], today: dt.date) -> dt.date | None:
    """The newest day (on or before `today`) with a log."""
    ordinal = today.toordinal()
    days = [o for o, n in day_counts.items() if n and o <= ordinal]
    return dt.date.fromordinal(max(days)) if days else None


def ago(day: dt.date | None, today: dt.date) -> str:
    """'today', 'yesterday', '3 days ago', 'never'."""
    if day is None:
        return "never"
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"
