"""The weekly streak summary (docs/design.md §2 Week screen, §5 `summary --json`)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from operator import attrgetter

from trust_tui.domain.calendar import week_start_ordinal
from trust_tui.domain.frozen import frozen
from trust_tui.domain.models import Action, LogEntry, Pause, Settings
from trust_tui.domain.streaks import (
    PauseCover,
    StreakInfo,
    action_start,
    created_date,
    day_counts_by_action,
    file_first_log,
    streaks_from_grouped,
)

DAYS_PER_WEEK = 7
_by_date = attrgetter("date")


@frozen
class WeekCell:
    """One action in one week. For a day-cadence action: met days out of the week's days that
    count (7, fewer in the week it started or when some days were paused and not met)."""

    count: int
    target: int
    met: bool
    status: str = "counted"
    """'counted'; 'before_start' (the whole week lies before the action started: no figure, not
    a miss); or 'paused' (overlaps a pause and not met: skipped, not a miss)."""


@frozen
class WeekRow:
    """One calendar week; `cells` keyed by action id."""

    start: dt.date
    end: dt.date
    cells: dict[str, WeekCell]


@frozen
class WeeklySummary:
    """The last N weeks × the active actions, with their streaks."""

    today: dt.date
    week_start: str
    """A weekday name, e.g. 'monday'."""
    actions: tuple[Action, ...]
    streaks: dict[str, StreakInfo]
    weeks: tuple[WeekRow, ...]
    """Newest first: the current week is `weeks[0]`."""

    def to_json(self) -> dict[str, object]:
        """Exactly the `summary --json` document of docs/design.md §5 (dates as ISO strings)."""
        return {
            "today": self.today.isoformat(),
            "week_start": self.week_start,
            "actions": [self._action_json(action) for action in self.actions],
            "weeks": [
                {
                    "start": row.start.isoformat(),
                    "end": row.end.isoformat(),
                    "actions": {
                        action_id: {
                            "count": cell.count,
                            "target": cell.target,
                            "met": cell.met,
                            "status": cell.status,
                        }
                        for action_id, cell in row.cells.items()
                    },
                }
                for row in self.weeks
            ],
        }

    def _action_json(self, action: Action) -> dict[str, object]:
        streak = self.streaks[action.id]
        period = streak.this_period
        return {
            "id": action.id,
            "name": action.name,
            "cadence": action.cadence,
            "target": action.target,
            "step": action.step,
            "current_streak": streak.current,
            "best_streak": streak.best,
            "streak_unit": streak.unit,
            "this_period": {
                "start": period.start.isoformat(),
                "count": period.count,
                "target": period.target,
                "met": period.met,
            },
            "start": streak.start.isoformat() if streak.start else None,
            "met_periods": streak.met_periods,
            "counted_periods": streak.counted_periods,
            "rate": None if streak.rate is None else round(streak.rate, 4),
            "strength": round(streak.strength * 100),
        }


def week_cell(
    action: Action,
    day_counts: Mapping[int, int],
    start: int,
    today: int,
    first: int | None = None,
    paused: PauseCover | None = None,
) -> WeekCell:
    """The cell of `action` for the week starting on ordinal `start` (days after `today` skipped).

    `first` is the action's first day (`action_start`): days before it are neither counted
    nor missed. `paused` covers paused days (step 1): a paused day, or a paused week, that is
    not met is skipped.
    """
    first = start if first is None else first
    target = max(action.target, 1)
    last = start + DAYS_PER_WEEK - 1
    if last < first:
        return WeekCell(count=0, target=target, met=False, status="before_start")
    days = range(max(start, first), min(last, today) + 1)
    if action.cadence == "day":
        met_days = [o for o in days if day_counts.get(o, 0) >= target]
        count = len(met_days)
        counting = last - max(start, first) + 1
        if paused:
            counting -= paused.count(max(start, first), last) - sum(map(paused.covers, met_days))
        if counting <= 0:
            return WeekCell(count=0, target=0, met=False, status="paused")
        return WeekCell(count=count, target=counting, met=count >= counting)
    count = sum(day_counts.get(o, 0) for o in days)
    met = count >= target
    if not met and paused and paused.count(start, last):
        return WeekCell(count=count, target=target, met=False, status="paused")
    return WeekCell(count=count, target=target, met=met)


def weekly_summary(
    actions: Iterable[Action],
    logs: Iterable[LogEntry],
    today: dt.date,
    settings: Settings,
    weeks: int = 8,
    *,
    pauses: tuple[Pause, ...] = (),
    created_at: str = "",
) -> WeeklySummary:
    """The last `weeks` weeks (current first) of the active actions, in their `order`.

    `pauses` and `created_at` are the snapshot's (`Snapshot.pauses`, `Snapshot.created_at`).
    """
    if weeks < 0:
        raise ValueError(f"weeks must be 0 or more, not {weeks}.")
    return summary_from_counts(
        actions,
        day_counts_by_action(logs, today),
        today,
        settings,
        weeks,
        pauses=pauses,
        created_at=created_at,
    )


def summary_from_counts(
    actions: Iterable[Action],
    grouped: Mapping[str, Mapping[int, int]],
    today: dt.date,
    settings: Settings,
    weeks: int = 8,
    streaks: Mapping[str, StreakInfo] | None = None,
    *,
    pauses: tuple[Pause, ...] = (),
    created_at: str = "",
) -> WeeklySummary:
    """`weekly_summary` from logs already grouped by `day_counts_by_action(logs, today)`.

    `streaks`, when given, must be `streak_from_counts` of the same counts for (at least) every
    active action: the app computes them once for all actions and shares them here.
    """
    if weeks < 0:
        raise ValueError(f"weeks must be 0 or more, not {weeks}.")
    shown = tuple(sorted((a for a in actions if not a.archived), key=lambda a: a.order))
    week_start = settings.week_start_index
    today_ordinal = today.toordinal()
    empty: dict[int, int] = {}
    file_created = created_date(created_at)
    if streaks is None:
        kept = streaks_from_grouped(
            shown, grouped, today, week_start, pauses=pauses, file_created=file_created
        )
    else:
        kept = {a.id: streaks[a.id] for a in shown}
    first_log = file_first_log(grouped)
    firsts = {
        a.id: action_start(
            a,
            grouped.get(a.id, empty),
            today,
            file_created=file_created,
            file_first_log=first_log,
        )
        for a in shown
    }
    paused = PauseCover(pauses) if pauses else None
    newest = week_start_ordinal(today_ordinal, week_start)
    rows = []
    for i in range(weeks):
        start = newest - DAYS_PER_WEEK * i
        cells = {
            a.id: week_cell(a, grouped.get(a.id, empty), start, today_ordinal, firsts[a.id], paused)
            for a in shown
        }
        rows.append(
            WeekRow(
                start=dt.date.fromordinal(start),
                end=dt.date.fromordinal(start + DAYS_PER_WEEK - 1),
                cells=cells,
            )
        )
    return WeeklySummary(
        today=dt.date.fromordinal(today_ordinal),
        week_start=settings.week_start,
        actions=shown,
        streaks=kept,
        weeks=tuple(rows),
    )


def logs_between(
    logs: tuple[LogEntry, ...], action_id: str, first: dt.date, last: dt.date
) -> list[LogEntry]:
    """The logs of one action from `first` to `last`: logs are sorted by date, so bisect."""
    low = bisect.bisect_left(logs, first, key=_by_date)
    high = bisect.bisect_right(logs, last, key=_by_date)
    return [e for e in logs[low:high] if e.action == action_id]
