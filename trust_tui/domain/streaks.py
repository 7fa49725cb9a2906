"""Current and best streaks per action (DESIGN §4).

Hot path (DESIGN §8): logs are grouped once into `Counter`s of date ordinals, and every period is
an integer (a day ordinal, or the ordinal of its week's first day). No per-entry objects are built.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trust_tui.domain.calendar import period_length, week_start_ordinal
from trust_tui.domain.models import Action, LogEntry

DayCounts = Counter[int]
"""Logs per day, keyed by `date.toordinal()`."""


@dataclass(frozen=True, slots=True)
class PeriodProgress:
    """One period (a day, or a week) of one action: how many logs, and whether that is enough."""

    start: dt.date
    end: dt.date
    count: int
    target: int
    met: bool


@dataclass(frozen=True, slots=True)
class StreakInfo:
    """The streaks of one action, counted in periods of `unit`."""

    action_id: str
    unit: str
    """'day' or 'week' (the action's cadence)."""
    current: int
    """Consecutive met periods ending now (the open current period never breaks it)."""
    best: int
    """The longest run of consecutive met periods ever (always ≥ current)."""
    this_period: PeriodProgress
    """The current, still open period."""
    last_met: dt.date | None
    """The first day of the newest met period, or None if no period was ever met."""


def day_counts_by_action(logs: Iterable[LogEntry], today: dt.date) -> dict[str, DayCounts]:
    """Group logs once: action id -> Counter of day ordinals. Logs dated after `today` are dropped."""
    # One plain loop with attribute access is the fastest grouping in CPython (measured: faster
    # than attrgetter/Counter over (action, date) tuples); ints then count cheaply in C.
    ordinals: defaultdict[str, list[int]] = defaultdict(list)
    for log in logs:
        ordinals[log.action].append(log.date.toordinal())
    today_ordinal = today.toordinal()
    grouped: dict[str, DayCounts] = {}
    for action_id, days in ordinals.items():
        counts = Counter(days)
        if max(counts) > today_ordinal:
            counts = Counter({o: n for o, n in counts.items() if o <= today_ordinal})
        grouped[action_id] = counts
    return grouped


def period_counts(day_counts: Mapping[int, int], cadence: str, week_start: int) -> dict[int, int]:
    """Logs per period, keyed by the ordinal of the period's first day."""
    if period_length(cadence) == 1:
        return dict(day_counts)
    weeks: dict[int, int] = {}
    for ordinal, n in day_counts.items():
        # Inlined `week_start_ordinal`: this loop runs once per logged day.
        start = ordinal - (ordinal - 1 - week_start) % 7
        weeks[start] = weeks.get(start, 0) + n
    return weeks


def streak_from_counts(
    action: Action, day_counts: Mapping[int, int], today: dt.date, week_start: int
) -> StreakInfo:
    """The streaks of `action` given its logs per day ordinal (entries after `today` ignored)."""
    today_ordinal = today.toordinal()
    step = period_length(action.cadence)
    # A target below 1 cannot come from a valid file; treat it as 1 rather than call every
    # empty period met.
    target = max(action.target, 1)
    kept = {o: n for o, n in day_counts.items() if o <= today_ordinal}
    counts = period_counts(kept, action.cadence, week_start)
    current_start = week_start_ordinal(today_ordinal, week_start) if step == 7 else today_ordinal
    met = sorted(p for p, n in counts.items() if n >= target)
    met_set = set(met)

    current = 0
    p = current_start if current_start in met_set else current_start - step
    while p in met_set:
        current += 1
        p -= step

    best = run = 0
    previous = None
    for p in met:
        run = run + 1 if previous == p - step else 1
        best = max(best, run)
        previous = p

    this_count = counts.get(current_start, 0)
    this_period = PeriodProgress(
        start=dt.date.fromordinal(current_start),
        end=dt.date.fromordinal(current_start + step - 1),
        count=this_count,
        target=target,
        met=this_count >= target,
    )
    return StreakInfo(
        action_id=action.id,
        unit=action.cadence,
        current=current,
        best=best,
        this_period=this_period,
        last_met=dt.date.fromordinal(met[-1]) if met else None,
    )


def action_streak(
    action: Action, dates: Iterable[dt.date], today: dt.date, week_start: int
) -> StreakInfo:
    """The streaks of one action from the dates of its logs (dates after `today` ignored)."""
    return streak_from_counts(action, Counter(d.toordinal() for d in dates), today, week_start)


def all_streaks(
    actions: Iterable[Action], logs: Iterable[LogEntry], today: dt.date, week_start: int
) -> dict[str, StreakInfo]:
    """The streaks of every action, keyed by action id; logs are grouped by action once."""
    grouped = day_counts_by_action(logs, today)
    empty: DayCounts = Counter()
    return {
        action.id: streak_from_counts(action, grouped.get(action.id, empty), today, week_start)
        for action in actions
    }
