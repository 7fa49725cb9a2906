"""The partner's trust ratings at check-ins on a fixed 1-10 axis, never rescaled by the data.

One point per rated check-in (oldest left), three cells apart, so a 3 and a 4 are one row apart
whatever else was rated; a line of the rolling average of the last four beside them. Left and
right highlight a point; the screen shows that check-in's answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["AVERAGE_OF", "RatingChart", "RatingPoint", "rolling_average"]

AVERAGE_OF = 4
SPACING = 3
AXIS = 5
"""The label column: `10 ┤`."""


@dataclass(frozen=True, slots=True)
class RatingPoint:
    day: dt.date
    rating: int
    note: str
    uid: str


def rolling_average(ratings: list[int], count: int = AVERAGE_OF) -> list[float]:
    """For each rating, the mean of it and up to `count - 1` before it."""
    out = []
    for i in range(len(ratings)):
        window = ratings[max(0, i - count + 1) : i + 1]
        out.append(sum(window) / len(window))
    return out


class RatingChart(Widget, can_focus=True):
    BINDINGS = [
        Binding("left", "move(-1)", "Earlier check-in", show=False, id="chart.earlier"),
        Binding("right", "move(1)", "Later check-in", show=False, id="chart.later"),
        Binding("home", "move(-1000000)", "First check-in", show=False, id="chart.first"),
        Binding("end", "move(1000000)", "Latest check-in", show=False, id="chart.latest"),
    ]
    COMPONENT_CLASSES = {
        "rating-chart--axis",
        "rating-chart--point",
        "rating-chart--average",
        "rating-chart--cursor",
    }
    DEFAULT_CSS = """
    RatingChart { height: 13; }
    """

    cursor: reactive[int] = reactive(0)

    class Highlighted(Message):
        def __init__(self, point: RatingPoint | None) -> None:
            super().__init__()
            self.point = point

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.points: list[RatingPoint] = []

    def show(self, points: list[RatingPoint]) -> None:
        at_end = not self.points or self.cursor >= len(self.points) - 1
        self.points = points
        self.display = bool(points)
        self.cursor = len(points) - 1 if at_end else min(self.cursor, len(points) - 1)
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted))

    @property
    def highlighted(self) -> RatingPoint | None:
        return self.points[self.cursor] if 0 <= self.cursor < len(self.points) else None

    def action_move(self, step: int) -> None:
        if not self.points:
            return
        self.cursor = max(0, min(len(self.points) - 1, self.cursor + step))
        self.post_message(self.Highlighted(self.highlighted))

    def watch_cursor(self) -> None:
        self.refresh()

    def _window(self) -> range:
        """The points that fit, keeping the highlighted one in view (newest by default)."""
        fit = max(1, (self.size.width - AXIS - 1) // SPACING)
        last = max(min(len(self.points), fit), self.cursor + 1)
        return range(max(0, last - fit), last)

    def render(self) -> Text:
        axis = self.get_component_rich_style("rating-chart--axis")
        point = self.get_component_rich_style("rating-chart--point")
        average = self.get_component_rich_style("rating-chart--average")
        cursor = self.get_component_rich_style("rating-chart--cursor")
        shown = self._window()
        ratings = [p.rating for p in self.points]
        means = rolling_average(ratings)
        width = len(shown) * SPACING
        out = Text(no_wrap=True, overflow="crop")
        for value in range(10, 0, -1):
            out.append(f"{value:>3} ┤", style=axis)
            cells = [(" ", None)] * width
            for column, index in enumerate(shown):
                x = column * SPACING + 1
                if round(means[index]) == value:
                    cells[x - 1] = ("╶", average)
                    cells[x] = ("─", average)
                    cells[x + 1] = ("╴", average)
                if ratings[index] == value:
                    style = cursor if index == self.cursor else point
                    cells[x] = ("◆" if index == self.cursor else "●", style)
            for char, style in cells:
                out.append(char, style=style)
            out.append("\n")
        out.append("    └" + "─" * width + "\n", style=axis)
        # Dates: the first shown, the highlighted one, the last shown, where they fit.
        labels = [" "] * (width + 8)
        for index in (shown.start, self.cursor, shown.stop - 1):
            if index not in shown:
                continue
            text = self.points[index].day.strftime("%d %b")
            x = (index - shown.start) * SPACING
            x = min(x, len(labels) - len(text))
            if all(c == " " for c in labels[max(0, x - 1) : x + len(text) + 1]):
                labels[x : x + len(text)] = list(text)
        out.append("     " + "".join(labels).rstrip() + "\n", style=axis)
        out.append("     ● rating  ◆ highlighted  ", style=axis)
        out.append("╶─╴", style=average)
        out.append(f" average of the last {AVERAGE_OF}", style=axis)
        return out
