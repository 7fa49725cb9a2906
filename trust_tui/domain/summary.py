"""The weekly streak summary (DESIGN §2 Week screen, §5 `summary --json`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trust_tui.domain.calendar import week_start_ordinal
from trust_tui.domain.models import Action, LogEntry, Settings
from trust_tui.domain.streaks import StreakInfo, day_counts_by_action, streak_from_counts

DAYS_PER_WEEK = 7


@dataclass(frozen=True, slots=True)
class WeekCell:
    """One action in one week. For a day-cadence action: met days out of 7."""

    count: int
    target: int
    met: bool


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One calendar week; `cells` keyed by action id."""

    start: dt.date
    end: dt.date
    cells: dict[str, WeekCell]


@dataclass(frozen=True, slots=True)
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
        """Exactly the `summary --json` document of DESIGN §5 (dates as ISO strings)."""
        return {
            "today": self.today.isoformat(),
            "week_start": self.week_start,
            "actions": [self._action_json(action) for action in self.actions],
            "weeks": [
                {
                    "start": row.start.isoformat(),
                    "end": row.end.isoformat(),
                    "actions": {
                        action_id: {"count": cell.count, "target": cell.target, "met": cell.met}
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
        }


def week_cell(action: Action, day_counts: Mapping[int, int], start: int, today: int) -> WeekCell:
    """The cell of `action` for the week starting on ordinal `start` (days after `today` skipped)."""
    days = range(start, min(start + DAYS_PER_WEEK, today + 1))
    target = max(action.target, 1)
    if action.cadence == "day":
        count = sum(1 for o in days if day_counts.get(o, 0) >= target)
        return WeekCell(count=count, target=DAYS_PER_WEEK, met=count >= DAYS_PER_WEEK)
    count = sum(day_counts.get(o, 0) for o in days)
    return WeekCell(count=count, target=target, met=count >= target)


def weekly_summary(
    actions: Iterable[Action],
    logs: Iterable[LogEntry],
    today: dt.date,
    settings: Settings,
    weeks: int = 8,
) -> WeeklySummary:
    """The last `weeks` weeks (current first) of the active actions, in their `order`."""
    if weeks < 0:
        raise ValueError(f"weeks must be 0 or more, not {weeks}.")
    return summary_from_counts(actions, day_counts_by_action(logs, today), today, settings, weeks)


def summary_from_counts(
    actions: Iterable[Action],
    grouped: Mapping[str, Mapping[int, int]],
    today: dt.date,
    settings: Settings,
    weeks: int = 8,
    streaks: Mapping[str, StreakInfo] | None = None,
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
    if streaks is None:
        kept = {
            a.id: streak_from_counts(a, grouped.get(a.id, empty), today, week_start) for a in shown
        }
    else:
        kept = {a.id: streaks[a.id] for a in shown}
    newest = week_start_ordinal(today_ordinal, week_start)
    rows = []
    for i in range(weeks):
        start = newest - DAYS_PER_WEEK * i
        cells = {a.id: week_cell(a, grouped.get(a.id, empty), start, today_ordinal) for a in shown}
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
