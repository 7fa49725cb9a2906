"""A calendar heat map of recent months: one cell per day, a shade per number of logs.

Every level has its own glyph as well as its own colour, so the levels stay apart in a 16-colour
terminal, a 256-colour one, or none. The levels are fixed counts (never rescaled by the data),
and a legend says what each means. Days before the start (of the action shown, or of the first
log in the file) are left blank: nothing there is a miss.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from rich.text import Text
from textual.widget import Widget

from trust_tui.domain.calendar import week_start_date
from trust_tui.domain.models import WEEKDAYS, LogEntry, Pause
from trust_tui.domain.streaks import PauseCover

__all__ = ["GLYPHS", "LEGEND", "HeatMap", "day_counts", "level_of"]

LEVELS = 4
GLYPHS = ("·", "░", "▒", "▓", "█")
"""Level 0 (nothing logged) to 4 (four logs or more)."""
LEGEND = ("none", "1", "2", "3", "4+")
PAUSED = "‖"


def day_counts(logs: Iterable[LogEntry], since: dt.date, until: dt.date) -> Counter[dt.date]:
    return Counter(e.date for e in logs if since <= e.date <= until)


def level_of(count: int) -> int:
    return min(LEVELS, max(0, count))


class HeatMap(Widget, can_focus=True):
    """Columns are weeks (oldest left), rows weekdays starting on the week start. It takes focus
    only so that tab brings it into view on a small terminal."""

    COMPONENT_CLASSES = {f"heat-map--level-{n}" for n in range(LEVELS + 1)} | {
        "heat-map--label",
        "heat-map--paused",
    }

    DEFAULT_CSS = """
    HeatMap { height: 10; }
    """

    def __init__(self, weeks: int = 26, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.weeks = weeks
        self._counts: Counter[dt.date] = Counter()
        self._today = dt.date.today()
        self._week_start = 0
        self._start: dt.date | None = None
        self._paused = PauseCover(())

    def show(
        self,
        logs: Iterable[LogEntry],
        today: dt.date,
        week_start: int,
        *,
        start: dt.date | None = None,
        pauses: Iterable[Pause] = (),
    ) -> None:
        """`logs` of what is shown (all actions, or one); `start` its first day."""
        self._today = today
        self._week_start = week_start
        first = week_start_date(today, week_start) - dt.timedelta(weeks=self.weeks - 1)
        self._counts = day_counts(logs, first, today)
        self._start = start
        self._paused = PauseCover(pauses)
        self.refresh()

    def level_styles(self) -> list[object]:
        return [self.get_component_rich_style(f"heat-map--level-{n}") for n in range(LEVELS + 1)]

    def render(self) -> Text:
        weeks = max(1, min(self.weeks, (self.size.width - 5) // 2 or self.weeks))
        first = week_start_date(self._today, self._week_start) - dt.timedelta(weeks=weeks - 1)
        label_style = self.get_component_rich_style("heat-map--label")
        paused_style = self.get_component_rich_style("heat-map--paused")
        styles = self.level_styles()
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
        for row in range(7):
            weekday = (self._week_start + row) % 7
            out.append(WEEKDAYS[weekday][:3].capitalize() + "  ", style=label_style)
            for w in range(weeks):
                day = first + dt.timedelta(weeks=w, days=row)
                if day > self._today or (self._start is not None and day < self._start):
                    out.append("  ")
                    continue
                n = self._counts.get(day, 0)
                if not n and self._paused and self._paused.covers(day.toordinal()):
                    out.append(PAUSED + " ", style=paused_style)
                    continue
                level = level_of(n)
                out.append(GLYPHS[level] + " ", style=styles[level])
            out.append("\n")
        out.append("     ", style=label_style)
        for level in range(LEVELS + 1):
            out.append(GLYPHS[level], style=styles[level])
            out.append(f" {LEGEND[level]}  ", style=label_style)
        out.append("logs a day  ", style=label_style)
        out.append(PAUSED, style=paused_style)
        out.append(" paused", style=label_style)
        return out
