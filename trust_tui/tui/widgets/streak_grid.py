"""The weekly summary as a grid: one row per action (its full name), one column per week (oldest
left, this week right), as many weeks as the width holds; a cell cursor moves over it."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from trust_tui.domain.summary import WeekCell, WeeklySummary
from trust_tui.domain.text import cell_width, fit
from trust_tui.tui.text import user_str

__all__ = [
    "CELL_WIDTH",
    "NAME_MAX",
    "StreakGrid",
    "cell_text",
    "name_width",
    "short_name",
    "weeks_that_fit",
]

NAME_MAX = 28
"""Names are cut only past this many cells (the detail pane always shows them whole)."""
CELL_WIDTH = 6
"""One week: five cells of figures and a space."""
MIN_WEEKS = 4


def cell_text(cell: WeekCell | None) -> Text:
    """Five cells, right-aligned, after one space: `✓1/1`, `3/7`, `·` (before the start: no
    figure, not a miss) or `‖` (paused and not met: skipped, not a miss)."""
    if cell is None or cell.status == "before_start":
        text, style = "·", "dim"
    elif cell.status == "paused":
        text, style = "‖", "italic"
    elif cell.met:
        figure = f"{cell.count}/{cell.target}"
        text, style = ("✓" + (figure if len(figure) <= 4 else str(cell.count))), "bold"
    else:
        text, style = f"{cell.count}/{cell.target}", "dim" if not cell.count else ""
    return Text(" " + text[:5].rjust(5), style=style, no_wrap=True)


def short_name(name: str, width: int = NAME_MAX) -> Text:
    return Text(user_str(fit(name, width)), no_wrap=True, overflow="crop")


def name_width(summary: WeeklySummary) -> int:
    return max(6, min(NAME_MAX, max((cell_width(a.name) for a in summary.actions), default=6)))


def weeks_that_fit(width: int, names: int, available: int) -> int:
    """How many week columns fit in `width` cells beside a name column `names` wide."""
    return max(MIN_WEEKS, min(available, (width - names - 1) // CELL_WIDTH))


def _header(start: dt.date, previous: dt.date | None, current: bool) -> Text:
    top = (
        "now"
        if current
        else (start.strftime("%b") if previous is None or previous.month != start.month else "")
    )
    label = Text(" " + top.rjust(5) + "\n " + start.strftime("%d").rjust(5), no_wrap=True)
    if current:
        label.stylize("bold reverse", 1)
    return label


class StreakGrid(DataTable[Text]):
    """Rows keyed by action id, columns by the week's start date (ISO); `name` is the first."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Calendar", id="week.calendar", show=True),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            cursor_type="cell",
            zebra_stripes=True,
            header_height=2,
            cell_padding=0,
            fixed_columns=1,
            **kwargs,  # type: ignore[arg-type]
        )
        self._summary: WeeklySummary | None = None
        self._shown_weeks = 0

    @property
    def summary(self) -> WeeklySummary | None:
        return self._summary

    def show(self, summary: WeeklySummary) -> None:
        self._summary = summary
        self._rebuild()

    def _fit(self) -> int:
        assert self._summary is not None
        width = self.size.width or self.app.size.width - 4
        return weeks_that_fit(width, name_width(self._summary), len(self._summary.weeks))

    def on_resize(self, event: events.Resize) -> None:
        if self._summary is not None and self._fit() != self._shown_weeks:
            self._rebuild()

    def _rebuild(self) -> None:
        summary = self._summary
        assert summary is not None
        keep = self.highlighted
        weeks = list(reversed(summary.weeks[: self._fit()]))  # oldest left, this week right
        self._shown_weeks = len(weeks)
        names = name_width(summary)
        self.clear(columns=True)
        self.add_column(Text("\nAction", no_wrap=True), width=names + 1, key="name")
        previous: dt.date | None = None
        for week in weeks:
            current = week is summary.weeks[0]
            self.add_column(
                _header(week.start, previous, current), width=CELL_WIDTH, key=week.start.isoformat()
            )
            previous = week.start
        for action in summary.actions:
            self.add_row(
                short_name(action.name, names),
                *(cell_text(week.cells.get(action.id)) for week in weeks),
                key=action.id,
            )
        if not summary.actions:
            return
        row, column = keep if keep is not None else (summary.actions[0].id, None)
        row_index = next((i for i, a in enumerate(summary.actions) if a.id == row), 0)
        keys = [w.start.isoformat() for w in weeks]
        column_index = keys.index(column) + 1 if column in keys else len(keys)
        self.cursor_coordinate = Coordinate(row_index, column_index)

    @property
    def highlighted(self) -> tuple[str, str | None] | None:
        """(action id, week start ISO, or None on the name column) under the cursor."""
        if self._summary is None or not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:  # an empty or rebuilt table: nothing highlighted
            return None
        column = key.column_key.value
        return str(key.row_key.value), (None if column == "name" else column)
