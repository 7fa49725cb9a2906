"""The yardstick of the summary budget (docs/design.md §8): a plain-`datetime` loop.

What a careful programmer writes without thinking about speed: group the logs by action into
`Counter`s of `datetime.date`, cut periods with `timedelta`, walk back for the current streak,
scan for the best, and sum the last N weeks. No ordinals, no pendulum. It computes the same
figures as `trust_tui.domain` (the benchmark test checks that), so the ratio compares like with
like.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from trust_tui.domain.models import Action, LogEntry

ONE_DAY = dt.timedelta(days=1)
ONE_WEEK = dt.timedelta(days=7)


def _period_start(day: dt.date, cadence: str, week_start: int) -> dt.date:
    if cadence == "day":
        return day
    return day - dt.timedelta(days=(day.weekday() - week_start) % 7)


def reference_summary(
    actions: Iterable[Action],
    logs: Iterable[LogEntry],
    today: dt.date,
    week_start: int,
    weeks: int = 12,
) -> dict[str, dict[str, object]]:
    """Per action id: current, best, this period's count, and the last `weeks` week cells
    (count, target, met; newest first; a day action counts met days out of 7)."""
    by_action: defaultdict[str, Counter[dt.date]] = defaultdict(Counter)
    for log in logs:
        if log.date <= today:
            by_action[log.action][log.date] += 1
    newest_week = _period_start(today, "week", week_start)
    result: dict[str, dict[str, object]] = {}
    for action in actions:
        days = by_action.get(action.id, Counter())
        target = max(action.target, 1)
        periods: Counter[dt.date] = Counter()
        for day, n in days.items():
            periods[_period_start(day, action.cadence, week_start)] += n
        met = sorted(p for p, n in periods.items() if n >= target)
        met_set = set(met)
        step = ONE_DAY if action.cadence == "day" else ONE_WEEK
        now = _period_start(today, action.cadence, week_start)
        p = now if now in met_set else now - step
        current = 0
        while p in met_set:
            current += 1
            p -= step
        best = run = 0
        previous = None
        for p in met:
            run = run + 1 if previous is not None and p - previous == step else 1
            best = max(best, run)
            previous = p
        cells = []
        for i in range(weeks):
            start = newest_week - i * ONE_WEEK
            shown = [start + k * ONE_DAY for k in range(7) if start + k * ONE_DAY <= today]
            if action.cadence == "day":
                count = sum(1 for d in shown if days.get(d, 0) >= target)
                cells.append((count, 7, count >= 7))
            else:
                count = sum(days.get(d, 0) for d in shown)
                cells.append((count, target, count >= target))
        result[action.id] = {
            "current": current,
            "best": best,
            "this_period": periods.get(now, 0),
            "weeks": cells,
        }
    return result
