"""The second reference app of the start-up budget: Today's widget tree with no data.

The same widgets as trust-tui's Today screen, in the same order (Header, the title, the status
line, the action table with its six columns and placeholder rows, the bordered detail pane, the
hint, the Footer with the same bindings), with no project code and no data file, and only the
few layout rules of Today's panes as CSS: what any app showing that screen pays before it reads
a byte. `tests/unit/test_benchmarks_today.py` keeps it in step with Today. Run as a whole
process by the benchmark, exactly like `trust-tui`; it quits on ctrl+q.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

MARKER = "today-reference-first-frame"
"""Text of the hint line: the runner watches the terminal output for it."""

ROWS = 6
COLUMNS = ("Action", "This period", "Streak", "Step", "Due", "Last done")
DETAIL = (
    "Action 1\n"
    "0/1 this week; streak 10 weeks.\n"
    "Why (step 3.1, a step title): a sentence of about the length of a step's summary, which "
    "wraps onto a second line at 100 columns."
)


class TodayReferenceApp(App[None]):
    CSS = """
    #title, #status { padding: 0 1; }
    #table { height: auto; max-height: 12; margin: 1 0 0 0; }
    #detail { margin: 1 1 0 1; padding: 0 1; border-left: thick $primary; height: auto; }
    #hint { padding: 1 1 0 1; }
    """
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
        yield Static("Today", id="title", markup=False)
        yield Static("3 still open today or this week.", id="status", markup=False)
        yield DataTable(id="table", cursor_type="row", zebra_stripes=False)
        yield Static(DETAIL, id="detail", markup=False)
        yield Static(MARKER, id="hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column)
        for row in range(ROWS):
            table.add_row(f"Action {row + 1}", "0/1 today", "–", "3.3", "due", "5 days ago")
        table.focus()

    def action_noop(self) -> None:
        pass


if __name__ == "__main__":
    TodayReferenceApp().run()
