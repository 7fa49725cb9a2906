"""A calendar heat map of recent months: one cell per day, darker for more logged."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget

from trust_tui.domain.calendar import week_start_date
from trust_tui.domain.models import WEEKDAYS, LogEntry

__all__ = ["HeatMap", "day_counts"]

LEVELS = 4


def day_counts(logs: Iterable[LogEntry], since: dt.date, until: dt.date) -> Counter[dt.date]:
    return Counter(e.date for e in logs if since <= e.date <= until)


class HeatMap(Widget):
    """Columns are weeks (oldest left), rows weekdays starting on the week start."""

    COMPONENT_CLASSES = {f"heat-map--level-{n}" for n in range(LEVELS + 1)} | {"heat-map--label"}

    DEFAULT_CSS = """
    HeatMap { height: 9; }
    """

    def __init__(self, weeks: int = 26, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.weeks = weeks
        self._counts: Counter[dt.date] = Counter()
        self._today = dt.date.today()
        self._week_start = 0

    def show(self, logs: Iterable[LogEntry], today: dt.date, week_start: int) -> None:
        self._today = today
        self._week_start = week_start
        first = week_start_date(today, week_start) - dt.timedelta(weeks=self.weeks - 1)
        self._counts = day_counts(logs, first, today)
        self.refresh()

    def _first_day(self) -> dt.date:
        return week_start_date(self._today, self._week_start) - dt.timedelta(weeks=self.weeks - 1)

    def render(self) -> Text:
        weeks = max(1, min(self.weeks, (self.size.width - 5) // 2 or self.weeks))
        first = week_start_date(self._today, self._week_start) - dt.timedelta(weeks=weeks - 1)
        label_style = self.get_component_rich_style("heat-map--label")
        styles = [self.get_component_rich_style(f"heat-map--level-{n}") for n in range(LEVELS + 1)]
        out = Text(no_wrap=True, overflow="crop")
        # Month names above the week where each month begins.
        months = [" "] * (weeks * 2)
        for w in range(weeks):
            start = first + dt.timedelta(weeks=w)
            end = start + dt.timedelta(days=6)
            if start.day == 1 or start.month != end.month or w == 0:
                name = (end if start.month != end.month else start).strftime("%b")
                if w * 2 + len(name) <= len(months) and all(
                    c == " " for c in months[w * 2 : w * 2 + len(name) + 1]
                ):
                    months[w * 2 : w * 2 + len(name)] = list(name)
        out.append("     " + "".join(months).rstrip() + "\n", style=label_style)
        top = max(self._counts.values(), default=0)
        for row in range(7):
            weekday = (self._week_start + row) % 7
            out.append(WEEKDAYS[weekday][:3].capitalize() + "  ", style=label_style)
            for w in range(weeks):
                day = first + dt.timedelta(weeks=w, days=row)
                if day > self._today:
                    out.append("  ")
                    continue
                n = self._counts.get(day, 0)
                level = 0 if n == 0 else min(LEVELS, 1 + (n - 1) * LEVELS // max(top, 1))
                out.append("■ " if n else "· ", style=styles[level])
            out.append("\n")
        out.append("     less ", style=label_style)
        for level in range(LEVELS + 1):
            out.append("■ " if level else "· ", style=styles[level])
        out.append("more", style=label_style)
        return out
