"""The weekly summary as a grid: weeks (newest first) × actions, count/target and a met mark."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from trust_tui.domain.summary import WeekCell, WeeklySummary
from trust_tui.tui.text import user_cell

__all__ = ["StreakGrid", "cell_text"]

HEADER_WIDTH = 10
"""The narrowest an action's column header gets (80 columns, five or more actions)."""
WEEK_COLUMN = 20
"""The week column and the page's own padding and scroll bar."""


def cell_text(cell: WeekCell | None) -> Text:
    if cell is None:
        return Text("·", style="dim")
    if cell.met:
        return Text(f"✓ {cell.count}/{cell.target}", style="bold")
    if cell.count:
        return Text(f"  {cell.count}/{cell.target}")
    return Text(f"  {cell.count}/{cell.target}", style="dim")


def short_name(name: str, width: int = HEADER_WIDTH) -> Text:
    label = name if len(name) <= width else name[: width - 1] + "…"
    return user_cell(label, no_wrap=True)


def header_width(screen_width: int, actions: int) -> int:
    """As wide as the screen allows, so names are cut only when they must be."""
    if actions == 0:
        return HEADER_WIDTH
    return max(HEADER_WIDTH, min(24, (screen_width - WEEK_COLUMN) // actions - 2))


class StreakGrid(DataTable[Text]):
    """Rows keyed by the week's start date (ISO); the current week on top, marked ←."""

    def __init__(self, **kwargs: object) -> None:
        # Read-only: the page around it scrolls, the grid takes no focus.
        super().__init__(cursor_type="none", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.can_focus = False

    def show(self, summary: WeeklySummary) -> None:
        self.clear(columns=True)
        self.add_column("Week of", key="week")
        width = header_width(self.app.size.width, len(summary.actions))
        for action in summary.actions:
            self.add_column(short_name(action.name, width), key=action.id)
        for index, week in enumerate(summary.weeks):
            label = week.start.strftime("%d %b %y")
            if index == 0:
                label += " ←"
            self.add_row(
                Text(label, no_wrap=True),
                *(cell_text(week.cells.get(action.id)) for action in summary.actions),
                key=week.start.isoformat(),
            )
