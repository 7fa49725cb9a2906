"""The second reference app of the start-up budget: Today's widget tree with no data.

The same widgets as trust-tui's Today screen (Header, a title, the action table with placeholder
rows, the detail pane, the hint, the Footer with the same bindings) and no project code, data file
or stylesheet: what any app showing that screen pays before it reads a byte. Run as a whole process
by the benchmark, exactly like `trust-tui`; it quits on ctrl+q.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

MARKER = "today-reference-first-frame"
"""Text of the hint line: the runner watches the terminal output for it."""

ROWS = 6


class TodayReferenceApp(App[None]):
    BINDINGS = [
        Binding("t", "noop", "Today"),
        Binding("w", "noop", "Week"),
        Binding("h", "noop", "History"),
        Binding("g", "noop", "Guide"),
        Binding("a", "noop", "Actions", show=False),
        Binding("s", "noop", "Settings", show=False),
        Binding("question_mark", "noop", "Help"),
        Binding("exclamation_mark", "noop", "Safety"),
        Binding("q", "noop", "Quit"),
        Binding("l", "noop", "Log", show=False),
        Binding("n", "noop", "Note"),
        Binding("b", "noop", "Earlier day"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Today", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=False)
        yield Static("", markup=False)
        yield Static(MARKER, markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in ("Action", "This period", "Streak", "Step"):
            table.add_column(column)
        for row in range(ROWS):
            table.add_row(f"Action {row + 1}", "0/1 today", "–", "3.3")
        table.focus()

    def action_noop(self) -> None:
        pass


if __name__ == "__main__":
    TodayReferenceApp().run()
